//! Malformed requests, unknown routes, seeding and shutdown.

use crate::common::{Harness, PROGRAM, assert_error, messages};
use jeri_sandbox::{Sandbox, SandboxState, SeedCustomer};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn malformed_json_and_missing_bodies_are_400() {
    let h = Harness::start().await;
    let path = format!("/v1/programs/{PROGRAM}/balance/increase");
    let malformed = h
        .send(
            h.request(Method::POST, &path, &serde_json::Value::Null)
                .header("content-type", "application/json")
                .body("[{\"email\": "),
        )
        .await;
    assert!(messages(&malformed)[0].starts_with("body is not valid JSON"));
    let empty = h
        .send(h.request(Method::POST, &path, &serde_json::Value::Null))
        .await;
    assert_eq!(messages(&empty), vec!["body should not be empty"]);
    let not_json = h
        .send(
            h.request(Method::POST, &path, &serde_json::Value::Null)
                .header("content-type", "text/plain")
                .body("[]"),
        )
        .await;
    assert_error(&not_json, 400);
}

#[tokio::test]
async fn schema_violations_are_listed() {
    let h = Harness::start().await;
    let path = format!("/v1/programs/{PROGRAM}/integrations/api");
    let reply = h
        .post(
            &path,
            json!([
                {"email": "not-an-email", "feature": "segments", "payload": {}},
                {"email": "a@example.com", "feature": "users", "payload": {"nickname": "x"}},
                {"email": "a@example.com", "feature": "loyalty", "payload": {
                    "loyaltyCustomerId": "l", "balance": -1, "memberSince": "yesterday"}},
                {"feature": "users", "payload": {"emailVerified": "yes"}},
                "not an object"
            ]),
        )
        .await;
    let found = messages(&reply);
    for expected in [
        "0.email must be an email",
        "0.feature must be one of the following values: users, loyalty",
        "property 1.payload.nickname should not exist",
        "2.payload.balance must not be less than 0",
        "2.payload.memberSince must be a valid ISO 8601 date string",
        "3.email should not be empty",
        "3.payload.emailVerified must be a boolean value",
        "4 must be an object",
    ] {
        assert!(
            found.iter().any(|m| m == expected),
            "{expected} not in {found:?}"
        );
    }
    assert_eq!(reply.body["error"], "Bad Request");
}

#[tokio::test]
async fn wrong_types_are_400() {
    let h = Harness::start().await;
    let path = format!("/v1/programs/{PROGRAM}/balance/decrease");
    let reply = h
        .post(&path, json!([{"email": 5, "amount": "10", "reason": null}]))
        .await;
    assert_eq!(
        messages(&reply),
        vec![
            "0.email must be a string",
            "0.amount must be an integer number",
            "0.reason must be a string"
        ]
    );
    let object = h.post(&path, json!({"email": "a@example.com"})).await;
    assert_eq!(messages(&object), vec!["body must be an array"]);
    let coupon = format!("/v1/programs/{PROGRAM}/coupons/welcome-10/assign");
    assert_eq!(
        messages(&h.post(&coupon, json!({})).await),
        vec!["email should not be empty"]
    );
}

#[tokio::test]
async fn an_invalid_email_in_the_path_is_400() {
    let h = Harness::start().await;
    let reply = h
        .get(&format!("/v1/programs/{PROGRAM}/customers/not-an-email"))
        .await;
    assert_eq!(messages(&reply), vec!["email must be an email"]);
}

#[tokio::test]
async fn unknown_routes_and_methods_get_a_nest_style_404() {
    let h = Harness::start().await;
    let reply = h.get("/v1/nothing-here").await;
    assert_error(&reply, 404);
    assert_eq!(reply.body["message"], "Cannot GET /v1/nothing-here");
    let method = h
        .call(Method::DELETE, "/v1/status", serde_json::Value::Null)
        .await;
    assert_error(&method, 404);
}

#[tokio::test]
async fn seeded_customers_exist_from_the_start() {
    let sandbox = Sandbox::builder()
        .customer(
            SeedCustomer::new(PROGRAM, "jane@example.com")
                .first_name("Jane")
                .last_name("Doe")
                .balance(1200)
                .tier_status("Gold"),
        )
        .start()
        .await
        .expect("starts");
    let reply = reqwest::Client::new()
        .get(format!(
            "{}/v1/programs/{PROGRAM}/customers/jane%40example.com",
            sandbox.base_url()
        ))
        .header("api-key", sandbox.api_key())
        .send()
        .await
        .expect("answer");
    assert_eq!(reply.status().as_u16(), 200);
    let body: serde_json::Value =
        serde_json::from_str(&reply.text().await.expect("text")).expect("json");
    assert_eq!(body["userData"]["lastName"], "Doe");
    assert_eq!(body["loyaltyData"]["balance"], 1200);
    assert_eq!(body["loyaltyData"]["tierStatus"], "Gold");
    assert!(sandbox.state().credit(PROGRAM, "jane@example.com", 5));
    assert_eq!(
        sandbox.state().balance(PROGRAM, "jane@example.com"),
        Some(1205)
    );
    assert!(!sandbox.state().credit(PROGRAM, "ghost@example.com", 5));
}

#[tokio::test]
async fn the_router_can_be_embedded() {
    let state = SandboxState::new("embedded-key");
    state.add_customer(SeedCustomer::new(PROGRAM, "jane@example.com").balance(3));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let server = tokio::spawn(axum::serve(listener, jeri_sandbox::router(state)).into_future());
    let reply = reqwest::Client::new()
        .get(format!(
            "http://{addr}/v1/programs/{PROGRAM}/customers/jane%40example.com"
        ))
        .header("api-key", "embedded-key")
        .send()
        .await
        .expect("answer");
    assert_eq!(reply.status().as_u16(), 200);
    server.abort();
}

#[tokio::test]
async fn a_shut_down_sandbox_refuses_connections() {
    let sandbox = Sandbox::start().await.expect("starts");
    let url = format!("{}/v1/status", sandbox.base_url());
    sandbox.shutdown().await;
    let refused = reqwest::Client::new().get(&url).send().await;
    assert!(refused.is_err());
}

#[tokio::test]
async fn a_dropped_sandbox_frees_its_port() {
    let sandbox = Sandbox::start().await.expect("starts");
    let addr = sandbox.addr();
    drop(sandbox);
    // The aborted task releases the listener once the runtime has polled the abort.
    let mut rebound = None;
    for _ in 0..100 {
        match tokio::net::TcpListener::bind(addr).await {
            Ok(listener) => {
                rebound = Some(listener);
                break;
            }
            Err(_) => tokio::task::yield_now().await,
        }
    }
    assert!(rebound.is_some());
}

#[tokio::test]
async fn an_oversized_body_gets_an_error_body() {
    let h = Harness::start().await;
    let path = format!("/v1/programs/{PROGRAM}/push-notifications");
    let huge = format!(
        "{{\"email\": \"jane@example.com\", \"message\": \"{}\"}}",
        "x".repeat(3 << 20)
    );
    let reply = h
        .send(
            h.request(Method::POST, &path, &serde_json::Value::Null)
                .header("content-type", "application/json")
                .body(huge),
        )
        .await;
    assert_error(&reply, 413);
}

#[test]
fn the_binary_explains_itself_and_its_mistakes() {
    let binary = env!("CARGO_BIN_EXE_jeri-sandbox");
    let help = std::process::Command::new(binary)
        .arg("--help")
        .output()
        .expect("runs");
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("--listen ADDR"));
    let wrong = std::process::Command::new(binary)
        .args(["--listen", "nowhere"])
        .output()
        .expect("runs");
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("is not an address"));
}

#[tokio::test]
async fn the_binary_serves_on_the_address_it_prints() {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_jeri-sandbox"))
        .args(["--listen", "127.0.0.1:0", "--api-key", "bin-key"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawns");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = std::io::BufReader::new(stdout).lines();
    let first = lines.next().and_then(Result::ok).unwrap_or_default();
    let second = lines.next().and_then(Result::ok).unwrap_or_default();
    let base_url = first.rsplit(' ').next().unwrap_or_default().to_owned();
    assert!(base_url.starts_with("http://127.0.0.1:"), "{first}");
    assert_eq!(second, "api-key: bin-key");
    let reply = reqwest::Client::new()
        .get(format!("{base_url}/v1/status"))
        .header("api-key", "bin-key")
        .send()
        .await;
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(reply.expect("answer").status().as_u16(), 200);
}
