#![cfg(corpus)]
//! The client generated from buildomat's spec sends its non-JSON bodies (raw bytes and
//! plain text) to a loopback server the way the spec's media types say.

use std::sync::{Arc, Mutex};

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::routing::{post, put};
use jeri_corpus::buildomat;
use serde_json::{Value, json};

mod support;
use support::serve_loopback;

/// The path, `Content-Type` and body bytes of one request.
#[derive(Clone, Debug, PartialEq)]
struct Received {
    path: String,
    content_type: Option<String>,
    body: Vec<u8>,
}

/// What the server saw, in order.
#[derive(Clone, Default)]
struct Seen(Arc<Mutex<Vec<Received>>>);

impl Seen {
    fn record(&self, path: String, headers: &HeaderMap, body: Bytes) {
        let content_type = headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        self.0
            .lock()
            .expect("the lock is never poisoned")
            .push(Received {
                path,
                content_type,
                body: body.to_vec(),
            });
    }

    fn requests(&self) -> Vec<Received> {
        self.0.lock().expect("the lock is never poisoned").clone()
    }
}

async fn upload_chunk(
    State(seen): State<Seen>,
    Path(task): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, Json<Value>) {
    seen.record(format!("/v1/worker/task/{task}/chunk"), &headers, body);
    (StatusCode::CREATED, Json(json!({ "id": "chunk-7" })))
}

async fn put_name(State(seen): State<Seen>, headers: HeaderMap, body: Bytes) -> StatusCode {
    seen.record("/v1/whoami/name".to_owned(), &headers, body);
    StatusCode::OK
}

/// Serves two of buildomat's operations on 127.0.0.1; the client for them.
async fn buildomat_client(seen: Seen) -> buildomat::Client {
    let app = Router::new()
        .route("/v1/worker/task/{task}/chunk", post(upload_chunk))
        .route("/v1/whoami/name", put(put_name))
        .with_state(seen);
    buildomat::Client::from_transport(serve_loopback(app).await)
}

#[tokio::test]
async fn uploads_a_chunk_as_raw_bytes() {
    let seen = Seen::default();
    let client = buildomat_client(seen.clone()).await;
    let chunk = vec![0_u8, 159, 146, 150, 255, b'\n'];

    let uploaded = client
        .worker_task_upload_chunk("task-1", chunk.clone())
        .await
        .expect("the upload succeeds");

    assert_eq!(uploaded.id, "chunk-7");
    assert_eq!(
        seen.requests(),
        [Received {
            path: "/v1/worker/task/task-1/chunk".to_owned(),
            content_type: Some("application/octet-stream".to_owned()),
            body: chunk,
        }]
    );
}

#[tokio::test]
async fn puts_a_name_as_plain_text() {
    let seen = Seen::default();
    let client = buildomat_client(seen.clone()).await;

    client
        .whoami_put_name()
        .body("Zoë".to_owned())
        .await
        .expect("the put succeeds");

    let requests = seen.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].path, "/v1/whoami/name");
    assert!(
        requests[0]
            .content_type
            .as_deref()
            .is_some_and(|value| value.starts_with("text/plain")),
        "{requests:?}"
    );
    assert_eq!(requests[0].body, "Zoë".as_bytes());
}
