//! Code generated for another runtime contract fails to build with one error that names
//! the versions to align (`ui/contract_mismatch.stderr`, written by `TRYBUILD=overwrite`).
#![cfg(corpus)]

#[test]
fn a_contract_mismatch_is_one_clear_error() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/contract_mismatch.rs");
}
