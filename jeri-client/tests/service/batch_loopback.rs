//! Batched calls against a loopback server that answers like the API and
//! fails one request on purpose: request counts, chunk sizes, per-item
//! outcomes.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::Json;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jeri_client::batch::{BatchReport, ItemOutcome};
use jeri_client::requests::{
    DecreaseBalanceRequest, DeleteResourcesRequest, IncreaseBalanceRequest, UpsertResourcesRequest,
};
use jeri_client::types::{
    BalanceChange, ErrorBody, IntegrationFeature, IntegrationItem, IntegrationItemPayload,
    ResourceDeletion, UsersPayload,
};
use jeri_client::{Client, Error, RetryPolicy};
use serde_json::{Value, json};

/// One request as the server saw it.
#[derive(Clone, Debug)]
struct Seen {
    method: String,
    path: String,
    emails: Vec<String>,
}

struct Behaviour {
    /// The 1-based number of the request to fail, and the status to fail it with.
    fail: Option<(usize, u16)>,
    seen: Mutex<Vec<Seen>>,
}

/// A server that applies every item except those whose email starts with
/// `bad` (refused with a per-item error) or `stray` (refused with an index
/// outside the request), and fails one whole request when told to.
struct BatchServer {
    url: String,
    behaviour: Arc<Behaviour>,
}

impl BatchServer {
    async fn start(fail: Option<(usize, u16)>) -> BatchServer {
        let behaviour = Arc::new(Behaviour {
            fail,
            seen: Mutex::new(Vec::new()),
        });
        let router = axum::Router::new()
            .fallback(answer)
            .with_state(behaviour.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let address = listener.local_addr().expect("address");
        tokio::spawn(async move { axum::serve(listener, router).await });
        BatchServer {
            url: format!("http://{address}"),
            behaviour,
        }
    }

    fn seen(&self) -> Vec<Seen> {
        self.behaviour
            .seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn chunk_sizes(&self) -> Vec<usize> {
        self.seen().iter().map(|seen| seen.emails.len()).collect()
    }

    /// A client whose retry policy would retry anything it is allowed to.
    fn client(&self) -> Client {
        Client::builder()
            .base_url(&self.url)
            .api_key("loopback-key")
            .retry_policy(
                RetryPolicy::new()
                    .max_attempts(4)
                    .base_delay(Duration::from_millis(1))
                    .max_delay(Duration::from_millis(2)),
            )
            .build()
            .expect("client")
    }
}

async fn answer(State(behaviour): State<Arc<Behaviour>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let items: Vec<Value> = serde_json::from_slice(&bytes).unwrap_or_default();
    let emails: Vec<String> = items
        .iter()
        .map(|item| item["email"].as_str().unwrap_or_default().to_owned())
        .collect();
    let number = {
        let mut seen = behaviour
            .seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        seen.push(Seen {
            method: parts.method.to_string(),
            path: parts.uri.path().to_owned(),
            emails: emails.clone(),
        });
        seen.len()
    };
    if let Some((fail_at, status)) = behaviour.fail
        && fail_at == number
    {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = json!({
            "statusCode": status.as_u16(),
            "message": format!("request {number} failed on purpose"),
            "error": "Failed",
        });
        return (status, Json(body)).into_response();
    }
    let mut errors = Vec::new();
    for (index, email) in emails.iter().enumerate() {
        if email.starts_with("bad") {
            errors.push(
                json!({ "index": index, "email": email, "message": format!("{email} is refused") }),
            );
        } else if email.starts_with("stray") {
            errors.push(
                json!({ "index": emails.len() + index, "email": email, "message": "misplaced" }),
            );
        }
    }
    let status = if parts.method == "DELETE" {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    let body = json!({
        "accepted": emails.len() - errors.len(),
        "failed": errors.len(),
        "errors": errors,
    });
    (status, Json(body)).into_response()
}

fn email(index: usize, bad: &[usize]) -> String {
    if bad.contains(&index) {
        format!("bad{index}@example.com")
    } else {
        format!("user{index}@example.com")
    }
}

fn changes(count: usize, bad: &[usize]) -> Vec<BalanceChange> {
    (0..count)
        .map(|index| BalanceChange {
            email: email(index, bad),
            amount: 10,
            reason: "test".to_owned(),
        })
        .collect()
}

fn users(count: usize, bad: &[usize]) -> Vec<IntegrationItem> {
    (0..count)
        .map(|index| IntegrationItem {
            email: email(index, bad),
            feature: IntegrationFeature::Users,
            payload: IntegrationItemPayload::UsersPayload(UsersPayload::default()),
        })
        .collect()
}

/// Every input index appears once, in order, and the emails sent are the
/// input's, in order, split at the limit.
fn assert_whole(report: &BatchReport, server: &BatchServer, input: &[String], max: usize) {
    assert_eq!(report.len(), input.len());
    let indexes: Vec<usize> = report.iter().map(|(index, _)| index).collect();
    assert_eq!(indexes, (0..input.len()).collect::<Vec<_>>());
    let sent: Vec<String> = server
        .seen()
        .into_iter()
        .flat_map(|seen| seen.emails)
        .collect();
    assert_eq!(sent, input);
    assert!(server.chunk_sizes().iter().all(|&size| size <= max));
}

fn rejected(report: &BatchReport, index: usize) -> String {
    match report.outcome(index) {
        Some(ItemOutcome::Rejected { message }) => message.clone(),
        other => panic!("item {index}: expected Rejected, got {other:?}"),
    }
}

#[tokio::test]
async fn upserts_of_251_items_go_out_as_250_then_1() {
    let server = BatchServer::start(None).await;
    let items = users(251, &[7, 250]);
    let input: Vec<String> = items.iter().map(|item| item.email.clone()).collect();
    let report = server
        .client()
        .upsert_resources_batched("acme", items)
        .await;

    assert_eq!(UpsertResourcesRequest::BODY_MAX_ITEMS, 250);
    assert_eq!(server.chunk_sizes(), vec![250, 1]);
    assert_eq!(report.requests_sent(), 2);
    for seen in server.seen() {
        assert_eq!(seen.method, "POST");
        assert_eq!(seen.path, "/v1/programs/acme/integrations/api");
    }
    assert_whole(
        &report,
        &server,
        &input,
        UpsertResourcesRequest::BODY_MAX_ITEMS,
    );
    // Index 0 of the second request is input item 250.
    assert_eq!(rejected(&report, 7), "bad7@example.com is refused");
    assert_eq!(rejected(&report, 250), "bad250@example.com is refused");
    assert_eq!(report.accepted_count(), 249);
    assert_eq!(
        report.failed().map(|(index, _)| index).collect::<Vec<_>>(),
        vec![7, 250]
    );
    assert!(!report.is_complete_success());
    assert_eq!(report.chunk_errors().count(), 0);
}

#[tokio::test]
async fn a_failed_second_chunk_is_reported_and_the_third_still_sent() {
    // 503 is a status the transport retries for idempotent calls; a balance
    // increase is a POST and must reach the server exactly once per chunk.
    let server = BatchServer::start(Some((2, 503))).await;
    let input = changes(250, &[5, 150, 230]);
    let emails: Vec<String> = input.iter().map(|change| change.email.clone()).collect();
    let report = server
        .client()
        .increase_balance_batched("acme", input)
        .await;

    assert_eq!(IncreaseBalanceRequest::BODY_MAX_ITEMS, 100);
    assert_eq!(server.chunk_sizes(), vec![100, 100, 50]);
    assert_eq!(report.requests_sent(), 3);
    assert!(
        server
            .seen()
            .iter()
            .all(|seen| seen.method == "POST" && seen.path == "/v1/programs/acme/balance/increase")
    );
    assert_whole(
        &report,
        &server,
        &emails,
        IncreaseBalanceRequest::BODY_MAX_ITEMS,
    );

    assert_eq!(rejected(&report, 5), "bad5@example.com is refused");
    assert_eq!(rejected(&report, 230), "bad230@example.com is refused");
    let shared = match report.outcome(100) {
        Some(ItemOutcome::ChunkFailed { chunk, error }) => {
            assert_eq!(chunk, &(100..200));
            assert_eq!(error.status(), Some(503));
            error.clone()
        }
        other => panic!("expected ChunkFailed, got {other:?}"),
    };
    for index in 100..200 {
        match report.outcome(index) {
            Some(ItemOutcome::ChunkFailed { error, .. }) => {
                assert!(Arc::ptr_eq(error, &shared), "item {index}");
            }
            other => panic!("item {index}: expected ChunkFailed, got {other:?}"),
        }
    }
    // Item 150 was in the failed request: its own refusal was never seen.
    assert!(!report.outcome(150).is_some_and(ItemOutcome::is_accepted));
    let chunk_errors: Vec<_> = report.chunk_errors().collect();
    assert_eq!(chunk_errors.len(), 1);
    assert_eq!(chunk_errors[0].0, &(100..200));
    assert_eq!(report.accepted_count(), 250 - 100 - 2);
    assert_eq!(report.failed_count(), 102);
    assert!(!report.is_complete_success());
    let reason = report
        .outcome(120)
        .and_then(ItemOutcome::reason)
        .unwrap_or_default();
    assert!(reason.contains("503"), "{reason}");
}

#[tokio::test]
async fn balance_decreases_are_sent_once_even_when_the_answer_is_retryable() {
    let server = BatchServer::start(Some((1, 503))).await;
    let report = server
        .client()
        .decrease_balance_batched("acme", changes(101, &[]))
        .await;
    assert_eq!(DecreaseBalanceRequest::BODY_MAX_ITEMS, 100);
    assert_eq!(server.chunk_sizes(), vec![100, 1]);
    assert!(
        server
            .seen()
            .iter()
            .all(|seen| seen.path == "/v1/programs/acme/balance/decrease")
    );
    assert_eq!(report.accepted_count(), 1);
    assert!(report.outcome(100).is_some_and(ItemOutcome::is_accepted));
    assert!(
        (0..100)
            .all(|index| matches!(report.outcome(index), Some(ItemOutcome::ChunkFailed { .. })))
    );
}

#[tokio::test]
async fn deletions_keep_the_typed_error_of_a_refused_chunk() {
    let server = BatchServer::start(Some((2, 400))).await;
    let items: Vec<ResourceDeletion> = (0..300)
        .map(|index| ResourceDeletion {
            email: email(index, &[]),
            feature: IntegrationFeature::Loyalty,
        })
        .collect();
    let report = server
        .client()
        .delete_resources_batched("acme", items)
        .await;

    assert_eq!(DeleteResourcesRequest::BODY_MAX_ITEMS, 250);
    assert_eq!(server.chunk_sizes(), vec![250, 50]);
    assert!(server.seen().iter().all(|seen| seen.method == "DELETE"));
    assert_eq!(report.accepted_count(), 250);
    let (range, error) = report.chunk_errors().next().expect("one failed chunk");
    assert_eq!(range, &(250..300));
    match error.as_ref() {
        Error::Api(api) => {
            assert_eq!(api.status(), 400);
            let body = api.body::<ErrorBody>().expect("documented error body");
            assert_eq!(body.status_code, 400);
        }
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn empty_input_sends_nothing() {
    let server = BatchServer::start(None).await;
    let client = server.client();
    let reports = [
        client.upsert_resources_batched("acme", Vec::new()).await,
        client.delete_resources_batched("acme", Vec::new()).await,
        client.increase_balance_batched("acme", Vec::new()).await,
        client.decrease_balance_batched("acme", Vec::new()).await,
    ];
    for report in reports {
        assert!(report.is_empty());
        assert_eq!(report.requests_sent(), 0);
        assert!(report.is_complete_success());
    }
    assert!(server.seen().is_empty());
}

#[tokio::test]
async fn exactly_full_chunks_send_no_empty_request() {
    let server = BatchServer::start(None).await;
    let report = server
        .client()
        .increase_balance_batched("acme", changes(200, &[]))
        .await;
    assert_eq!(server.chunk_sizes(), vec![100, 100]);
    assert!(report.is_complete_success());
    assert_eq!(report.accepted_count(), 200);
}

#[tokio::test]
async fn per_item_errors_naming_no_item_are_kept() {
    let server = BatchServer::start(None).await;
    let mut input = changes(3, &[]);
    input[1].email = "stray@example.com".to_owned();
    let report = server
        .client()
        .increase_balance_batched("acme", input)
        .await;
    // The API said something failed but named no item of the request.
    assert_eq!(report.accepted_count(), 3);
    assert!(!report.is_complete_success());
    let unmatched = report.unmatched_errors();
    assert_eq!(unmatched.len(), 1);
    assert_eq!(unmatched[0].chunk, 0..3);
    assert_eq!(unmatched[0].error.email, "stray@example.com");
}
