//! `POST /v1/programs/{programId}/balance/increase`.

use jeri_client::types::ErrorBody;
use jeri_tests::fixtures::{self, client, error_body};
use jeri_tests::operations::balance_changes;
use jeri_tests::recording::{Reply, Server};
use serde_json::json;

use super::{api_error, assert_merchant_headers};

#[tokio::test]
async fn posts_the_changes_and_decodes_the_batch_result() {
    let server = Server::start(vec![Reply::json(201, fixtures::batch_result().to_string())]).await;
    let result = client(server.url())
        .increase_balance("acme", balance_changes())
        .await
        .expect("batch result");
    assert_eq!((result.accepted, result.failed), (2, 1));
    assert_eq!(result.errors[0].message, "email must be an email");

    let request = server.single();
    assert_eq!(request.method, "POST");
    assert_eq!(request.target, "/v1/programs/acme/balance/increase");
    assert_merchant_headers(&request, true);
    assert_eq!(
        request.json(),
        json!([
            { "email": "ada@example.com", "amount": 100, "reason": "birthday" },
            { "email": "grace@example.com", "amount": 25, "reason": "review" }
        ])
    );
}

#[tokio::test]
async fn an_undocumented_status_keeps_the_raw_body() {
    let server = Server::start(vec![
        Reply::status(418)
            .header("content-type", "text/plain")
            .body("I'm a teapot"),
    ])
    .await;
    let error = api_error(
        client(server.url())
            .increase_balance("acme", balance_changes())
            .await,
    );
    assert_eq!(error.status(), 418);
    assert_eq!(error.operation(), "increaseBalance");
    assert_eq!(error.raw_text(), "I'm a teapot");
    assert_eq!(error.body::<ErrorBody>(), None);
    assert!(!error.is_truncated());
}

#[tokio::test]
async fn an_undocumented_status_is_not_decoded_even_when_it_looks_documented() {
    let body = error_body(418, "short and stout", "I'm a teapot");
    let server = Server::start(vec![Reply::json(418, body.to_string())]).await;
    let error = api_error(
        client(server.url())
            .increase_balance("acme", balance_changes())
            .await,
    );
    assert_eq!(error.body::<ErrorBody>(), None);
    assert_eq!(error.raw_body(), body.to_string().as_bytes());
}
