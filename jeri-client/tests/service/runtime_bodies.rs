//! Request body kinds on the wire, and response text kept in errors without
//! credentials.

use jeri_client::runtime::{
    ApiError, Call, CallOptions, Method, OperationInfo, RetryPolicy, SecurityRequirement, Transport,
};
use jeri_client::types::{ErrorBody, ErrorBodyMessage, RewardRedemptionRequest, TokenType};
use jeri_client::{AuthToken, Client, Error};
use jeri_test_support::{API_KEY, Recorded, Reply, Server};
use serde::Serialize;

static UPLOAD: OperationInfo = OperationInfo {
    id: "upload",
    method: Method::Post,
    path: "/v1/upload",
    security: &[&[SecurityRequirement::ApiKeyHeader {
        scheme: "apiKey",
        header: "api-key",
    }]],
};

/// A token shaped like the ones `getCustomerToken` returns.
const JWT: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbmFAZXhhbXBsZS5jb20ifQ.TOPSECRET_signature_xyz";

fn transport(server: &Server) -> Transport {
    Transport::builder()
        .base_url(server.url())
        .api_key(API_KEY)
        .build()
        .expect("transport")
}

/// Sends one upload whose body `set` chooses, and returns what arrived.
async fn upload(set: impl FnOnce(&mut Call) -> Result<(), Error>) -> Recorded {
    let server = Server::start(vec![Reply::status(204)]).await;
    let transport = transport(&server);
    let mut call = Call::new(&transport, &UPLOAD, CallOptions::new());
    call.path_literal("/v1/upload");
    set(&mut call).expect("body accepted");
    let response = call.send().await.expect("sent");
    assert_eq!(response.status(), 204);
    server.single()
}

#[derive(Serialize)]
struct SignUp {
    email: &'static str,
    name: &'static str,
    points: i64,
    vip: bool,
    tags: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    referral: Option<&'static str>,
}

#[tokio::test]
async fn form_bodies_are_url_encoded_fields() {
    let body = SignUp {
        email: "ana+vip@example.com",
        name: "Ana María",
        points: 42,
        vip: true,
        tags: vec!["gold", "a&b"],
        referral: None,
    };
    let request = upload(|call| call.form_body(&body)).await;
    assert_eq!(request.method, "POST");
    assert_eq!(
        request.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let mut pairs: Vec<(String, String)> = url::form_urlencoded::parse(&request.body)
        .into_owned()
        .collect();
    pairs.sort();
    let expected: Vec<(String, String)> = [
        ("email", "ana+vip@example.com"),
        ("name", "Ana María"),
        ("points", "42"),
        ("tags", "a&b"),
        ("tags", "gold"),
        ("vip", "true"),
    ]
    .iter()
    .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
    .collect();
    assert_eq!(pairs, expected);
    let text = String::from_utf8(request.body).expect("form bodies are ASCII");
    assert!(text.contains("email=ana%2Bvip%40example.com"), "{text}");
    assert!(text.contains("tags=gold&tags=a%26b"), "{text}");
}

#[tokio::test]
async fn nested_form_bodies_go_in_brackets() {
    let body = serde_json::json!({
        "customer": { "email": "ana@example.com" },
        "items": [{ "price": "p1", "quantity": 2 }],
    });
    let request = upload(|call| call.form_body(&body)).await;
    let text = String::from_utf8(request.body).expect("form bodies are ASCII");
    assert_eq!(
        text,
        "customer%5Bemail%5D=ana%40example.com&items%5B0%5D%5Bprice%5D=p1&items%5B0%5D%5Bquantity%5D=2"
    );
}

#[tokio::test]
async fn form_bodies_that_are_not_objects_are_refused_before_sending() {
    let server = Server::start(vec![Reply::status(204)]).await;
    let transport = transport(&server);
    for body in [
        serde_json::json!(["not", "an", "object"]),
        serde_json::json!("text"),
    ] {
        let mut call = Call::new(&transport, &UPLOAD, CallOptions::new());
        let error = call.form_body(&body).expect_err("not an object");
        match error {
            Error::InvalidInput { operation, message } => {
                assert_eq!(operation, "upload");
                assert!(message.contains("form"), "{message}");
            }
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn byte_bodies_are_sent_as_octet_streams() {
    let bytes: Vec<u8> = (0..=255).collect();
    let request = upload(|call| call.bytes_body(&bytes)).await;
    assert_eq!(
        request.header("content-type"),
        Some("application/octet-stream")
    );
    assert_eq!(request.body, bytes);
}

#[tokio::test]
async fn text_bodies_are_sent_as_utf8_plain_text() {
    let text = "Hola, Ana — 150 puntos\n";
    let request = upload(|call| call.text_body(text)).await;
    assert_eq!(
        request.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(request.body, text.as_bytes());
}

#[tokio::test]
async fn json_bodies_keep_their_content_type() {
    let request = upload(|call| call.json_body(&serde_json::json!({ "a": 1 }))).await;
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(request.body, br#"{"a":1}"#);
}

fn client(server: &Server) -> Client {
    Client::builder()
        .base_url(server.url())
        .api_key(API_KEY)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("client")
}

/// Every way an error can be shown, its sources included.
fn shown(error: &Error) -> String {
    let mut text = format!("{error} / {error:?} / {error:#?}");
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        text.push_str(&format!(" / {inner} / {inner:?}"));
        source = inner.source();
    }
    if let Some(api) = error.as_api() {
        text.push_str(&api.raw_text());
    }
    text
}

fn assert_no_secrets(error: &Error) {
    let text = shown(error);
    for secret in [API_KEY, JWT, "TOPSECRET"] {
        assert!(!text.contains(secret), "error shows {secret:?}: {text}");
    }
    assert!(text.contains("[REDACTED]"), "{text}");
}

#[tokio::test]
async fn a_token_answer_that_fails_to_decode_keeps_no_token() {
    // The field name is wrong, so the answer is not a CustomerToken; the
    // excerpt must still not hold the token, nor the echoed API key.
    let body = format!(r#"{{"access_token":"{JWT}","key":"{API_KEY}"}}"#);
    let server = Server::start(vec![Reply::json(200, body.as_str())]).await;
    let error = client(&server)
        .get_customer_token("acme", "ana@example.com", TokenType::Auth)
        .await
        .expect_err("wrong shape");
    match &error {
        Error::Decode {
            operation,
            status,
            excerpt,
            ..
        } => {
            assert_eq!(*operation, "getCustomerToken");
            assert_eq!(*status, 200);
            assert_eq!(
                excerpt,
                r#"{"access_token":"[REDACTED]","key":"[REDACTED]"}"#
            );
        }
        other => panic!("expected Decode, got {other:?}"),
    }
    assert_no_secrets(&error);
}

#[tokio::test]
async fn a_token_answer_with_another_content_type_keeps_no_token() {
    let server = Server::start(vec![
        Reply::status(200)
            .header("content-type", "text/plain")
            .body(format!("token: {JWT}\n")),
    ])
    .await;
    let error = client(&server)
        .get_customer_token("acme", "ana@example.com", TokenType::Download)
        .await
        .expect_err("not JSON");
    match &error {
        Error::ContentType { excerpt, .. } => assert_eq!(excerpt, "token: [REDACTED] "),
        other => panic!("expected ContentType, got {other:?}"),
    }
    assert_no_secrets(&error);
}

#[tokio::test]
async fn error_bodies_echoing_credentials_keep_neither() {
    let body = format!(
        r#"{{"statusCode":400,"message":["api-key {API_KEY} and token {JWT} are not allowed here"],"error":"Bad Request"}}"#
    );
    let server = Server::start(vec![Reply::json(400, body.as_str())]).await;
    let error = client(&server)
        .get_customer("acme", "ana@example.com")
        .await
        .expect_err("400");
    assert_no_secrets(&error);
    let api = error.as_api().expect("an API error");
    // Redaction keeps the JSON intact, so the documented body still decodes.
    let decoded = api.body::<ErrorBody>().expect("typed body");
    assert_eq!(
        decoded.message,
        ErrorBodyMessage::Array(vec![
            "api-key [REDACTED] and token [REDACTED] are not allowed here".to_owned()
        ])
    );
}

#[tokio::test]
async fn a_customer_clients_own_bearer_token_is_hidden_too() {
    let token = "opaque-TOPSECRET-customer-token";
    let server = Server::start(vec![Reply::json(
        401,
        format!(r#"{{"statusCode":401,"message":"token {token} expired"}}"#),
    )])
    .await;
    let customer = client(&server).as_customer(AuthToken::new(token).expect("a token"));
    let error = customer
        .redeem_reward("acme", "welcome-drink", RewardRedemptionRequest::default())
        .await
        .expect_err("401");
    let text = shown(&error);
    assert!(!text.contains("TOPSECRET"), "{text}");
    assert!(text.contains("token [REDACTED] expired"), "{text}");
}

#[tokio::test]
async fn a_huge_error_body_cut_inside_the_key_shows_none_of_it() {
    // The kept start of the body ends with the key's first eight characters.
    let filler = "x".repeat(ApiError::MAX_BODY_BYTES - 8);
    let server = Server::start(vec![Reply::json(500, format!("{filler}{API_KEY}"))]).await;
    let error = client(&server)
        .get_customer("acme", "ana@example.com")
        .await
        .expect_err("500");
    let api = error.as_api().expect("an API error");
    assert!(api.is_truncated());
    let raw = api.raw_text();
    assert!(!raw.contains(&API_KEY[..8]), "{}", &raw[raw.len() - 20..]);
    // The marker may itself be cut by the size limit.
    assert!(
        raw[raw.len() - 16..].contains("[REDACT"),
        "{}",
        &raw[raw.len() - 20..]
    );
    assert!(api.raw_body().len() <= ApiError::MAX_BODY_BYTES);
}
