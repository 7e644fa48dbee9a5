//! A client for keeper's API (`../shared/specs/keeper.json`), generated on `jeri-runtime`
//! alone: the package depends on no JeriCommerce crate.
//!
//! keeper's spec names no server, so [`keeper::Client::transport_builder`] has no base
//! URL and refuses to build until the caller gives one.
//!
//! Without the shared corpus beside the repository the module is left out with a build
//! warning (and the build fails under `CI=true`), as in `jeri-corpus`.

/// keeper's operations, types and clients.
#[cfg(corpus)]
pub mod keeper {
    jeri_macros::generate!("../../../../shared/specs/keeper.json");
}
