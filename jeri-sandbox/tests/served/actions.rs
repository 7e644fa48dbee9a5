//! Rewards, coupons, push notifications and custom earning flows over HTTP.

use crate::common::{Harness, PROGRAM, assert_error};
use serde_json::json;

fn redeem(reward: &str) -> String {
    format!("/v1/programs/{PROGRAM}/rewards/{reward}/redeem")
}

#[tokio::test]
async fn redeeming_spends_points_until_the_balance_is_too_low() {
    let h = Harness::start().await;
    h.customer("jane@example.com", 300).await;
    let body = json!({"customerEmail": "jane@example.com"});
    let shipping = h.post(&redeem("free-shipping"), body.clone()).await;
    assert_eq!(shipping.status, 201, "{:?}", shipping.body);
    assert_eq!(shipping.body["pointsSpent"], 250);
    assert_eq!(shipping.body["balance"], 50);
    assert!(
        shipping.body["discountCode"]
            .as_str()
            .is_some_and(|c| c.starts_with("SHIP-"))
    );
    assert_eq!(shipping.body["rewardId"].as_str().map(str::len), Some(36));
    assert_eq!(h.balance("jane@example.com").await, 50);

    let drink = h.post(&redeem("welcome-drink"), body.clone()).await;
    assert_error(&drink, 422);
    assert_eq!(drink.body["message"], "Insufficient balance");
    assert_eq!(h.balance("jane@example.com").await, 50);

    // The reward's UUID works as well as its readable id.
    let uuid = shipping.body["rewardId"].as_str().expect("uuid").to_owned();
    let by_uuid = h.post(&redeem(&uuid), body).await;
    assert_error(&by_uuid, 422);
}

#[tokio::test]
async fn rewards_without_discount_and_limited_rewards() {
    let h = Harness::start().await;
    h.customer("jane@example.com", 100).await;
    let body = json!({"customerEmail": "jane@example.com"});
    let drink = h.post(&redeem("welcome-drink"), body.clone()).await;
    assert_eq!(drink.status, 201);
    assert!(
        drink
            .body
            .get("discountCode")
            .is_none_or(|code| code.is_null())
    );
    let gift = h.post(&redeem("birthday-gift"), body.clone()).await;
    assert_eq!(gift.status, 201);
    assert_eq!(gift.body["pointsSpent"], 0);
    assert_error(&h.post(&redeem("birthday-gift"), body).await, 422);
}

#[tokio::test]
async fn unknown_rewards_and_customers_are_404() {
    let h = Harness::start().await;
    h.customer("jane@example.com", 1000).await;
    let unknown_reward = h
        .post(
            &redeem("no-such-reward"),
            json!({"customerEmail": "jane@example.com"}),
        )
        .await;
    assert_error(&unknown_reward, 404);
    let unknown_customer = h
        .post(
            &redeem("welcome-drink"),
            json!({"customerEmail": "x@example.com"}),
        )
        .await;
    assert_error(&unknown_customer, 404);
}

#[tokio::test]
async fn a_coupon_is_assigned_once_per_customer() {
    let h = Harness::start().await;
    h.customer("jane@example.com", 0).await;
    let path = format!("/v1/programs/{PROGRAM}/coupons/welcome-10/assign");
    let first = h.post(&path, json!({"email": "jane@example.com"})).await;
    assert_eq!(first.status, 201);
    assert!(
        first.body["code"]
            .as_str()
            .is_some_and(|c| c.starts_with("WELCOME10-"))
    );
    assert_eq!(first.body["email"], "jane@example.com");
    assert!(first.body["assignedAt"].is_string());
    let second = h.post(&path, json!({"email": "jane@example.com"})).await;
    assert_error(&second, 409);
    assert_eq!(second.body["error"], "Conflict");

    let other = format!("/v1/programs/{PROGRAM}/coupons/summer-sale/assign");
    assert_eq!(
        h.post(&other, json!({"email": "jane@example.com"}))
            .await
            .status,
        201
    );
    let unknown = format!("/v1/programs/{PROGRAM}/coupons/nope/assign");
    assert_error(
        &h.post(&unknown, json!({"email": "jane@example.com"})).await,
        404,
    );
    assert_error(
        &h.post(&path, json!({"email": "ghost@example.com"})).await,
        404,
    );
}

#[tokio::test]
async fn push_notifications_are_queued_and_recorded() {
    let h = Harness::start().await;
    h.customer("jane@example.com", 0).await;
    let path = format!("/v1/programs/{PROGRAM}/push-notifications");
    let sent = h
        .post(
            &path,
            json!({"email": "jane@example.com", "message": "Double points!", "title": "Weekend",
                   "url": "https://shop.example.com/offers"}),
        )
        .await;
    assert_eq!(sent.status, 201);
    assert_eq!(sent.body["status"], "queued");
    assert_eq!(sent.body["email"], "jane@example.com");
    let recorded = h.sandbox.state().push_notifications(PROGRAM);
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].message, "Double points!");
    assert_eq!(
        recorded[0].url.as_deref(),
        Some("https://shop.example.com/offers")
    );

    assert_error(
        &h.post(
            &path,
            json!({"email": "ghost@example.com", "message": "Hi"}),
        )
        .await,
        404,
    );
    let too_long = h
        .post(
            &path,
            json!({"email": "jane@example.com", "message": "x".repeat(256)}),
        )
        .await;
    assert_eq!(
        crate::common::messages(&too_long),
        vec!["message must be shorter than or equal to 255 characters"]
    );
    let bad_url = h
        .post(
            &path,
            json!({"email": "jane@example.com", "message": "Hi", "url": "not a url"}),
        )
        .await;
    assert_eq!(
        crate::common::messages(&bad_url),
        vec!["url must be a URL address"]
    );
}

#[tokio::test]
async fn a_once_flow_awards_once_then_refuses() {
    let h = Harness::start().await;
    h.customer("jane@example.com", 0).await;
    let path = format!("/v1/programs/{PROGRAM}/custom-earning-flows/CUSTOM_1/execute");
    let body = json!({"customerEmail": "jane@example.com"});
    let first = h.post(&path, body.clone()).await;
    assert_eq!(first.status, 200);
    assert_eq!(
        first.body,
        json!({"pointsAwarded": 50, "remainingExecutions": 0, "recurrence": "once"})
    );
    assert_eq!(h.balance("jane@example.com").await, 50);
    let second = h.post(&path, body).await;
    assert_error(&second, 422);
    assert_eq!(h.balance("jane@example.com").await, 50);
}

#[tokio::test]
async fn daily_and_unlimited_flows() {
    let h = Harness::start().await;
    h.customer("jane@example.com", 0).await;
    let body = json!({"customerEmail": "jane@example.com"});
    let daily = format!("/v1/programs/{PROGRAM}/custom-earning-flows/CUSTOM_2/execute");
    let run = h.post(&daily, body.clone()).await;
    assert_eq!(run.body["recurrence"], "daily");
    assert_eq!(run.body["remainingExecutions"], 0);
    // The second run the same UTC day is refused (unless midnight passed in between).
    let again = h.post(&daily, body.clone()).await;
    assert!(again.status == 422 || again.status == 200);
    let unlimited = format!("/v1/programs/{PROGRAM}/custom-earning-flows/CUSTOM_5/execute");
    for _ in 0..3 {
        let run = h.post(&unlimited, body.clone()).await;
        assert_eq!(run.status, 200);
        assert!(run.body["remainingExecutions"].is_null());
        assert!(
            run.body
                .as_object()
                .is_some_and(|o| o.contains_key("remainingExecutions"))
        );
    }
    let unknown = format!("/v1/programs/{PROGRAM}/custom-earning-flows/CUSTOM_99/execute");
    assert_error(&h.post(&unknown, body).await, 404);
    let ghost = h
        .post(&unlimited, json!({"customerEmail": "ghost@example.com"}))
        .await;
    assert_error(&ghost, 404);
}
