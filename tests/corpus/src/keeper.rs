//! keeper, a small job-runner API (`specs/keeper.json`, 6 operations).

jeri_macros::generate!("../../../../shared/specs/keeper.json");
