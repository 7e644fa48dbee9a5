//! A response, read the way its operation documents it.

use std::fmt;

use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use super::received::Keep;
use super::{Error, OperationInfo, Received, Transport};

/// A response to a [`Call`](super::Call), with any status, its body not read
/// yet.
///
/// Each reading method reads the body into a [`Received`] and decodes it
/// the way the [`Received`] method of the same name does.
pub struct Response {
    inner: reqwest::Response,
    operation: &'static OperationInfo,
    transport: Transport,
    redact_query: bool,
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
        transport: Transport,
        redact_query: bool,
    ) -> Self {
        Self {
            inner,
            operation,
            transport,
            redact_query,
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

    /// Reads the body and decodes it as JSON `T`, whatever the status; see
    /// [`Received::json`].
    pub async fn json<T: DeserializeOwned>(self) -> Result<T, Error> {
        self.read(Keep::Whole).await.json()
    }

    /// Reads and drops the body, for responses documented without one; see
    /// [`Received::empty`].
    pub async fn empty(self) -> Result<(), Error> {
        self.read(Keep::Whole).await.empty()
    }

    /// An [`Error::Api`] for a documented error response, with the body
    /// decoded as `T` when it is JSON of that shape; see
    /// [`Received::api_error`].
    pub async fn api_error<T: DeserializeOwned + fmt::Debug + Send + Sync + 'static>(
        self,
    ) -> Error {
        self.read(Keep::Start).await.api_error::<T>()
    }

    /// An [`Error::Api`] for a status the operation does not document, with
    /// the raw body only; see [`Received::unexpected`].
    pub async fn unexpected(self) -> Error {
        self.read(Keep::Start).await.unexpected()
    }

    pub(crate) fn operation(&self) -> &'static OperationInfo {
        self.operation
    }

    pub(crate) fn redact_query(&self) -> bool {
        self.redact_query
    }

    /// The headers and the response with its body unread.
    pub(crate) fn into_parts(mut self) -> (HeaderMap, reqwest::Response) {
        let headers = std::mem::take(self.inner.headers_mut());
        (headers, self.inner)
    }

    /// Reads the whole body (up to the transport's limit), whatever the status.
    pub(crate) fn receive_whole(self) -> impl Future<Output = Received> + Send {
        self.read(Keep::Whole)
    }

    /// Reads the body the way [`execute`](super::execute) does: a `2xx` body
    /// whole, any other only its start.
    pub(crate) fn receive(self) -> impl Future<Output = Received> + Send {
        let keep = if (200..300).contains(&self.status()) {
            Keep::Whole
        } else {
            Keep::Start
        };
        self.read(keep)
    }

    // Not an `async fn`: returning the reading future itself keeps the
    // response in one place instead of one copy per wrapping future.
    fn read(self, keep: Keep) -> impl Future<Output = Received> + Send {
        Received::read(
            self.inner,
            self.operation,
            self.transport,
            self.redact_query,
            keep,
        )
    }
}
