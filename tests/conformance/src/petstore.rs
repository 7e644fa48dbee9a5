//! the Swagger petstore (`specs/realworld/petstore.yaml`), with example calls.

jeri_macros::generate!(
    "../../../../shared/specs/realworld/petstore.yaml",
    example_calls
);

/// The generated server for the same spec, with `examples::ExampleServer` answering every
/// operation with an example of its first documented success.
pub mod service {
    jeri_macros::generate!(
        "../../../../shared/specs/realworld/petstore.yaml",
        server,
        example_answers
    );
}
