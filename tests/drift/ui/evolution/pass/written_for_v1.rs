//! The caller code every evolution case shares, against the spec it was written for.

mod api {
    jeri_macros::generate!(
        "ui/evolution/specs/order_v1.yaml",
        runtime = ::jeri_client::runtime
    );
}

include!("../caller.rs");
