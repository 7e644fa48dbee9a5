//! Oxide's nexus, the control-plane API (`specs/nexus.json`), with example calls.

jeri_macros::generate!("../../../../shared/specs/nexus.json", example_calls);
