//! How the spec may evolve under a caller that builds request bodies with `new` and
//! setters: the same caller code (written for `ui/evolution/specs/order_v1.yaml`) keeps
//! compiling when the spec gains an optional property, and fails to compile, naming the
//! property, when one is removed or renamed or a required one is added. On the server
//! side, an implementation of the generated `Server` trait (`ui/evolution/server_impl.rs`,
//! written for `specs/shop_v1.yaml`) keeps compiling when the spec gains an operation,
//! and fails to compile, naming the method, when one is removed.
//! `TRYBUILD=overwrite cargo test -p jeri-drift-tests --test ui_evolution` rewrites the
//! expected compiler output of the failing cases, to be reviewed before committing.

#[test]
fn non_breaking_changes_compile_and_breaking_ones_do_not() {
    let cases = trybuild::TestCases::new();
    cases.pass("ui/evolution/pass/*.rs");
    cases.compile_fail("ui/evolution/fail/*.rs");
}
