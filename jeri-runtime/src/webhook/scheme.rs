//! How a sender signs its webhooks.

use std::time::Duration;

use reqwest::header::HeaderName;

use super::encoding::SignatureEncoding;

/// The Standard Webhooks headers (<https://www.standardwebhooks.com>).
pub mod standard_headers {
    /// The message id, the same on every retry.
    pub const WEBHOOK_ID: &str = "webhook-id";
    /// Unix seconds when the message was signed.
    pub const WEBHOOK_TIMESTAMP: &str = "webhook-timestamp";
    /// Space-separated `v1,<base64>` signatures.
    pub const WEBHOOK_SIGNATURE: &str = "webhook-signature";
}

/// The timestamp tolerance Standard Webhooks recommends: five minutes either way.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(5 * 60);

/// How a sender signs: what is signed, where the signature goes and how it is written.
/// Every scheme here is HMAC-SHA256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scheme {
    /// One header carrying the HMAC of the raw body (GitHub, Shopify, JeriCommerce).
    Header(HeaderSignature),
    /// Standard Webhooks: `webhook-id`, `webhook-timestamp`, and `webhook-signature`, a
    /// space-separated list of `v1,<base64>` over `id.timestamp.body`.
    StandardWebhooks {
        /// How far `webhook-timestamp` may be from now, either way (default five minutes).
        tolerance: Duration,
    },
}

/// A signature of the raw body in one header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderSignature {
    /// The header, e.g. `x-jericommerce-hmac-sha256`.
    pub header: HeaderName,
    /// How the signature is written.
    pub encoding: SignatureEncoding,
    /// Text before the signature, e.g. GitHub's `sha256=`; empty when there is none.
    pub prefix: String,
}

impl Scheme {
    /// The HMAC-SHA256 of the raw body in `header`, written as `encoding`.
    pub fn header(header: HeaderName, encoding: SignatureEncoding) -> Self {
        Scheme::Header(HeaderSignature {
            header,
            encoding,
            prefix: String::new(),
        })
    }

    /// Standard Webhooks with the default tolerance ([`DEFAULT_TOLERANCE`]).
    pub fn standard_webhooks() -> Self {
        Scheme::StandardWebhooks {
            tolerance: DEFAULT_TOLERANCE,
        }
    }

    /// The same scheme with text expected before a header signature (ignored by Standard
    /// Webhooks, whose `v1,` is part of the scheme).
    pub fn with_prefix(self, prefix: impl Into<String>) -> Self {
        match self {
            Scheme::Header(header) => Scheme::Header(HeaderSignature {
                prefix: prefix.into(),
                ..header
            }),
            other => other,
        }
    }

    /// The same scheme with another timestamp tolerance (ignored by a header signature,
    /// which carries no timestamp).
    pub fn with_tolerance(self, tolerance: Duration) -> Self {
        match self {
            Scheme::StandardWebhooks { .. } => Scheme::StandardWebhooks { tolerance },
            other => other,
        }
    }
}
