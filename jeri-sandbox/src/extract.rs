//! Reading requests: credentials, JSON bodies, query strings.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, header};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::ApiError;
use crate::state::SandboxState;
use crate::validate::{self, Schema};

/// Who is calling an operation that accepts the API key or a customer token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Caller {
    /// The program's API key: the body names the customer.
    ApiKey,
    /// A customer `auth` token: the customer is the token's (their email).
    Customer(String),
}

fn header_text(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

/// Requires the `api-key` header to hold the sandbox's key.
pub(crate) fn require_api_key(state: &SandboxState, headers: &HeaderMap) -> Result<(), ApiError> {
    match header_text(headers, header::HeaderName::from_static("api-key")) {
        Some(key) if key == state.api_key() => Ok(()),
        _ => Err(ApiError::unauthorized()),
    }
}

/// Accepts either a customer `auth` token for this program or the API key. A valid token
/// wins, so its customer acts; any other token is ignored and the API key decides.
pub(crate) fn require_caller(
    state: &SandboxState,
    headers: &HeaderMap,
    program_id: &str,
) -> Result<Caller, ApiError> {
    let bearer = header_text(headers, header::AUTHORIZATION).and_then(|value| {
        let (scheme, token) = value.split_once(' ')?;
        scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
    });
    if let Some(token) = bearer
        && let Some(email) = state.bearer_customer(program_id, token)
    {
        return Ok(Caller::Customer(email));
    }
    require_api_key(state, headers).map(|()| Caller::ApiKey)
}

fn is_json(headers: &HeaderMap) -> bool {
    header_text(headers, header::CONTENT_TYPE).is_some_and(|value| {
        let essence = value
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        essence == "application/json"
            || (essence.starts_with("application/") && essence.ends_with("+json"))
    })
}

/// A request body as axum read it, or why it could not (too large, cut off).
pub(crate) type RawBody = Result<Bytes, BytesRejection>;

/// Parses a required JSON body and checks it against `schema`.
pub(crate) fn json_body(
    headers: &HeaderMap,
    body: RawBody,
    schema: &Schema,
) -> Result<Value, ApiError> {
    let body =
        body.map_err(|rejection| ApiError::new(rejection.status(), rejection.body_text()))?;
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request(vec![
            "body should not be empty".to_owned(),
        ]));
    }
    if !is_json(headers) {
        return Err(ApiError::bad_request(vec![
            "body must be sent as application/json".to_owned(),
        ]));
    }
    let value: Value = serde_json::from_slice(&body)
        .map_err(|error| ApiError::bad_request(vec![format!("body is not valid JSON: {error}")]))?;
    let violations = validate::check(&value, schema, "body");
    if violations.is_empty() {
        Ok(value)
    } else {
        Err(ApiError::bad_request(violations))
    }
}

/// Turns a checked JSON value into its wire type.
pub(crate) fn decode<T: DeserializeOwned>(value: Value) -> Result<T, ApiError> {
    serde_json::from_value(value).map_err(|error| ApiError::bad_request(vec![error.to_string()]))
}

/// Checks that a path parameter is an email.
pub(crate) fn email_param(name: &str, value: &str) -> Result<(), ApiError> {
    if validate::is_email(value) {
        Ok(())
    } else {
        Err(ApiError::bad_request(vec![format!(
            "{name} must be an email"
        )]))
    }
}
