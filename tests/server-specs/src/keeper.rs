//! keeper: a small job-runner API (6 operations, a bearer token in a declared
//! `Authorization` header parameter).

/// keeper's server side.
pub mod api {
    jeri_macros::generate!("../../../../shared/specs/keeper.json", server);
}

/// keeper's client side.
pub mod client {
    jeri_macros::generate!("../../../../shared/specs/keeper.json");
}
