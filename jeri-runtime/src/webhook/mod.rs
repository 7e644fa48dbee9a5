//! Verifying (and signing) webhook requests: HMAC-SHA256 over the raw body as received,
//! compared in constant time, against one or more secrets.
//!
//! Two schemes ([`Scheme`]):
//!
//! - **A header signature** of the raw body ([`Scheme::header`]): GitHub, Shopify and
//!   JeriCommerce (`x-jericommerce-hmac-sha256`). The signature may be hex, Base64, or
//!   either ([`SignatureEncoding`]) where the sender does not say.
//! - **Standard Webhooks** ([`Scheme::standard_webhooks`]): `webhook-id`,
//!   `webhook-timestamp` and `webhook-signature: v1,<base64> …` over
//!   `id.timestamp.body`, secrets written `whsec_<base64>`
//!   ([`WebhookSecret::standard`]), the timestamp within five minutes of the
//!   [`Verifier`]'s clock either way.
//!
//! [`Verifier::verify`] gives a [`Verified`] request or a [`WebhookError`] that keeps the
//! headers and body. A verified request decodes to any JSON type ([`Verified::decode`]) or
//! to an event type chosen by the request's event name ([`Verified::event`], for types
//! implementing [`WebhookEvent`], as generated event enums do); the decoded [`Event`]
//! keeps the raw body beside the payload. The event name is read from where
//! [`EventTypeSource`] says: a header, a payload property, or fixed per URL.
//!
//! # The `x-jeri-webhook-signature` extension
//!
//! An OpenAPI document says how its webhooks are signed with this extension at its root;
//! each field maps onto this module:
//!
//! | Field | Values | Here |
//! |---|---|---|
//! | `scheme` | `header`, `standard-webhooks` | [`Scheme::header`], [`Scheme::standard_webhooks`] |
//! | `header` | a header name (`header` scheme) | [`HeaderSignature::header`] |
//! | `algorithm` | `hmac-sha256` (the only one; the default) | |
//! | `signedContent` | `body` (`header`); `id.timestamp.body` (`standard-webhooks`) | |
//! | `encoding` | `hex`, `base64`, `hex-or-base64` (`header`; default `base64`) | [`SignatureEncoding`] ([`SignatureEncoding::as_str`]) |
//! | `prefix` | text before the signature, e.g. `sha256=` (optional) | [`Scheme::with_prefix`] |
//! | `secretEncoding` | `text` (the secret's bytes; default for `header`), `base64` (`whsec_…`; default for `standard-webhooks`) | [`WebhookSecret::new`], [`WebhookSecret::standard`] |
//! | `toleranceSeconds` | whole seconds (`standard-webhooks`; default 300) | [`Scheme::with_tolerance`] |
//! | `eventType` | `{in: header, name}`, `{in: body, property}`, `{in: webhook}` (the webhook's own name: one URL per event) | [`EventTypeSource`] |
//!
//! `description` and `x-jeri-assumption` may sit beside them.
//!
//! Behind the `webhooks` Cargo feature (default).

mod encoding;
mod error;
mod event;
mod event_type;
mod scheme;
mod secret;
mod verified;
mod verifier;

pub use encoding::SignatureEncoding;
pub use error::{WebhookError, WebhookErrorKind};
pub use event::{Event, EventError, WebhookEvent, decode_json};
pub use event_type::EventTypeSource;
pub use scheme::{DEFAULT_TOLERANCE, HeaderSignature, Scheme, standard_headers};
pub use secret::{SecretError, WebhookSecret};
pub use verified::Verified;
pub use verifier::{Clock, Verifier};
