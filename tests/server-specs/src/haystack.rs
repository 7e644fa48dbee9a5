//! haystack: a document search API (12 operations, one a `multipart/form-data` upload of
//! several files).

/// haystack's server side.
pub mod api {
    jeri_macros::generate!("../../../../shared/specs/realworld/haystack.json", server);
}

/// haystack's client side.
pub mod client {
    jeri_macros::generate!("../../../../shared/specs/realworld/haystack.json");
}
