//! An operation added to the spec (`listItems`) does not break the implementation: its
//! trait method has a default that answers `501 Not Implemented`.

mod api {
    jeri_macros::generate!("../specs/shop_op_added.yaml", server);
}

include!("../server_impl.rs");
