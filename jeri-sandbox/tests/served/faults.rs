//! Injected faults and the customer-token preconditions, over HTTP: the fault table
//! covers the spec's every operation, and the `/_sandbox/` routes change a running
//! sandbox as the builder and `Sandbox::faults` do.

use crate::common::{Harness, PROGRAM, assert_error};
use jeri_sandbox::{Fault, FaultKind, Sandbox, SeedCustomer};
use reqwest::Method;
use serde_json::Value;

/// Each operation of the spec, armed by its `operationId`, fails at its own method and
/// path (and only there): the sandbox's table of operations is the spec's.
#[tokio::test]
async fn every_operation_of_the_spec_can_fail() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/openapi.yaml"))
            .expect("spec readable");
    let spec: serde_yaml::Value = serde_yaml::from_str(&text).expect("spec parses");
    let h = Harness::start().await;
    let mut count = 0;
    for (path, item) in spec["paths"].as_mapping().expect("paths") {
        let template = path.as_str().expect("path");
        // Every parameter filled with a value no literal segment has.
        let filled: String = template
            .split('/')
            .map(|segment| {
                if segment.starts_with('{') {
                    "x1"
                } else {
                    segment
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        for (method, operation) in item.as_mapping().expect("path item") {
            let Some(id) = operation["operationId"].as_str() else {
                continue;
            };
            count += 1;
            let method = method.as_str().expect("method").to_uppercase();
            let method = Method::from_bytes(method.as_bytes()).expect("method");
            h.sandbox
                .faults()
                .add(Fault::new(id, FaultKind::Unavailable).expect(id).times(1));
            let reply = h.call(method.clone(), &filled, Value::Null).await;
            assert_eq!(reply.status, 503, "{id}: {method} {filled}");
            assert!(h.sandbox.faults().list().is_empty(), "{id} used its fault");
        }
    }
    assert_eq!(count, 11, "the spec's operations were counted");
    assert!(Fault::new("listCustomers", FaultKind::Unavailable).is_err());
    h.sandbox
        .faults()
        .add(Fault::new("getCustomer", FaultKind::Unavailable).expect("known"));
    assert_ne!(
        h.get("/v1/status").await.status,
        503,
        "other operations are served"
    );
}

async fn admin(h: &Harness, method: Method, path: &str, body: &str) -> (u16, String) {
    let response = h
        .http
        .request(method, h.url(path))
        .header("api-key", h.sandbox.api_key())
        .body(body.to_owned())
        .send()
        .await
        .expect("answered");
    let status = response.status().as_u16();
    (status, response.text().await.expect("text"))
}

#[tokio::test]
async fn faults_are_armed_listed_and_cleared_over_http() {
    let h = Harness::start().await;
    let (status, listed) = admin(
        &h,
        Method::POST,
        "/_sandbox/faults",
        "getApiStatus=unavailable*1\n\ngetApiStatus=rate-limited:1500ms*1\n",
    )
    .await;
    assert_eq!(status, 201, "{listed}");
    assert_eq!(
        listed,
        "getApiStatus=unavailable*1\ngetApiStatus=rate-limited:1500ms*1\n"
    );

    let first = h.get("/v1/status").await;
    assert_error(&first, 503);
    let second = h
        .request(Method::GET, "/v1/status", &Value::Null)
        .send()
        .await
        .expect("answered");
    assert_eq!(second.status().as_u16(), 429);
    assert_eq!(
        second.headers().get("retry-after").map(|v| v.as_bytes()),
        Some(&b"2"[..]),
        "1.5 s rounds up to whole seconds"
    );
    assert_eq!(h.get("/v1/status").await.status, 200, "both counts used up");
    assert_eq!(admin(&h, Method::GET, "/_sandbox/faults", "").await.1, "");

    let (status, message) = admin(&h, Method::POST, "/_sandbox/faults", "ok=timeout\n").await;
    assert_eq!(status, 400);
    assert!(message.contains("unknown operation `ok`"), "{message}");

    assert_eq!(
        admin(&h, Method::POST, "/_sandbox/faults", "*=unavailable")
            .await
            .0,
        201
    );
    assert_error(&h.get("/v1/status").await, 503);
    assert_eq!(
        admin(&h, Method::DELETE, "/_sandbox/faults", "").await.0,
        204
    );
    assert_eq!(h.get("/v1/status").await.status, 200);

    let refused = h
        .http
        .get(h.url("/_sandbox/faults"))
        .send()
        .await
        .expect("answered");
    assert_eq!(
        refused.status().as_u16(),
        401,
        "the admin routes need the key"
    );
}

#[tokio::test]
async fn builder_faults_apply_from_the_first_request() {
    let sandbox = Sandbox::builder()
        .fault("getApiStatus=unavailable*1".parse().expect("fault"))
        .start()
        .await
        .expect("starts");
    let http = reqwest::Client::new();
    let status = |sandbox: &Sandbox| {
        http.get(format!("{}/v1/status", sandbox.base_url()))
            .header("api-key", sandbox.api_key())
            .send()
    };
    assert_eq!(status(&sandbox).await.expect("answered").status(), 503);
    assert_eq!(status(&sandbox).await.expect("answered").status(), 200);
}

#[tokio::test]
async fn a_lost_answer_closes_the_connection_after_applying() {
    let h = Harness::start().await;
    h.customer("jane@example.com", 10).await;
    h.sandbox
        .faults()
        .add("increaseBalance=lost-answer*1".parse().expect("fault"));
    let sent = h
        .request(
            Method::POST,
            &format!("/v1/programs/{PROGRAM}/balance/increase"),
            &serde_json::json!([{"email": "jane@example.com", "amount": 5, "reason": "order 1"}]),
        )
        .send()
        .await;
    let error = sent.expect_err("no answer");
    assert!(!error.is_status(), "{error:?}");
    assert_eq!(
        h.balance("jane@example.com").await,
        15,
        "applied all the same"
    );
}

#[tokio::test]
async fn tokens_need_a_wallet_pass_or_a_one_time_link() {
    let sandbox = Sandbox::builder()
        .customer(SeedCustomer::new(PROGRAM, "new@example.com"))
        .customer(SeedCustomer::new(PROGRAM, "pass@example.com").wallet_pass())
        .customer(SeedCustomer::new(PROGRAM, "nolink@example.com").without_one_time_link())
        .start()
        .await
        .expect("starts");
    let h = Harness {
        sandbox,
        http: reqwest::Client::new(),
    };
    let token = |email: &str, kind: &str| {
        format!(
            "/v1/programs/{PROGRAM}/customers/token?email={}&token_type={kind}",
            email.replace('@', "%40")
        )
    };
    let refused = h.get(&token("new@example.com", "auth")).await;
    assert_error(&refused, 422);
    assert!(
        refused.body["message"]
            .as_str()
            .is_some_and(|m| m.contains("wallet pass"))
    );
    assert_eq!(
        h.get(&token("new@example.com", "download")).await.status,
        200
    );
    assert_eq!(h.get(&token("pass@example.com", "auth")).await.status, 200);
    assert_error(&h.get(&token("nolink@example.com", "download")).await, 422);

    let path = format!("/_sandbox/programs/{PROGRAM}/customers/new%40example.com/wallet-pass");
    assert_eq!(admin(&h, Method::POST, &path, "").await.0, 204);
    assert_eq!(h.get(&token("new@example.com", "auth")).await.status, 200);
    let link = format!("/_sandbox/programs/{PROGRAM}/customers/nolink%40example.com/one-time-link");
    assert_eq!(admin(&h, Method::PUT, &link, "").await.0, 204);
    assert_eq!(
        h.get(&token("nolink@example.com", "download")).await.status,
        200
    );
    let unknown =
        format!("/_sandbox/programs/{PROGRAM}/customers/nobody%40example.com/wallet-pass");
    assert_eq!(admin(&h, Method::POST, &unknown, "").await.0, 404);
}

/// The binary as a user starts it: `--fault` flags arm faults from the first request.
#[tokio::test]
async fn the_binary_takes_fault_flags() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    let mut child = Command::new(env!("CARGO_BIN_EXE_jeri-sandbox"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--api-key",
            "flag-key",
            "--fault",
            "getApiStatus=unavailable*1",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().expect("a line").expect("text");
    let base_url = first
        .strip_prefix("jeri-sandbox listening on ")
        .expect("the base URL line")
        .to_owned();
    let printed: Vec<String> = lines
        .by_ref()
        .take(2)
        .map(|line| line.expect("text"))
        .collect();
    assert_eq!(
        printed,
        ["api-key: flag-key", "fault: getApiStatus=unavailable*1"]
    );

    let http = reqwest::Client::new();
    let status = || {
        http.get(format!("{base_url}/v1/status"))
            .header("api-key", "flag-key")
            .send()
    };
    let first = status().await.map(|r| r.status().as_u16());
    let second = status().await.map(|r| r.status().as_u16());
    // The process is this test's own child; end it before asserting.
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(first.ok(), Some(503));
    assert_eq!(second.ok(), Some(200));
}
