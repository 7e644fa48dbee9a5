//! Talon.One's management and integration API (`specs/realworld/talon-one.yaml`), with
//! example calls. Large: built with the `large` feature only.

jeri_macros::generate!(
    "../../../../shared/specs/realworld/talon-one.yaml",
    example_calls
);
