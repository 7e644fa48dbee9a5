//! Retries as the generated operations see them: idempotent operations are
//! retried on transient answers, POST operations only when the call opts
//! in, and every attempt is the same request.

use jeri_client::types::RewardRedemptionRequest;
use jeri_client::{CallOptions, Error};
use jeri_tests::fixtures::{self, API_KEY, TOKEN, client_with, error_body, fast_retries};
use jeri_tests::operations::{OPERATIONS, balance_changes};
use jeri_tests::recording::{Recorded, Reply, Server};

fn unavailable() -> Reply {
    Reply::json(
        503,
        error_body(503, "Service Unavailable", "Service Unavailable").to_string(),
    )
}

fn assert_same_request(attempts: &[Recorded]) {
    for attempt in &attempts[1..] {
        assert_eq!(attempt.method, attempts[0].method);
        assert_eq!(attempt.target, attempts[0].target);
        assert_eq!(attempt.body, attempts[0].body);
        assert_eq!(attempt.header("api-key"), attempts[0].header("api-key"));
        assert_eq!(
            attempt.header("authorization"),
            attempts[0].header("authorization")
        );
    }
}

#[tokio::test]
async fn get_customer_is_retried_after_503_and_succeeds() {
    let server = Server::start(vec![
        unavailable(),
        Reply::json(200, fixtures::customer().to_string()),
    ])
    .await;
    let customer = client_with(server.url(), fast_retries())
        .get_customer("acme", "ada+loyalty@example.com")
        .await
        .expect("the second attempt succeeds");
    assert_eq!(customer.email, "ada+loyalty@example.com");
    let attempts = server.requests();
    assert_eq!(attempts.len(), 2);
    assert_same_request(&attempts);
    assert_eq!(attempts[1].header("api-key"), Some(API_KEY));
}

#[tokio::test]
async fn get_customer_gives_up_after_the_policy_attempts() {
    let server = Server::start(vec![unavailable()]).await;
    let error = client_with(server.url(), fast_retries())
        .get_customer("acme", "ada@example.com")
        .await
        .expect_err("always unavailable");
    assert_eq!(error.status(), Some(503));
    assert!(error.is_retryable());
    assert_eq!(server.count(), 3);
}

#[tokio::test]
async fn a_call_can_turn_retries_off() {
    let server = Server::start(vec![
        unavailable(),
        Reply::json(200, fixtures::customer().to_string()),
    ])
    .await;
    let error = client_with(server.url(), fast_retries())
        .get_customer("acme", "ada@example.com")
        .options(CallOptions::new().max_attempts(1))
        .await
        .expect_err("no second attempt");
    assert_eq!(error.status(), Some(503));
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn documented_client_errors_are_not_retried() {
    let server = Server::start(vec![
        Reply::json(
            404,
            error_body(404, "Customer not found", "Not Found").to_string(),
        ),
        Reply::json(200, fixtures::customer().to_string()),
    ])
    .await;
    let error = client_with(server.url(), fast_retries())
        .get_customer("acme", "ada@example.com")
        .await
        .expect_err("404 is final");
    assert!(error.is_not_found());
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn increase_balance_is_not_retried_on_503() {
    let server = Server::start(vec![
        unavailable(),
        Reply::json(201, fixtures::batch_result().to_string()),
    ])
    .await;
    let result = client_with(server.url(), fast_retries())
        .increase_balance("acme", balance_changes())
        .await;
    match result {
        Err(Error::Api(error)) => assert_eq!(error.status(), 503),
        other => panic!("expected the 503, got {other:?}"),
    }
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn increase_balance_is_retried_when_the_call_opts_in() {
    let server = Server::start(vec![
        unavailable(),
        Reply::json(201, fixtures::batch_result().to_string()),
    ])
    .await;
    let result = client_with(server.url(), fast_retries())
        .increase_balance("acme", balance_changes())
        .options(CallOptions::new().retry_non_idempotent(true))
        .await
        .expect("the second attempt succeeds");
    assert_eq!(result.accepted, 2);
    let attempts = server.requests();
    assert_eq!(attempts.len(), 2);
    assert_same_request(&attempts);
    assert_eq!(attempts[1].json(), attempts[0].json());
}

#[tokio::test]
async fn customer_posts_follow_the_same_rule() {
    let server = Server::start(vec![
        Reply::status(502),
        Reply::json(201, fixtures::reward_redemption().to_string()),
    ])
    .await;
    let customer = client_with(server.url(), fast_retries())
        .as_customer(jeri_client::AuthToken::new(TOKEN).expect("a token"));
    let error = customer
        .redeem_reward("acme", "rw-10-off", RewardRedemptionRequest::default())
        .await
        .expect_err("POST is not retried");
    assert_eq!(error.status(), Some(502));
    assert_eq!(server.take_requests().len(), 1);

    server.script(vec![
        Reply::status(502),
        Reply::json(201, fixtures::reward_redemption().to_string()),
    ]);
    customer
        .redeem_reward("acme", "rw-10-off", RewardRedemptionRequest::default())
        .options(CallOptions::new().retry_non_idempotent(true))
        .await
        .expect("retried once");
    let attempts = server.take_requests();
    assert_eq!(attempts.len(), 2);
    assert_same_request(&attempts);
    let bearer = format!("Bearer {TOKEN}");
    assert_eq!(attempts[1].header("authorization"), Some(bearer.as_str()));
    assert_eq!(attempts[1].header("api-key"), None);
}

#[tokio::test]
async fn every_operation_retries_by_its_method() {
    let server = Server::start(Vec::new()).await;
    let client = client_with(server.url(), fast_retries());
    for operation in OPERATIONS {
        let script = || {
            vec![
                Reply::json(
                    429,
                    error_body(429, "Too Many Requests", "Too Many Requests").to_string(),
                )
                .header("retry-after", "0"),
                Reply::json(operation.success, (operation.response)().to_string()),
            ]
        };
        server.script(script());
        server.take_requests();
        let outcome = (operation.call)(&client).await;
        let attempts = server.take_requests();
        if operation.is_idempotent() {
            assert_eq!(
                outcome.ok(),
                Some((operation.response)()),
                "{}",
                operation.id
            );
            assert_eq!(attempts.len(), 2, "{}", operation.id);
            assert_same_request(&attempts);
        } else {
            assert_eq!(
                outcome.err().and_then(|e| e.status()),
                Some(429),
                "{}",
                operation.id
            );
            assert_eq!(attempts.len(), 1, "{}", operation.id);
        }
    }
    let idempotent: Vec<&str> = OPERATIONS
        .iter()
        .filter(|operation| operation.is_idempotent())
        .map(|operation| operation.id)
        .collect();
    assert_eq!(
        idempotent,
        [
            "getApiStatus",
            "deleteResources",
            "getCustomerToken",
            "getCustomer"
        ]
    );
}
