//! A success body read as it arrives, chunk by chunk, by a stream of events or lines.

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::Body as _;
use url::Url;

use super::redaction::{Redactor, redacted_excerpt};
use super::{Error, OperationInfo, Transport};

/// Characters of an item kept in its decode error.
const EXCERPT_CHARS: usize = 512;

/// Where a streamed body's bytes come from, and what its errors name.
pub(crate) struct LiveBody {
    pub(crate) operation: &'static OperationInfo,
    pub(crate) status: u16,
    transport: Transport,
    redact_query: bool,
    url: Url,
    source: Source,
}

enum Source {
    /// Still on the connection; dropping it closes the connection.
    Live(reqwest::Body),
    /// Read already (a `Received` whose body was read whole), handed out once; then
    /// the error reading it ended with, if any.
    Read(Option<Bytes>, Option<Error>),
}

impl LiveBody {
    pub(crate) fn live(
        response: reqwest::Response,
        operation: &'static OperationInfo,
        transport: Transport,
        redact_query: bool,
    ) -> Self {
        Self {
            operation,
            status: response.status().as_u16(),
            transport,
            redact_query,
            url: response.url().clone(),
            source: Source::Live(reqwest::Body::from(response)),
        }
    }

    pub(crate) fn read(
        bytes: Bytes,
        failure: Option<Error>,
        operation: &'static OperationInfo,
        status: u16,
        transport: Transport,
        redact_query: bool,
    ) -> Self {
        Self {
            operation,
            status,
            url: transport.inner.base_url.clone(),
            transport,
            redact_query,
            source: Source::Read(Some(bytes), failure),
        }
    }

    /// The largest line or item held while waiting for its end: the transport's
    /// largest-body limit, as for a body read whole.
    pub(crate) fn item_limit(&self) -> usize {
        self.transport.inner.max_body_size
    }

    /// The next chunk; `None` at the end of the body. A read failure is
    /// [`Error::Transport`].
    pub(crate) fn poll_chunk(
        &mut self,
        context: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Error>>> {
        match &mut self.source {
            Source::Live(body) => loop {
                match std::task::ready!(Pin::new(&mut *body).poll_frame(context)) {
                    None => return Poll::Ready(None),
                    Some(Ok(frame)) => {
                        // Trailers and other frames carry no body bytes.
                        if let Ok(data) = frame.into_data()
                            && !data.is_empty()
                        {
                            return Poll::Ready(Some(Ok(data)));
                        }
                    }
                    Some(Err(error)) => {
                        let error = if error.url().is_some() {
                            error
                        } else {
                            error.with_url(self.url.clone())
                        };
                        return Poll::Ready(Some(Err(Error::transport(
                            self.operation,
                            error,
                            Some(self.status),
                            self.redact_query,
                        ))));
                    }
                }
            },
            Source::Read(bytes, failure) => Poll::Ready(match bytes.take() {
                Some(bytes) if !bytes.is_empty() => Some(Ok(bytes)),
                _ => failure.take().map(Err),
            }),
        }
    }

    /// [`Error::Decode`] for one item of the stream (`text`) that is not the documented
    /// JSON, with the item's start (credentials redacted) as the excerpt.
    pub(crate) fn decode_error(
        &self,
        text: &[u8],
        (path, source): (String, serde_json::Error),
    ) -> Error {
        let redactor = Redactor::new(&self.transport.inner.credentials);
        Error::Decode {
            operation: self.operation.id,
            status: self.status,
            path,
            excerpt: redacted_excerpt(text, false, EXCERPT_CHARS, &redactor),
            source,
        }
    }

    /// [`Error::BodyTooLarge`]: one line or item outgrew [`item_limit`](Self::item_limit).
    pub(crate) fn too_large(&self) -> Error {
        Error::BodyTooLarge {
            operation: self.operation.id,
            status: self.status,
            limit: self.item_limit(),
        }
    }
}
