//! The one `Error` type: every variant and its fields, the helpers services branch on,
//! `ApiError` and the documented `ErrorBody`.

use std::time::Duration;

use jeri_client::runtime::{FailedRequest, Method, Outcome, TransportErrorKind};
use jeri_client::types::{ErrorBody, ErrorBodyMessage};
use jeri_client::{ApiError, Error};

fn _is_boxable<E: std::error::Error + Send + Sync + 'static>() {}

fn _helpers(error: &Error) {
    _is_boxable::<Error>();
    let _status: Option<u16> = error.status();
    let _operation: Option<&'static str> = error.operation();
    let _retryable: bool = error.is_retryable();
    let _outcome: Outcome = error.outcome();
    let _url: Option<&reqwest::Url> = error.url();
    let _timeout: bool = error.is_timeout();
    let _not_found: bool = error.is_not_found();
    let _api: Option<&ApiError> = error.as_api();
    let _message: String = error.to_string();
}

fn _variants(error: &Error) -> String {
    match error {
        Error::Api(api) => _api_error(api),
        Error::Transport {
            operation,
            kind,
            source,
            request,
        } => {
            let _source: &reqwest::Error = source;
            let _method: Method = request.method();
            let _template: &'static str = request.path_template();
            let _status: Option<u16> = request.status();
            let _outcome: Outcome = request.outcome();
            let _url: Option<&reqwest::Url> = request.url();
            let _request: &FailedRequest = request;
            let kind: &str = match kind {
                TransportErrorKind::Connect => "connect",
                TransportErrorKind::Timeout => "timeout",
                TransportErrorKind::Other => "other",
                _ => "unlisted",
            };
            format!("{operation}: {kind}")
        }
        Error::Decode {
            operation,
            status,
            path,
            excerpt,
            source,
        } => {
            let _source: &serde_json::Error = source;
            format!("{operation}: {status}: {path}: {excerpt}")
        }
        Error::ContentType {
            operation,
            status,
            content_type,
            excerpt,
        } => format!("{operation}: {status}: {content_type}: {excerpt}"),
        Error::BodyTooLarge {
            operation,
            status,
            limit,
        } => {
            let _limit: usize = *limit;
            format!("{operation}: {status}")
        }
        Error::InvalidInput { operation, message } => format!("{operation}: {message}"),
        Error::MissingCredentials { operation } => {
            let operation: &'static str = operation;
            operation.to_owned()
        }
        Error::Config(message) => {
            let message: &String = message;
            message.clone()
        }
        _ => String::from("unlisted"),
    }
}

fn _api_error(api: &ApiError) -> String {
    let _status: u16 = api.status();
    let _operation: &'static str = api.operation();
    let _method: Method = api.method();
    let _template: &'static str = api.path_template();
    let _url: Option<&reqwest::Url> = api.url();
    let _raw_body: &[u8] = api.raw_body();
    let _raw_text: String = api.raw_text();
    let _truncated: bool = api.is_truncated();
    let _retry_after: Option<Duration> = api.retry_after();
    let _max_body_bytes: usize = ApiError::MAX_BODY_BYTES;
    let body: Option<&ErrorBody> = api.body::<ErrorBody>();
    match body {
        Some(body) => {
            let _status_code: i32 = body.status_code;
            let _error: &Option<String> = &body.error;
            match &body.message {
                ErrorBodyMessage::String(message) => message.clone(),
                ErrorBodyMessage::Array(messages) => {
                    let messages: &Vec<String> = messages;
                    messages.join("; ")
                }
            }
        }
        None => api.raw_text(),
    }
}

fn main() {}
