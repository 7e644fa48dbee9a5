//! Oxide's buildomat, a CI service (`specs/buildomat.json`), with example calls.

jeri_macros::generate!("../../../../shared/specs/buildomat.json", example_calls);
