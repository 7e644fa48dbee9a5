//! Oxide's keeper, a small job-runner API (`specs/keeper.json`), with example calls.

jeri_macros::generate!("../../../../shared/specs/keeper.json", example_calls);
