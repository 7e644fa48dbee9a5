//! ENS's API (`specs/realworld/ensapi.json`), with example calls; the operation skipped
//! is the corpus's (see `jeri_corpus::specs::SPECS`).

jeri_macros::generate!(
    "../../../../shared/specs/realworld/ensapi.json",
    skip("resolveRecords"),
    example_calls
);
