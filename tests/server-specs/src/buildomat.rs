//! buildomat: Oxide's CI job service (21 operations): path, query and header parameters,
//! JSON, `text/plain` and `application/octet-stream` bodies, a `default` response.

/// buildomat's server side.
pub mod api {
    jeri_macros::generate!("../../../../shared/specs/buildomat.json", server);
}

/// buildomat's client side.
pub mod client {
    jeri_macros::generate!("../../../../shared/specs/buildomat.json");
}
