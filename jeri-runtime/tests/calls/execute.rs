//! `execute`: sending a prepared call and decoding the read body with a
//! plain function, the way generated operations do.

use crate::support::ServerExt as _;

use crate::support::{GET_CUSTOMER, Reply, Server};
use jeri_runtime::Error;
use jeri_runtime::{ApiError, Call, CallOptions, Received, RetryPolicy, Transport, execute};
use serde::Deserialize;

#[derive(Debug, Deserialize, PartialEq)]
struct Customer {
    email: String,
}

fn prepare(transport: &Transport, program_id: &str) -> Result<Call, Error> {
    let mut call = Call::new(transport, &GET_CUSTOMER, CallOptions::new());
    call.path_literal("/v1/programs/");
    call.path_param("programId", &program_id)?;
    call.path_literal("/customers/");
    call.path_param("email", &"ana@example.com")?;
    Ok(call)
}

fn decode(received: Received) -> Result<Customer, Error> {
    match received.status() {
        200 => received.json(),
        _ => Err(received.unexpected()),
    }
}

fn transport(server: &Server) -> Transport {
    server
        .builder()
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("transport")
}

#[tokio::test]
async fn documented_success_decodes() {
    let server = Server::start(vec![Reply::json(200, r#"{"email":"ana@example.com"}"#)]).await;
    let transport = transport(&server);
    let customer = execute(prepare(&transport, "p1"), decode)
        .await
        .expect("decoded");
    assert_eq!(customer.email, "ana@example.com");
    assert_eq!(
        server.single().target,
        "/v1/programs/p1/customers/ana%40example.com"
    );
}

#[tokio::test]
async fn a_call_that_failed_to_build_sends_nothing() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let transport = transport(&server);
    let future = execute(prepare(&transport, ".."), decode);
    assert_eq!(server.count(), 0);
    match future.await {
        Err(Error::InvalidInput { operation, message }) => {
            assert_eq!(operation, "getCustomer");
            assert!(message.contains("programId"), "{message}");
        }
        other => panic!("expected InvalidInput, got {other:?}"),
    }
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn an_undocumented_success_keeps_its_body_as_an_error() {
    let server = Server::start(vec![
        Reply::json(202, r#"{"queued":true}"#).header("retry-after", "7"),
    ])
    .await;
    let transport = transport(&server);
    let error = execute(prepare(&transport, "p1"), decode)
        .await
        .expect_err("202 is not documented");
    let api = error.as_api().expect("an API error");
    assert_eq!(api.status(), 202);
    assert_eq!(api.raw_text(), r#"{"queued":true}"#);
    assert!(!api.is_truncated());
    assert_eq!(api.retry_after(), Some(std::time::Duration::from_secs(7)));
}

#[tokio::test]
async fn error_bodies_keep_only_their_start() {
    let body = format!(r#"{{"email":"{}"}}"#, "x".repeat(100 * 1024));
    let replies = vec![
        Reply::json(500, body.as_str()),
        Reply::json(500, body.as_str()),
    ];
    let server = Server::start(replies).await;
    let transport = transport(&server);

    let error = execute(prepare(&transport, "p1"), decode)
        .await
        .expect_err("500");
    let api = error.as_api().expect("an API error");
    assert_eq!(api.raw_body().len(), ApiError::MAX_BODY_BYTES);
    assert!(api.is_truncated());

    // A decoder that reads an error status as JSON cannot get a body that
    // was not kept whole.
    fn decode_any(received: Received) -> Result<Customer, Error> {
        received.json()
    }
    match execute(prepare(&transport, "p1"), decode_any).await {
        Err(Error::BodyTooLarge { status, limit, .. }) => {
            assert_eq!((status, limit), (500, ApiError::MAX_BODY_BYTES));
        }
        other => panic!("expected BodyTooLarge, got {other:?}"),
    }
}

#[tokio::test]
async fn success_bodies_over_the_limit_are_refused() {
    let body = format!(r#"{{"email":"{}"}}"#, "x".repeat(4096));
    let server = Server::start(vec![Reply::json(200, body.as_str())]).await;
    let transport = server
        .builder()
        .retry_policy(RetryPolicy::disabled())
        .max_body_size(1024)
        .build()
        .expect("transport");
    match execute(prepare(&transport, "p1"), decode).await {
        Err(Error::BodyTooLarge { status, limit, .. }) => assert_eq!((status, limit), (200, 1024)),
        other => panic!("expected BodyTooLarge, got {other:?}"),
    }
}

/// Every request allocates and moves the future `execute` returns, so its size is a cost
/// per request (it was 3.3 KB before the send path was written to keep it small; a
/// hand-written reqwest call's future is about 0.8 KB).
#[tokio::test]
async fn the_boxed_future_stays_small() {
    let server = Server::start(vec![Reply::json(200, r#"{"email":"ana@example.com"}"#)]).await;
    let transport = transport(&server);
    let future = execute(prepare(&transport, "prog-1"), decode);
    let size = std::mem::size_of_val(&*future);
    assert!(size <= 768, "the future of a call takes {size} bytes");
    assert_eq!(
        future.await.expect("customer").email,
        "ana@example.com".to_owned()
    );
}
