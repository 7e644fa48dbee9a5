//! Juspay's hyperswitch, a payments switch (`specs/realworld/hyperswitch.json`), with
//! example calls. Large: built with the `large` feature only.

jeri_macros::generate!(
    "../../../../shared/specs/realworld/hyperswitch.json",
    example_calls
);
