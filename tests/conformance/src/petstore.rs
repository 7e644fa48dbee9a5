//! the Swagger petstore (`specs/realworld/petstore.yaml`), with example calls.

jeri_macros::generate!(
    "../../../../shared/specs/realworld/petstore.yaml",
    example_calls
);
