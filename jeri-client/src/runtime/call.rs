//! One request being assembled and sent.

use std::fmt::Display;

use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, USER_AGENT};
use serde::Serialize;
use url::Url;

use super::body::{Redactor, form_encode};
use super::encoding::{self, SegmentError};
use super::retry::{is_retryable_status, parse_retry_after};
use super::{CallOptions, Error, OperationInfo, Response, Transport, TransportErrorKind, auth};

const JSON: &str = "application/json";
const FORM: &str = "application/x-www-form-urlencoded";
const OCTET_STREAM: &str = "application/octet-stream";
const TEXT: &str = "text/plain; charset=utf-8";

/// A request under construction, the way generated code builds it: path
/// pieces in order, then query parameters, headers and body, then
/// [`send`](Call::send).
///
/// ```no_run
/// use jeri_client::runtime::{Call, CallOptions, Method, OperationInfo, SecurityRequirement, Transport};
///
/// static GET_CUSTOMER: OperationInfo = OperationInfo {
///     id: "getCustomer",
///     method: Method::Get,
///     path: "/v1/programs/{programId}/customers/{email}",
///     security: &[&[SecurityRequirement::ApiKeyHeader("api-key")]],
/// };
///
/// # async fn demo(transport: &Transport) -> Result<(), jeri_client::Error> {
/// let mut call = Call::new(transport, &GET_CUSTOMER, CallOptions::default());
/// call.path_literal("/v1/programs/");
/// call.path_param("programId", &"my-program")?;
/// call.path_literal("/customers/");
/// call.path_param("email", &"ana+vip@example.com")?;
/// let response = call.send().await?;
/// let customer: serde_json::Value = match response.status() {
///     200 => response.json().await?,
///     _ => return Err(response.unexpected().await),
/// };
/// # let _ = customer;
/// # Ok(())
/// # }
/// ```
pub struct Call<'a> {
    transport: &'a Transport,
    operation: &'static OperationInfo,
    options: CallOptions,
    path: String,
    query: Vec<(String, String)>,
    headers: HeaderMap,
    body: Option<Body>,
}

/// Encoded request body bytes with their media type.
struct Body {
    bytes: Vec<u8>,
    content_type: &'static str,
}

impl<'a> Call<'a> {
    /// Starts a call of `operation` through `transport`.
    pub fn new(
        transport: &'a Transport,
        operation: &'static OperationInfo,
        options: CallOptions,
    ) -> Self {
        Self {
            transport,
            operation,
            options,
            path: String::new(),
            query: Vec::new(),
            headers: HeaderMap::new(),
            body: None,
        }
    }

    /// Appends a fixed piece of the path template.
    pub fn path_literal(&mut self, text: &str) {
        encoding::push_literal(&mut self.path, text);
    }

    /// Appends a path parameter as exactly one path segment: everything but
    /// RFC 3986 unreserved characters is percent-encoded.
    ///
    /// An empty value, `.` or `..` would address a different resource, so
    /// they fail with [`Error::InvalidInput`] and nothing is sent.
    pub fn path_param(&mut self, name: &'static str, value: &dyn Display) -> Result<(), Error> {
        let value = value.to_string();
        encoding::push_param(&mut self.path, &value).map_err(|error| {
            let message = match error {
                SegmentError::Empty => format!("path parameter `{name}` is empty"),
                SegmentError::DotSegment => {
                    format!("path parameter `{name}` cannot be {value:?}: it would address a different path")
                }
            };
            self.invalid(message)
        })
    }

    /// Adds a query parameter (form-encoded, so `+` arrives as `+`).
    pub fn query(&mut self, name: &str, value: &dyn Display) {
        self.query.push((name.to_owned(), value.to_string()));
    }

    /// Sets a header parameter; a value that cannot be sent in a header fails
    /// with [`Error::InvalidInput`].
    pub fn header(&mut self, name: &'static str, value: &dyn Display) -> Result<(), Error> {
        let header_name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| self.invalid(format!("{name:?} is not a valid header name")))?;
        let header_value = HeaderValue::from_str(&value.to_string()).map_err(|_| {
            self.invalid(format!(
                "header `{name}` contains characters that cannot be sent in an HTTP header"
            ))
        })?;
        self.headers.insert(header_name, header_value);
        Ok(())
    }

    /// Sets the JSON request body.
    pub fn json_body<T: Serialize + ?Sized>(&mut self, body: &T) -> Result<(), Error> {
        let bytes = serde_json::to_vec(body).map_err(|error| {
            self.invalid(format!(
                "the request body cannot be serialized as JSON: {error}"
            ))
        })?;
        self.set_body(bytes, JSON);
        Ok(())
    }

    /// Sets an `application/x-www-form-urlencoded` request body.
    ///
    /// `body` must serialize as a struct or map whose fields are strings,
    /// numbers, booleans or arrays of them: arrays repeat the field
    /// (`tag=a&tag=b`, the OpenAPI default for form bodies) and `None` fields
    /// are left out. Anything nested fails with [`Error::InvalidInput`].
    pub fn form_body<T: Serialize + ?Sized>(&mut self, body: &T) -> Result<(), Error> {
        let bytes = form_encode(body).map_err(|message| self.invalid(message))?;
        self.set_body(bytes, FORM);
        Ok(())
    }

    /// Sets an `application/octet-stream` request body, sent as is.
    ///
    /// Never fails; it returns a `Result` like the other body setters so
    /// generated code calls them all alike.
    pub fn bytes_body(&mut self, body: &[u8]) -> Result<(), Error> {
        self.set_body(body.to_vec(), OCTET_STREAM);
        Ok(())
    }

    /// Sets a `text/plain; charset=utf-8` request body, sent as is.
    ///
    /// Never fails; it returns a `Result` like the other body setters so
    /// generated code calls them all alike.
    pub fn text_body(&mut self, body: &str) -> Result<(), Error> {
        self.set_body(body.as_bytes().to_vec(), TEXT);
        Ok(())
    }

    fn set_body(&mut self, bytes: Vec<u8>, content_type: &'static str) {
        self.body = Some(Body {
            bytes,
            content_type,
        });
    }

    /// Applies credentials and sends the request, retrying as the retry
    /// policy and call options allow.
    ///
    /// Returns any response that arrived, whatever its status; the caller
    /// decides what the status means.
    pub async fn send(self) -> Result<Response, Error> {
        let inner = &self.transport.inner;
        let operation = self.operation;
        let applied = auth::apply(&inner.credentials, operation)?;
        let redact_query = !applied.query.is_empty();
        let url = self.url(&applied.query);

        let mut headers = HeaderMap::new();
        headers.insert(USER_AGENT, inner.user_agent.clone());
        headers.insert(ACCEPT, HeaderValue::from_static(JSON));
        if let Some(body) = &self.body {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(body.content_type));
        }
        headers.extend(self.headers);
        // Credentials last, so that no header parameter can replace them.
        headers.extend(applied.headers);

        let max_attempts = self
            .options
            .max_attempts
            .unwrap_or(inner.retry.attempts())
            .max(1);
        let may_retry = operation.method.is_idempotent() || self.options.retry_non_idempotent;
        let timeout = self.options.timeout.unwrap_or(inner.timeout);
        let started = tokio::time::Instant::now();
        let mut attempt = 1;
        loop {
            let mut request = inner
                .client
                .request(operation.method.to_reqwest(), url.clone())
                .headers(headers.clone())
                .timeout(timeout);
            if let Some(body) = &self.body {
                request = request.body(body.bytes.clone());
            }
            let outcome = request.send().await;
            let (retryable, retry_after) = match &outcome {
                Ok(response) => (
                    is_retryable_status(response.status().as_u16()),
                    response
                        .headers()
                        .get(reqwest::header::RETRY_AFTER)
                        .and_then(|value| value.to_str().ok())
                        .and_then(parse_retry_after),
                ),
                Err(error) => (
                    matches!(
                        TransportErrorKind::of(error),
                        TransportErrorKind::Connect | TransportErrorKind::Timeout
                    ),
                    None,
                ),
            };
            let delay = (may_retry && retryable)
                .then(|| {
                    inner
                        .retry
                        .next_delay(attempt, max_attempts, started.elapsed(), retry_after)
                })
                .flatten();
            match (outcome, delay) {
                (_, Some(delay)) => {
                    tokio::time::sleep(delay).await;
                    attempt += 1;
                }
                (Ok(response), None) => {
                    return Ok(Response::new(
                        response,
                        operation,
                        inner.max_body_size,
                        redact_query,
                        Redactor::new(&inner.credentials),
                    ));
                }
                (Err(error), None) => return Err(transport_error(operation, error, redact_query)),
            }
        }
    }

    fn url(&self, secret_query: &[(&'static str, String)]) -> Url {
        let mut url = self.transport.inner.base_url.clone();
        let base_path = url.path().trim_end_matches('/');
        let path = format!("{base_path}{}", self.path);
        url.set_path(&path);
        if !self.query.is_empty() || !secret_query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in &self.query {
                pairs.append_pair(name, value);
            }
            for (name, value) in secret_query {
                pairs.append_pair(name, value);
            }
        }
        url
    }

    fn invalid(&self, message: String) -> Error {
        Error::InvalidInput {
            operation: self.operation.id,
            message,
        }
    }
}

/// Wraps a reqwest error; when a secret travels in the query string, the
/// query is removed from the URL the error would print.
pub(crate) fn transport_error(
    operation: &OperationInfo,
    mut error: reqwest::Error,
    redact_query: bool,
) -> Error {
    if redact_query && let Some(url) = error.url_mut() {
        url.set_query(None);
    }
    Error::Transport {
        operation: operation.id,
        kind: TransportErrorKind::of(&error),
        source: error,
    }
}
