//! Why a webhook request was refused.

use std::fmt;

use bytes::Bytes;
use reqwest::header::HeaderMap;

/// Why a webhook request was refused, with the request as received (its headers and raw
/// body), for logging or for keeping what could not be handled.
///
/// [`WebhookErrorKind::is_authentication`] tells a receiver whether to answer `401`
/// (the sender is not proved) or `400` (a proved sender sent what cannot be read).
pub struct WebhookError {
    inner: Box<Inner>,
}

struct Inner {
    kind: WebhookErrorKind,
    headers: HeaderMap,
    body: Bytes,
}

/// What was wrong with a webhook request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebhookErrorKind {
    /// A header the scheme needs is absent: the signature, or Standard Webhooks'
    /// `webhook-id` or `webhook-timestamp`.
    MissingHeader {
        /// The header's name.
        header: String,
    },
    /// A header the scheme needs cannot be read: not visible ASCII, or a timestamp that is
    /// not whole Unix seconds.
    MalformedHeader {
        /// The header's name.
        header: String,
        /// Why.
        reason: String,
    },
    /// No signature in the request matches any secret: the body, the signed headers or
    /// the secret differ from the sender's.
    BadSignature,
    /// The signed timestamp is older than the tolerance allows (a replay, or a clock far
    /// behind).
    Stale {
        /// The request's timestamp, Unix seconds.
        timestamp: i64,
        /// The receiver's time, Unix seconds.
        now: i64,
        /// The tolerance, seconds.
        tolerance: u64,
    },
    /// The signed timestamp is further ahead than the tolerance allows.
    Future {
        /// The request's timestamp, Unix seconds.
        timestamp: i64,
        /// The receiver's time, Unix seconds.
        now: i64,
        /// The tolerance, seconds.
        tolerance: u64,
    },
    /// The verified body does not decode as the event's type.
    Undecodable {
        /// Where in the body decoding stopped (`properties.amount`), `.` for the top.
        path: String,
        /// The decoder's reason.
        reason: String,
    },
    /// The event type is absent or not one the receiver's event type knows.
    UnknownEvent {
        /// The event type the request named, if any.
        event_type: Option<String>,
    },
}

impl WebhookErrorKind {
    /// Whether the sender is not proved (answer `401`), as opposed to a proved request
    /// whose body cannot be used (answer `400`).
    pub fn is_authentication(&self) -> bool {
        !matches!(
            self,
            WebhookErrorKind::Undecodable { .. } | WebhookErrorKind::UnknownEvent { .. }
        )
    }
}

impl fmt::Display for WebhookErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookErrorKind::MissingHeader { header } => {
                write!(f, "the webhook has no `{header}` header")
            }
            WebhookErrorKind::MalformedHeader { header, reason } => {
                write!(
                    f,
                    "the webhook's `{header}` header cannot be read: {reason}"
                )
            }
            WebhookErrorKind::BadSignature => {
                f.write_str("no webhook signature matches the body and the secrets")
            }
            WebhookErrorKind::Stale {
                timestamp,
                now,
                tolerance,
            } => write!(
                f,
                "the webhook was signed at {timestamp}, more than {tolerance}s before now ({now})"
            ),
            WebhookErrorKind::Future {
                timestamp,
                now,
                tolerance,
            } => write!(
                f,
                "the webhook is signed for {timestamp}, more than {tolerance}s after now ({now})"
            ),
            WebhookErrorKind::Undecodable { path, reason } => {
                write!(f, "the webhook body does not decode at `{path}`: {reason}")
            }
            WebhookErrorKind::UnknownEvent {
                event_type: Some(name),
            } => write!(f, "the webhook names an unknown event `{name}`"),
            WebhookErrorKind::UnknownEvent { event_type: None } => {
                f.write_str("the webhook names no event type")
            }
        }
    }
}

impl WebhookError {
    pub(crate) fn new(kind: WebhookErrorKind, headers: HeaderMap, body: Bytes) -> Self {
        WebhookError {
            inner: Box::new(Inner {
                kind,
                headers,
                body,
            }),
        }
    }

    /// What was wrong.
    pub fn kind(&self) -> &WebhookErrorKind {
        &self.inner.kind
    }

    /// The request's headers, as received.
    pub fn headers(&self) -> &HeaderMap {
        &self.inner.headers
    }

    /// The request's body, as received.
    pub fn body(&self) -> &Bytes {
        &self.inner.body
    }

    /// The headers and body, for keeping what could not be handled.
    pub fn into_parts(self) -> (WebhookErrorKind, HeaderMap, Bytes) {
        let inner = *self.inner;
        (inner.kind, inner.headers, inner.body)
    }
}

impl fmt::Debug for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Headers may carry credentials of other schemes; the kind and body size say
        // enough for a log.
        f.debug_struct("WebhookError")
            .field("kind", &self.inner.kind)
            .field("body_len", &self.inner.body.len())
            .finish_non_exhaustive()
    }
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.kind.fmt(f)
    }
}

impl std::error::Error for WebhookError {}
