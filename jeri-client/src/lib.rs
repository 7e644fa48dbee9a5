//! Typed Rust client for the JeriCommerce Public API.
#![deny(missing_docs)]

pub mod links;
pub mod runtime;

pub use runtime::Error;
pub use links::{AuthToken, DownloadToken, Link, LinkBuilder, LinkError, RedirectTo, Slug};
