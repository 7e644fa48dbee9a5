//! memos, a note-taking service (`specs/realworld/memos.yaml`), with example calls.

jeri_macros::generate!(
    "../../../../shared/specs/realworld/memos.yaml",
    example_calls
);
