//! The JeriCommerce API (`spec/openapi.yaml`), with example calls.

jeri_macros::generate!("../../../spec/openapi.yaml", example_calls);

/// The generated server for the same spec, with `examples::ExampleServer` answering every
/// operation with an example of its first documented success.
pub mod service {
    jeri_macros::generate!("../../../spec/openapi.yaml", server, example_answers);
}
