//! haystack, a search pipeline API (`specs/realworld/haystack.json`), with example calls.

jeri_macros::generate!(
    "../../../../shared/specs/realworld/haystack.json",
    example_calls
);
