#![cfg(corpus)]
//! The client generated from keeper's spec talks to a loopback server that answers two of
//! its operations the way the spec describes them.

use std::sync::{Arc, Mutex};

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use jeri_corpus::keeper;
use serde_json::{Value, json};

mod support;
use support::serve_loopback;

const TOKEN: &str = "Bearer keeper-test-token";

/// The `Authorization` header and the JSON body (`null` when none) of one request.
type Request = (Option<String>, Value);

/// What the server saw, in order.
#[derive(Clone, Default)]
struct Seen(Arc<Mutex<Vec<Request>>>);

impl Seen {
    fn record(&self, headers: &HeaderMap, body: Value) {
        let authorization = headers
            .get("authorization")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        self.0
            .lock()
            .expect("the lock is never poisoned")
            .push((authorization, body));
    }

    fn requests(&self) -> Vec<Request> {
        self.0.lock().expect("the lock is never poisoned").clone()
    }
}

async fn ping(State(seen): State<Seen>, headers: HeaderMap) -> (StatusCode, Json<Value>) {
    seen.record(&headers, Value::Null);
    (
        StatusCode::CREATED,
        Json(json!({ "host": "keeper.local", "ok": true })),
    )
}

async fn report_start(
    State(seen): State<Seen>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> (StatusCode, Json<Value>) {
    seen.record(&headers, body);
    (
        StatusCode::CREATED,
        Json(json!({ "existed_already": false })),
    )
}

/// Serves keeper's `/ping` and `/report/start` on 127.0.0.1; the client for it.
async fn keeper_client(seen: Seen) -> keeper::Client {
    let app = Router::new()
        .route("/ping", get(ping))
        .route("/report/start", post(report_start))
        .with_state(seen);
    keeper::Client::from_transport(serve_loopback(app).await)
}

#[tokio::test]
async fn ping_sends_the_header_and_decodes_the_result() {
    let seen = Seen::default();
    let client = keeper_client(seen.clone()).await;

    let result = client.ping(TOKEN).await.expect("ping succeeds");

    assert_eq!(result.host, "keeper.local");
    assert!(result.ok);
    assert_eq!(seen.requests(), [(Some(TOKEN.to_owned()), Value::Null)]);
}

#[tokio::test]
async fn report_start_sends_the_body_and_decodes_the_result() {
    let seen = Seen::default();
    let client = keeper_client(seen.clone()).await;
    let body = keeper::types::ReportStartBody {
        id: keeper::types::ReportId {
            host: "build-01".to_owned(),
            job: "nightly".to_owned(),
            pid: 4242,
            time: "2026-05-25T10:00:00Z".parse().expect("RFC 3339"),
            uuid: "6f1c2d3e-0000-4000-8000-000000000001".to_owned(),
        },
        script: "make test".to_owned(),
        start_time: "2026-05-25T10:00:01Z".parse().expect("RFC 3339"),
    };

    let result = client
        .report_start(TOKEN, body)
        .await
        .expect("report_start succeeds");

    assert!(!result.existed_already);
    assert_eq!(
        seen.requests(),
        [(
            Some(TOKEN.to_owned()),
            json!({
                "id": {
                    "host": "build-01",
                    "job": "nightly",
                    "pid": 4242,
                    "time": "2026-05-25T10:00:00Z",
                    "uuid": "6f1c2d3e-0000-4000-8000-000000000001"
                },
                "script": "make test",
                "start_time": "2026-05-25T10:00:01Z"
            })
        )]
    );
}
