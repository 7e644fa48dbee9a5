//! Oxide's keeper, a small job-runner API (`specs/keeper.json`), with example calls.

jeri_macros::generate!("../../../../shared/specs/keeper.json", example_calls);

/// The generated server for the same spec, with `examples::ExampleServer` answering every
/// operation with an example of its first documented success.
pub mod service {
    jeri_macros::generate!(
        "../../../../shared/specs/keeper.json",
        server,
        example_answers
    );
}
