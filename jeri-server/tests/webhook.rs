//! The webhook extractor over real HTTP: verified events reach the handler typed, bad
//! signatures are answered 401 and bad bodies 400, without calling the handler.

use std::sync::{Arc, Mutex};

use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::routing::post;
use jeri_runtime::reqwest::{self, header::HeaderMap, header::HeaderName};
use jeri_runtime::webhook::{
    EventError, EventTypeSource, Scheme, SignatureEncoding, Verifier, WebhookEvent, WebhookSecret,
    decode_json,
};
use jeri_server::Webhook;

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct BalanceChanged {
    customer_id: String,
    properties: BalanceProperties,
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
struct BalanceProperties {
    amount: i64,
}

/// What a generated event enum looks like: strict here, to exercise the unknown-event
/// answer.
#[derive(Debug, Clone, PartialEq)]
enum Events {
    BalanceChanged(BalanceChanged),
}

impl WebhookEvent for Events {
    fn decode_event(event_type: Option<&str>, body: &[u8]) -> Result<Self, EventError> {
        match event_type {
            Some("Balance changed") => decode_json(body).map(Events::BalanceChanged),
            _ => Err(EventError::Unknown),
        }
    }
}

type Seen = Arc<Mutex<Vec<(Events, Vec<u8>)>>>;

#[derive(Clone)]
struct App {
    verifier: Verifier,
    seen: Seen,
}

impl FromRef<App> for Verifier {
    fn from_ref(app: &App) -> Verifier {
        app.verifier.clone()
    }
}

async fn receive(State(app): State<App>, Webhook(event): Webhook<Events>) -> StatusCode {
    let raw = event.body().to_vec();
    let payload = event.into_payload();
    app.seen
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push((payload, raw));
    StatusCode::NO_CONTENT
}

fn verifier(secret: &str) -> Verifier {
    Verifier::new(
        Scheme::header(
            HeaderName::from_static("x-jericommerce-hmac-sha256"),
            SignatureEncoding::HexOrBase64,
        ),
        WebhookSecret::new(secret).unwrap_or_else(|e| panic!("{e}")),
    )
    .event_type(EventTypeSource::Header(HeaderName::from_static(
        "x-jericommerce-event-type",
    )))
}

fn named(mut headers: HeaderMap, event: &str) -> HeaderMap {
    headers.insert(
        "x-jericommerce-event-type",
        event.parse().unwrap_or_else(|e| panic!("{e:?}")),
    );
    headers
}

struct Running {
    url: String,
    seen: Seen,
    client: reqwest::Client,
}

impl Running {
    async fn start() -> Running {
        let seen = Seen::default();
        let app = axum::Router::new()
            .route("/hooks", post(receive))
            .with_state(App {
                verifier: verifier("integration-secret"),
                seen: seen.clone(),
            });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
        tokio::spawn(async move { axum::serve(listener, app).await });
        Running {
            url: format!("http://{addr}/hooks"),
            seen,
            client: reqwest::Client::new(),
        }
    }

    /// Posts `body` signed with `secret`, naming `event`; answers the status and body.
    async fn post(
        &self,
        secret: &str,
        event: &str,
        body: &[u8],
    ) -> (StatusCode, serde_json::Value) {
        let signed = verifier(secret)
            .sign("", 0, body)
            .unwrap_or_else(|e| panic!("{e}"));
        self.send(named(signed, event), body).await
    }

    async fn send(&self, headers: HeaderMap, body: &[u8]) -> (StatusCode, serde_json::Value) {
        let response = self
            .client
            .post(&self.url)
            .headers(headers)
            .header("content-type", "application/json")
            .body(body.to_vec())
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let status =
            StatusCode::from_u16(response.status().as_u16()).unwrap_or(StatusCode::IM_A_TEAPOT);
        let text = response.text().await.unwrap_or_default();
        (
            status,
            serde_json::from_str(&text).unwrap_or(serde_json::Value::Null),
        )
    }

    fn seen(&self) -> Vec<(Events, Vec<u8>)> {
        self.seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }
}

const BODY: &[u8] = br#"{"id":"e1","customerId":"c1","email":"jane@example.com","createdAt":"2026-01-01T00:00:00Z","properties":{"amount":25}}"#;

#[tokio::test]
async fn a_signed_event_reaches_the_handler_typed_with_its_raw_body() {
    let server = Running::start().await;
    let (status, _) = server
        .post("integration-secret", "Balance changed", BODY)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    let Events::BalanceChanged(event) = &seen[0].0;
    assert_eq!(event.customer_id, "c1");
    assert_eq!(event.properties.amount, 25);
    assert_eq!(seen[0].1, BODY);
}

#[tokio::test]
async fn bad_or_missing_signatures_are_answered_401() {
    let server = Running::start().await;
    let (status, problem) = server.post("another-secret", "Balance changed", BODY).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(problem["status"], 401);
    assert_eq!(problem["title"], "Unauthorized");
    let (status, problem) = server
        .send(named(HeaderMap::new(), "Balance changed"), BODY)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let detail = problem["detail"].as_str().unwrap_or_default();
    assert!(detail.contains("x-jericommerce-hmac-sha256"), "{detail}");
    // A body changed after signing.
    let signed = verifier("integration-secret")
        .sign("", 0, BODY)
        .unwrap_or_else(|e| panic!("{e}"));
    let tampered = String::from_utf8_lossy(BODY).replace("25", "2500");
    let (status, _) = server
        .send(named(signed, "Balance changed"), tampered.as_bytes())
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(server.seen().is_empty());
}

#[tokio::test]
async fn signed_bodies_that_are_not_the_event_are_answered_400() {
    let server = Running::start().await;
    let wrong_type = br#"{"customerId":"c1","properties":{"amount":"lots"}}"#;
    let (status, problem) = server
        .post("integration-secret", "Balance changed", wrong_type)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(problem["problems"][0]["pointer"], "/properties/amount");
    assert_eq!(problem["problems"][0]["in"], "body");
    let (status, _) = server
        .post("integration-secret", "Balance changed", b"not json")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, problem) = server
        .post("integration-secret", "Customer teleported", BODY)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let detail = problem["detail"].as_str().unwrap_or_default();
    assert!(detail.contains("Customer teleported"), "{detail}");
    assert!(server.seen().is_empty());
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    fn request() -> impl Strategy<Value = (Vec<(String, String)>, Vec<u8>)> {
        let name = prop_oneof![
            Just("x-jericommerce-hmac-sha256".to_owned()),
            Just("x-jericommerce-event-type".to_owned()),
            "x-[a-z]{1,8}",
        ];
        let value = prop_oneof![
            "[ -~]{0,70}",
            "[0-9a-f]{64}",
            "[A-Za-z0-9+/]{43}=",
            Just("Balance changed".to_owned()),
        ];
        let headers = proptest::collection::vec((name, value), 0..4);
        let body = prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..120),
            Just(BODY.to_vec()),
        ];
        (headers, body)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Whatever arrives, the receiver answers (2xx, 400 or 401) and keeps serving.
        #[test]
        fn any_request_gets_an_answer((headers, body) in request()) {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap_or_else(|e| panic!("{e}"));
            runtime.block_on(async {
                let server = Running::start().await;
                let mut map = HeaderMap::new();
                for (name, value) in &headers {
                    if let (Ok(name), Ok(value)) = (
                        HeaderName::from_bytes(name.as_bytes()),
                        value.parse::<jeri_runtime::reqwest::header::HeaderValue>(),
                    ) {
                        map.append(name, value);
                    }
                }
                let (status, _) = server.send(map, &body).await;
                assert!(
                    [StatusCode::NO_CONTENT, StatusCode::BAD_REQUEST, StatusCode::UNAUTHORIZED]
                        .contains(&status),
                    "{status}"
                );
                // Still serving: a well-signed event goes through.
                let (status, _) = server.post("integration-secret", "Balance changed", BODY).await;
                assert_eq!(status, StatusCode::NO_CONTENT);
            });
        }
    }
}
