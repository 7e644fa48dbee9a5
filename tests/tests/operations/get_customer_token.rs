//! `GET /v1/programs/{programId}/customers/token`.

use jeri_client::Error;
use jeri_client::types::TokenType;
use jeri_tests::fixtures::{self, client, error_body_list};
use jeri_tests::recording::{Reply, Server};

use super::{api_error, assert_merchant_headers, message_list, typed_body};

#[tokio::test]
async fn sends_email_type_and_lifetime_in_the_query() {
    let server = Server::start(vec![Reply::json(
        200,
        fixtures::customer_token().to_string(),
    )])
    .await;
    let token = client(server.url())
        .get_customer_token("acme", "ada+loyalty@example.com", TokenType::Download)
        .expires_in(3600)
        .await
        .expect("token");
    assert_eq!(
        token.access_token,
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2ln"
    );

    let request = server.single();
    assert_eq!(request.method, "GET");
    assert_eq!(
        request.target,
        "/v1/programs/acme/customers/token?email=ada%2Bloyalty%40example.com&token_type=download&expires_in=3600"
    );
    assert_eq!(
        request.query_pairs(),
        [
            ("email".to_owned(), "ada+loyalty@example.com".to_owned()),
            ("token_type".to_owned(), "download".to_owned()),
            ("expires_in".to_owned(), "3600".to_owned()),
        ]
    );
    assert_merchant_headers(&request, false);
}

#[tokio::test]
async fn lifetime_is_left_out_unless_set() {
    let server = Server::start(vec![Reply::json(
        200,
        fixtures::customer_token().to_string(),
    )])
    .await;
    client(server.url())
        .get_customer_token("acme", "ada@example.com", TokenType::Auth)
        .await
        .expect("token");
    assert_eq!(
        server.single().target,
        "/v1/programs/acme/customers/token?email=ada%40example.com&token_type=auth"
    );
}

#[tokio::test]
async fn unprocessable_lists_its_messages() {
    let body = error_body_list(
        422,
        &["expires_in must not be greater than 86400"],
        "Unprocessable Entity",
    );
    let server = Server::start(vec![Reply::json(422, body.to_string())]).await;
    let result = client(server.url())
        .get_customer_token("acme", "ada@example.com", TokenType::Auth)
        .expires_in(999_999)
        .await;
    let error = api_error(result);
    assert_eq!(error.status(), 422);
    assert_eq!(
        message_list(typed_body(&error)),
        ["expires_in must not be greater than 86400"]
    );
}

#[tokio::test]
async fn an_html_page_is_a_content_type_error() {
    let page = "<!DOCTYPE html><html><body>Maintenance</body></html>";
    let server = Server::start(vec![
        Reply::status(200)
            .header("content-type", "text/html; charset=utf-8")
            .body(page),
    ])
    .await;
    let result = client(server.url())
        .get_customer_token("acme", "ada@example.com", TokenType::Auth)
        .await;
    match result {
        Err(Error::ContentType {
            operation,
            status,
            content_type,
            excerpt,
        }) => {
            assert_eq!(operation, "getCustomerToken");
            assert_eq!(status, 200);
            assert_eq!(content_type, "text/html; charset=utf-8");
            assert_eq!(excerpt, page);
        }
        other => panic!("expected a content type error, got {other:?}"),
    }
}
