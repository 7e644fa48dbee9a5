//! Talon.One's management and integration API (`specs/realworld/talon-one.yaml`), with
//! example calls. Large: built with the `large` feature only.

jeri_macros::generate!(
    "../../../../shared/specs/realworld/talon-one.yaml",
    example_calls
);

/// The generated server for the same spec, with `examples::ExampleServer` answering every
/// operation with an example of its first documented success.
pub mod service {
    jeri_macros::generate!(
        "../../../../shared/specs/realworld/talon-one.yaml",
        server,
        example_answers
    );
}
