//! What a service sees of each call besides tracing: hooks around every attempt,
//! and the status and headers next to the decoded value.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::support::{API_KEY, GET_CUSTOMER, Reply, Server, ServerExt};
use jeri_runtime::{
    Attempt, Call, CallOptions, Error, Hook, Received, ResponseValue, execute_with_response,
};
use reqwest::header::HeaderValue;

fn get_customer_call(server: &Server) -> Result<Call, Error> {
    let transport = server.transport();
    let mut call = Call::new(&transport, &GET_CUSTOMER, CallOptions::new());
    call.path_literal("/v1/programs/");
    call.path_param("programId", &"prog-1")?;
    call.path_literal("/customers/");
    call.path_param("email", &"ana@example.com")?;
    Ok(call)
}

fn decode(received: Received) -> Result<serde_json::Value, Error> {
    match received.status() {
        200 => received.json(),
        _ => Err(received.unexpected()),
    }
}

/// One attempt as a hook saw it: operation, attempt number, status, elapsed time.
type Seen = (&'static str, u32, Option<u16>, Duration);

/// The documented example hook: a request id header and each attempt's timing.
#[derive(Default)]
struct Timings {
    seen: Mutex<Vec<Seen>>,
}

impl Hook for Timings {
    fn before_attempt(&self, attempt: &Attempt, request: &mut reqwest::Request) {
        let id = format!("{}-{}", attempt.operation.id, attempt.number);
        if let Ok(value) = HeaderValue::from_str(&id) {
            request.headers_mut().insert("x-request-id", value);
        }
    }

    fn after_attempt(
        &self,
        attempt: &Attempt,
        outcome: Result<&reqwest::Response, &reqwest::Error>,
        elapsed: Duration,
    ) {
        let status = outcome.ok().map(|response| response.status().as_u16());
        self.seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((attempt.operation.id, attempt.number, status, elapsed));
    }
}

/// Shares one hook between the transport and the test.
struct Shared(Arc<Timings>);

impl Hook for Shared {
    fn before_attempt(&self, attempt: &Attempt, request: &mut reqwest::Request) {
        self.0.before_attempt(attempt, request);
    }

    fn after_attempt(
        &self,
        attempt: &Attempt,
        outcome: Result<&reqwest::Response, &reqwest::Error>,
        elapsed: Duration,
    ) {
        self.0.after_attempt(attempt, outcome, elapsed);
    }
}

/// Notes its name when it runs, to check the order hooks run in.
struct Order(Arc<Mutex<Vec<&'static str>>>, &'static str);

impl Hook for Order {
    fn before_attempt(&self, _: &Attempt, request: &mut reqwest::Request) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(self.1);
        // A later hook sees what an earlier one set.
        let seen = request.headers().contains_key("x-first");
        request.headers_mut().insert(
            "x-first",
            HeaderValue::from_static(if seen { "seen" } else { "set" }),
        );
    }
}

#[tokio::test]
async fn hooks_wrap_every_attempt_in_order() {
    let timings = Arc::new(Timings::default());
    let order = Arc::new(Mutex::new(Vec::new()));
    let server = Server::start(vec![Reply::status(502), Reply::json(200, "{}")]).await;
    let transport = ServerExt::builder(&server)
        .hook(Order(order.clone(), "first"))
        .hook(Shared(timings.clone()))
        .hook(Order(order.clone(), "third"))
        .build()
        .expect("transport");
    let mut call = Call::new(&transport, &GET_CUSTOMER, CallOptions::new());
    call.path_literal("/v1/programs/p/customers/e");
    let response = call.send().await.expect("a response");
    assert_eq!(response.status(), 200);

    let requests = server.requests();
    let ids: Vec<Option<&str>> = requests
        .iter()
        .map(|request| request.header("x-request-id"))
        .collect();
    assert_eq!(ids, [Some("getCustomer-1"), Some("getCustomer-2")]);
    assert!(
        requests
            .iter()
            .all(|request| request.header("x-first") == Some("seen"))
    );
    assert_eq!(
        *order.lock().unwrap_or_else(PoisonError::into_inner),
        ["first", "third", "first", "third"]
    );
    let seen = timings
        .seen
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    let attempts: Vec<(&str, u32, Option<u16>)> = seen
        .iter()
        .map(|(id, number, status, _)| (*id, *number, *status))
        .collect();
    assert_eq!(
        attempts,
        [("getCustomer", 1, Some(502)), ("getCustomer", 2, Some(200))]
    );
    // Every attempt took some measurable time on the wire.
    assert!(seen.iter().all(|(.., elapsed)| *elapsed > Duration::ZERO));
    assert!(format!("{transport:?}").contains("hooks: 3"));
}

#[tokio::test]
async fn a_hook_sees_transport_errors() {
    let timings = Arc::new(Timings::default());
    // Nothing listens on port 9 of the loopback address.
    let transport = jeri_runtime::Transport::builder()
        .base_url("http://127.0.0.1:9")
        .api_key(API_KEY)
        .retry_policy(jeri_runtime::RetryPolicy::disabled())
        .hook(Shared(timings.clone()))
        .build()
        .expect("transport");
    let call = Call::new(&transport, &GET_CUSTOMER, CallOptions::new());
    assert!(matches!(call.send().await, Err(Error::Transport { .. })));
    let seen = timings
        .seen
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].2, None);
}

#[tokio::test]
async fn the_value_comes_with_status_and_headers() {
    let server = Server::start(vec![
        Reply::json(200, r#"{"id":"c-1"}"#)
            .header("x-request-id", "req-42")
            .header("x-ratelimit-remaining", "17"),
    ])
    .await;
    let answer: ResponseValue<serde_json::Value> =
        execute_with_response(get_customer_call(&server), decode)
            .await
            .expect("decoded");
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.value()["id"], "c-1");
    assert_eq!(
        answer
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok()),
        Some("req-42")
    );
    let (value, status, headers) = answer.into_parts();
    assert_eq!((value["id"].as_str(), status), (Some("c-1"), 200));
    assert_eq!(
        headers
            .get("x-ratelimit-remaining")
            .and_then(|v| v.to_str().ok()),
        Some("17")
    );
}

#[tokio::test]
async fn an_error_answer_is_still_an_error_with_metadata_requested() {
    let server = Server::start(vec![Reply::json(404, r#"{"message":"no"}"#)]).await;
    let result = execute_with_response(get_customer_call(&server), decode).await;
    match result {
        Err(Error::Api(error)) => assert_eq!(error.status(), 404),
        other => panic!("expected an API error, got {other:?}"),
    }
}
