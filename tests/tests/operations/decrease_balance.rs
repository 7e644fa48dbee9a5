//! `POST /v1/programs/{programId}/balance/decrease`.

use jeri_client::types::ErrorBody;
use jeri_tests::fixtures::{self, client, error_body};
use jeri_tests::operations::balance_changes;
use jeri_tests::recording::{Reply, Server};
use serde_json::json;

use super::{api_error, assert_merchant_headers, single_message, typed_body};

#[tokio::test]
async fn posts_the_changes_and_decodes_the_batch_result() {
    let mut answer = fixtures::batch_result();
    answer["errors"] = json!([]);
    let server = Server::start(vec![Reply::json(201, answer.to_string())]).await;
    let result = client(server.url())
        .decrease_balance("acme", balance_changes())
        .await
        .expect("batch result");
    assert_eq!(result.accepted, 2);
    assert!(result.errors.is_empty());

    let request = server.single();
    assert_eq!(request.method, "POST");
    assert_eq!(request.target, "/v1/programs/acme/balance/decrease");
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
async fn problem_json_error_bodies_are_decoded() {
    let body = error_body(422, "Balance cannot go below zero", "Unprocessable Entity");
    let server = Server::start(vec![
        Reply::status(422)
            .header("content-type", "application/problem+json")
            .body(body.to_string()),
    ])
    .await;
    let error = api_error(
        client(server.url())
            .decrease_balance("acme", balance_changes())
            .await,
    );
    assert_eq!(
        single_message(typed_body(&error)),
        "Balance cannot go below zero"
    );
}

#[tokio::test]
async fn an_html_error_page_stays_raw() {
    let page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let server = Server::start(vec![
        Reply::status(422)
            .header("content-type", "text/html")
            .body(page),
    ])
    .await;
    let error = api_error(
        client(server.url())
            .decrease_balance("acme", balance_changes())
            .await,
    );
    assert_eq!(error.status(), 422);
    assert_eq!(error.body::<ErrorBody>(), None);
    assert_eq!(error.raw_text(), page);
}
