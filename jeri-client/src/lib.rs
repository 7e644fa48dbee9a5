//! Typed Rust client for the JeriCommerce Public API.

pub mod links;

pub use links::{AuthToken, DownloadToken, Link, LinkBuilder, LinkError, RedirectTo, Slug};
