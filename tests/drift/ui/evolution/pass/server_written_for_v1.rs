//! The server implementation every server evolution case shares, against the spec it was
//! written for.

mod api {
    jeri_macros::generate!("../specs/shop_v1.yaml", server);
}

include!("../server_impl.rs");
