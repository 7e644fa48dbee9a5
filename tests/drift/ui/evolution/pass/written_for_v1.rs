//! The caller code every evolution case shares, against the spec it was written for.

mod api {
    jeri_macros::generate!(
        "../specs/order_v1.yaml",
        runtime = ::jeri_client::runtime
    );
}

include!("../caller.rs");
