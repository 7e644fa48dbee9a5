//! Webhooks: the events an API sends to its users' URLs, and how it signs them.

use super::{Docs, TypeRef};

/// One named webhook of the document (OpenAPI 3.1 `webhooks`, or `x-webhooks` in 3.0).
#[derive(Debug, Clone, PartialEq)]
pub struct Webhook {
    /// Its key, which is also the event name requests carry (`Customer created`).
    pub name: String,
    /// The event enum's variant for it (`CustomerCreated`).
    pub rust_name: String,
    /// The type of its JSON request body; `serde_json::Value` when the body is not JSON or
    /// has no schema.
    pub payload: TypeRef,
    /// `summary`, `description` and `x-jeri-assumption` of its operation.
    pub docs: Docs,
    /// Where it sits in the document as written: `x-webhooks.Customer created.post`
    /// (3.0), `webhooks.Customer created.post` (3.1).
    pub origin: String,
}

/// How a document's webhooks are signed: from `x-jeri-webhook-signature`, or Standard
/// Webhooks where every webhook documents its three headers.
#[derive(Debug, Clone, PartialEq)]
pub struct WebhookSignature {
    /// What is signed and where the signature goes.
    pub scheme: SignatureScheme,
    /// How the secret's text becomes the HMAC key.
    pub secret: SecretEncoding,
    /// Where a request names its event.
    pub event_type: EventTypeLocation,
    /// `description` and `x-jeri-assumption` of the extension.
    pub docs: Docs,
}

/// What is signed (always with HMAC-SHA256) and where the signature goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureScheme {
    /// The raw body, signed into one header.
    Header {
        /// The header, lower case (a valid header name).
        header: String,
        /// How the signature is written.
        encoding: DigestEncoding,
        /// Text before the signature (`sha256=`), empty when there is none.
        prefix: String,
    },
    /// Standard Webhooks: `id.timestamp.body` into `webhook-signature`.
    StandardWebhooks {
        /// How far the signed timestamp may be from now, either way, in seconds.
        tolerance_seconds: u64,
    },
}

/// How a header signature is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigestEncoding {
    /// Hexadecimal.
    Hex,
    /// Base64.
    Base64,
    /// Either, where the sender does not say.
    HexOrBase64,
}

/// How the secret's text becomes the HMAC key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretEncoding {
    /// The text's bytes are the key.
    Text,
    /// `whsec_` and the Base64 of the key (Standard Webhooks).
    Base64,
}

/// Where a request names its event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventTypeLocation {
    /// Nowhere the document says.
    None,
    /// In this header (lower case, a valid header name).
    Header(String),
    /// In this top-level string property of the JSON body.
    Property(String),
    /// Each webhook has its own URL: the receiver knows the name from the route.
    Webhook,
}
