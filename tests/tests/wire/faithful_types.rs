//! The generated types mean what the spec says, in both directions over loopback: what the
//! server receives byte for byte, and what the caller gets back.

use jeri_client::types::{
    IntegrationFeature, IntegrationItem, IntegrationItemPayload, UsersPayload,
};
use jeri_client::{Client, Nullable};
use jeri_sandbox::Sandbox;
use jeri_tests::fixtures::client;
use jeri_tests::recording::{Reply, Server};

const PROGRAM: &str = "acme-rewards";
const EMAIL: &str = "ada@example.com";

fn users_item(payload: UsersPayload) -> IntegrationItem {
    IntegrationItem {
        email: EMAIL.to_owned(),
        feature: IntegrationFeature::Users,
        payload: IntegrationItemPayload::UsersPayload(payload),
    }
}

fn with_phone(phone: Nullable<String>) -> UsersPayload {
    UsersPayload {
        first_name: Some("Ada".to_owned()),
        phone,
        ..UsersPayload::default()
    }
}

#[tokio::test]
async fn absent_null_and_a_phone_are_sent_as_three_different_bodies() {
    let cases = [
        (Nullable::Absent, r#"{"firstName":"Ada"}"#),
        (Nullable::Null, r#"{"firstName":"Ada","phone":null}"#),
        (
            Nullable::Value("+34600111222".to_owned()),
            r#"{"firstName":"Ada","phone":"+34600111222"}"#,
        ),
    ];
    for (phone, payload) in cases {
        let reply = r#"{"accepted":1,"failed":0,"errors":[]}"#;
        let server = Server::start(vec![Reply::json(201, reply)]).await;
        client(server.url())
            .upsert_resources("acme", vec![users_item(with_phone(phone))])
            .await
            .expect("accepted");
        let expected = format!(r#"[{{"email":"{EMAIL}","feature":"users","payload":{payload}}}]"#);
        assert_eq!(String::from_utf8_lossy(&server.single().body), expected);
    }
}

async fn phone_in_sandbox(client: &Client) -> Nullable<String> {
    let customer = client.get_customer(PROGRAM, EMAIL).await.expect("customer");
    customer.user_data.expect("user data").phone
}

#[tokio::test]
async fn the_sandbox_clears_a_phone_sent_as_null_and_keeps_an_absent_one() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let client = Client::builder()
        .base_url(sandbox.base_url())
        .api_key(sandbox.api_key())
        .build()
        .expect("client");
    let upsert =
        |payload: UsersPayload| client.upsert_resources(PROGRAM, vec![users_item(payload)]);

    upsert(with_phone(Nullable::Value("+34600111222".to_owned())))
        .await
        .expect("created");
    assert_eq!(
        phone_in_sandbox(&client).await,
        Nullable::Value("+34600111222".to_owned())
    );

    upsert(with_phone(Nullable::Absent)).await.expect("updated");
    assert_eq!(
        phone_in_sandbox(&client).await,
        Nullable::Value("+34600111222".to_owned()),
        "an absent phone leaves it"
    );

    upsert(with_phone(Nullable::Null)).await.expect("cleared");
    assert_eq!(phone_in_sandbox(&client).await, Nullable::Null);
}

#[test]
fn a_closed_object_refuses_a_property_the_spec_does_not_list() {
    // `UsersPayload` has `additionalProperties: false`; `LoyaltyPayload` requires
    // `loyaltyCustomerId`. An object that is neither fits no alternative of the union.
    let body = serde_json::json!([{
        "email": EMAIL,
        "feature": "users",
        "payload": {"firstName": "A", "nickname": "x"}
    }]);
    let decoded = serde_json::from_value::<Vec<IntegrationItem>>(body.clone());
    let error = decoded.expect_err("an unknown property is refused");
    assert!(
        error.to_string().contains("did not match any variant"),
        "{error}"
    );

    let listed = serde_json::json!({"firstName": "A"});
    let payload: UsersPayload = serde_json::from_value(listed).expect("listed properties");
    assert_eq!(payload.first_name.as_deref(), Some("A"));
}

#[tokio::test]
async fn an_object_that_says_nothing_ignores_unknown_properties() {
    let mut customer = jeri_tests::fixtures::customer();
    customer["addedByTheServerLater"] = serde_json::json!({"any": "shape"});
    let server = Server::start(vec![Reply::json(200, customer.to_string())]).await;
    let decoded = client(server.url()).get_customer("acme", EMAIL).await;
    let customer = decoded.expect("an unlisted property does not break decoding");
    assert_eq!(customer.email, "ada+loyalty@example.com");
}

#[tokio::test]
async fn a_null_and_an_absent_response_property_stay_apart() {
    let mut customer = jeri_tests::fixtures::customer();
    customer["referral"] = serde_json::Value::Null;
    let server = Server::start(vec![Reply::json(200, customer.to_string())]).await;
    let customer = client(server.url())
        .get_customer("acme", EMAIL)
        .await
        .expect("customer");
    assert_eq!(customer.referral, Nullable::Null);
    assert_eq!(customer.utm_campaign, Nullable::Absent);
    assert_eq!(customer.utm_source.as_deref(), Some("newsletter"));
    let encoded = serde_json::to_value(&customer).expect("encodes");
    assert_eq!(encoded["referral"], serde_json::Value::Null);
    assert!(encoded.get("utmCampaign").is_none());
}

#[tokio::test]
async fn product_dates_and_uuids_are_typed_and_a_bad_one_names_its_path() {
    let server = Server::start(vec![Reply::json(
        200,
        jeri_tests::fixtures::customer().to_string(),
    )])
    .await;
    let customer = client(server.url())
        .get_customer("acme", EMAIL)
        .await
        .expect("customer");
    assert_eq!(
        customer.id,
        jeri_client::runtime::uuid::Uuid::from_u128(0x3f6c9a52_1d2e_4b7a_9c3d_5e8f7a6b4c21)
    );
    assert_eq!(
        customer.created_at.to_rfc3339(),
        "2025-11-02T09:15:00.250+00:00"
    );

    let mut customer = jeri_tests::fixtures::customer();
    customer["loyaltyData"]["memberSince"] = serde_json::json!("last spring");
    let server = Server::start(vec![Reply::json(200, customer.to_string())]).await;
    let error = client(server.url())
        .get_customer("acme", EMAIL)
        .await
        .expect_err("not a date-time");
    match &error {
        jeri_client::Error::Decode { path, excerpt, .. } => {
            assert_eq!(path, "loyaltyData.memberSince");
            assert!(excerpt.contains("last spring"), "{excerpt}");
        }
        other => panic!("expected Decode, got {other:?}"),
    }
}
