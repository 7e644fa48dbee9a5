//! memos, a note-taking service (`specs/realworld/memos.yaml`), with example calls.

jeri_macros::generate!(
    "../../../../shared/specs/realworld/memos.yaml",
    example_calls
);

/// The generated server for the same spec, with `examples::ExampleServer` answering every
/// operation with an example of its first documented success.
pub mod service {
    jeri_macros::generate!(
        "../../../../shared/specs/realworld/memos.yaml",
        // Custom methods (`{user}:getStats`) and a `*` segment: the generated server routes
        // whole segments only (see `defects.rs`).
        skip(
            "/api/v1/instance/{instance}/*",
            "/api/v1/users/{user}/webhooks/{webhook}:getSigningSecret",
            "/api/v1/users/{user}:getStats"
        ),
        server,
        example_answers
    );
}
