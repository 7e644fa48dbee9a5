//! nexus, Oxide's control-plane API (`specs/nexus.json`, 193 operations): a large spec
//! compiled in full.

jeri_macros::generate!("../../../../shared/specs/nexus.json");
