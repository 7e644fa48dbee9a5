//! The crate's one error type.

use std::fmt;

use super::failed_request::keepable_url;
use super::retry::is_retryable_status;
use super::{ApiError, FailedRequest, OperationInfo, Outcome};

/// Everything that can go wrong when configuring a client or calling the API.
///
/// No variant ever contains a credential: secrets are [`Secret`](super::Secret)s,
/// and the response text kept by [`Error::Decode`], [`Error::ContentType`] and
/// [`Error::Api`] has the transport's API key and bearer token and every JWT-shaped
/// string replaced by `[REDACTED]`.
///
/// `Display` and `Debug` never show a filled-in path or query (they hold the caller's
/// data, such as a customer's email): errors name the operation id, and transport
/// errors also the method and path template. The URL itself is kept for who asks,
/// with [`Error::url`].
///
/// [`Error::outcome`] says whether the request took effect, and
/// [`Error::is_retryable`] whether sending it again may succeed without applying it
/// twice.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with a status the operation does not treat as success.
    #[error(transparent)]
    Api(ApiError),
    /// The request could not be sent or the response could not be read.
    #[error("{operation} ({request}): {kind}: {source}{}", request.outcome_note())]
    Transport {
        /// The operation id.
        operation: &'static str,
        /// What kind of failure it was.
        kind: TransportErrorKind,
        /// The underlying HTTP client error, without the request URL (which its
        /// `Display` would show; see [`FailedRequest::url`]).
        #[source]
        source: reqwest::Error,
        /// The request: method, path template, status when the response had begun,
        /// outcome, URL.
        request: FailedRequest,
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
    /// The kind of a reqwest error (a connect timeout is a timeout).
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
    /// A transport error of `operation`: the URL is taken out of `error` (its
    /// `Display` shows it) and kept aside, without any credential sent in the query
    /// (`secret_in_query`). `status` is the response's, when the failure came while
    /// reading its body.
    pub(crate) fn transport(
        operation: &'static OperationInfo,
        error: reqwest::Error,
        status: Option<u16>,
        secret_in_query: bool,
    ) -> Error {
        let url = error
            .url()
            .map(|url| keepable_url(url, operation, secret_in_query));
        let outcome = if error.is_connect() || error.is_builder() {
            // No connection, or no request to send: nothing reached the server.
            Outcome::NotApplied
        } else {
            status.map_or(Outcome::Unknown, Outcome::of_status)
        };
        Error::Transport {
            operation: operation.id,
            kind: TransportErrorKind::of(&error),
            source: error.without_url(),
            request: FailedRequest::new(operation, status, outcome, url),
        }
    }

    /// The HTTP status, when a response arrived (for a transport error, when the
    /// failure came while reading its body).
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(error) => Some(error.status()),
            Error::Decode { status, .. }
            | Error::ContentType { status, .. }
            | Error::BodyTooLarge { status, .. } => Some(*status),
            Error::Transport { request, .. } => request.status(),
            _ => None,
        }
    }

    /// Whether the request took effect on the server, as far as is known (see
    /// [`Outcome`] for what decides it): errors raised before sending are
    /// [`Outcome::NotApplied`], errors about a response follow its status, and a
    /// transport error is not applied when no connection was made and
    /// [`Outcome::Unknown`] once the request may have gone out.
    pub fn outcome(&self) -> Outcome {
        match self {
            Error::Transport { request, .. } => request.outcome(),
            Error::Api(error) => Outcome::of_status(error.status()),
            Error::Decode { status, .. }
            | Error::ContentType { status, .. }
            | Error::BodyTooLarge { status, .. } => Outcome::of_status(*status),
            Error::InvalidInput { .. } | Error::MissingCredentials { .. } | Error::Config(_) => {
                Outcome::NotApplied
            }
        }
    }

    /// The request URL with its path and query filled in (a credential sent in the
    /// query left out), for transport errors and [`Error::Api`]; `None` for the others
    /// and when no request was built. Never shown by `Display` or `Debug`: the path and
    /// query hold the caller's data.
    pub fn url(&self) -> Option<&url::Url> {
        match self {
            Error::Transport { request, .. } => request.url(),
            Error::Api(error) => error.url(),
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

    /// Whether sending the request again may succeed and cannot apply it twice.
    ///
    /// The failure must be one that passes (a connect failure, a timeout, HTTP 429,
    /// 502, 503 or 504), and either the request was certainly not applied
    /// ([`Outcome::NotApplied`]) or its method is idempotent. So:
    ///
    /// | failure | GET, PUT, DELETE, … | POST, PATCH |
    /// |---|---|---|
    /// | no connection (refused, DNS, TLS, connect timeout) | yes | yes: nothing was sent |
    /// | HTTP 429, 503 | yes | yes: the server refused it |
    /// | timeout after the request went out | yes | **no**: it may have been applied |
    /// | HTTP 502, 504 | yes | **no**: the upstream may have applied it |
    /// | a `2xx` whose body timed out | yes | **no**: it was applied |
    /// | anything else (4xx, 500, decode errors, dropped connections, …) | no | no |
    ///
    /// The transport's automatic retries ([`RetryPolicy`](super::RetryPolicy)) never
    /// repeat what this calls unsafe: they repeat idempotent methods only, unless a
    /// call opts in with
    /// [`CallOptions::retry_non_idempotent`](super::CallOptions::retry_non_idempotent)
    /// (which says that repeating it does no harm). For a POST that is not retryable
    /// and whose [`outcome`](Self::outcome) is [`Outcome::Unknown`], read the state back
    /// before deciding to send it again.
    pub fn is_retryable(&self) -> bool {
        let (passes, method) = match self {
            Error::Transport { kind, request, .. } => (
                matches!(
                    kind,
                    TransportErrorKind::Connect | TransportErrorKind::Timeout
                ),
                request.method(),
            ),
            Error::Api(error) => (is_retryable_status(error.status()), error.method()),
            _ => return false,
        };
        passes && (self.outcome() == Outcome::NotApplied || method.is_idempotent())
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

    /// Whether the API answered 422 Unprocessable Content: the request was well formed
    /// but the resource's state does not allow it (for the JeriCommerce API: a customer
    /// with no wallet pass asking for an `auth` token, a balance that would go below
    /// zero). Nothing was applied.
    pub fn is_unprocessable(&self) -> bool {
        matches!(self, Error::Api(error) if error.status() == 422)
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
