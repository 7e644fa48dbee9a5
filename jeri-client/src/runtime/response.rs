//! A response, read the way its operation documents it.

use std::fmt;

use bytes::Bytes;
use reqwest::header::{CONTENT_TYPE, HeaderMap, RETRY_AFTER};
use serde::de::DeserializeOwned;

use super::body::{Limited, Redactor, read_kept, read_limited, redacted_excerpt};
use super::call::transport_error;
use super::retry::parse_retry_after;
use super::{ApiError, Error, OperationInfo};

/// Characters of the body kept in decode errors.
const EXCERPT_CHARS: usize = 512;
/// Bytes read from a body only to show its start: enough characters, plus
/// room to recognise a credential running past them.
const EXCERPT_BYTES: usize = EXCERPT_CHARS * 4 + 16 * 1024;

/// A response to a [`Call`](super::Call), with any status.
pub struct Response {
    inner: reqwest::Response,
    operation: &'static OperationInfo,
    max_body_size: usize,
    redact_query: bool,
    redactor: Redactor,
}

impl fmt::Debug for Response {
    // reqwest's Debug shows the URL, which may carry the API key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response")
            .field("operation", &self.operation.id)
            .field("status", &self.status())
            .finish_non_exhaustive()
    }
}

impl Response {
    pub(crate) fn new(
        inner: reqwest::Response,
        operation: &'static OperationInfo,
        max_body_size: usize,
        redact_query: bool,
        redactor: Redactor,
    ) -> Self {
        Self {
            inner,
            operation,
            max_body_size,
            redact_query,
            redactor,
        }
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.inner.status().as_u16()
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        self.inner.headers()
    }

    /// Decodes a JSON body as `T`.
    ///
    /// The content type must be JSON (`application/json` or `…+json`) or
    /// absent; the body is read up to the transport's size limit.
    ///
    /// The excerpt kept by [`Error::Decode`] and [`Error::ContentType`] has
    /// the transport's API key and bearer token and every JWT-shaped string
    /// replaced by `[REDACTED]`: a token response that fails to decode must
    /// not put the token into a log line.
    pub async fn json<T: DeserializeOwned>(mut self) -> Result<T, Error> {
        let status = self.status();
        let operation = self.operation.id;
        if !self.content_type_is_json_or_absent()
            && let Some(content_type) = self.content_type()
        {
            let start = read_kept(&mut self.inner, EXCERPT_BYTES, EXCERPT_BYTES).await;
            return Err(Error::ContentType {
                operation,
                status,
                content_type,
                excerpt: redacted_excerpt(
                    &start.bytes,
                    start.truncated,
                    EXCERPT_CHARS,
                    &self.redactor,
                ),
            });
        }
        let body = self.read_all().await?;
        serde_json::from_slice(&body).map_err(|source| Error::Decode {
            operation,
            status,
            excerpt: redacted_excerpt(&body, false, EXCERPT_CHARS, &self.redactor),
            source,
        })
    }

    /// Reads and drops the body, for responses documented without one.
    pub async fn empty(mut self) -> Result<(), Error> {
        self.read_all().await.map(drop)
    }

    /// An [`Error::Api`] for a documented error response, with the body
    /// decoded as `T` when it is JSON of that shape (see [`ApiError::body`]).
    ///
    /// The kept body has the transport's credentials and every JWT-shaped
    /// string replaced by `[REDACTED]`, as error bodies often echo requests.
    pub async fn api_error<T: DeserializeOwned + fmt::Debug + Send + Sync + 'static>(
        self,
    ) -> Error {
        let decodable = self.content_type_is_json_or_absent();
        let error = self.into_api_error().await;
        if !decodable || error.is_truncated() {
            return Error::Api(error);
        }
        match serde_json::from_slice::<T>(error.raw_body()) {
            Ok(body) => Error::Api(error.with_body(Box::new(body))),
            Err(_) => Error::Api(error),
        }
    }

    /// An [`Error::Api`] for a status the operation does not document, with
    /// the raw body only.
    pub async fn unexpected(self) -> Error {
        Error::Api(self.into_api_error().await)
    }

    async fn into_api_error(mut self) -> ApiError {
        let retry_after = self
            .inner
            .headers()
            .get(RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(parse_retry_after);
        let status = self.status();
        let kept = read_kept(
            &mut self.inner,
            ApiError::MAX_BODY_BYTES,
            self.max_body_size,
        )
        .await;
        // Error bodies often echo the request; the kept body is shown by
        // Display and Debug, so credentials are taken out before keeping it.
        let mut bytes = self.redactor.redact(&kept.bytes, kept.truncated);
        let mut truncated = kept.truncated;
        if bytes.len() > ApiError::MAX_BODY_BYTES {
            bytes.truncate(ApiError::MAX_BODY_BYTES);
            truncated = true;
        }
        ApiError::new(self.operation.id, status, bytes, truncated, retry_after)
    }

    async fn read_all(&mut self) -> Result<Bytes, Error> {
        match read_limited(&mut self.inner, self.max_body_size).await {
            Ok(Limited::Complete(body)) => Ok(body),
            Ok(Limited::TooLarge) => Err(Error::BodyTooLarge {
                operation: self.operation.id,
                status: self.status(),
                limit: self.max_body_size,
            }),
            Err(error) => Err(transport_error(self.operation, error, self.redact_query)),
        }
    }

    fn content_type(&self) -> Option<String> {
        self.inner
            .headers()
            .get(CONTENT_TYPE)
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
    }

    /// Whether the content type is JSON or absent; checked without copying the
    /// header, as it runs on every success response.
    fn content_type_is_json_or_absent(&self) -> bool {
        self.inner
            .headers()
            .get(CONTENT_TYPE)
            .is_none_or(|value| value.to_str().is_ok_and(is_json))
    }
}

/// `application/json`, or any `+json` media type, parameters ignored.
fn is_json(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    let Some((kind, subtype)) = essence.split_once('/') else {
        return false;
    };
    kind.eq_ignore_ascii_case("application")
        && (subtype.eq_ignore_ascii_case("json")
            || subtype
                .len()
                .checked_sub(5)
                .and_then(|at| subtype.get(at..))
                .is_some_and(|suffix| suffix.eq_ignore_ascii_case("+json")))
}

#[cfg(test)]
mod tests {
    use super::is_json;

    #[test]
    fn json_media_types() {
        for yes in [
            "application/json",
            "application/json; charset=utf-8",
            "Application/JSON",
            "application/problem+json",
            " application/vnd.api+json ;q=1",
        ] {
            assert!(is_json(yes), "{yes}");
        }
        for no in [
            "text/html",
            "text/plain",
            "application/jsonp",
            "application/xml",
            "",
        ] {
            assert!(!is_json(no), "{no}");
        }
    }
}
