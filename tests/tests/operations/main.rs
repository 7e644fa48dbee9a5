//! Per-operation wire tests: each generated operation against a recording
//! loopback server, checking the exact request it sends and how it reads
//! the documented answers and the undocumented ones.

mod assign_coupon;
mod decrease_balance;
mod delete_resources;
mod errors;
mod execute_custom_earning_flow;
mod get_api_status;
mod get_customer;
mod get_customer_token;
mod increase_balance;
mod redeem_reward;
mod send_push_notification;
mod upsert_resources;

use jeri_client::runtime::ApiError;
use jeri_client::types::{ErrorBody, ErrorBodyMessage};
use jeri_client::{CustomerClient, Error};
use jeri_tests::fixtures::{API_KEY, TOKEN, USER_AGENT};
use jeri_tests::recording::Recorded;

/// Checks the headers every merchant call sends: the API key, JSON accept,
/// the user agent, a JSON content type exactly when there is a body, and no
/// bearer token.
fn assert_merchant_headers(request: &Recorded, has_body: bool) {
    assert_eq!(request.header("api-key"), Some(API_KEY));
    assert_eq!(request.header("authorization"), None);
    assert_common_headers(request, has_body);
}

/// Checks the headers of a customer call: the bearer token and no API key.
fn assert_customer_headers(request: &Recorded, has_body: bool) {
    assert_eq!(request.header("api-key"), None);
    let bearer = format!("Bearer {TOKEN}");
    assert_eq!(request.header("authorization"), Some(bearer.as_str()));
    assert_common_headers(request, has_body);
}

fn assert_common_headers(request: &Recorded, has_body: bool) {
    assert_eq!(request.header("user-agent"), Some(USER_AGENT));
    assert_eq!(request.header("accept"), Some("application/json"));
    let content_type = has_body.then_some("application/json");
    assert_eq!(request.header("content-type"), content_type);
    if !has_body {
        assert!(
            request.body.is_empty(),
            "unexpected body {:?}",
            request.body
        );
    }
}

/// The API error inside `result`; a failed assertion for anything else.
fn api_error<T: std::fmt::Debug>(result: Result<T, Error>) -> ApiError {
    match result {
        Err(Error::Api(error)) => error,
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

/// The typed `ErrorBody` of an API error; a failed assertion when it did
/// not decode.
fn typed_body(error: &ApiError) -> &ErrorBody {
    error
        .body::<ErrorBody>()
        .unwrap_or_else(|| panic!("no typed ErrorBody in {error:?}"))
}

/// The single message of an `ErrorBody`.
fn single_message(body: &ErrorBody) -> &str {
    match &body.message {
        ErrorBodyMessage::String(message) => message,
        other => panic!("expected one message, got {other:?}"),
    }
}

/// The message list of an `ErrorBody`.
fn message_list(body: &ErrorBody) -> &[String] {
    match &body.message {
        ErrorBodyMessage::Array(messages) => messages,
        other => panic!("expected a message list, got {other:?}"),
    }
}

/// A customer client for `server`, acting with the test token.
fn customer(url: &str) -> CustomerClient {
    jeri_tests::fixtures::client(url)
        .as_customer(jeri_client::AuthToken::new(TOKEN).expect("a token"))
}
