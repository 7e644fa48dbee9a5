//! A decoded response body together with the status and headers it came with.

use reqwest::header::HeaderMap;

/// An operation's decoded result with the HTTP status and headers of the
/// response it came from: what a request's `send_with_response()` returns,
/// for reading request ids, rate-limit headers or caching headers.
///
/// ```
/// use jeri_runtime::ResponseValue;
///
/// fn remaining(answer: &ResponseValue<serde_json::Value>) -> Option<u32> {
///     answer
///         .headers()
///         .get("x-ratelimit-remaining")?
///         .to_str()
///         .ok()?
///         .parse()
///         .ok()
/// }
/// # let _ = remaining;
/// ```
#[derive(Debug, Clone)]
pub struct ResponseValue<T> {
    value: T,
    status: u16,
    headers: HeaderMap,
}

impl<T> ResponseValue<T> {
    /// Wraps a decoded value with its response's status and headers.
    pub fn new(value: T, status: u16, headers: HeaderMap) -> Self {
        Self {
            value,
            status,
            headers,
        }
    }

    /// The decoded value, as the plain `.await` of the request returns it.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The decoded value alone.
    pub fn into_value(self) -> T {
        self.value
    }

    /// The value, status and headers.
    pub fn into_parts(self) -> (T, u16, HeaderMap) {
        (self.value, self.status, self.headers)
    }
}
