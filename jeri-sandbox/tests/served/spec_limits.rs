//! The limits the sandbox enforces are the spec's: each is read from `spec/openapi.yaml`
//! and probed over HTTP at the limit and one past it.

use crate::common::{Harness, PROGRAM};
use reqwest::Method;
use serde_json::json;

fn spec() -> serde_yaml::Value {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/openapi.yaml"))
            .expect("spec readable");
    serde_yaml::from_str(&text).expect("spec parses")
}

fn body_max_items(spec: &serde_yaml::Value, path: &str, method: &str) -> usize {
    let items = &spec["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]
        ["maxItems"];
    items
        .as_u64()
        .and_then(|n| usize::try_from(n).ok())
        .expect("maxItems")
}

fn schema_number(spec: &serde_yaml::Value, schema: &str, property: &str, keyword: &str) -> i64 {
    spec["components"]["schemas"][schema]["properties"][property][keyword]
        .as_i64()
        .expect("number in spec")
}

#[tokio::test]
async fn batch_limits_are_the_specs() {
    let spec = spec();
    let h = Harness::start().await;
    h.customer("jane@example.com", 0).await;
    let integrations = "/v1/programs/{programId}/integrations/api";
    let user = json!({"email": "jane@example.com", "feature": "users", "payload": {}});
    let deletion = json!({"email": "jane@example.com", "feature": "loyalty"});
    let change = json!({"email": "jane@example.com", "amount": 1, "reason": "x"});
    let cases = [
        (integrations, "post", Method::POST, "integrations/api", user),
        (
            integrations,
            "delete",
            Method::DELETE,
            "integrations/api",
            deletion,
        ),
        (
            "/v1/programs/{programId}/balance/increase",
            "post",
            Method::POST,
            "balance/increase",
            change.clone(),
        ),
        (
            "/v1/programs/{programId}/balance/decrease",
            "post",
            Method::POST,
            "balance/decrease",
            change,
        ),
    ];
    for (spec_path, spec_method, method, tail, item) in cases {
        let max = body_max_items(&spec, spec_path, spec_method);
        let path = format!("/v1/programs/{PROGRAM}/{tail}");
        let over = h
            .call(method.clone(), &path, json!(vec![item.clone(); max + 1]))
            .await;
        assert_eq!(
            over.status,
            400,
            "{spec_method} {spec_path} with {}",
            max + 1
        );
        let at = h.call(method, &path, json!(vec![item; max])).await;
        assert_ne!(
            at.status, 400,
            "{spec_method} {spec_path} with {max}: {:?}",
            at.body
        );
    }
}

#[tokio::test]
async fn field_limits_are_the_specs() {
    let spec = spec();
    let h = Harness::start().await;
    h.customer("jane@example.com", 0).await;
    let max_message = schema_number(&spec, "PushNotificationRequest", "message", "maxLength");
    let push = format!("/v1/programs/{PROGRAM}/push-notifications");
    let send = |length: i64| {
        let message = "x".repeat(usize::try_from(length).unwrap_or(0));
        h.post(
            &push,
            json!({"email": "jane@example.com", "message": message}),
        )
    };
    assert_eq!(send(max_message).await.status, 201);
    assert_eq!(send(max_message + 1).await.status, 400);

    let min_amount = schema_number(&spec, "BalanceChange", "amount", "minimum");
    let increase = format!("/v1/programs/{PROGRAM}/balance/increase");
    let change =
        |amount: i64| json!([{"email": "jane@example.com", "amount": amount, "reason": "x"}]);
    assert_eq!(h.post(&increase, change(min_amount)).await.status, 201);
    assert_eq!(h.post(&increase, change(min_amount - 1)).await.status, 400);

    let min_balance = schema_number(&spec, "LoyaltyPayload", "balance", "minimum");
    let loyalty = |balance: i64| {
        json!([{"email": "jane@example.com", "feature": "loyalty", "payload": {
            "loyaltyCustomerId": "l", "balance": balance, "memberSince": "2024-03-01T09:30:00Z"}}])
    };
    let integrations = format!("/v1/programs/{PROGRAM}/integrations/api");
    assert_eq!(
        h.post(&integrations, loyalty(min_balance)).await.status,
        201
    );
    assert_eq!(
        h.post(&integrations, loyalty(min_balance - 1)).await.status,
        400
    );
}

#[tokio::test]
async fn enum_values_are_the_specs() {
    let spec = spec();
    let listed = |schema: &str| -> Vec<String> {
        spec["components"]["schemas"][schema]["enum"]
            .as_sequence()
            .expect("enum")
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect()
    };
    let h = Harness::start().await;
    h.customer("jane@example.com", 0).await;
    for feature in listed("IntegrationFeature") {
        let reply = h
            .call(
                Method::DELETE,
                &format!("/v1/programs/{PROGRAM}/integrations/api"),
                json!([{"email": "nobody@example.com", "feature": feature}]),
            )
            .await;
        assert_eq!(reply.status, 404, "{feature}");
    }
    for token_type in listed("TokenType") {
        let token = h.token("jane@example.com", &token_type).await;
        assert_eq!(token.split('.').count(), 3);
    }
    let recurrences = listed("EarningFlowRecurrence");
    let run = h
        .post(
            &format!("/v1/programs/{PROGRAM}/custom-earning-flows/CUSTOM_1/execute"),
            json!({"customerEmail": "jane@example.com"}),
        )
        .await;
    assert!(
        recurrences.contains(
            &run.body["recurrence"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        )
    );
}
