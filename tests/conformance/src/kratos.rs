//! Ory kratos, an identity service (`specs/realworld/kratos.json`), with example calls;
//! the operation skipped is the corpus's (see `jeri_corpus::specs::SPECS`).

jeri_macros::generate!(
    "../../../../shared/specs/realworld/kratos.json",
    skip("updateSettingsFlow"),
    example_calls
);

/// The generated server for the same spec, with `examples::ExampleServer` answering every
/// operation with an example of its first documented success.
pub mod service {
    jeri_macros::generate!(
        "../../../../shared/specs/realworld/kratos.json",
        skip("updateSettingsFlow"),
        server,
        example_answers
    );
}
