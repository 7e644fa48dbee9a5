//! An error response from the API.

use std::any::Any;
use std::fmt;
use std::time::Duration;

use url::Url;

use super::redaction::excerpt;
use super::{Method, OperationInfo};

/// Characters of the body shown by `Display`.
const DISPLAY_EXCERPT_CHARS: usize = 200;

/// A decoded error body: any `Debug + Send + Sync` type, typically the error
/// schema the spec documents. Read back with [`ApiError::body`].
pub(crate) trait DecodedBody: Any + fmt::Debug + Send + Sync {}

impl<T: Any + fmt::Debug + Send + Sync> DecodedBody for T {}

/// The API answered with a status the operation does not treat as success.
///
/// Keeps the status, the operation id, the start of the raw body (at most
/// [`ApiError::MAX_BODY_BYTES`]) and, when the operation documents an error
/// schema and the body matches it, the decoded body; when it does not match, why
/// ([`body_error`](ApiError::body_error)). `Debug` shows the raw body as text.
///
/// The request URL is kept too ([`url`](ApiError::url)), but neither `Display` nor
/// `Debug` shows it: its path and query hold the caller's data.
pub struct ApiError {
    operation: &'static OperationInfo,
    url: Option<Box<Url>>,
    status: u16,
    raw_body: Vec<u8>,
    truncated: bool,
    retry_after: Option<Duration>,
    body: Option<Box<dyn DecodedBody>>,
    body_error: Option<String>,
}

impl ApiError {
    /// How much of an error body is kept; the rest is read and dropped.
    pub const MAX_BODY_BYTES: usize = 64 * 1024;

    pub(crate) fn new(
        operation: &'static OperationInfo,
        status: u16,
        raw_body: Vec<u8>,
        truncated: bool,
        retry_after: Option<Duration>,
    ) -> Self {
        Self {
            operation,
            url: None,
            status,
            raw_body,
            truncated,
            retry_after,
            body: None,
            body_error: None,
        }
    }

    pub(crate) fn with_url(mut self, url: Option<Box<Url>>) -> Self {
        self.url = url;
        self
    }

    pub(crate) fn with_body(mut self, body: Box<dyn DecodedBody>) -> Self {
        self.body = Some(body);
        self
    }

    pub(crate) fn with_body_error(mut self, reason: String) -> Self {
        self.body_error = Some(reason);
        self
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The operation id.
    pub fn operation(&self) -> &'static str {
        self.operation.id
    }

    /// The HTTP method of the request.
    pub fn method(&self) -> Method {
        self.operation.method
    }

    /// The operation's path template (`/v1/programs/{programId}/customers/{email}`).
    pub fn path_template(&self) -> &'static str {
        self.operation.path
    }

    /// The request URL with its path and query filled in, without any credential sent
    /// in the query. Not shown by `Display` or `Debug`.
    pub fn url(&self) -> Option<&Url> {
        self.url.as_deref()
    }

    /// The decoded error body, if it decoded as `T`.
    ///
    /// ```no_run
    /// # fn demo(error: &jeri_runtime::ApiError) {
    /// if let Some(body) = error.body::<serde_json::Value>() {
    ///     println!("{body}");
    /// }
    /// # }
    /// ```
    pub fn body<T: Any>(&self) -> Option<&T> {
        let body: &dyn Any = self.body.as_deref()?;
        body.downcast_ref::<T>()
    }

    /// Why the body did not decode as the error schema the operation documents for
    /// this status (the decoder's message, a Content-Type that is not JSON, or a body
    /// cut at [`ApiError::MAX_BODY_BYTES`]); `None` when it decoded, or when no schema
    /// is documented for the status.
    pub fn body_error(&self) -> Option<&str> {
        self.body_error.as_deref()
    }

    /// The raw body as received, cut at [`ApiError::MAX_BODY_BYTES`].
    pub fn raw_body(&self) -> &[u8] {
        &self.raw_body
    }

    /// The raw body as text (invalid UTF-8 replaced).
    pub fn raw_text(&self) -> String {
        String::from_utf8_lossy(&self.raw_body).into_owned()
    }

    /// Whether the body was longer than what [`raw_body`](Self::raw_body) keeps.
    pub fn is_truncated(&self) -> bool {
        self.truncated
    }

    /// The server's `Retry-After`, when it sent one in seconds.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("operation", &self.operation.id)
            .field("method", &self.operation.method)
            .field("path_template", &self.operation.path)
            .field("status", &self.status)
            .field("raw_body", &String::from_utf8_lossy(&self.raw_body))
            .field("truncated", &self.truncated)
            .field("retry_after", &self.retry_after)
            .field("body", &self.body)
            .field("body_error", &self.body_error)
            .finish()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: the API answered HTTP {}",
            self.operation.id, self.status
        )?;
        let text = excerpt(&self.raw_body, DISPLAY_EXCERPT_CHARS);
        if !text.is_empty() {
            write!(f, ": {text}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Body(u16);

    static OP: OperationInfo = OperationInfo {
        id: "op",
        method: Method::Get,
        path: "/op",
        security: &[],
    };

    static GET_CUSTOMER: OperationInfo = OperationInfo {
        id: "getCustomer",
        method: Method::Get,
        path: "/customers/{email}",
        security: &[],
    };

    #[test]
    fn typed_body_comes_back_only_as_its_type() {
        let error =
            ApiError::new(&OP, 404, b"{}".to_vec(), false, None).with_body(Box::new(Body(404)));
        assert_eq!(error.body::<Body>(), Some(&Body(404)));
        assert_eq!(error.body::<String>(), None);
        let bare = ApiError::new(&OP, 404, Vec::new(), false, None);
        assert_eq!(bare.body::<Body>(), None);
    }

    #[test]
    fn debug_shows_the_body_as_text() {
        let error = ApiError::new(&OP, 400, br#"{"message":"bad"}"#.to_vec(), false, None)
            .with_body_error("missing field `code`".to_owned());
        let shown = format!("{error:?}");
        assert!(
            shown.contains(r#"raw_body: "{\"message\":\"bad\"}""#),
            "{shown}"
        );
        assert!(
            shown.contains(r#"body_error: Some("missing field `code`")"#),
            "{shown}"
        );
    }

    #[test]
    fn display_is_short() {
        let error = ApiError::new(
            &GET_CUSTOMER,
            500,
            "x".repeat(10_000).into_bytes(),
            false,
            None,
        );
        let shown = error.to_string();
        assert!(shown.starts_with("getCustomer: the API answered HTTP 500: xxx"));
        assert!(shown.chars().count() < 300);
    }
}
