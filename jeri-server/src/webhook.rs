//! Receiving webhooks: an axum extractor that verifies the signature over the raw body,
//! decodes the event and hands the handler a typed [`Event`].

use axum::body::Bytes;
use axum::extract::{FromRef, FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jeri_runtime::webhook::{Event, Verifier, WebhookError, WebhookErrorKind, WebhookEvent};
use serde_json::json;

use crate::answer::problem_json;

/// A verified, decoded webhook event, extracted from a request with the [`Verifier`] the
/// router's state provides (`Verifier: FromRef<S>`).
///
/// A request that does not verify is answered `401`, one whose body is not the event (or
/// names no known event) `400`, one whose body cannot be read `400` (`413` past axum's
/// `DefaultBodyLimit`), each with an RFC 9457 `application/problem+json` body; the handler
/// is not called. To see a refused request, extract `Result<Webhook<E>, WebhookRejection>`.
///
/// ```
/// use jeri_runtime::reqwest::header::HeaderName;
/// use jeri_runtime::webhook::{Scheme, SignatureEncoding, Verifier, WebhookSecret};
/// use jeri_server::Webhook;
///
/// async fn receive(Webhook(event): Webhook<serde_json::Value>) -> &'static str {
///     println!("{:?}: {}", event.event_type(), event.payload());
///     "ok"
/// }
///
/// # fn demo() -> Result<(), jeri_runtime::webhook::SecretError> {
/// let verifier = Verifier::new(
///     Scheme::header(
///         HeaderName::from_static("x-jericommerce-hmac-sha256"),
///         SignatureEncoding::HexOrBase64,
///     ),
///     WebhookSecret::new("the integration's secret")?,
/// );
/// let app: axum::Router = axum::Router::new()
///     .route("/webhooks", axum::routing::post(receive))
///     .with_state(verifier);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Webhook<E>(pub Event<E>);

/// Why [`Webhook`] refused a request.
#[derive(Debug)]
pub enum WebhookRejection {
    /// The signature or the event was refused; the error keeps the request.
    Refused(WebhookError),
    /// The body could not be read.
    Unreadable {
        /// `400`, or `413` for a body past the limit.
        status: StatusCode,
        /// axum's reason.
        reason: String,
    },
}

impl<S, E> FromRequest<S> for Webhook<E>
where
    S: Send + Sync,
    Verifier: FromRef<S>,
    E: WebhookEvent,
{
    type Rejection = WebhookRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let verifier = Verifier::from_ref(state);
        let (mut parts, body) = request.into_parts();
        let headers = std::mem::take(&mut parts.headers);
        // Through axum's extractor so that a `DefaultBodyLimit` layer applies.
        let body = Bytes::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(|rejection| WebhookRejection::Unreadable {
                status: rejection.status(),
                reason: rejection.body_text(),
            })?;
        let event = verifier
            .verify_request(headers, body)
            .and_then(|verified| verified.event::<E>())
            .map_err(WebhookRejection::Refused)?;
        Ok(Webhook(event))
    }
}

impl WebhookRejection {
    /// The status the rejection answers with.
    pub fn status(&self) -> StatusCode {
        match self {
            WebhookRejection::Refused(error) if error.kind().is_authentication() => {
                StatusCode::UNAUTHORIZED
            }
            WebhookRejection::Refused(_) => StatusCode::BAD_REQUEST,
            WebhookRejection::Unreadable { status, .. } => *status,
        }
    }
}

/// A decoder's dotted path (`properties.items[0].sku`) as a JSON Pointer.
fn pointer(path: &str) -> String {
    if path == "." {
        return String::new();
    }
    path.replace('[', ".")
        .replace(']', "")
        .split('.')
        .filter(|segment| !segment.is_empty())
        .map(|segment| format!("/{}", segment.replace('~', "~0").replace('/', "~1")))
        .collect()
}

impl IntoResponse for WebhookRejection {
    fn into_response(self) -> Response {
        let status = self.status();
        match self {
            WebhookRejection::Refused(error) => match error.kind() {
                WebhookErrorKind::Undecodable { path, reason } => {
                    let problem =
                        json!({ "in": "body", "pointer": pointer(path), "detail": reason });
                    problem_json(status, error.to_string(), Some(vec![problem]))
                }
                kind => problem_json(status, kind.to_string(), None),
            },
            WebhookRejection::Unreadable { reason, .. } => problem_json(status, reason, None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::pointer;

    #[test]
    fn paths_become_pointers() {
        assert_eq!(pointer("."), "");
        assert_eq!(pointer("properties.amount"), "/properties/amount");
        assert_eq!(pointer("items[0].a/b"), "/items/0/a~1b");
    }
}
