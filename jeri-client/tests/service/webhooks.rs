//! Events from the sandbox, received over loopback by an axum service that verifies and
//! decodes them with `jeri_client::webhooks::verify`: named events arrive typed, an event
//! the document does not describe arrives as `Event::Unknown`, and a request signed with
//! another secret or tampered with is refused.

use std::sync::{Arc, Mutex, PoisonError};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use jeri_client::Client;
use jeri_client::runtime::webhook::WebhookSecret;
use jeri_client::types::{BalanceChange, IntegrationItem, UsersPayload};
use jeri_client::webhooks::{self, Event};
use jeri_sandbox::Sandbox;
use serde_json::json;

const PROGRAM: &str = "acme-rewards";
const SECRET: &str = "integration-secret";

/// What the receiver made of each request: the event, or the status it refused with.
#[derive(Clone)]
struct Receiver {
    secret: WebhookSecret,
    seen: Arc<Mutex<Vec<Result<Event, u16>>>>,
}

async fn receive(State(receiver): State<Receiver>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let (outcome, status) = match webhooks::verify(&receiver.secret, &headers, &body) {
        Ok(event) => (Ok(event.into_payload()), StatusCode::NO_CONTENT),
        Err(error) => {
            let status = if error.kind().is_authentication() {
                StatusCode::UNAUTHORIZED
            } else {
                StatusCode::BAD_REQUEST
            };
            (Err(status.as_u16()), status)
        }
    };
    receiver
        .seen
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(outcome);
    status
}

/// A receiver on 127.0.0.1 checking with `secret`; answers its URL.
async fn start_receiver(secret: &str) -> (Receiver, String) {
    let receiver = Receiver {
        secret: webhooks::secret(secret).expect("a text secret"),
        seen: Arc::default(),
    };
    let app = axum::Router::new()
        .route("/events", post(receive))
        .with_state(receiver.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move { axum::serve(listener, app).await });
    (receiver, format!("http://{addr}/events"))
}

impl Receiver {
    fn seen(&self) -> Vec<Result<Event, u16>> {
        self.seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

async fn sandbox_sending_to(url: &str) -> Sandbox {
    Sandbox::builder()
        .webhook_url(url)
        .webhook_secret(SECRET)
        .webhook_first_retry(std::time::Duration::from_millis(1))
        .webhook_max_retries(0)
        .start()
        .await
        .expect("sandbox starts")
}

fn client(sandbox: &Sandbox) -> Client {
    Client::builder()
        .base_url(sandbox.base_url())
        .api_key(sandbox.api_key())
        .build()
        .expect("client")
}

#[tokio::test]
async fn sandbox_events_arrive_typed_and_unknown_ones_are_kept() {
    let (receiver, url) = start_receiver(SECRET).await;
    let sandbox = sandbox_sending_to(&url).await;
    let client = client(&sandbox);
    let email = "ana@example.com";
    client
        .upsert_resources(
            PROGRAM,
            vec![IntegrationItem::users(email, UsersPayload::new())],
        )
        .await
        .expect("customer created")
        .all_applied()
        .expect("applied");
    client
        .program(PROGRAM)
        .increase_balance(vec![BalanceChange::new(email, 40, "order 1001")])
        .await
        .expect("balance increased")
        .all_applied()
        .expect("applied");
    sandbox
        .state()
        .fire_event(PROGRAM, email, "Tier upgraded", json!({"tier": "Gold"}))
        .expect("fired");
    sandbox.webhooks_settled().await;

    let seen = receiver.seen();
    let events: Vec<&Event> = seen
        .iter()
        .map(|outcome| outcome.as_ref().expect("every event verifies and decodes"))
        .collect();
    let created = events
        .iter()
        .find_map(|event| match event {
            Event::CustomerCreated(created) => Some(created),
            _ => None,
        })
        .expect("Customer created arrives typed");
    assert_eq!(created.email, email);
    let changes: Vec<(Option<i64>, Option<i64>)> = events
        .iter()
        .filter_map(|event| match event {
            Event::BalanceChanged(changed) => {
                assert_eq!(changed.customer_id, created.customer_id);
                Some((changed.properties.amount, changed.properties.balance))
            }
            _ => None,
        })
        .collect();
    assert_eq!(changes.last(), Some(&(Some(40), Some(40))), "{changes:?}");
    match events.last() {
        Some(Event::Unknown { name, payload }) => {
            assert_eq!(name, "Tier upgraded");
            assert_eq!(payload["properties"]["tier"], "Gold");
            assert_eq!(payload["email"], email);
        }
        other => panic!("the fired event is kept as unknown, got {other:?}"),
    }
    assert!(
        events.iter().all(|event| event.name() != ""),
        "every request named its event"
    );
}

#[tokio::test]
async fn a_receiver_with_another_secret_refuses_every_event() {
    let (receiver, url) = start_receiver("not-the-integration-secret").await;
    let sandbox = sandbox_sending_to(&url).await;
    let client = client(&sandbox);
    client
        .upsert_resources(
            PROGRAM,
            vec![IntegrationItem::users(
                "bo@example.com",
                UsersPayload::new(),
            )],
        )
        .await
        .expect("customer created");
    sandbox.webhooks_settled().await;
    let seen = receiver.seen();
    assert!(!seen.is_empty(), "the sandbox delivered");
    assert!(seen.iter().all(|outcome| matches!(outcome, Err(401))));
}

#[test]
fn a_tampered_body_or_an_undecodable_one_is_refused() {
    let secret = webhooks::secret(SECRET).expect("secret");
    let body = json!({
        "id": "5f0c6f9e-4d8e-4f6a-9a59-0d7e2c3b1a11",
        "email": "ana@example.com",
        "customerId": "0b8a1f52-2f6d-4b8e-8a51-7f1e9c2d3e44",
        "createdAt": "2026-01-02T03:04:05Z",
        "properties": {"amount": 5, "balance": 5}
    })
    .to_string();
    let signed = |body: &str, event: &str| {
        let mut headers = webhooks::verifier(secret.clone())
            .sign("", 0, body.as_bytes())
            .expect("headers");
        headers.insert(
            "x-jericommerce-event-type",
            event.parse().expect("a header value"),
        );
        headers
    };
    let headers = signed(&body, "Balance changed");
    let event = webhooks::verify(&secret, &headers, body.as_bytes()).expect("verifies");
    assert!(matches!(event.payload(), Event::BalanceChanged(_)));
    assert_eq!(
        event.body().as_ref(),
        body.as_bytes(),
        "the raw body is kept"
    );

    let tampered = body.replace("\"amount\":5", "\"amount\":500");
    let error = webhooks::verify(&secret, &headers, tampered.as_bytes()).expect_err("tampered");
    assert!(error.kind().is_authentication(), "{error}");

    let wrong = "{\"properties\": 3}";
    let error = webhooks::verify(&secret, &signed(wrong, "Balance changed"), wrong.as_bytes())
        .expect_err("not the payload");
    assert!(!error.kind().is_authentication(), "{error}");
    assert_eq!(error.body().as_ref(), wrong.as_bytes());
}
