//! What a failed call says about whether it took effect, and whether a retry is safe,
//! over loopback.

use crate::support::ServerExt as _;

use std::time::Duration;

use crate::support::{
    Reply, Server, closed_port_url, fast_retries, get_customer_call, json_value, redeem_call,
};
use jeri_runtime::{CallOptions, Error, Outcome, RetryPolicy, Transport, execute};

const SLOW: Duration = Duration::from_secs(60);

fn timing_out(server: &Server) -> Transport {
    server
        .builder()
        .timeout(Duration::from_millis(200))
        .build()
        .expect("transport")
}

/// A transport to `url` with fast retries.
fn to(url: String) -> Transport {
    Transport::builder()
        .base_url(url)
        .api_key("k")
        .retry_policy(fast_retries())
        .build()
        .expect("transport")
}

async fn redeem(transport: &Transport) -> Error {
    execute(redeem_call(transport, CallOptions::new()), json_value)
        .await
        .expect_err("the call fails")
}

async fn get(transport: &Transport) -> Error {
    execute(
        get_customer_call(transport, "p", "e", CallOptions::new()),
        json_value,
    )
    .await
    .expect_err("the call fails")
}

#[tokio::test]
async fn a_timed_out_post_is_unknown_and_not_retryable() {
    let server = Server::start(vec![Reply::json(200, "{}").delay(SLOW)]).await;
    let error = redeem(&timing_out(&server)).await;
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(error.outcome(), Outcome::Unknown);
    assert!(!error.is_retryable(), "a retry could apply it twice");
    // The message says so too, for whoever reads the log.
    assert!(
        error
            .to_string()
            .ends_with("(the request may have taken effect: outcome unknown)"),
        "{error}"
    );
    // The request reached the server once, and was not repeated.
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn a_timed_out_get_is_retryable() {
    let server = Server::start(vec![Reply::json(200, "{}").delay(SLOW)]).await;
    let error = get(&timing_out(&server)).await;
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(error.outcome(), Outcome::Unknown);
    assert!(error.is_retryable());
    // The transport retried it as the policy allows.
    assert_eq!(server.count(), 3);
}

#[tokio::test]
async fn connection_refused_is_not_applied_and_retryable_for_any_method() {
    let transport = to(closed_port_url());
    for error in [redeem(&transport).await, get(&transport).await] {
        assert!(matches!(error, Error::Transport { .. }), "{error:?}");
        assert!(!error.to_string().contains("outcome"), "{error}");
        assert_eq!(error.outcome(), Outcome::NotApplied, "{error:?}");
        assert!(error.is_retryable(), "nothing was sent: {error:?}");
        assert_eq!(error.status(), None);
    }
}

#[tokio::test]
async fn a_success_with_an_undecodable_body_was_applied() {
    let server = Server::start(vec![Reply::json(201, "{not json")]).await;
    let error = redeem(&server.transport()).await;
    assert!(
        matches!(error, Error::Decode { status: 201, .. }),
        "{error:?}"
    );
    assert_eq!(error.outcome(), Outcome::Applied);
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn server_errors_to_a_post_are_unknown_but_refusals_are_not_applied() {
    let server = Server::start(vec![]).await;
    let transport = server.transport();
    for (status, outcome, retryable) in [
        (500, Outcome::Unknown, false),
        (502, Outcome::Unknown, false),
        (504, Outcome::Unknown, false),
        (503, Outcome::NotApplied, true),
        (429, Outcome::NotApplied, true),
        (404, Outcome::NotApplied, false),
        (409, Outcome::NotApplied, false),
    ] {
        server.script(vec![Reply::json(status, "{}")]);
        let error = redeem(&transport).await;
        assert_eq!(error.status(), Some(status));
        assert_eq!(error.outcome(), outcome, "POST answered {status}");
        assert_eq!(error.is_retryable(), retryable, "POST answered {status}");
        // POST is never retried by the transport without the call's consent.
        assert_eq!(server.take_requests().len(), 1, "POST answered {status}");
    }
}

#[tokio::test]
async fn server_errors_to_a_get_are_retryable_where_they_may_pass() {
    let server = Server::start(vec![]).await;
    let transport = server
        .builder()
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("transport");
    for (status, retryable) in [(500, false), (502, true), (503, true), (504, true)] {
        server.script(vec![Reply::json(status, "{}")]);
        let error = get(&transport).await;
        assert_eq!(error.is_retryable(), retryable, "GET answered {status}");
        assert_eq!(error.outcome(), jeri_runtime::Outcome::of_status(status));
    }
}

#[tokio::test]
async fn refused_before_sending_is_not_applied() {
    let server = Server::start(vec![]).await;
    let Err(error) = get_customer_call(&server.transport(), "p", "", CallOptions::new()) else {
        panic!("an empty path parameter is refused");
    };
    assert_eq!(error.outcome(), Outcome::NotApplied);
    assert!(!error.is_retryable());
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn a_connection_dropped_after_the_request_arrived_is_unknown() {
    let (url, count) = crate::support::raw_server(b"").await;
    let error = redeem(&to(url)).await;
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert_eq!(error.outcome(), Outcome::Unknown, "{error:?}");
    assert!(!error.is_retryable());
    assert_eq!(count.load(std::sync::atomic::Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_success_whose_body_was_cut_short_was_applied() {
    let (url, _) = crate::support::raw_server(
        b"HTTP/1.1 201 Created\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{\"id\":",
    )
    .await;
    let error = redeem(&to(url)).await;
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert_eq!(error.status(), Some(201));
    assert_eq!(error.outcome(), Outcome::Applied, "{error:?}");
    assert!(!error.is_retryable());
}
