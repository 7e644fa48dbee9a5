//! `GET /v1/status`.

use std::time::Duration;

use jeri_tests::fixtures::{self, client, error_body};
use jeri_tests::recording::{Reply, Server};

use super::{api_error, assert_merchant_headers, single_message, typed_body};

#[tokio::test]
async fn sends_a_bare_get_and_decodes_the_status() {
    let server = Server::start(vec![Reply::json(200, fixtures::api_status().to_string())]).await;
    let status = client(server.url()).get_api_status().await.expect("status");
    assert_eq!(status.status, "ok");
    assert_eq!(status.version.as_deref(), Some("1.42.0"));
    assert_eq!(
        status
            .timestamp
            .map(|at| at.to_rfc3339_opts(jeri_client::runtime::chrono::SecondsFormat::Millis, true))
            .as_deref(),
        Some("2026-05-25T10:00:00.125Z")
    );

    let request = server.single();
    assert_eq!(request.method, "GET");
    assert_eq!(request.target, "/v1/status");
    assert_merchant_headers(&request, false);
}

#[tokio::test]
async fn optional_fields_may_be_missing() {
    let server = Server::start(vec![Reply::json(200, r#"{"status":"degraded"}"#)]).await;
    let status = client(server.url()).get_api_status().await.expect("status");
    assert_eq!(status.status, "degraded");
    assert_eq!(status.version, None);
    assert_eq!(status.timestamp, None);
}

#[tokio::test]
async fn unauthorized_carries_the_error_body() {
    let body = error_body(401, "Invalid API key", "Unauthorized");
    let server = Server::start(vec![Reply::json(401, body.to_string())]).await;
    let error = api_error(client(server.url()).get_api_status().await);
    assert_eq!(error.status(), 401);
    assert_eq!(error.operation(), "getApiStatus");
    let typed = typed_body(&error);
    assert_eq!(typed.status_code, 401);
    assert_eq!(single_message(typed), "Invalid API key");
    assert_eq!(typed.error.as_deref(), Some("Unauthorized"));
    assert_eq!(
        error.to_string(),
        format!("getApiStatus: the API answered HTTP 401: {body}")
    );
}

#[tokio::test]
async fn too_many_requests_keeps_retry_after() {
    let body = error_body(
        429,
        "ThrottlerException: Too Many Requests",
        "Too Many Requests",
    );
    let server = Server::start(vec![
        Reply::json(429, body.to_string()).header("retry-after", "7"),
    ])
    .await;
    let result = client(server.url()).get_api_status().await;
    let error = result.as_ref().expect_err("429");
    assert!(error.is_retryable());
    assert_eq!(error.status(), Some(429));
    let api = api_error(result);
    assert_eq!(api.retry_after(), Some(Duration::from_secs(7)));
    assert_eq!(typed_body(&api).status_code, 429);
    assert_eq!(server.count(), 1, "retries are disabled for this client");
}
