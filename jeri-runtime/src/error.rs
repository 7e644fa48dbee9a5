//! The crate's one error type.

use std::fmt;

use super::ApiError;

/// Everything that can go wrong when configuring a client or calling the API.
///
/// No variant ever contains a credential: secrets are [`Secret`](super::Secret)s,
/// when the API key travels in the query string the URL is stripped from
/// transport errors, and the response text kept by [`Error::Decode`],
/// [`Error::ContentType`] and [`Error::Api`] has the transport's API key and
/// bearer token and every JWT-shaped string replaced by `[REDACTED]`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with a status the operation does not treat as success.
    #[error(transparent)]
    Api(ApiError),
    /// The request could not be sent or the response could not be read.
    #[error("{operation}: {kind}: {source}")]
    Transport {
        /// The operation id.
        operation: &'static str,
        /// What kind of failure it was.
        kind: TransportErrorKind,
        /// The underlying HTTP client error.
        #[source]
        source: reqwest::Error,
    },
    /// A success response whose body does not match the expected type.
    #[error(
        "{operation}: HTTP {status} response body is not the documented JSON at `{path}`: {source}; body starts with: {excerpt:?}"
    )]
    Decode {
        /// The operation id.
        operation: &'static str,
        /// The response status.
        status: u16,
        /// Where in the body decoding failed: the property path, such as
        /// `loyaltyData.memberSince` or `items[2].id`, or `.` for the body as a
        /// whole (not JSON at all, or the wrong kind of value at the top).
        path: String,
        /// The start of the body (at most about 512 characters), with the
        /// transport's credentials and JWT-shaped strings replaced by `[REDACTED]`.
        excerpt: String,
        /// Why decoding failed.
        #[source]
        source: serde_json::Error,
    },
    /// A success response in a media type the operation does not document for its
    /// status: not JSON where JSON is documented, or none of the media types of a
    /// response documented in several.
    #[error(
        "{operation}: HTTP {status} response has content type {content_type:?}, which the operation does not document for it; body starts with: {excerpt:?}"
    )]
    ContentType {
        /// The operation id.
        operation: &'static str,
        /// The response status.
        status: u16,
        /// The `Content-Type` the server sent.
        content_type: String,
        /// The start of the body (at most about 512 characters), with the
        /// transport's credentials and JWT-shaped strings replaced by `[REDACTED]`.
        excerpt: String,
    },
    /// A response body larger than the transport's limit.
    #[error("{operation}: HTTP {status} response body exceeds the {limit}-byte limit")]
    BodyTooLarge {
        /// The operation id.
        operation: &'static str,
        /// The response status.
        status: u16,
        /// The configured limit in bytes.
        limit: usize,
    },
    /// An argument cannot be sent (empty path parameter, invalid header
    /// value, unserializable body); nothing was sent.
    #[error("{operation}: invalid input: {message}")]
    InvalidInput {
        /// The operation id.
        operation: &'static str,
        /// What is wrong with which argument.
        message: String,
    },
    /// The operation needs a credential this client does not have; nothing
    /// was sent.
    #[error("{operation}: this client has no credentials the operation accepts")]
    MissingCredentials {
        /// The operation id.
        operation: &'static str,
    },
    /// The client could not be configured.
    #[error("invalid client configuration: {0}")]
    Config(String),
}

/// What kind of transport failure happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be established.
    Connect,
    /// The attempt ran out of time.
    Timeout,
    /// Anything else (a broken connection, an invalid response, …).
    Other,
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Other => "transport error",
        })
    }
}

impl TransportErrorKind {
    pub(crate) fn of(error: &reqwest::Error) -> Self {
        if error.is_timeout() {
            TransportErrorKind::Timeout
        } else if error.is_connect() {
            TransportErrorKind::Connect
        } else {
            TransportErrorKind::Other
        }
    }
}

impl Error {
    /// The HTTP status, when a response arrived.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(error) => Some(error.status()),
            Error::Decode { status, .. }
            | Error::ContentType { status, .. }
            | Error::BodyTooLarge { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The operation id, for errors raised by a call.
    pub fn operation(&self) -> Option<&'static str> {
        match self {
            Error::Api(error) => Some(error.operation()),
            Error::Transport { operation, .. }
            | Error::Decode { operation, .. }
            | Error::ContentType { operation, .. }
            | Error::BodyTooLarge { operation, .. }
            | Error::InvalidInput { operation, .. }
            | Error::MissingCredentials { operation } => Some(operation),
            Error::Config(_) => None,
        }
    }

    /// Whether trying again later may succeed: connect failures, timeouts
    /// and HTTP 429, 502, 503 and 504.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Transport { kind, .. } => {
                matches!(
                    kind,
                    TransportErrorKind::Connect | TransportErrorKind::Timeout
                )
            }
            Error::Api(error) => super::retry::is_retryable_status(error.status()),
            _ => false,
        }
    }

    /// Whether the call ran out of time.
    pub fn is_timeout(&self) -> bool {
        matches!(
            self,
            Error::Transport {
                kind: TransportErrorKind::Timeout,
                ..
            }
        )
    }

    /// Whether the API answered 404 Not Found.
    pub fn is_not_found(&self) -> bool {
        matches!(self, Error::Api(error) if error.status() == 404)
    }

    /// The API error, when the API answered with an error status.
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(error) => Some(error),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Error;

    #[test]
    fn errors_cross_threads_and_stay_small() {
        fn send_sync_static<T: Send + Sync + 'static>() {}
        send_sync_static::<Error>();
        // Every generated call returns `Result<_, Error>`; keep it cheap to move.
        assert!(std::mem::size_of::<Error>() <= 128);
    }
}
