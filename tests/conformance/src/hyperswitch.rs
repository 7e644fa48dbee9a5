//! Juspay's hyperswitch, a payments switch (`specs/realworld/hyperswitch.json`), with
//! example calls. Large: built with the `large` feature only.

jeri_macros::generate!(
    "../../../../shared/specs/realworld/hyperswitch.json",
    example_calls
);

/// The generated server for the same spec, with `examples::ExampleServer` answering every
/// operation with an example of its first documented success.
pub mod service {
    jeri_macros::generate!(
        "../../../../shared/specs/realworld/hyperswitch.json",
        server,
        example_answers
    );
}
