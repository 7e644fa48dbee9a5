//! Typed Rust client for the JeriCommerce Public API.
