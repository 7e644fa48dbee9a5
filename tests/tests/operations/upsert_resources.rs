//! `POST /v1/programs/{programId}/integrations/api`.

use jeri_client::requests::UpsertResourcesRequest;
use jeri_client::types::{
    IntegrationFeature, IntegrationItem, IntegrationItemPayload, LoyaltyPayload, UsersPayload,
};
use jeri_tests::fixtures::{self, client, error_body_list};
use jeri_tests::recording::{Reply, Server};
use serde_json::json;

use super::{api_error, assert_merchant_headers, message_list, typed_body};

fn items() -> Vec<IntegrationItem> {
    vec![
        IntegrationItem {
            email: "ada@example.com".into(),
            feature: IntegrationFeature::Users,
            payload: IntegrationItemPayload::UsersPayload(UsersPayload {
                external_customer_id: Some("shop-42".into()),
                first_name: Some("Ada".into()),
                email_verified: Some(true),
                ..UsersPayload::default()
            }),
        },
        IntegrationItem {
            email: "ada@example.com".into(),
            feature: IntegrationFeature::Loyalty,
            payload: IntegrationItemPayload::LoyaltyPayload(LoyaltyPayload {
                loyalty_customer_id: "loy-9".into(),
                balance: 1200,
                member_since: "2024-01-31T08:30:00+02:00".parse().expect("RFC 3339"),
                tier_status: None,
            }),
        },
    ]
}

#[tokio::test]
async fn posts_the_items_and_decodes_the_batch_result() {
    let server = Server::start(vec![Reply::json(201, fixtures::batch_result().to_string())]).await;
    let result = client(server.url())
        .upsert_resources("acme loyalty/eu", items())
        .await
        .expect("batch result");
    assert_eq!(result.accepted, 2);
    assert_eq!(result.failed, 1);
    assert_eq!(result.errors.len(), 1);
    assert_eq!(result.errors[0].index, 1);
    assert_eq!(result.errors[0].email, "bad@example");
    assert_eq!(result.errors[0].message, "email must be an email");

    let request = server.single();
    assert_eq!(request.method, "POST");
    assert_eq!(
        request.target,
        "/v1/programs/acme%20loyalty%2Feu/integrations/api"
    );
    assert_merchant_headers(&request, true);
    assert_eq!(
        request.json(),
        json!([
            {
                "email": "ada@example.com",
                "feature": "users",
                "payload": { "externalCustomerId": "shop-42", "firstName": "Ada", "emailVerified": true }
            },
            {
                "email": "ada@example.com",
                "feature": "loyalty",
                "payload": { "loyaltyCustomerId": "loy-9", "balance": 1200, "memberSince": "2024-01-31T06:30:00Z" }
            }
        ])
    );
    assert_eq!(UpsertResourcesRequest::BODY_MAX_ITEMS, 250);
}

#[tokio::test]
async fn validation_errors_come_as_a_message_list() {
    let body = error_body_list(
        400,
        &[
            "0.email must be an email",
            "0.feature must be one of: users, loyalty",
        ],
        "Bad Request",
    );
    let server = Server::start(vec![Reply::json(400, body.to_string())]).await;
    let error = api_error(client(server.url()).upsert_resources("acme", items()).await);
    assert_eq!(error.status(), 400);
    let typed = typed_body(&error);
    assert_eq!(typed.status_code, 400);
    assert_eq!(
        message_list(typed),
        [
            "0.email must be an email",
            "0.feature must be one of: users, loyalty"
        ]
    );
    assert_eq!(error.raw_body(), body.to_string().as_bytes());
}

#[tokio::test]
async fn an_undocumented_success_status_is_an_error() {
    // The spec documents 201 only; a 200 is not silently taken as success.
    let server = Server::start(vec![Reply::json(200, fixtures::batch_result().to_string())]).await;
    let error = api_error(client(server.url()).upsert_resources("acme", items()).await);
    assert_eq!(error.status(), 200);
    assert_eq!(error.body::<jeri_client::types::ErrorBody>(), None);
    assert_eq!(error.raw_text(), fixtures::batch_result().to_string());
}
