//! streams: jeri's own spec of streamed and paged responses (`tests/specs/streams.yaml`),
//! for a generated server answering Server-Sent Events with a handler's stream.

/// streams' server side.
pub mod api {
    jeri_macros::generate!("../../specs/streams.yaml", server);
}

/// streams' client side.
pub mod client {
    jeri_macros::generate!("../../specs/streams.yaml");
}
