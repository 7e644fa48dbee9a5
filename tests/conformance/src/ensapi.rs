//! ENS's API (`specs/realworld/ensapi.json`), with example calls; the operation skipped
//! is the corpus's (see `jeri_corpus::specs::SPECS`).

jeri_macros::generate!(
    "../../../../shared/specs/realworld/ensapi.json",
    skip("resolveRecords"),
    example_calls
);

/// The generated server for the same spec, with `examples::ExampleServer` answering every
/// operation with an example of its first documented success.
pub mod service {
    jeri_macros::generate!(
        "../../../../shared/specs/realworld/ensapi.json",
        server,
        example_answers
    );
}
