//! API keys, customer tokens and Bearer authentication over HTTP.

use crate::common::{Harness, PROGRAM, assert_error};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn get_api_status_needs_the_key() {
    let h = Harness::start().await;
    let ok = h.get("/v1/status").await;
    assert_eq!(ok.status, 200);
    assert_eq!(ok.body["status"], "ok");
    assert!(ok.content_type.starts_with("application/json"));

    let missing = h.send(h.http.get(h.url("/v1/status"))).await;
    assert_error(&missing, 401);
    assert_eq!(
        missing.body,
        json!({"statusCode": 401, "message": "Unauthorized"})
    );
    let wrong = h
        .send(h.http.get(h.url("/v1/status")).header("api-key", "wrong"))
        .await;
    assert_error(&wrong, 401);
}

#[tokio::test]
async fn every_operation_refuses_a_missing_key() {
    let h = Harness::start().await;
    let p = format!("/v1/programs/{PROGRAM}");
    let calls = [
        (Method::POST, format!("{p}/integrations/api")),
        (Method::DELETE, format!("{p}/integrations/api")),
        (Method::GET, format!("{p}/customers/jane%40example.com")),
        (
            Method::GET,
            format!("{p}/customers/token?email=jane%40example.com&token_type=auth"),
        ),
        (Method::POST, format!("{p}/rewards/welcome-drink/redeem")),
        (Method::POST, format!("{p}/push-notifications")),
        (Method::POST, format!("{p}/coupons/welcome-10/assign")),
        (Method::POST, format!("{p}/balance/increase")),
        (Method::POST, format!("{p}/balance/decrease")),
        (
            Method::POST,
            format!("{p}/custom-earning-flows/CUSTOM_1/execute"),
        ),
    ];
    for (method, path) in calls {
        let reply = h
            .send(
                h.http
                    .request(method.clone(), h.url(&path))
                    .header("content-type", "application/json")
                    .body("not even json"),
            )
            .await;
        assert_error(&reply, 401);
        assert_eq!(reply.status, 401, "{method} {path}");
    }
}

fn decode_segment(segment: &str) -> Value {
    let bytes = URL_SAFE_NO_PAD.decode(segment).expect("base64url");
    serde_json::from_slice(&bytes).expect("JSON segment")
}

#[tokio::test]
async fn tokens_are_jwt_shaped_with_claims() {
    let h = Harness::start().await;
    h.customer("jane@example.com", 0).await;
    let reply = h
        .get(&format!(
            "/v1/programs/{PROGRAM}/customers/token?email=jane%40example.com&token_type=download&expires_in=3600"
        ))
        .await;
    assert_eq!(reply.status, 200);
    let token = reply.body["accessToken"].as_str().expect("token");
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3);
    assert_eq!(decode_segment(parts[0])["typ"], "JWT");
    let claims = decode_segment(parts[1]);
    assert_eq!(claims["sub"], "jane@example.com");
    assert_eq!(claims["typ"], "download");
    assert!(claims["programId"].is_string());
    let iat = claims["iat"].as_i64().expect("iat");
    assert_eq!(claims["exp"].as_i64(), Some(iat + 3600));

    let auth = decode_segment(
        h.token("jane@example.com", "auth")
            .await
            .split('.')
            .nth(1)
            .expect("payload"),
    );
    assert_eq!(
        auth["exp"]
            .as_i64()
            .zip(auth["iat"].as_i64())
            .map(|(e, i)| e - i),
        Some(7 * 86_400)
    );
}

#[tokio::test]
async fn token_requests_are_checked() {
    let h = Harness::start().await;
    let base = format!("/v1/programs/{PROGRAM}/customers/token");
    let unknown = h
        .get(&format!("{base}?email=ghost%40example.com&token_type=auth"))
        .await;
    assert_error(&unknown, 404);
    let bad = h
        .get(&format!(
            "{base}?email=nope&token_type=session&expires_in=0"
        ))
        .await;
    assert_eq!(
        crate::common::messages(&bad),
        vec![
            "email must be an email",
            "token_type must be one of the following values: auth, download",
            "expires_in must not be less than 1"
        ]
    );
    let missing = h.get(&base).await;
    assert_eq!(crate::common::messages(&missing).len(), 2);
    let not_a_number = h
        .get(&format!(
            "{base}?email=a%40b.co&token_type=auth&expires_in=7d"
        ))
        .await;
    assert_eq!(
        crate::common::messages(&not_a_number),
        vec!["expires_in must be an integer number"]
    );
}

async fn bearer_post(h: &Harness, path: &str, token: &str, body: Value) -> crate::common::Reply {
    h.send(
        h.http
            .post(h.url(path))
            .bearer_auth(token)
            .header("content-type", "application/json")
            .body(body.to_string()),
    )
    .await
}

#[tokio::test]
async fn auth_tokens_act_for_their_customer_where_the_spec_allows() {
    let h = Harness::start().await;
    h.customer("jane@example.com", 300).await;
    let token = h.token("jane@example.com", "auth").await;
    let flow = format!("/v1/programs/{PROGRAM}/custom-earning-flows/CUSTOM_1/execute");
    let run = bearer_post(&h, &flow, &token, json!({})).await;
    assert_eq!(run.status, 200, "{:?}", run.body);
    assert_eq!(run.body["pointsAwarded"], 50);
    let redeem = format!("/v1/programs/{PROGRAM}/rewards/welcome-drink/redeem");
    let redeemed = bearer_post(&h, &redeem, &token, json!({})).await;
    assert_eq!(redeemed.status, 201, "{:?}", redeemed.body);
    assert_eq!(redeemed.body["customerEmail"], "jane@example.com");
    assert_eq!(h.balance("jane@example.com").await, 250);

    // Elsewhere the token is no credential.
    let status = h
        .send(h.http.get(h.url("/v1/status")).bearer_auth(&token))
        .await;
    assert_error(&status, 401);
    let customer = h
        .send(
            h.http
                .get(h.url(&format!(
                    "/v1/programs/{PROGRAM}/customers/jane%40example.com"
                )))
                .bearer_auth(&token),
        )
        .await;
    assert_error(&customer, 401);
    let coupon = format!("/v1/programs/{PROGRAM}/coupons/welcome-10/assign");
    let assigned = bearer_post(&h, &coupon, &token, json!({"email": "jane@example.com"})).await;
    assert_error(&assigned, 401);
}

#[tokio::test]
async fn download_forged_and_foreign_tokens_are_refused() {
    let h = Harness::start().await;
    h.customer("jane@example.com", 300).await;
    let flow = format!("/v1/programs/{PROGRAM}/custom-earning-flows/CUSTOM_5/execute");
    let download = h.token("jane@example.com", "download").await;
    assert_error(&bearer_post(&h, &flow, &download, json!({})).await, 401);
    let auth = h.token("jane@example.com", "auth").await;
    let forged = format!("{}x", auth);
    assert_error(&bearer_post(&h, &flow, &forged, json!({})).await, 401);
    let other = "/v1/programs/other-program/custom-earning-flows/CUSTOM_5/execute";
    assert_error(&bearer_post(&h, other, &auth, json!({})).await, 401);
    // After the customer is deleted, their token no longer works.
    h.call(
        Method::DELETE,
        &format!("/v1/programs/{PROGRAM}/integrations/api"),
        json!([{"email": "jane@example.com", "feature": "users"}]),
    )
    .await;
    assert_error(&bearer_post(&h, &flow, &auth, json!({})).await, 401);
}

#[tokio::test]
async fn with_the_api_key_the_body_names_the_customer() {
    let h = Harness::start().await;
    h.customer("jane@example.com", 0).await;
    let flow = format!("/v1/programs/{PROGRAM}/custom-earning-flows/CUSTOM_5/execute");
    let missing = h.post(&flow, json!({})).await;
    assert_error(&missing, 422);
    assert_eq!(
        missing.body["message"],
        "customerEmail is required when calling with the API key"
    );
    let ok = h
        .post(&flow, json!({"customerEmail": "jane@example.com"}))
        .await;
    assert_eq!(ok.status, 200);
}

#[tokio::test]
async fn a_custom_api_key_is_the_only_one_accepted() {
    let sandbox = jeri_sandbox::Sandbox::builder()
        .api_key("custom-key")
        .start()
        .await
        .expect("starts");
    assert_eq!(sandbox.api_key(), "custom-key");
    let http = reqwest::Client::new();
    let url = format!("{}/v1/status", sandbox.base_url());
    let ok = http
        .get(&url)
        .header("api-key", "custom-key")
        .send()
        .await
        .expect("answer");
    assert_eq!(ok.status().as_u16(), 200);
    let default = http
        .get(&url)
        .header("api-key", jeri_sandbox::DEFAULT_API_KEY)
        .send()
        .await
        .expect("answer");
    assert_eq!(default.status().as_u16(), 401);
}
