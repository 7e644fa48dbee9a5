//! keeper's client on jeri-runtime alone, against a loopback recording server.
#![cfg(corpus)]

use jeri_runtime::{Error, RetryPolicy, Transport};
use jeri_runtime_only_client::keeper;
use jeri_test_support::{Reply, Server};

const AUTHORIZATION: &str = "Bearer keeper-test-token";

fn client(server: &Server) -> keeper::Client {
    let transport: Transport = keeper::Client::transport_builder()
        .base_url(server.url())
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("a transport for the loopback server");
    keeper::Client::from_transport(transport)
}

#[test]
fn without_a_server_in_the_spec_the_caller_must_give_the_base_url() {
    assert!(keeper::SERVERS.is_empty());
    match keeper::Client::transport_builder().build() {
        Err(Error::Config(message)) => assert!(message.contains("no base URL"), "{message}"),
        other => panic!("expected a configuration error, got {other:?}"),
    }
}

#[tokio::test]
async fn ping_goes_to_the_given_host_and_names_the_client() {
    let server = Server::start(vec![Reply::json(
        201,
        r#"{"host":"keeper.local","ok":true}"#,
    )])
    .await;
    let result = client(&server).ping(AUTHORIZATION).await.expect("ping");
    assert_eq!(result.host, "keeper.local");
    assert!(result.ok);
    let request = server.single();
    assert_eq!(
        (request.method.as_str(), request.target.as_str()),
        ("GET", "/ping")
    );
    assert_eq!(request.header("authorization"), Some(AUTHORIZATION));
    assert_eq!(request.header("user-agent"), Some("keeper-api/1.0"));
}

#[tokio::test]
async fn the_status_and_headers_come_with_the_value() {
    let server = Server::start(vec![
        Reply::json(201, r#"{"host":"h","ok":false}"#).header("x-request-id", "k-1"),
    ])
    .await;
    let answer = client(&server)
        .ping(AUTHORIZATION)
        .send_with_response()
        .await
        .expect("ping");
    assert_eq!(answer.status(), 201);
    assert!(!answer.value().ok);
    assert_eq!(
        answer
            .headers()
            .get("x-request-id")
            .and_then(|value| value.to_str().ok()),
        Some("k-1")
    );
}

#[tokio::test]
async fn an_undocumented_status_keeps_its_status_and_body() {
    let server = Server::start(vec![Reply::status(503).body("down for maintenance")]).await;
    match client(&server).ping(AUTHORIZATION).await {
        Err(Error::Api(error)) => {
            assert_eq!(error.status(), 503);
            assert_eq!(error.raw_text(), "down for maintenance");
        }
        other => panic!("expected an API error, got {other:?}"),
    }
}
