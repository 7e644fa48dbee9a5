//! `POST /v1/programs/{programId}/rewards/{rewardId}/redeem`, as the
//! merchant and as the customer.

use jeri_client::types::RewardRedemptionRequest;
use jeri_client::{Error, Nullable};
use jeri_tests::fixtures::{self, client, error_body};
use jeri_tests::recording::{Reply, Server};
use serde_json::json;

use super::{
    api_error, assert_customer_headers, assert_merchant_headers, customer, single_message,
    typed_body,
};

fn by_email() -> RewardRedemptionRequest {
    RewardRedemptionRequest {
        customer_email: Some("ada@example.com".into()),
    }
}

#[tokio::test]
async fn merchant_redeems_for_a_customer() {
    let server = Server::start(vec![Reply::json(
        201,
        fixtures::reward_redemption().to_string(),
    )])
    .await;
    let redemption = client(server.url())
        .redeem_reward("acme", "rw 10%off", by_email())
        .await
        .expect("redemption");
    assert_eq!(
        redemption.redemption_id.to_string(),
        "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"
    );
    assert_eq!(
        redemption.reward_id.to_string(),
        "5b0e7c1d-2a3f-4e6b-9c8d-7f6e5d4c3b2a"
    );
    assert_eq!(redemption.points_spent, 500);
    assert_eq!(redemption.balance, 750);
    assert_eq!(redemption.discount_code.as_deref(), Some("JERI-10-ABC"));

    let request = server.single();
    assert_eq!(request.method, "POST");
    assert_eq!(
        request.target,
        "/v1/programs/acme/rewards/rw%2010%25off/redeem"
    );
    assert_merchant_headers(&request, true);
    assert_eq!(
        request.json(),
        json!({ "customerEmail": "ada@example.com" })
    );
}

#[tokio::test]
async fn customer_redeems_with_the_bearer_token_only() {
    let mut body = fixtures::reward_redemption();
    body.as_object_mut()
        .map(|fields| fields.remove("discountCode"));
    let server = Server::start(vec![Reply::json(201, body.to_string())]).await;
    let redemption = customer(server.url())
        .redeem_reward("acme", "rw-10-off", RewardRedemptionRequest::default())
        .await
        .expect("redemption");
    assert_eq!(redemption.discount_code, Nullable::Absent);

    let request = server.single();
    assert_eq!(request.target, "/v1/programs/acme/rewards/rw-10-off/redeem");
    assert_customer_headers(&request, true);
    assert_eq!(request.json(), json!({}));
}

#[tokio::test]
async fn not_enough_points_is_unprocessable() {
    let body = error_body(422, "Insufficient balance", "Unprocessable Entity");
    let server = Server::start(vec![Reply::json(422, body.to_string())]).await;
    let error = api_error(
        customer(server.url())
            .redeem_reward("acme", "rw-10-off", RewardRedemptionRequest::default())
            .await,
    );
    assert_eq!(error.operation(), "redeemReward");
    assert_eq!(single_message(typed_body(&error)), "Insufficient balance");
}

#[tokio::test]
async fn a_customer_without_a_token_sends_nothing() {
    let server = Server::start(vec![Reply::json(
        201,
        fixtures::reward_redemption().to_string(),
    )])
    .await;
    // `as_customer` takes no empty token; a customer client over a transport without
    // credentials is what is left.
    let merchant = client(server.url());
    let result = jeri_client::CustomerClient::from_transport(
        merchant
            .transport()
            .with_credentials(jeri_client::runtime::Credentials::none()),
    )
    .redeem_reward("acme", "rw-10-off", by_email())
    .await;
    assert!(
        matches!(
            result,
            Err(Error::MissingCredentials {
                operation: "redeemReward"
            })
        ),
        "{result:?}"
    );
    assert_eq!(server.count(), 0);
}
