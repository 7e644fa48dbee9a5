//! A response body read piece by piece, for downloads too large to hold in memory.

use std::fmt;

use bytes::Bytes;
use reqwest::header::HeaderMap;

use super::body::with_url;
use super::response::Response;
use super::{Error, OperationInfo};

/// A successful response whose body is read as it arrives, in chunks: what a
/// request's `send_streaming()` returns.
///
/// The transport's largest-body limit does not apply (nothing is buffered);
/// the per-attempt timeout still does, and covers reading the body, so give a
/// long download a longer one with `CallOptions::timeout`.
///
/// ```no_run
/// # async fn demo(mut download: jeri_runtime::Download) -> Result<(), jeri_runtime::Error> {
/// let mut written = 0;
/// while let Some(chunk) = download.chunk().await? {
///     written += chunk.len(); // write the chunk to a file, a socket, …
/// }
/// # let _ = written;
/// # Ok(())
/// # }
/// ```
pub struct Download {
    operation: &'static OperationInfo,
    status: u16,
    headers: HeaderMap,
    body: Source,
}

enum Source {
    /// The body still on the connection.
    Live {
        response: reqwest::Response,
        redact_query: bool,
    },
    /// A body already read (a success documented outside `2xx`), handed out once.
    Read(Option<Bytes>),
}

impl fmt::Debug for Download {
    // reqwest's Debug shows the URL, which may carry the API key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Download")
            .field("operation", &self.operation.id)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

impl Download {
    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response headers (`Content-Type`, `Content-Length`, …).
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The next piece of the body, in the order received; `None` at its end.
    /// A connection failure or timeout while reading is
    /// [`Error::Transport`].
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, Error> {
        match &mut self.body {
            Source::Live {
                response,
                redact_query,
            } => {
                let redact_query = *redact_query;
                match response.chunk().await {
                    Ok(chunk) => Ok(chunk),
                    Err(error) => Err(Error::transport(
                        self.operation,
                        with_url(error, response),
                        Some(self.status),
                        redact_query,
                    )),
                }
            }
            Source::Read(bytes) => Ok(bytes.take().filter(|bytes| !bytes.is_empty())),
        }
    }
}

impl Download {
    /// A `2xx` response whose body is read as it arrives.
    pub(crate) fn live(response: Response) -> Self {
        let (operation, redact_query) = (response.operation(), response.redact_query());
        let status = response.status();
        let (headers, response) = response.into_parts();
        Download {
            operation,
            status,
            headers,
            body: Source::Live {
                response,
                redact_query,
            },
        }
    }

    /// A response whose body was read already, handed out as one chunk.
    pub(crate) fn read(
        operation: &'static OperationInfo,
        status: u16,
        headers: HeaderMap,
        body: Bytes,
    ) -> Self {
        Download {
            operation,
            status,
            headers,
            body: Source::Read(Some(body)),
        }
    }
}
