//! The API-shape drift suite: each case in `tests/drift/ui/api_shape/` uses one operation
//! (or one hand-written part of `jeri-client`) the way a service does, with every argument,
//! setter, body field and response field spelled out with its type. A spec edit that
//! removes an operation, makes an optional parameter required, or renames or retypes a
//! field makes the case named after that operation fail to compile, and the compiler
//! error names the method or field that changed.

#[test]
fn api_shape_of_every_operation_compiles() {
    let cases = trybuild::TestCases::new();
    cases.pass("ui/api_shape/*.rs");
}
