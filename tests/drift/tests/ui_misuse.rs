//! Misuse of the client that must not compile: a missing required argument, a string
//! where an enum is expected, a merchant-only operation on a customer client, the wrong
//! kind of token or a redirect in a link builder. Each case in `tests/drift/ui/misuse/`
//! keeps the expected compiler output beside it; `TRYBUILD=overwrite cargo test -p
//! jeri-drift-tests --test ui_misuse` rewrites it, to be reviewed before committing.

#[test]
fn misuse_fails_to_compile() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/misuse/*.rs");
}
