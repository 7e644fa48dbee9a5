//! Checking (and making) webhook signatures.

use std::fmt;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, InvalidHeaderValue};

use super::encoding::SignatureEncoding;
use super::error::{WebhookError, WebhookErrorKind};
use super::event_type::EventTypeSource;
use super::scheme::{HeaderSignature, Scheme, standard_headers};
use super::secret::WebhookSecret;
use super::verified::Verified;

/// The current time as Unix seconds, for timestamp tolerances.
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

/// Checks webhook signatures of one [`Scheme`] against one or more secrets, over the raw
/// body as received. Cheap to clone.
///
/// Several secrets are tried in turn, so a receiver accepts both while the sender rotates
/// from one to the next. Every comparison runs in constant time (`hmac`'s
/// `verify_slice`). The same value signs ([`Verifier::sign`]), so a sender and a receiver
/// share one implementation.
///
/// ```
/// use jeri_runtime::webhook::{Scheme, Verifier, WebhookSecret};
/// # fn demo(headers: &jeri_runtime::reqwest::header::HeaderMap, body: &[u8]) -> Result<(), Box<dyn std::error::Error>> {
/// let verifier = Verifier::new(
///     Scheme::standard_webhooks(),
///     WebhookSecret::standard("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?,
/// );
/// let event = verifier.verify(headers, body)?.decode::<serde_json::Value>()?;
/// println!("{} {}", event.event_type().unwrap_or("?"), event.payload());
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Verifier {
    config: Arc<Config>,
}

#[derive(Clone)]
struct Config {
    scheme: Scheme,
    secrets: Vec<WebhookSecret>,
    event_type: EventTypeSource,
    clock: Clock,
}

fn system_clock() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX)
        })
}

impl Verifier {
    /// A verifier of `scheme` with one secret. The event type is read from the payload's
    /// `type` property under Standard Webhooks (its convention) and from nowhere under a
    /// header signature; [`Verifier::event_type`] says otherwise.
    pub fn new(scheme: Scheme, secret: WebhookSecret) -> Self {
        let event_type = match scheme {
            Scheme::StandardWebhooks { .. } => EventTypeSource::Property("type".to_owned()),
            Scheme::Header(_) => EventTypeSource::None,
        };
        Verifier {
            config: Arc::new(Config {
                scheme,
                secrets: vec![secret],
                event_type,
                clock: Arc::new(system_clock),
            }),
        }
    }

    /// Accepts signatures made with `secret` too (rotation). The first secret is the one
    /// [`Verifier::sign`] uses for a header signature.
    pub fn secret(mut self, secret: WebhookSecret) -> Self {
        Arc::make_mut(&mut self.config).secrets.push(secret);
        self
    }

    /// Where requests name their event.
    pub fn event_type(mut self, source: EventTypeSource) -> Self {
        Arc::make_mut(&mut self.config).event_type = source;
        self
    }

    /// The clock timestamps are checked against, as Unix seconds (default: the system's).
    pub fn clock(mut self, now: impl Fn() -> i64 + Send + Sync + 'static) -> Self {
        Arc::make_mut(&mut self.config).clock = Arc::new(now);
        self
    }

    /// The scheme checked.
    pub fn scheme(&self) -> &Scheme {
        &self.config.scheme
    }

    /// Checks a request's signature over `body` as received; copies the request into the
    /// [`Verified`] value or the error.
    pub fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<Verified, WebhookError> {
        self.verify_request(headers.clone(), Bytes::copy_from_slice(body))
    }

    /// [`Verifier::verify`] taking the request by value, without copying.
    pub fn verify_request(
        &self,
        headers: HeaderMap,
        body: Bytes,
    ) -> Result<Verified, WebhookError> {
        let checked = match &self.config.scheme {
            Scheme::Header(signature) => self.check_header(signature, &headers, &body),
            Scheme::StandardWebhooks { tolerance } => {
                self.check_standard(tolerance.as_secs(), &headers, &body)
            }
        };
        match checked {
            Ok((webhook_id, timestamp)) => Ok(Verified {
                event_type: self.config.event_type.read(&headers, &body),
                headers,
                body,
                webhook_id,
                timestamp,
            }),
            Err(kind) => Err(WebhookError::new(kind, headers, body)),
        }
    }

    fn check_header(
        &self,
        signature: &HeaderSignature,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<(Option<String>, Option<i64>), WebhookErrorKind> {
        let mut values = headers.get_all(&signature.header).iter().peekable();
        if values.peek().is_none() {
            return Err(missing(signature.header.as_str()));
        }
        for value in values {
            let text = readable(signature.header.as_str(), value)?;
            let Some(text) = text.trim().strip_prefix(signature.prefix.as_str()) else {
                continue;
            };
            if self.any_secret_matches(signature.encoding, text, &[body]) {
                return Ok((None, None));
            }
        }
        Err(WebhookErrorKind::BadSignature)
    }

    fn check_standard(
        &self,
        tolerance: u64,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<(Option<String>, Option<i64>), WebhookErrorKind> {
        let header = |name: &str| {
            headers
                .get(name)
                .ok_or_else(|| missing(name))
                .and_then(|value| readable(name, value))
        };
        let id = header(standard_headers::WEBHOOK_ID)?;
        let timestamp_text = header(standard_headers::WEBHOOK_TIMESTAMP)?;
        let timestamp: i64 =
            timestamp_text
                .trim()
                .parse()
                .map_err(|_| WebhookErrorKind::MalformedHeader {
                    header: standard_headers::WEBHOOK_TIMESTAMP.to_owned(),
                    reason: format!("`{timestamp_text}` is not whole Unix seconds"),
                })?;
        let now = (self.config.clock)();
        let limit = i64::try_from(tolerance).unwrap_or(i64::MAX);
        if now.saturating_sub(timestamp) > limit {
            return Err(WebhookErrorKind::Stale {
                timestamp,
                now,
                tolerance,
            });
        }
        if timestamp.saturating_sub(now) > limit {
            return Err(WebhookErrorKind::Future {
                timestamp,
                now,
                tolerance,
            });
        }
        if headers.get(standard_headers::WEBHOOK_SIGNATURE).is_none() {
            return Err(missing(standard_headers::WEBHOOK_SIGNATURE));
        }
        // The reference implementations sign the timestamp as the integer they parsed.
        let timestamp_bytes = timestamp.to_string();
        let signed: [&[u8]; 5] = [id.as_bytes(), b".", timestamp_bytes.as_bytes(), b".", body];
        for value in headers.get_all(standard_headers::WEBHOOK_SIGNATURE) {
            let list = readable(standard_headers::WEBHOOK_SIGNATURE, value)?;
            let v1 = list
                .split_ascii_whitespace()
                .filter_map(|entry| entry.split_once(','))
                .filter(|(version, _)| *version == "v1");
            for (_, signature) in v1 {
                if self.any_secret_matches(SignatureEncoding::Base64, signature, &signed) {
                    return Ok((Some(id.to_owned()), Some(timestamp)));
                }
            }
        }
        Err(WebhookErrorKind::BadSignature)
    }

    fn any_secret_matches(
        &self,
        encoding: SignatureEncoding,
        text: &str,
        signed: &[&[u8]],
    ) -> bool {
        let candidates = encoding.candidates(text);
        self.config.secrets.iter().any(|secret| {
            candidates
                .iter()
                .any(|candidate| secret.matches(signed, candidate))
        })
    }

    /// The headers that make `body` verify: under a header signature, the signature with
    /// the first secret (`webhook_id` and `timestamp` are not used); under Standard
    /// Webhooks, `webhook-id`, `webhook-timestamp` (Unix seconds) and a `v1` signature per
    /// secret. An id that cannot be a header value is refused.
    pub fn sign(
        &self,
        webhook_id: &str,
        timestamp: i64,
        body: &[u8],
    ) -> Result<HeaderMap, InvalidHeaderValue> {
        let mut headers = HeaderMap::new();
        match &self.config.scheme {
            Scheme::Header(signature) => {
                let tags = self
                    .config
                    .secrets
                    .first()
                    .map(|secret| secret.sign(&[body]));
                if let Some(tag) = tags {
                    let text = format!("{}{}", signature.prefix, signature.encoding.write(&tag));
                    headers.insert(signature.header.clone(), HeaderValue::from_str(&text)?);
                }
            }
            Scheme::StandardWebhooks { .. } => {
                let timestamp = timestamp.to_string();
                let signed: [&[u8]; 5] = [
                    webhook_id.as_bytes(),
                    b".",
                    timestamp.as_bytes(),
                    b".",
                    body,
                ];
                let list: Vec<String> = self
                    .config
                    .secrets
                    .iter()
                    .map(|secret| {
                        format!(
                            "v1,{}",
                            SignatureEncoding::Base64.write(&secret.sign(&signed))
                        )
                    })
                    .collect();
                let name = |name: &'static str| HeaderName::from_static(name);
                headers.insert(
                    name(standard_headers::WEBHOOK_ID),
                    HeaderValue::from_str(webhook_id)?,
                );
                headers.insert(
                    name(standard_headers::WEBHOOK_TIMESTAMP),
                    HeaderValue::from_str(&timestamp)?,
                );
                headers.insert(
                    name(standard_headers::WEBHOOK_SIGNATURE),
                    HeaderValue::from_str(&list.join(" "))?,
                );
            }
        }
        Ok(headers)
    }
}

fn missing(header: &str) -> WebhookErrorKind {
    WebhookErrorKind::MissingHeader {
        header: header.to_owned(),
    }
}

fn readable<'a>(header: &str, value: &'a HeaderValue) -> Result<&'a str, WebhookErrorKind> {
    value
        .to_str()
        .map_err(|_| WebhookErrorKind::MalformedHeader {
            header: header.to_owned(),
            reason: "not visible ASCII".to_owned(),
        })
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("scheme", &self.config.scheme)
            .field("secrets", &self.config.secrets.len())
            .field("event_type", &self.config.event_type)
            .finish_non_exhaustive()
    }
}
