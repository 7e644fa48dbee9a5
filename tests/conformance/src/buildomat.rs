//! Oxide's buildomat, a CI service (`specs/buildomat.json`), with example calls.

jeri_macros::generate!("../../../../shared/specs/buildomat.json", example_calls);

/// The generated server for the same spec, with `examples::ExampleServer` answering every
/// operation with an example of its first documented success.
pub mod service {
    jeri_macros::generate!(
        "../../../../shared/specs/buildomat.json",
        server,
        example_answers
    );
}
