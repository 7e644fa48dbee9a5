//! Decoding a verified request into a payload type.

use bytes::Bytes;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use super::verified::Verified;

/// A payload type a verified webhook request decodes to, given the event type the request
/// names (see [`EventTypeSource`](super::EventTypeSource)).
///
/// An event enum generated from a document's webhooks implements it by matching the name
/// and decoding that event's payload with [`decode_json`]; one that keeps events it does
/// not know (by name and raw JSON) never answers [`EventError::Unknown`].
pub trait WebhookEvent: Sized {
    /// Decodes `body` as the event named `event_type` (`None` when the request names none).
    fn decode_event(event_type: Option<&str>, body: &[u8]) -> Result<Self, EventError>;
}

/// Why a body did not decode as an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventError {
    /// The event type is absent or not one this type knows.
    Unknown,
    /// The body is not the event's payload.
    Body {
        /// Where decoding stopped (`properties.amount`), `.` for the top.
        path: String,
        /// The decoder's reason.
        reason: String,
    },
}

/// Decodes a JSON body, naming the property path where it stops.
pub fn decode_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, EventError> {
    let mut reader = serde_json::Deserializer::from_slice(body);
    let value: T =
        serde_path_to_error::deserialize(&mut reader).map_err(|error| EventError::Body {
            path: error.path().to_string(),
            reason: error.inner().to_string(),
        })?;
    reader.end().map_err(|error| EventError::Body {
        path: ".".to_owned(),
        reason: error.to_string(),
    })?;
    Ok(value)
}

/// Any JSON, whatever the event type.
impl WebhookEvent for serde_json::Value {
    fn decode_event(_event_type: Option<&str>, body: &[u8]) -> Result<Self, EventError> {
        decode_json(body)
    }
}

/// A verified event: the decoded payload next to the request as received.
#[derive(Debug, Clone)]
pub struct Event<T> {
    payload: T,
    request: Verified,
}

impl<T> Event<T> {
    pub(crate) fn new(payload: T, request: Verified) -> Self {
        Event { payload, request }
    }

    /// The decoded payload.
    pub fn payload(&self) -> &T {
        &self.payload
    }

    /// The decoded payload, dropping the request.
    pub fn into_payload(self) -> T {
        self.payload
    }

    /// The payload and the verified request it came from.
    pub fn into_parts(self) -> (T, Verified) {
        (self.payload, self.request)
    }

    /// The raw body as received (what was signed).
    pub fn body(&self) -> &Bytes {
        self.request.body()
    }

    /// The request's headers as received.
    pub fn headers(&self) -> &HeaderMap {
        self.request.headers()
    }

    /// The event type the request named, if any.
    pub fn event_type(&self) -> Option<&str> {
        self.request.event_type()
    }

    /// The verified request.
    pub fn request(&self) -> &Verified {
        &self.request
    }
}
