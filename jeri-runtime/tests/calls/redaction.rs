//! No formatted value ever shows a credential.

use crate::support::ServerExt as _;

use std::time::Duration;

use crate::support::{API_KEY, Reply, Server, TOKEN, get_customer};
use jeri_runtime::Error;
use jeri_runtime::{
    Call, CallOptions, Credentials, Method, OperationInfo, RetryPolicy, Secret,
    SecurityRequirement, Transport,
};

static QUERY_KEY: OperationInfo = OperationInfo {
    id: "queryKeyed",
    method: Method::Get,
    path: "/v1/status",
    security: &[&[SecurityRequirement::ApiKeyQuery {
        scheme: "apiKey",
        parameter: "api_key",
    }]],
};

fn assert_hidden(what: &str, value: &(impl std::fmt::Debug + ?Sized), display: Option<String>) {
    let debug = format!("{value:?}");
    let pretty = format!("{value:#?}");
    for text in [Some(debug), Some(pretty), display].into_iter().flatten() {
        assert!(!text.contains("TOPSECRET"), "{what} shows a secret: {text}");
    }
}

fn assert_error_hidden(what: &str, error: &Error) {
    let mut chain = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        chain.push_str(&format!(" / {inner} / {inner:?}"));
        source = inner.source();
    }
    assert_hidden(what, error, Some(chain));
}

#[tokio::test]
async fn configuration_values_hide_secrets() {
    let secret = Secret::from(API_KEY);
    assert_hidden("Secret", &secret, Some(secret.to_string()));
    let credentials = Credentials::api_key(API_KEY).with_bearer_token(TOKEN);
    assert_hidden("Credentials", &credentials, None);
    let builder = Transport::builder()
        .base_url("http://127.0.0.1:9")
        .api_key(API_KEY)
        .bearer_token(TOKEN);
    assert_hidden("TransportBuilder", &builder, None);
    let transport = builder.build().expect("transport");
    assert_hidden("Transport", &transport, None);
    let client = reqwest::Client::builder().build().expect("client");
    let custom = Transport::builder().api_key(API_KEY).http_client(client);
    assert_hidden("TransportBuilder with client", &custom, None);
}

#[tokio::test]
async fn config_errors_hide_secrets() {
    let errors = [
        Transport::builder().api_key("sk_TOPSECRET\n").build().err(),
        Transport::builder()
            .bearer_token("TOPSECRET\0")
            .build()
            .err(),
        Transport::builder()
            .base_url("https://u:TOPSECRET@example.com")
            .build()
            .err(),
    ];
    for error in errors {
        let error = error.expect("a configuration error");
        assert!(matches!(error, Error::Config(_)));
        assert_error_hidden("Config", &error);
    }
}

#[tokio::test]
async fn call_errors_hide_secrets() {
    let server = Server::start(vec![Reply::json(404, API_KEY)]).await;
    let transport = server
        .builder()
        .bearer_token(TOKEN)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("transport");

    let response = get_customer(&transport, "p", "e", CallOptions::new())
        .await
        .expect("response");
    assert_hidden("Response", &response, None);

    let invalid = get_customer(&transport, "p", "", CallOptions::new())
        .await
        .expect_err("empty");
    assert_error_hidden("InvalidInput", &invalid);

    let missing = get_customer(
        &transport.with_credentials(Credentials::bearer(TOKEN)),
        "p",
        "e",
        CallOptions::new(),
    )
    .await
    .expect_err("no key");
    assert!(matches!(missing, Error::MissingCredentials { .. }));
    assert_error_hidden("MissingCredentials", &missing);

    let bad_token = transport.with_credentials(Credentials::bearer("TOPSECRET\n"));
    let mut call = Call::new(
        &bad_token,
        &crate::support::REDEEM_REWARD,
        CallOptions::new(),
    );
    call.path_literal("/x");
    let invalid_token = call.send().await.expect_err("token cannot be a header");
    assert!(matches!(invalid_token, Error::InvalidInput { .. }));
    assert_error_hidden("InvalidInput (token)", &invalid_token);
}

#[tokio::test]
async fn response_errors_do_not_echo_request_credentials() {
    let server = Server::start(vec![
        Reply::status(200)
            .header("content-type", "text/html")
            .body("<html>"),
        Reply::json(200, "{not json"),
        Reply::json(200, "x".repeat(64)),
        Reply::json(500, "{}"),
    ])
    .await;
    let transport = server
        .builder()
        .bearer_token(TOKEN)
        .max_body_size(16)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("transport");
    let mut errors = Vec::new();
    for _ in 0..3 {
        let response = get_customer(&transport, "p", "e", CallOptions::new())
            .await
            .expect("response");
        errors.push(
            response
                .json::<serde_json::Value>()
                .expect_err("not decodable"),
        );
    }
    let response = get_customer(&transport, "p", "e", CallOptions::new())
        .await
        .expect("response");
    errors.push(response.unexpected());
    assert!(matches!(errors[0], Error::ContentType { .. }));
    assert!(matches!(errors[1], Error::Decode { .. }));
    assert!(matches!(errors[2], Error::BodyTooLarge { .. }));
    assert!(matches!(errors[3], Error::Api(_)));
    for error in &errors {
        assert_error_hidden("response error", error);
    }
}

#[tokio::test]
async fn transport_errors_hide_an_api_key_sent_in_the_query() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    drop(listener);
    let transport = Transport::builder()
        .base_url(format!("http://{address}"))
        .api_key(API_KEY)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("transport");
    let mut call = Call::new(&transport, &QUERY_KEY, CallOptions::new());
    call.path_literal("/v1/status");
    let error = call.send().await.expect_err("nothing listens there");
    assert!(matches!(error, Error::Transport { .. }));
    assert_error_hidden("Transport (connect)", &error);
}

#[tokio::test]
async fn timeouts_with_the_key_in_the_query_hide_it() {
    let server = Server::start(vec![Reply::json(200, "{}").delay(Duration::from_secs(60))]).await;
    let transport = server
        .builder()
        .timeout(Duration::from_millis(200))
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("transport");
    let mut call = Call::new(&transport, &QUERY_KEY, CallOptions::new());
    call.path_literal("/v1/status");
    let error = call.send().await.expect_err("too slow");
    assert!(error.is_timeout());
    assert_error_hidden("Transport (timeout)", &error);
}
