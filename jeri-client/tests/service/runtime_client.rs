//! The generated clients over the hand-written runtime, against a loopback server.

use jeri_client::types::{ErrorBody, RewardRedemptionRequest, TokenType};
use jeri_client::{AuthToken, CallOptions, Client, Error, RetryPolicy};
use jeri_test_support::{API_KEY, Reply, Server, TOKEN};

fn client(server: &Server) -> Client {
    Client::builder()
        .api_key(API_KEY)
        .base_url(server.url())
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("client")
}

#[tokio::test]
async fn generated_get_sends_the_documented_request() {
    let server = Server::start(vec![Reply::json(200, r#"{"accessToken":"jwt"}"#)]).await;
    let token = client(&server)
        .get_customer_token("prog 1", "ana+vip@example.com", TokenType::Download)
        .expires_in(60)
        .await
        .expect("token");
    assert_eq!(token.access_token, "jwt");
    let request = server.single();
    assert_eq!(request.method, "GET");
    assert_eq!(
        request.target,
        "/v1/programs/prog%201/customers/token?email=ana%2Bvip%40example.com&token_type=download&expires_in=60"
    );
    assert_eq!(request.header("api-key"), Some(API_KEY));
}

#[tokio::test]
async fn generated_errors_carry_the_typed_body() {
    let body = r#"{"statusCode":404,"message":"Customer not found","error":"Not Found"}"#;
    let server = Server::start(vec![Reply::json(404, body)]).await;
    let error = client(&server)
        .get_customer("p", "ana@example.com")
        .await
        .expect_err("404");
    assert!(error.is_not_found());
    let Error::Api(api) = &error else {
        panic!("expected Api, got {error:?}");
    };
    let typed = api.body::<ErrorBody>().expect("typed body");
    assert_eq!(typed.status_code, 404);
    assert_eq!(typed.error.as_deref(), Some("Not Found"));
}

#[tokio::test]
async fn customer_clients_send_only_the_bearer_token() {
    let redemption = r#"{"redemptionId":"x","rewardId":"r","customerEmail":"ana@example.com","pointsSpent":10,"balance":5}"#;
    let server = Server::start(vec![Reply::json(201, redemption)]).await;
    let customer = client(&server).as_customer(AuthToken::new(TOKEN).expect("a token"));
    let result = customer
        .redeem_reward("p", "r", RewardRedemptionRequest::default())
        .options(CallOptions::new())
        .await;
    let request = server.single();
    assert_eq!(request.header("api-key"), None);
    assert_eq!(
        request.header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(request.target, "/v1/programs/p/rewards/r/redeem");
    let body: serde_json::Value = serde_json::from_slice(&request.body).expect("JSON body");
    assert_eq!(body, serde_json::json!({}));
    // Whether the sample body matches the spec's RewardRedemption is the spec's
    // business; the request is what this test is about.
    let _ = result;
    assert!(!format!("{customer:?}").contains("TOPSECRET"));
}

#[tokio::test]
async fn send_with_response_keeps_status_and_headers() {
    let server = Server::start(vec![
        Reply::json(200, r#"{"accessToken":"jwt"}"#)
            .header("x-request-id", "req-7")
            .header("x-ratelimit-remaining", "99"),
    ])
    .await;
    let answer = client(&server)
        .get_customer_token("p", "ana@example.com", TokenType::Auth)
        .send_with_response()
        .await
        .expect("token");
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.value().access_token, "jwt");
    let header = |name: &str| {
        answer
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    };
    assert_eq!(header("x-request-id").as_deref(), Some("req-7"));
    assert_eq!(header("x-ratelimit-remaining").as_deref(), Some("99"));
    assert_eq!(answer.into_value().access_token, "jwt");
    // The plain `.await` of the same request still returns the body alone.
    let token = client(&server)
        .get_customer_token("p", "ana@example.com", TokenType::Auth)
        .await
        .expect("token");
    assert_eq!(token.access_token, "jwt");
}

#[tokio::test]
async fn send_with_response_keeps_errors_typed() {
    let server = Server::start(vec![Reply::json(
        404,
        r#"{"statusCode":404,"message":"Customer not found"}"#,
    )])
    .await;
    let result = client(&server)
        .get_customer("p", "ana@example.com")
        .send_with_response()
        .await;
    match result {
        Err(Error::Api(error)) => {
            assert_eq!(error.status(), 404);
            assert!(error.body::<ErrorBody>().is_some(), "{error:?}");
        }
        other => panic!("expected the documented 404, got {other:?}"),
    }
}

/// What a service stores in shared state or moves into spawned tasks.
#[test]
fn clients_requests_and_futures_cross_threads() {
    fn send_sync_static<T: Send + Sync + 'static>() {}
    fn send_static<T: Send + 'static>(_: &T) {}
    send_sync_static::<Client>();
    send_sync_static::<jeri_client::CustomerClient>();
    send_sync_static::<jeri_client::runtime::Transport>();
    send_sync_static::<jeri_client::requests::GetCustomerRequest>();
    send_sync_static::<jeri_client::requests::RedeemRewardRequest>();
    send_sync_static::<Error>();
    send_sync_static::<jeri_client::runtime::ResponseValue<jeri_client::types::Customer>>();
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url("http://127.0.0.1:9")
        .build()
        .expect("client");
    // Futures are `Send + 'static` (so `tokio::spawn` takes them), not `Sync`.
    send_static(&client.get_customer("p", "e").send());
    send_static(&client.get_customer("p", "e").send_with_response());
    send_static(&std::future::IntoFuture::into_future(
        client.get_customer("p", "e"),
    ));
}

/// An enum value the spec does not list (kept when read from a response) is refused
/// before sending: the API would refuse it.
#[tokio::test]
async fn an_unlisted_enum_value_is_refused_before_sending() {
    let server = Server::start(Vec::new()).await;
    let unlisted: TokenType = serde_json::from_str("\"session\"").expect("an open enum");
    assert!(unlisted.is_unknown());
    match client(&server)
        .get_customer_token("p", "ana@example.com", unlisted)
        .await
    {
        Err(Error::InvalidInput { operation, message }) => {
            assert_eq!(operation, "getCustomerToken");
            assert!(
                message.contains("`token_type` must be one of `auth`, `download`"),
                "{message}"
            );
        }
        other => panic!("expected InvalidInput, got {other:?}"),
    }
    assert_eq!(server.count(), 0, "nothing was sent");
}
