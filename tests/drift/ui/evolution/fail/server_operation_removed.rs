//! Removing an operation (`ping`) must fail to compile in the implementation, naming the
//! method and the operation's types.

mod api {
    jeri_macros::generate!("../specs/shop_ping_removed.yaml", server);
}

include!("../server_impl.rs");
