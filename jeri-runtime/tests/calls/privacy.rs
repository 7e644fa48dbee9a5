//! No error shows a filled-in path or query: a customer's email in the path and a
//! token in the query stay out of every error's `Display` and `Debug`, which name the
//! operation (and, for transport errors, the path template); `Error::url` keeps the URL.

use std::time::Duration;

use crate::support::{API_KEY, Reply, Server, closed_port_url, json_value, raw_server};
use jeri_runtime::{
    Call, CallOptions, Credentials, Error, Method, OperationInfo, RetryPolicy, SecurityRequirement,
    Transport, execute,
};

const EMAIL: &str = "ada@example.com";
const QUERY_TOKEN: &str = "tok_QUERYVALUE_91";
const TEMPLATE: &str = "/v1/programs/{programId}/customers/{email}";

/// A getCustomer that takes the API key in the query as well, so both a caller's
/// value and a credential travel there.
static GET_CUSTOMER: OperationInfo = OperationInfo {
    id: "getCustomer",
    method: Method::Get,
    path: TEMPLATE,
    security: &[&[SecurityRequirement::ApiKeyQuery {
        scheme: "apiKey",
        parameter: "api_key",
    }]],
};

fn call(transport: &Transport) -> Result<Call, Error> {
    let mut call = Call::new(transport, &GET_CUSTOMER, CallOptions::new());
    call.path_params(&[&"acme-program", &EMAIL])?;
    call.query("token", &QUERY_TOKEN);
    call.header("x-note", &"fine")?;
    Ok(call)
}

fn transport(base_url: &str, configure: fn(Transport) -> Transport) -> Transport {
    let transport = Transport::builder()
        .base_url(base_url)
        .api_key(API_KEY)
        .retry_policy(RetryPolicy::disabled())
        .timeout(Duration::from_millis(200))
        .max_body_size(64)
        .build()
        .expect("transport");
    configure(transport)
}

async fn failing(base_url: &str) -> Error {
    execute(call(&transport(base_url, |t| t)), json_value)
        .await
        .expect_err("the call fails")
}

/// Every text a service might log of `error`: Display, Debug, pretty Debug and the
/// whole source chain.
fn shown(error: &Error) -> String {
    let mut text = format!("{error}\n{error:?}\n{error:#?}");
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        text.push_str(&format!("\n{inner}\n{inner:?}"));
        source = inner.source();
    }
    text
}

fn assert_private(what: &str, error: &Error) {
    let text = shown(error);
    for hidden in [
        EMAIL,
        "ada%40example.com",
        "example.com",
        "acme-program",
        QUERY_TOKEN,
        "TOPSECRET",
    ] {
        assert!(!text.contains(hidden), "{what} shows {hidden:?}: {text}");
    }
    assert!(
        text.contains("getCustomer"),
        "{what} names no operation: {text}"
    );
}

/// The URL is kept, filled in, without the credential.
fn assert_url_kept(what: &str, error: &Error) {
    let url = error.url().unwrap_or_else(|| panic!("{what} keeps no URL"));
    assert!(
        url.path().ends_with("/customers/ada%40example.com"),
        "{url}"
    );
    assert!(
        url.query().is_some_and(|query| query.contains(QUERY_TOKEN)),
        "{url}"
    );
    assert!(!url.as_str().contains("TOPSECRET"), "{what}: {url}");
}

#[tokio::test]
async fn transport_errors_show_the_template_not_the_url() {
    let server = Server::start(vec![Reply::json(200, "{}").delay(Duration::from_secs(60))]).await;
    let (cut_short, _) = raw_server(
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 50\r\n\r\n{",
    )
    .await;
    let (dropped, _) = raw_server(b"").await;
    let cases = [
        ("could not connect", failing(&closed_port_url()).await),
        ("timed out", failing(server.url()).await),
        ("body cut short", failing(&cut_short).await),
        ("connection dropped", failing(&dropped).await),
    ];
    for (what, error) in &cases {
        assert!(
            matches!(error, Error::Transport { .. }),
            "{what}: {error:?}"
        );
        assert_private(what, error);
        let text = shown(error);
        assert!(
            text.contains(TEMPLATE),
            "{what} shows no path template: {text}"
        );
        assert!(
            error
                .to_string()
                .starts_with(&format!("getCustomer (GET {TEMPLATE}): ")),
            "{what}: {error}"
        );
        assert_url_kept(what, error);
    }
}

#[tokio::test]
async fn response_errors_show_the_operation_not_the_url() {
    let server = Server::start(vec![
        Reply::json(404, r#"{"message":"Customer not found"}"#),
        Reply::json(200, "{not json"),
        Reply::status(200)
            .header("content-type", "text/html")
            .body("<html>"),
        Reply::json(200, "x".repeat(100)),
    ])
    .await;
    let api = failing(server.url()).await;
    assert!(matches!(api, Error::Api(_)), "{api:?}");
    assert_private("Api", &api);
    assert!(format!("{api:?}").contains(TEMPLATE), "{api:?}");
    assert_url_kept("Api", &api);
    for expected in ["Decode", "ContentType", "BodyTooLarge"] {
        let error = failing(server.url()).await;
        assert!(format!("{error:?}").starts_with(expected), "{error:?}");
        assert_private(expected, &error);
    }
}

#[tokio::test]
async fn errors_before_sending_show_no_argument_either() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let keyless = transport(server.url(), |t| t.with_credentials(Credentials::none()));
    let missing = execute(call(&keyless), json_value)
        .await
        .expect_err("no API key");
    assert!(matches!(missing, Error::MissingCredentials { .. }));
    assert_private("MissingCredentials", &missing);

    let transport = transport(server.url(), |t| t);
    let mut call = call(&transport).expect("call");
    let invalid = call
        .header("x-note", &"line\nbreak")
        .expect_err("not a header value");
    assert!(matches!(invalid, Error::InvalidInput { .. }));
    assert_private("InvalidInput", &invalid);
    assert_eq!(server.count(), 0);
}
