//! increaseBalance and decreaseBalance over HTTP.

use crate::common::{Harness, PROGRAM, assert_error};
use serde_json::json;

fn increase() -> String {
    format!("/v1/programs/{PROGRAM}/balance/increase")
}

fn decrease() -> String {
    format!("/v1/programs/{PROGRAM}/balance/decrease")
}

#[tokio::test]
async fn increases_and_decreases_show_in_get_customer() {
    let h = Harness::start().await;
    h.customer("jane@example.com", 100).await;
    let up = h
        .post(
            &increase(),
            json!([{"email": "jane@example.com", "amount": 150, "reason": "Survey"}]),
        )
        .await;
    assert_eq!(up.status, 201);
    assert_eq!(up.body, json!({"accepted": 1, "failed": 0, "errors": []}));
    assert_eq!(h.balance("jane@example.com").await, 250);
    let down = h
        .post(
            &decrease(),
            json!([{"email": "jane@example.com", "amount": 50, "reason": "Fix"}]),
        )
        .await;
    assert_eq!(down.status, 201);
    assert_eq!(h.balance("jane@example.com").await, 200);
}

#[tokio::test]
async fn a_decrease_never_goes_below_zero() {
    let h = Harness::start().await;
    h.customer("jane@example.com", 100).await;
    h.customer("bob@example.com", 10).await;
    let mixed = h
        .post(
            &decrease(),
            json!([
                {"email": "jane@example.com", "amount": 60, "reason": "a"},
                {"email": "jane@example.com", "amount": 60, "reason": "b"},
                {"email": "ghost@example.com", "amount": 1, "reason": "c"}
            ]),
        )
        .await;
    assert_eq!(mixed.status, 201);
    assert_eq!(mixed.body["accepted"], 1);
    assert_eq!(mixed.body["failed"], 2);
    assert_eq!(mixed.body["errors"][0]["index"], 1);
    assert_eq!(mixed.body["errors"][0]["message"], "Insufficient balance");
    assert_eq!(mixed.body["errors"][1]["message"], "Customer not found");
    assert_eq!(h.balance("jane@example.com").await, 40);

    let refused = h
        .post(
            &decrease(),
            json!([
                {"email": "jane@example.com", "amount": 41, "reason": "a"},
                {"email": "bob@example.com", "amount": 11, "reason": "b"}
            ]),
        )
        .await;
    assert_error(&refused, 422);
    assert_eq!(h.balance("jane@example.com").await, 40);
    assert_eq!(h.balance("bob@example.com").await, 10);
}

#[tokio::test]
async fn batches_of_unknown_customers_are_404() {
    let h = Harness::start().await;
    let item = json!([{"email": "ghost@example.com", "amount": 1, "reason": "x"}]);
    assert_error(&h.post(&increase(), item.clone()).await, 404);
    assert_error(&h.post(&decrease(), item).await, 404);
}

#[tokio::test]
async fn an_increase_creates_the_loyalty_record() {
    let h = Harness::start().await;
    h.post(
        &format!("/v1/programs/{PROGRAM}/integrations/api"),
        json!([{"email": "bob@example.com", "feature": "users", "payload": {}}]),
    )
    .await;
    let up = h
        .post(
            &increase(),
            json!([{"email": "bob@example.com", "amount": 7, "reason": "x"}]),
        )
        .await;
    assert_eq!(up.status, 201);
    assert_eq!(h.balance("bob@example.com").await, 7);
}

#[tokio::test]
async fn balance_bodies_are_checked() {
    let h = Harness::start().await;
    let bad = h
        .post(
            &increase(),
            json!([{"email": "jane@example.com", "amount": 0, "reason": ""}]),
        )
        .await;
    assert_eq!(
        crate::common::messages(&bad),
        vec![
            "0.amount must not be less than 1",
            "0.reason must be longer than or equal to 1 characters"
        ]
    );
    let item = json!({"email": "jane@example.com", "amount": 1, "reason": "x"});
    let over = h.post(&increase(), json!(vec![item.clone(); 101])).await;
    assert_eq!(
        crate::common::messages(&over),
        vec!["body must contain no more than 100 elements"]
    );
    h.customer("jane@example.com", 0).await;
    let at_limit = h.post(&increase(), json!(vec![item; 100])).await;
    assert_eq!(at_limit.status, 201);
    assert_eq!(h.balance("jane@example.com").await, 100);
}
