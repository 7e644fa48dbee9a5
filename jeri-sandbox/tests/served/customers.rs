//! upsertResources, deleteResources and getCustomer over HTTP.

use crate::common::{Harness, PROGRAM, assert_error};
use reqwest::Method;
use serde_json::json;

fn integrations() -> String {
    format!("/v1/programs/{PROGRAM}/integrations/api")
}

fn customer_path(email: &str) -> String {
    format!(
        "/v1/programs/{PROGRAM}/customers/{}",
        email.replace('@', "%40").replace('+', "%2B")
    )
}

#[tokio::test]
async fn upserted_customers_are_visible_in_get_customer() {
    let h = Harness::start().await;
    let reply = h
        .post(
            &integrations(),
            json!([
                {"email": "jane+vip@example.com", "feature": "users", "payload": {
                    "externalCustomerId": "crm-1042", "firstName": "Jane", "lastName": "Doe",
                    "phone": "+34600111222", "emailVerified": true}},
                {"email": "jane+vip@example.com", "feature": "loyalty", "payload": {
                    "loyaltyCustomerId": "loy-88", "balance": 1200,
                    "memberSince": "2024-03-01T09:30:00Z", "tierStatus": "Gold"}}
            ]),
        )
        .await;
    assert_eq!(reply.status, 201);
    assert_eq!(
        reply.body,
        json!({"accepted": 2, "failed": 0, "errors": []})
    );

    let customer = h.get(&customer_path("jane+vip@example.com")).await;
    assert_eq!(customer.status, 200);
    let body = &customer.body;
    assert_eq!(body["email"], "jane+vip@example.com");
    assert_eq!(body["origin"], "API");
    assert_eq!(body["userData"]["firstName"], "Jane");
    assert_eq!(body["userData"]["externalCustomerId"], "crm-1042");
    assert_eq!(body["userData"]["emailVerified"], true);
    assert_eq!(body["userData"]["customerId"], body["id"]);
    assert_eq!(body["loyaltyData"]["balance"], 1200);
    assert_eq!(body["loyaltyData"]["tierStatus"], "Gold");
    assert_eq!(body["loyaltyData"]["memberSince"], "2024-03-01T09:30:00Z");
    assert_eq!(body["programId"].as_str().map(str::len), Some(36));

    // A partial update leaves the other fields alone; `phone: null` clears the phone.
    let update = h
        .post(
            &integrations(),
            json!([{"email": "jane+vip@example.com", "feature": "users",
                    "payload": {"lastName": "Smith", "phone": null}}]),
        )
        .await;
    assert_eq!(update.status, 201);
    let after = h.get(&customer_path("jane+vip@example.com")).await.body;
    assert_eq!(after["userData"]["firstName"], "Jane");
    assert_eq!(after["userData"]["lastName"], "Smith");
    assert!(
        after["userData"]
            .get("phone")
            .is_none_or(|phone| phone.is_null())
    );
    assert_eq!(after["id"], body["id"]);
}

#[tokio::test]
async fn a_customer_without_loyalty_has_null_loyalty_data() {
    let h = Harness::start().await;
    h.post(
        &integrations(),
        json!([{"email": "bob@example.com", "feature": "users", "payload": {}}]),
    )
    .await;
    let body = h.get(&customer_path("bob@example.com")).await.body;
    assert!(body["loyaltyData"].is_null());
    assert!(
        body.as_object()
            .is_some_and(|o| o.contains_key("loyaltyData"))
    );
}

#[tokio::test]
async fn loyalty_before_users_fails_that_item_only() {
    let h = Harness::start().await;
    let reply = h
        .post(
            &integrations(),
            json!([
                {"email": "new@example.com", "feature": "loyalty", "payload": {
                    "loyaltyCustomerId": "l", "balance": 5, "memberSince": "2024-03-01T09:30:00Z"}},
                {"email": "new@example.com", "feature": "users", "payload": {"firstName": "N"}}
            ]),
        )
        .await;
    assert_eq!(reply.status, 201);
    assert_eq!(reply.body["accepted"], 1);
    assert_eq!(reply.body["failed"], 1);
    assert_eq!(reply.body["errors"][0]["index"], 0);
    assert_eq!(reply.body["errors"][0]["email"], "new@example.com");
    assert_eq!(reply.body["errors"][0]["message"], "Customer not found");
    assert!(h.get(&customer_path("new@example.com")).await.body["loyaltyData"].is_null());
}

#[tokio::test]
async fn a_batch_where_every_item_fails_is_404() {
    let h = Harness::start().await;
    let reply = h
        .post(
            &integrations(),
            json!([{"email": "ghost@example.com", "feature": "loyalty", "payload": {
                "loyaltyCustomerId": "l", "balance": 5, "memberSince": "2024-03-01T09:30:00Z"}}]),
        )
        .await;
    assert_error(&reply, 404);
}

#[tokio::test]
async fn a_payload_that_does_not_fit_its_feature_fails_the_item() {
    let h = Harness::start().await;
    h.customer("jane@example.com", 0).await;
    let reply = h
        .post(
            &integrations(),
            json!([
                {"email": "jane@example.com", "feature": "users", "payload": {
                    "loyaltyCustomerId": "l", "balance": 5, "memberSince": "2024-03-01T09:30:00Z"}},
                {"email": "jane@example.com", "feature": "users", "payload": {"firstName": "J"}}
            ]),
        )
        .await;
    assert_eq!(reply.status, 201);
    assert_eq!(reply.body["failed"], 1);
}

#[tokio::test]
async fn batch_limits_follow_the_spec() {
    let h = Harness::start().await;
    let item = json!({"email": "a@example.com", "feature": "users", "payload": {}});
    let at_limit = h
        .post(&integrations(), json!(vec![item.clone(); 250]))
        .await;
    assert_eq!(at_limit.status, 201);
    assert_eq!(at_limit.body["accepted"], 250);
    let over = h
        .post(&integrations(), json!(vec![item.clone(); 251]))
        .await;
    assert_eq!(
        crate::common::messages(&over),
        vec!["body must contain no more than 250 elements"]
    );
    let empty = h.post(&integrations(), json!([])).await;
    assert_eq!(
        crate::common::messages(&empty),
        vec!["body must contain at least 1 elements"]
    );
    let deletion = json!({"email": "a@example.com", "feature": "loyalty"});
    let over = h
        .call(Method::DELETE, &integrations(), json!(vec![deletion; 251]))
        .await;
    assert_error(&over, 400);
}

#[tokio::test]
async fn deleting_loyalty_keeps_the_customer_and_deleting_users_removes_it() {
    let h = Harness::start().await;
    h.customer("jane@example.com", 10).await;
    let loyalty = h
        .call(
            Method::DELETE,
            &integrations(),
            json!([
                {"email": "jane@example.com", "feature": "loyalty"},
                {"email": "ghost@example.com", "feature": "users"}
            ]),
        )
        .await;
    assert_eq!(loyalty.status, 200);
    assert_eq!(loyalty.body["accepted"], 1);
    assert_eq!(loyalty.body["errors"][0]["index"], 1);
    assert!(h.get(&customer_path("jane@example.com")).await.body["loyaltyData"].is_null());

    let users = h
        .call(
            Method::DELETE,
            &integrations(),
            json!([{"email": "jane@example.com", "feature": "users"}]),
        )
        .await;
    assert_eq!(users.status, 200);
    assert_error(&h.get(&customer_path("jane@example.com")).await, 404);

    let again = h
        .call(
            Method::DELETE,
            &integrations(),
            json!([{"email": "jane@example.com", "feature": "users"}]),
        )
        .await;
    assert_error(&again, 404);
}

#[tokio::test]
async fn unknown_customers_are_404_and_programs_are_separate() {
    let h = Harness::start().await;
    h.customer("jane@example.com", 10).await;
    let reply = h.get(&customer_path("nobody@example.com")).await;
    assert_error(&reply, 404);
    assert_eq!(reply.body["message"], "Customer not found");
    let other = h
        .get("/v1/programs/other-program/customers/jane%40example.com")
        .await;
    assert_error(&other, 404);
}

#[tokio::test]
async fn the_program_uuid_addresses_the_same_program() {
    let h = Harness::start().await;
    h.customer("jane@example.com", 10).await;
    let body = h.get(&customer_path("jane@example.com")).await.body;
    let uuid = body["programId"].as_str().expect("programId");
    let by_uuid = h
        .get(&format!("/v1/programs/{uuid}/customers/jane%40example.com"))
        .await;
    assert_eq!(by_uuid.status, 200);
    assert_eq!(by_uuid.body["id"], body["id"]);
}

#[tokio::test]
async fn changing_the_email_moves_the_customer() {
    let h = Harness::start().await;
    h.customer("old@example.com", 10).await;
    let reply = h
        .post(
            &integrations(),
            json!([{"email": "old@example.com", "feature": "users", "payload": {"email": "new@example.com"}}]),
        )
        .await;
    assert_eq!(reply.status, 201);
    assert_error(&h.get(&customer_path("old@example.com")).await, 404);
    assert_eq!(
        h.get(&customer_path("new@example.com")).await.body["email"],
        "new@example.com"
    );
}
