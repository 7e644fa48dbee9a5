//! Removing a property (`note`) must fail to compile, naming it.

mod api {
    jeri_macros::generate!(
        "../specs/order_property_removed.yaml",
        runtime = ::jeri_client::runtime
    );
}

include!("../caller.rs");
