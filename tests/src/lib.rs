//! Integration, reliability and bad-spec compile-fail tests for the jeri workspace (see `tests/`).
//!
//! The library is what the integration tests share: a [`recording`] loopback
//! server that keeps every request byte for byte, a [`raw`] server that
//! answers with arbitrary bytes, the spec's [`operations`] as a table,
//! [`fixtures`] (credentials, clients, documented bodies), helpers to
//! check [`redaction`] of secrets, and a runner for property [`cases`]
//! that share one server.

pub mod cases;
pub mod fixtures;
pub mod operations;
pub mod raw;
pub mod redaction;

/// The loopback recording server, shared with the other packages' tests.
pub use jeri_test_support as recording;
