//! A client for nexus, Oxide's control-plane API (`specs/nexus.json`, 193 operations):
//! the large spec, compiled to keep the generator honest about size.

jeri_macros::generate!("../specs/nexus.json", runtime = ::jeri_client::runtime);
