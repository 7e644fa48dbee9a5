//! Renaming a property (`note` → `comment`) must fail to compile, naming the old name.

mod api {
    jeri_macros::generate!(
        "../specs/order_property_renamed.yaml",
        runtime = ::jeri_client::runtime
    );
}

include!("../caller.rs");
