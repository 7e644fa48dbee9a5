//! The sandbox sends signed events to a receiver on 127.0.0.1, which verifies them with
//! `jeri_server::Webhook`: order, retries after failures, no second delivery after a 2xx,
//! events on demand.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::routing::post;
use jeri_runtime::webhook::Verifier;
use jeri_sandbox::{Sandbox, SeedCustomer, webhooks};
use jeri_server::{Webhook, WebhookRejection};
use serde_json::{Value, json};

use crate::common::{Harness, PROGRAM};

const SECRET: &str = "integration-secret";

/// What the receiver saw: the event type, the payload, and the status it answered.
#[derive(Debug, Clone)]
struct Received {
    event_type: String,
    payload: Value,
    status: u16,
}

#[derive(Clone)]
struct Receiver {
    verifier: Verifier,
    /// Statuses to answer in turn; 204 once they run out.
    script: Arc<Mutex<VecDeque<u16>>>,
    seen: Arc<Mutex<Vec<Received>>>,
    refused: Arc<Mutex<u32>>,
}

impl FromRef<Receiver> for Verifier {
    fn from_ref(receiver: &Receiver) -> Verifier {
        receiver.verifier.clone()
    }
}

async fn receive(
    State(receiver): State<Receiver>,
    event: Result<Webhook<Value>, WebhookRejection>,
) -> StatusCode {
    let Webhook(event) = match event {
        Ok(event) => event,
        Err(rejection) => {
            *receiver
                .refused
                .lock()
                .unwrap_or_else(PoisonError::into_inner) += 1;
            return StatusCode::from_u16(rejection.status().as_u16())
                .unwrap_or(StatusCode::BAD_REQUEST);
        }
    };
    let status = receiver
        .script
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .pop_front()
        .unwrap_or(204);
    receiver
        .seen
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(Received {
            event_type: event.event_type().unwrap_or_default().to_owned(),
            payload: event.payload().clone(),
            status,
        });
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

impl Receiver {
    /// A receiver answering `script` first, then 204; answers its URL.
    async fn start(script: &[u16]) -> (Receiver, String) {
        let receiver = Receiver {
            verifier: webhooks::verifier(SECRET).expect("secret"),
            script: Arc::new(Mutex::new(script.iter().copied().collect())),
            seen: Arc::default(),
            refused: Arc::default(),
        };
        let app = axum::Router::new()
            .route("/hooks", post(receive))
            .with_state(receiver.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("address");
        tokio::spawn(async move { axum::serve(listener, app).await });
        (receiver, format!("http://{addr}/hooks"))
    }

    fn seen(&self) -> Vec<Received> {
        self.seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn refused(&self) -> u32 {
        *self.refused.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

async fn harness(url: &str, first_retry: Duration) -> Harness {
    let sandbox = Sandbox::builder()
        .webhook_url(url)
        .webhook_secret(SECRET)
        .webhook_first_retry(first_retry)
        .start()
        .await
        .expect("sandbox starts");
    Harness {
        sandbox,
        http: reqwest::Client::new(),
    }
}

async fn change_balance(harness: &Harness, direction: &str, email: &str, amount: i64) {
    let reply = harness
        .post(
            &format!("/v1/programs/{PROGRAM}/balance/{direction}"),
            json!([{ "email": email, "amount": amount, "reason": "order" }]),
        )
        .await;
    assert_eq!(reply.status, 201, "{:?}", reply.body);
}

#[tokio::test]
async fn events_arrive_signed_in_order_with_the_common_fields() {
    let (receiver, url) = Receiver::start(&[]).await;
    let harness = harness(&url, Duration::from_millis(500)).await;
    harness.customer("jane@example.com", 100).await;
    change_balance(&harness, "increase", "jane@example.com", 50).await;
    change_balance(&harness, "decrease", "jane@example.com", 30).await;
    harness.sandbox.webhooks_settled().await;

    let seen = receiver.seen();
    let types: Vec<&str> = seen.iter().map(|r| r.event_type.as_str()).collect();
    assert_eq!(
        types,
        [
            "Customer created",
            "Balance changed",
            "Wallet pass requested",
            "Wallet pass installed",
            "Balance changed",
            "Balance changed"
        ]
    );
    let changes: Vec<(i64, i64)> = seen
        .iter()
        .filter(|r| r.event_type == "Balance changed")
        .map(|r| {
            let properties = &r.payload["properties"];
            (
                properties["amount"].as_i64().unwrap_or_default(),
                properties["balance"].as_i64().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(changes, [(100, 100), (50, 150), (-30, 120)]);
    let customer = harness
        .get(&format!(
            "/v1/programs/{PROGRAM}/customers/jane%40example.com"
        ))
        .await;
    let mut ids = Vec::new();
    for received in &seen {
        let payload = &received.payload;
        assert_eq!(payload["email"], "jane@example.com");
        assert_eq!(payload["customerId"], customer.body["id"]);
        let created_at = payload["createdAt"].as_str().unwrap_or_default();
        assert!(
            jeri_runtime::chrono::DateTime::parse_from_rfc3339(created_at).is_ok(),
            "{created_at}"
        );
        ids.push(payload["id"].as_str().unwrap_or_default().to_owned());
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 6, "every event has its own id");
    assert_eq!(receiver.refused(), 0);
    let attempts = harness.sandbox.webhook_attempts();
    assert_eq!(attempts.len(), 6);
    assert!(attempts.iter().all(|a| a.attempt == 1 && a.acknowledged()));
}

#[tokio::test]
async fn a_failing_receiver_gets_retries_and_an_acknowledged_event_is_not_sent_again() {
    let (receiver, url) = Receiver::start(&[500, 503]).await;
    let harness = harness(&url, Duration::from_millis(5)).await;
    let reply = harness
        .post(
            &format!("/v1/programs/{PROGRAM}/integrations/api"),
            json!([{ "email": "bob@example.com", "feature": "users", "payload": {} }]),
        )
        .await;
    assert_eq!(reply.status, 201, "{:?}", reply.body);
    change_balance(&harness, "increase", "bob@example.com", 7).await;
    harness.sandbox.webhooks_settled().await;

    let seen = receiver.seen();
    let statuses: Vec<(&str, u16)> = seen
        .iter()
        .map(|r| (r.event_type.as_str(), r.status))
        .collect();
    assert_eq!(
        statuses,
        [
            ("Customer created", 500),
            ("Customer created", 503),
            ("Customer created", 204),
            ("Balance changed", 204),
        ]
    );
    // Every retry is the same event.
    assert!(seen[..3].iter().all(|r| r.payload == seen[0].payload));
    let attempts = harness.sandbox.webhook_attempts();
    let recorded: Vec<(&str, u32, Option<u16>)> = attempts
        .iter()
        .map(|a| (a.event_type.as_str(), a.attempt, a.status))
        .collect();
    assert_eq!(
        recorded,
        [
            ("Customer created", 1, Some(500)),
            ("Customer created", 2, Some(503)),
            ("Customer created", 3, Some(204)),
            ("Balance changed", 1, Some(204)),
        ]
    );
    assert_eq!(attempts[0].event_id, attempts[2].event_id);
    assert_ne!(attempts[2].event_id, attempts[3].event_id);
    // Nothing more arrives for the acknowledged events once the queue is empty.
    change_balance(&harness, "increase", "bob@example.com", 1).await;
    harness.sandbox.webhooks_settled().await;
    assert_eq!(receiver.seen().len(), 5);
    let created = receiver
        .seen()
        .iter()
        .filter(|r| r.event_type == "Customer created" && r.status == 204)
        .count();
    assert_eq!(created, 1);
}

#[tokio::test]
async fn an_event_never_acknowledged_is_retried_ten_times_then_dropped() {
    let (receiver, url) = Receiver::start(&[500; 11]).await;
    let harness = harness(&url, Duration::from_millis(1)).await;
    harness.customer("carol@example.com", 0).await;
    harness.sandbox.webhooks_settled().await;
    let attempts = harness.sandbox.webhook_attempts();
    let created: Vec<u32> = attempts
        .iter()
        .filter(|a| a.event_type == "Customer created")
        .map(|a| a.attempt)
        .collect();
    assert_eq!(created, (1..=11).collect::<Vec<_>>());
    assert!(
        attempts
            .iter()
            .filter(|a| a.event_type == "Customer created")
            .all(|a| !a.acknowledged())
    );
    // The wallet-pass events that follow (the harness gives a pass) are acknowledged.
    assert_eq!(receiver.seen().len(), 13);
}

#[tokio::test]
async fn an_unreachable_receiver_is_recorded_with_the_reason() {
    // A port that was free a moment ago: nothing listens there.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}/hooks", listener.local_addr().expect("address"));
    drop(listener);
    let sandbox = Sandbox::builder()
        .webhook_url(url)
        .webhook_secret(SECRET)
        .webhook_first_retry(Duration::from_millis(1))
        .webhook_max_retries(2)
        .customer(SeedCustomer::new(PROGRAM, "dan@example.com"))
        .start()
        .await
        .expect("sandbox starts");
    sandbox
        .state()
        .fire_event(PROGRAM, "dan@example.com", "Customer birthday", json!({}))
        .expect("fired");
    sandbox.webhooks_settled().await;
    let attempts = sandbox.webhook_attempts();
    assert_eq!(attempts.len(), 3);
    assert!(
        attempts
            .iter()
            .all(|a| a.status.is_none() && a.error.is_some())
    );
}

#[tokio::test]
async fn any_event_fires_by_name_in_process_and_over_http() {
    let (receiver, url) = Receiver::start(&[]).await;
    let sandbox = Sandbox::builder()
        .webhook_url(&url)
        .webhook_secret(SECRET)
        .customer(SeedCustomer::new(PROGRAM, "erin@example.com").balance(10))
        .start()
        .await
        .expect("sandbox starts");
    let harness = Harness {
        sandbox,
        http: reqwest::Client::new(),
    };
    let id = harness
        .sandbox
        .state()
        .fire_event(
            PROGRAM,
            "erin@example.com",
            "Wallet pass installed",
            json!({ "passType": "apple" }),
        )
        .expect("fired");
    let reply = harness
        .post(
            webhooks::FIRE_EVENT_PATH,
            json!({ "programId": PROGRAM, "email": "erin@example.com", "event": "Customer scanned" }),
        )
        .await;
    assert_eq!(reply.status, 202, "{:?}", reply.body);
    let unknown = harness
        .post(
            webhooks::FIRE_EVENT_PATH,
            json!({ "programId": PROGRAM, "email": "nobody@example.com", "event": "Customer scanned" }),
        )
        .await;
    crate::common::assert_error(&unknown, 404);
    let bad = harness
        .post(
            webhooks::FIRE_EVENT_PATH,
            json!({ "event": "Customer scanned" }),
        )
        .await;
    crate::common::assert_error(&bad, 400);
    let anonymous = harness
        .send(
            harness
                .http
                .post(harness.url(webhooks::FIRE_EVENT_PATH))
                .body("{}"),
        )
        .await;
    crate::common::assert_error(&anonymous, 401);
    harness.sandbox.webhooks_settled().await;

    // The seeded customer (an initial sync) announced nothing.
    let seen = receiver.seen();
    let types: Vec<&str> = seen.iter().map(|r| r.event_type.as_str()).collect();
    assert_eq!(types, ["Wallet pass installed", "Customer scanned"]);
    assert_eq!(seen[0].payload["id"], id.as_str());
    assert_eq!(seen[0].payload["properties"]["passType"], "apple");
    assert_eq!(seen[1].payload["id"], reply.body["id"]);
    assert_eq!(seen[1].payload["properties"], json!({}));
}

#[tokio::test]
async fn without_a_webhook_url_nothing_is_sent_and_firing_is_refused() {
    let harness = Harness::start().await;
    harness.customer("fay@example.com", 5).await;
    assert!(harness.sandbox.webhook_attempts().is_empty());
    assert_eq!(
        harness.sandbox.state().fire_event(
            PROGRAM,
            "fay@example.com",
            "Customer birthday",
            json!({})
        ),
        Err(jeri_sandbox::FireError::NotConfigured)
    );
    let reply = harness
        .post(
            webhooks::FIRE_EVENT_PATH,
            json!({ "programId": PROGRAM, "email": "fay@example.com", "event": "Customer birthday" }),
        )
        .await;
    crate::common::assert_error(&reply, 409);
    let half = Sandbox::builder()
        .webhook_url("http://127.0.0.1:9/")
        .start()
        .await;
    assert!(half.is_err());
}

/// The sandbox sends what the spec describes: its event names are the spec's
/// `x-webhooks`, its headers those of `x-jeri-webhook-signature`, and its payloads carry
/// the fields `WebhookEventCommon` requires.
#[tokio::test]
async fn the_sandbox_sends_what_the_spec_describes() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/openapi.yaml"))
            .expect("spec is readable");
    let spec: serde_yaml::Value = serde_yaml::from_str(&text).expect("spec parses");
    let mut described: Vec<&str> = spec["x-webhooks"]
        .as_mapping()
        .expect("x-webhooks")
        .keys()
        .filter_map(|key| key.as_str())
        .collect();
    let mut sent = webhooks::EVENT_TYPES.to_vec();
    described.sort_unstable();
    sent.sort_unstable();
    assert_eq!(described, sent);
    let signature = &spec["x-jeri-webhook-signature"];
    assert_eq!(
        signature["header"].as_str(),
        Some(webhooks::SIGNATURE_HEADER)
    );
    assert_eq!(
        signature["eventType"]["name"].as_str(),
        Some(webhooks::EVENT_TYPE_HEADER)
    );
    assert_eq!(signature["encoding"].as_str(), Some("hex-or-base64"));

    let (receiver, url) = Receiver::start(&[]).await;
    let harness = harness(&url, Duration::from_millis(500)).await;
    harness.customer("gus@example.com", 3).await;
    harness.sandbox.webhooks_settled().await;
    let required = spec["components"]["schemas"]["WebhookEventCommon"]["required"]
        .as_sequence()
        .expect("required fields");
    for received in receiver.seen() {
        for field in required {
            let field = field.as_str().unwrap_or_default();
            assert!(
                received.payload.get(field).is_some(),
                "{field} in {:?}",
                received.payload
            );
        }
        assert!(received.payload["properties"].is_object());
    }
}

#[tokio::test]
async fn giving_a_wallet_pass_announces_it_requested_then_installed() {
    let (receiver, url) = Receiver::start(&[]).await;
    let harness = harness(&url, Duration::from_millis(500)).await;
    // The harness gives the new customer a pass; this gives a second one.
    harness.customer("jane@example.com", 0).await;
    assert!(
        harness
            .sandbox
            .state()
            .give_wallet_pass(PROGRAM, "jane@example.com")
    );
    harness.sandbox.webhooks_settled().await;
    let types: Vec<String> = receiver.seen().into_iter().map(|r| r.event_type).collect();
    assert_eq!(
        types,
        [
            "Customer created",
            "Wallet pass requested",
            "Wallet pass installed",
            "Wallet pass requested",
            "Wallet pass installed"
        ]
    );
}
