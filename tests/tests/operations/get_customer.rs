//! `GET /v1/programs/{programId}/customers/{email}`.

use jeri_client::types::CustomerOrigin;
use jeri_client::{Error, Nullable};
use jeri_tests::fixtures::{self, client, error_body};
use jeri_tests::recording::{Reply, Server};

use super::{api_error, assert_merchant_headers, single_message, typed_body};

#[tokio::test]
async fn encodes_the_email_as_one_segment_and_decodes_the_customer() {
    let server = Server::start(vec![Reply::json(200, fixtures::customer().to_string())]).await;
    let customer = client(server.url())
        .get_customer("acme", "ada+loyalty@example.com")
        .await
        .expect("customer");
    assert_eq!(
        customer.id.to_string(),
        "3f6c9a52-1d2e-4b7a-9c3d-5e8f7a6b4c21"
    );
    assert_eq!(customer.email, "ada+loyalty@example.com");
    assert_eq!(customer.origin, CustomerOrigin::Shopify);
    assert_eq!(customer.utm_source.as_deref(), Some("newsletter"));
    assert_eq!(customer.referral, Nullable::Absent);
    assert!(customer.balance_notifications);
    assert!(!customer.tier_notifications);
    assert_eq!(customer.user_data, None);
    let loyalty = customer.loyalty_data.expect("loyalty data");
    assert_eq!(loyalty.balance, 1250);
    assert_eq!(loyalty.tier_status.as_deref(), Some("gold"));
    assert_eq!(loyalty.referral_link, Nullable::Absent);

    let request = server.single();
    assert_eq!(request.method, "GET");
    assert_eq!(
        request.target,
        "/v1/programs/acme/customers/ada%2Bloyalty%40example.com"
    );
    assert_merchant_headers(&request, false);
}

#[tokio::test]
async fn null_loyalty_data_and_unknown_origins_decode() {
    let mut body = fixtures::customer();
    body["loyaltyData"] = serde_json::Value::Null;
    body["origin"] = "WOOCOMMERCE".into();
    let server = Server::start(vec![Reply::json(200, body.to_string())]).await;
    let customer = client(server.url())
        .get_customer("acme", "ada@example.com")
        .await
        .expect("customer");
    assert_eq!(customer.loyalty_data, None);
    assert_eq!(
        customer.origin,
        CustomerOrigin::Unknown_("WOOCOMMERCE".into())
    );
}

#[tokio::test]
async fn missing_customer_is_not_found() {
    let body = error_body(404, "Customer not found", "Not Found");
    let server = Server::start(vec![Reply::json(404, body.to_string())]).await;
    let result = client(server.url())
        .get_customer("acme", "nobody@example.com")
        .await;
    assert!(result.as_ref().is_err_and(Error::is_not_found));
    let error = api_error(result);
    assert_eq!(single_message(typed_body(&error)), "Customer not found");
    assert!(!error.is_truncated());
}

#[tokio::test]
async fn empty_email_is_refused_before_sending() {
    let server = Server::start(vec![Reply::json(200, fixtures::customer().to_string())]).await;
    let result = client(server.url()).get_customer("acme", "").await;
    match result {
        Err(Error::InvalidInput { operation, message }) => {
            assert_eq!(operation, "getCustomer");
            assert!(message.contains("`email`"), "{message}");
        }
        other => panic!("expected invalid input, got {other:?}"),
    }
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn truncated_json_is_a_decode_error_with_an_excerpt() {
    let server = Server::start(vec![Reply::json(
        200,
        r#"{"id":"3f6c9a52-1d2e-4b7a-9c3d-5e8f7a6b4c21","email":"ada@exa"#,
    )])
    .await;
    let result = client(server.url())
        .get_customer("acme", "ada@example.com")
        .await;
    match result {
        Err(Error::Decode {
            operation,
            status,
            excerpt,
            source,
            ..
        }) => {
            assert_eq!(operation, "getCustomer");
            assert_eq!(status, 200);
            assert_eq!(
                excerpt,
                r#"{"id":"3f6c9a52-1d2e-4b7a-9c3d-5e8f7a6b4c21","email":"ada@exa"#
            );
            assert!(source.is_eof(), "{source}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}
