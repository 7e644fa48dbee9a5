//! Where a webhook request names its event.

use reqwest::header::HeaderName;

/// Where a webhook request names its event, for [`Verified::event_type`](super::Verified::event_type)
/// and the decoding of an event enum.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum EventTypeSource {
    /// Nowhere: the event type is unknown until the payload is read.
    #[default]
    None,
    /// A request header (JeriCommerce's `x-jericommerce-event-type`).
    Header(HeaderName),
    /// A top-level string property of the JSON body (Standard Webhooks' `type`).
    Property(String),
    /// Always this name: each event has its own URL.
    Fixed(String),
}

impl EventTypeSource {
    /// The event type named by this request, if it names one as a string.
    pub(crate) fn read(&self, headers: &reqwest::header::HeaderMap, body: &[u8]) -> Option<String> {
        match self {
            EventTypeSource::None => None,
            EventTypeSource::Header(name) => headers
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned),
            EventTypeSource::Property(name) => {
                let properties: serde_json::Map<String, serde_json::Value> =
                    serde_json::from_slice(body).ok()?;
                match properties.get(name)? {
                    serde_json::Value::String(value) => Some(value.clone()),
                    _ => None,
                }
            }
            EventTypeSource::Fixed(name) => Some(name.clone()),
        }
    }
}
