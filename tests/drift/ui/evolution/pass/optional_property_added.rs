//! Adding an optional property (`giftNote`) breaks no caller: it is left out.

mod api {
    jeri_macros::generate!(
        "../specs/order_optional_added.yaml",
        runtime = ::jeri_client::runtime
    );
}

include!("../caller.rs");
