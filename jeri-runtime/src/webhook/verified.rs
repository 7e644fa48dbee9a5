//! A request whose signature checked out.

use bytes::Bytes;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use super::error::{WebhookError, WebhookErrorKind};
use super::event::{Event, EventError, WebhookEvent, decode_json};

/// A webhook request whose signature matched one of the secrets (and whose timestamp was
/// within the tolerance, where the scheme signs one). Nothing is decoded yet: the raw
/// body is what was signed.
#[derive(Debug, Clone)]
pub struct Verified {
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    pub(crate) event_type: Option<String>,
    pub(crate) webhook_id: Option<String>,
    pub(crate) timestamp: Option<i64>,
}

impl Verified {
    /// The request's headers as received.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The raw body as received.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// The event type the request names, from where the verifier was told to look
    /// ([`EventTypeSource`](super::EventTypeSource)).
    pub fn event_type(&self) -> Option<&str> {
        self.event_type.as_deref()
    }

    /// Standard Webhooks' `webhook-id`: the same on every retry of a message, so a
    /// receiver can drop a message it has already handled.
    pub fn webhook_id(&self) -> Option<&str> {
        self.webhook_id.as_deref()
    }

    /// Standard Webhooks' signed `webhook-timestamp`, Unix seconds.
    pub fn timestamp(&self) -> Option<i64> {
        self.timestamp
    }

    /// Decodes the body as JSON of `T`, whatever the event type.
    pub fn decode<T: DeserializeOwned>(self) -> Result<Event<T>, WebhookError> {
        match decode_json(&self.body) {
            Ok(payload) => Ok(Event::new(payload, self)),
            Err(error) => Err(self.refuse(error)),
        }
    }

    /// Decodes the body as the event the request names ([`WebhookEvent`]).
    pub fn event<E: WebhookEvent>(self) -> Result<Event<E>, WebhookError> {
        match E::decode_event(self.event_type(), &self.body) {
            Ok(payload) => Ok(Event::new(payload, self)),
            Err(error) => Err(self.refuse(error)),
        }
    }

    fn refuse(self, error: EventError) -> WebhookError {
        let kind = match error {
            EventError::Unknown => WebhookErrorKind::UnknownEvent {
                event_type: self.event_type,
            },
            EventError::Body { path, reason } => WebhookErrorKind::Undecodable { path, reason },
        };
        WebhookError::new(kind, self.headers, self.body)
    }
}
