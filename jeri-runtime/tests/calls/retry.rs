//! Retries, counted by the server.

use crate::support::ServerExt as _;

use std::time::Duration;

use crate::support::{Reply, Server, fast_retries, get_customer, redeem};
use jeri_runtime::Error;
use jeri_runtime::{CallOptions, RetryPolicy, Transport, TransportErrorKind};

async fn get_status(transport: &Transport, options: CallOptions) -> u16 {
    get_customer(transport, "p", "e", options)
        .await
        .map(|response| response.status())
        .expect("a response")
}

#[tokio::test]
async fn get_is_retried_on_503_up_to_the_limit() {
    let server = Server::start(vec![Reply::status(503)]).await;
    assert_eq!(
        get_status(&server.transport(), CallOptions::new()).await,
        503
    );
    assert_eq!(server.count(), 3);
}

#[tokio::test]
async fn get_recovers_after_transient_failures() {
    let server = Server::start(vec![
        Reply::status(502),
        Reply::status(504),
        Reply::json(200, "{}"),
    ])
    .await;
    assert_eq!(
        get_status(&server.transport(), CallOptions::new()).await,
        200
    );
    assert_eq!(server.count(), 3);
}

#[tokio::test]
async fn too_many_requests_is_retried() {
    let server = Server::start(vec![
        Reply::status(429).header("retry-after", "0"),
        Reply::json(200, "{}"),
    ])
    .await;
    assert_eq!(
        get_status(&server.transport(), CallOptions::new()).await,
        200
    );
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn other_errors_are_not_retried() {
    for status in [400, 401, 404, 409, 422, 500] {
        let server = Server::start(vec![Reply::status(status)]).await;
        assert_eq!(
            get_status(&server.transport(), CallOptions::new()).await,
            status
        );
        assert_eq!(server.count(), 1, "status {status}");
    }
}

#[tokio::test]
async fn post_is_not_retried_unless_the_call_opts_in() {
    let server = Server::start(vec![Reply::status(503)]).await;
    let transport = server.transport();
    let response = redeem(&transport, CallOptions::new())
        .await
        .expect("response");
    assert_eq!(response.status(), 503);
    assert_eq!(server.count(), 1);

    let opted_in = CallOptions::new().retry_non_idempotent(true);
    redeem(&transport, opted_in).await.expect("response");
    assert_eq!(server.count(), 1 + 3);
    // Every attempt carries the same body.
    let bodies: Vec<Vec<u8>> = server.requests().into_iter().map(|r| r.body).collect();
    assert!(
        bodies
            .iter()
            .all(|body| body == &bodies[0] && !body.is_empty())
    );
}

#[tokio::test]
async fn attempts_follow_the_policy_and_the_call() {
    let server = Server::start(vec![Reply::status(503)]).await;
    let disabled = server
        .builder()
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("transport");
    get_status(&disabled, CallOptions::new()).await;
    assert_eq!(server.count(), 1);

    let five = server
        .builder()
        .retry_policy(fast_retries().max_attempts(5))
        .build()
        .expect("transport");
    get_status(&five, CallOptions::new()).await;
    assert_eq!(server.count(), 1 + 5);

    get_status(&five, CallOptions::new().max_attempts(2)).await;
    assert_eq!(server.count(), 1 + 5 + 2);
}

#[tokio::test]
async fn retry_after_beyond_the_budget_stops_retrying() {
    let server = Server::start(vec![Reply::status(503).header("retry-after", "120")]).await;
    let transport = server
        .builder()
        .retry_policy(fast_retries().total_budget(Duration::from_secs(5)))
        .build()
        .expect("transport");
    let response = get_customer(&transport, "p", "e", CallOptions::new())
        .await
        .expect("response");
    assert_eq!(response.status(), 503);
    assert_eq!(server.count(), 1);
    match response.unexpected() {
        Error::Api(error) => {
            assert_eq!(error.retry_after(), Some(Duration::from_secs(120)));
            assert!(Error::Api(error).is_retryable());
        }
        other => panic!("expected Api error, got {other:?}"),
    }
}

#[tokio::test]
async fn retry_after_is_waited_for() {
    // A Retry-After of one second within the budget: the retry happens after it.
    let server = Server::start(vec![
        Reply::status(503).header("retry-after", "1"),
        Reply::json(200, "{}"),
    ])
    .await;
    assert_eq!(
        get_status(&server.transport(), CallOptions::new()).await,
        200
    );
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn connect_errors_are_retryable_transport_errors() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    drop(listener);
    let transport = Transport::builder()
        .base_url(format!("http://{address}"))
        .api_key("k")
        .retry_policy(fast_retries())
        .build()
        .expect("transport");
    let error = get_customer(&transport, "p", "e", CallOptions::new())
        .await
        .expect_err("nothing listens there");
    match &error {
        Error::Transport {
            operation, kind, ..
        } => {
            assert_eq!(*operation, "getCustomer");
            assert_eq!(*kind, TransportErrorKind::Connect);
        }
        other => panic!("expected a transport error, got {other:?}"),
    }
    assert!(error.is_retryable());
    assert!(!error.is_timeout());
    assert_eq!(error.status(), None);
}
