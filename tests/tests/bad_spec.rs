//! Specs with problems must fail to compile with messages that name the spec file, the
//! place in the spec, what is wrong and what to do, and nothing else: no follow-on errors
//! from the generated code. Each case in `tests/ui/bad_spec/` is one class of problem.
//! `TRYBUILD=overwrite cargo test -p jeri-tests --test bad_spec` rewrites the expected
//! `.stderr` files; review them before committing.

#[test]
fn bad_specs_fail_with_located_errors() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/bad_spec/*.rs");
}
