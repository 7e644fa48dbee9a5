//! Reading success and error responses.

use crate::support::ServerExt as _;

use crate::support::{Reply, Server, get_customer};
use jeri_runtime::Error;
use jeri_runtime::{ApiError, CallOptions, RetryPolicy, Transport};
use serde::Deserialize;

#[derive(Debug, Deserialize, PartialEq)]
struct Customer {
    email: String,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
struct ErrorBody {
    status_code: u16,
    message: String,
    error: String,
}

async fn response(reply: Reply) -> jeri_runtime::Received {
    response_with(reply, |transport| transport).await
}

async fn response_with(
    reply: Reply,
    configure: impl FnOnce(jeri_runtime::TransportBuilder) -> jeri_runtime::TransportBuilder,
) -> jeri_runtime::Received {
    let server = Server::start(vec![reply]).await;
    let transport: Transport = configure(server.builder().retry_policy(RetryPolicy::disabled()))
        .build()
        .expect("transport");
    get_customer(&transport, "p", "e", CallOptions::new())
        .await
        .expect("response")
}

async fn decode(reply: Reply) -> Result<Customer, Error> {
    response(reply).await.json::<Customer>()
}

#[tokio::test]
async fn json_bodies_decode() {
    let body = r#"{"email":"ana@example.com","extra":1}"#;
    let expected = Customer {
        email: "ana@example.com".into(),
    };
    for reply in [
        Reply::json(200, body),
        Reply::status(200)
            .header("content-type", "application/json; charset=utf-8")
            .body(body),
        Reply::status(200)
            .header("content-type", "application/vnd.jeri+json")
            .body(body),
        Reply::status(200).body(body),
    ] {
        assert_eq!(decode(reply).await.ok().as_ref(), Some(&expected));
    }
}

#[tokio::test]
async fn malformed_json_is_a_decode_error_with_an_excerpt() {
    match decode(Reply::json(200, r#"{"email": 42}"#)).await {
        Err(Error::Decode {
            operation,
            status,
            excerpt,
            ..
        }) => {
            assert_eq!((operation, status), ("getCustomer", 200));
            assert_eq!(excerpt, r#"{"email": 42}"#);
        }
        other => panic!("expected Decode, got {other:?}"),
    }
    let long = format!("[{}", "9,".repeat(100_000));
    match decode(Reply::json(200, long.as_str())).await {
        Err(Error::Decode { excerpt, .. }) => {
            assert!(excerpt.chars().count() <= 513, "{}", excerpt.len());
            assert!(excerpt.ends_with('…'));
        }
        other => panic!("expected Decode, got {other:?}"),
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)] // only decoded
struct Member {
    loyalty_data: Loyalty,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)] // only decoded
struct Loyalty {
    tiers: Vec<u32>,
    member_since: u64,
}

#[tokio::test]
async fn decode_errors_name_the_property_path() {
    let cases = [
        (
            r#"{"loyaltyData":{"tiers":[],"memberSince":"yesterday"}}"#,
            "loyaltyData.memberSince",
        ),
        (
            r#"{"loyaltyData":{"tiers":[1,"two"],"memberSince":1}}"#,
            "loyaltyData.tiers[1]",
        ),
        (r#"{"loyaltyData":{"tiers":[]}}"#, "loyaltyData"),
        (r#"42"#, "."),
        (
            r#"{"loyaltyData":{"tiers":[],"memberSince":1}} trailing"#,
            ".",
        ),
    ];
    for (body, expected) in cases {
        let response = response(Reply::json(200, body)).await;
        match response.json::<Member>() {
            Err(error @ Error::Decode { .. }) => {
                let Error::Decode { path, excerpt, .. } = &error else {
                    unreachable!()
                };
                assert_eq!(path, expected, "{body}");
                assert_eq!(excerpt, body);
                assert!(
                    error.to_string().contains(&format!("at `{expected}`")),
                    "{error}"
                );
            }
            other => panic!("expected Decode for {body}, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn empty_body_is_a_decode_error() {
    let error = decode(Reply::json(200, "")).await.expect_err("no body");
    assert!(
        matches!(error, Error::Decode { status: 200, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn html_or_text_is_a_content_type_error() {
    let html = "<html><body>Gateway login</body></html>";
    for content_type in ["text/html; charset=utf-8", "text/plain"] {
        let reply = Reply::status(200)
            .header("content-type", content_type)
            .body(html);
        match decode(reply).await {
            Err(Error::ContentType {
                status,
                content_type: received,
                excerpt,
                ..
            }) => {
                assert_eq!(status, 200);
                assert_eq!(received, content_type);
                assert_eq!(excerpt, html);
            }
            other => panic!("expected ContentType, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused() {
    let big = format!(r#"{{"email":"{}"}}"#, "a".repeat(2048));
    let result = response_with(Reply::json(200, big.as_str()), |b| b.max_body_size(1024))
        .await
        .json::<Customer>();
    assert!(
        matches!(
            result,
            Err(Error::BodyTooLarge {
                status: 200,
                limit: 1024,
                ..
            })
        ),
        "{result:?}"
    );
}

#[tokio::test]
async fn empty_success() {
    assert!(response(Reply::status(204)).await.empty().is_ok());
    assert!(response(Reply::json(200, "{}")).await.empty().is_ok());
}

#[tokio::test]
async fn documented_errors_keep_the_typed_body() {
    let body = r#"{"statusCode":404,"message":"Customer not found","error":"Not Found"}"#;
    let error = response(Reply::json(404, body))
        .await
        .api_error::<ErrorBody>();
    assert!(error.is_not_found());
    assert!(!error.is_unprocessable());
    assert_eq!(error.status(), Some(404));
    let api: &ApiError = error.as_api().expect("an API error");
    assert_eq!(api.operation(), "getCustomer");
    assert_eq!(api.raw_body(), body.as_bytes());
    assert!(!api.is_truncated());
    assert_eq!(api.body_error(), None);
    assert_eq!(
        api.body::<ErrorBody>(),
        Some(&ErrorBody {
            status_code: 404,
            message: "Customer not found".into(),
            error: "Not Found".into(),
        })
    );
    assert!(error.to_string().contains("getCustomer"));
    assert!(error.to_string().contains("404"));
    assert!(error.to_string().contains("Customer not found"));
}

#[tokio::test]
async fn error_bodies_of_another_shape_stay_raw() {
    let error = response(Reply::json(400, r#"{"oops":true}"#))
        .await
        .api_error::<ErrorBody>();
    let api = error.as_api().expect("an API error");
    assert_eq!(api.body::<ErrorBody>(), None);
    assert_eq!(api.raw_text(), r#"{"oops":true}"#);
    // Why it stayed raw: the decoder's own words.
    let reason = api.body_error().expect("a reason");
    assert!(reason.contains("missing field"), "{reason}");

    let html = Reply::status(404)
        .header("content-type", "text/html")
        .body(r#"{"statusCode":404,"message":"m","error":"e"}"#);
    let error = response(html).await.api_error::<ErrorBody>();
    assert_eq!(error.as_api().and_then(|api| api.body::<ErrorBody>()), None);
    assert_eq!(
        error.as_api().and_then(ApiError::body_error),
        Some("the body's Content-Type is not JSON")
    );
}

#[tokio::test]
async fn unexpected_keeps_the_raw_body() {
    let error = response(Reply::json(
        418,
        r#"{"statusCode":418,"message":"m","error":"e"}"#,
    ))
    .await
    .unexpected();
    let api = error.as_api().expect("an API error");
    assert_eq!(api.status(), 418);
    assert_eq!(api.body::<ErrorBody>(), None);
    // No schema is documented for the status: nothing to explain.
    assert_eq!(api.body_error(), None);
    assert!(api.raw_text().contains("418"));
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn huge_error_bodies_are_bounded() {
    let ten_mib = vec![b'x'; 10 * 1024 * 1024];
    let error = response(Reply::json(500, "").body(ten_mib))
        .await
        .api_error::<ErrorBody>();
    let api = error.as_api().expect("an API error");
    assert_eq!(api.status(), 500);
    assert!(api.raw_body().len() <= 64 * 1024);
    assert_eq!(api.raw_body().len(), ApiError::MAX_BODY_BYTES);
    assert!(api.is_truncated());
    assert_eq!(
        api.body_error(),
        Some("the body was longer than the 65536 bytes kept")
    );
    assert!(error.to_string().len() < 1024);
}
