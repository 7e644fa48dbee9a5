//! The HTTP plumbing every generated operation goes through.
//!
//! Generated code builds a [`Call`] (path pieces, query, headers, body),
//! sends it with [`execute`], and decodes the [`Received`] response
//! according to the status codes the spec documents; [`Call::send`] and
//! [`Response`] do the same step by step. Everything about HTTP lives here: credentials
//! ([`Transport`], [`Credentials`], [`Secret`]), URL encoding, retries
//! ([`RetryPolicy`], [`CallOptions`]), timeouts, bounded body reading, and
//! the one [`Error`] type.

mod api_error;
mod auth;
mod body;
mod brackets;
mod builder;
mod call;
mod credentials;
mod encoding;
mod environment;
mod error;
mod media;
mod multipart;
mod operation;
mod options;
mod parameters;
mod received;
mod response;
mod retry;
mod secret;
mod transport;

use std::future::Future;
use std::pin::Pin;

pub use api_error::{ApiError, ErrorBody};
pub use builder::TransportBuilder;
pub use call::{Call, execute};
pub use credentials::Credentials;
pub use environment::Environment;
pub use error::{Error, TransportErrorKind};
pub use multipart::Multipart;
pub use operation::{Method, OperationInfo, SecurityRequirement};
pub use options::CallOptions;
pub use received::Received;
pub use response::Response;
pub use retry::RetryPolicy;
pub use secret::Secret;
pub use transport::Transport;

/// The future returned by a request's `send()` and `IntoFuture`.
pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;
