//! A local, stateful JeriCommerce server built from the same OpenAPI spec as jeri-client.
#![deny(missing_docs)]

mod clock;
mod ids;
mod store;
