//! Slow servers end in timeout errors.

use crate::support::ServerExt as _;

use std::time::Duration;

use crate::support::{Reply, Server, get_customer};
use jeri_runtime::{CallOptions, RetryPolicy};

const SLOW: Duration = Duration::from_secs(60);

#[tokio::test]
async fn a_slow_answer_is_a_timeout_and_get_retries_it() {
    let server = Server::start(vec![Reply::json(200, "{}").delay(SLOW)]).await;
    let transport = server
        .builder()
        .timeout(Duration::from_millis(200))
        .build()
        .expect("transport");
    let error = get_customer(&transport, "p", "e", CallOptions::new())
        .await
        .expect_err("the server is too slow");
    assert!(error.is_timeout(), "{error:?}");
    assert!(error.is_retryable());
    assert_eq!(error.operation(), Some("getCustomer"));
    assert_eq!(server.count(), 3);
}

#[tokio::test]
async fn the_call_can_shorten_the_timeout() {
    let server = Server::start(vec![Reply::json(200, "{}").delay(SLOW)]).await;
    let transport = server
        .builder()
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("transport");
    let options = CallOptions::new().timeout(Duration::from_millis(200));
    let error = get_customer(&transport, "p", "e", options)
        .await
        .expect_err("the server is too slow");
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(server.count(), 1);
}
