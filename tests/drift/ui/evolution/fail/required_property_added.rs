//! Adding a required property (`currency`) must fail to compile: `new` takes it.

mod api {
    jeri_macros::generate!(
        "../specs/order_required_added.yaml",
        runtime = ::jeri_client::runtime
    );
}

include!("../caller.rs");
