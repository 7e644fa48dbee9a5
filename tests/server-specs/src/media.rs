//! media: a small spec of jeri's own (`specs/media.yaml`) for what a generated server
//! reads and writes beyond JSON: cookie parameters, credentials in a cookie, http basic
//! and another `Authorization` scheme, multipart forms with files, text and byte bodies.

/// media's server side.
pub mod api {
    jeri_macros::generate!("../specs/media.yaml", server);
}

/// media's client side.
pub mod client {
    jeri_macros::generate!("../specs/media.yaml");
}
