//! File parts of `multipart/form-data` bodies: bytes in memory, or a stream read while
//! the request is sent.

use std::fmt;
use std::sync::{Arc, Mutex};

use bytes::Bytes;

/// One file of a multipart form: the file name and media type sent with it, and its
/// content, either bytes in memory or a stream that is read while the request is sent
/// and never held in memory whole.
///
/// The part's field name is the form property it is given to (or the name passed to
/// [`Multipart::file_part`](crate::Multipart::file_part)).
///
/// ```
/// use jeri_runtime::FilePart;
///
/// let report = FilePart::bytes("report.csv", "text/csv", "day,total\n1,20\n");
/// assert_eq!(report.file_name(), Some("report.csv"));
/// assert_eq!(report.len(), Some(15));
/// ```
///
/// # Streams are sent once
///
/// A streamed part ([`FilePart::stream`], [`FilePart::body`]) can be read only once, so
/// a request holding one is never retried (no multipart request is: reqwest writes the
/// form while sending), and clones of the part share the one stream: the first request
/// sent takes it, and sending another (a clone of the request, say) fails with
/// [`Error::InvalidInput`](crate::Error::InvalidInput) before anything is sent.
#[derive(Clone)]
pub struct FilePart {
    file_name: Option<String>,
    content_type: Option<String>,
    content: Content,
}

#[derive(Clone)]
enum Content {
    Bytes(Bytes),
    /// Taken (left `None`) by the first request that sends it.
    Stream {
        body: Arc<Mutex<Option<reqwest::Body>>>,
        length: Option<u64>,
    },
}

impl FilePart {
    /// A file held in memory: the file name sent with it, its media type
    /// (`application/octet-stream` when unknown) and its bytes.
    pub fn bytes(
        file_name: impl Into<String>,
        content_type: impl Into<String>,
        bytes: impl Into<Bytes>,
    ) -> Self {
        Self {
            file_name: Some(file_name.into()),
            content_type: Some(content_type.into()),
            content: Content::Bytes(bytes.into()),
        }
    }

    /// A file read from any reqwest body while the request is sent, such as
    /// `reqwest::Body::from(tokio::fs::File)` (reqwest's `stream` feature; reqwest is
    /// re-exported as `jeri_runtime::reqwest`). `length` is
    /// its size in bytes when known: with every part's length known the request carries
    /// a `Content-Length`, otherwise it is sent chunked. See [the type's
    /// docs](FilePart#streams-are-sent-once) on retries.
    pub fn body(
        file_name: impl Into<String>,
        content_type: impl Into<String>,
        body: impl Into<reqwest::Body>,
        length: Option<u64>,
    ) -> Self {
        Self {
            file_name: Some(file_name.into()),
            content_type: Some(content_type.into()),
            content: Content::Stream {
                body: Arc::new(Mutex::new(Some(body.into()))),
                length,
            },
        }
    }

    /// A file read from a stream of chunks (`Result<impl Into<Bytes>, E>` items, such as
    /// `tokio_util::io::ReaderStream` over a file) while the request is sent; a chunk
    /// error fails the request with a transport error. `length` as for
    /// [`FilePart::body`]. Needs the `stream` feature (default).
    #[cfg(feature = "stream")]
    pub fn stream<S>(
        file_name: impl Into<String>,
        content_type: impl Into<String>,
        stream: S,
        length: Option<u64>,
    ) -> Self
    where
        S: futures_core::TryStream + Send + 'static,
        S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
        Bytes: From<S::Ok>,
    {
        Self::body(
            file_name,
            content_type,
            reqwest::Body::wrap_stream(stream),
            length,
        )
    }

    /// Replaces the file name sent with the part; `None` sends none.
    pub fn with_file_name(mut self, file_name: Option<String>) -> Self {
        self.file_name = file_name;
        self
    }

    /// The file name sent with the part.
    pub fn file_name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }

    /// The media type sent with the part.
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The size in bytes: known for bytes, as given for streams.
    pub fn len(&self) -> Option<u64> {
        match &self.content {
            Content::Bytes(bytes) => u64::try_from(bytes.len()).ok(),
            Content::Stream { length, .. } => *length,
        }
    }

    /// Whether the part is known to be empty.
    pub fn is_empty(&self) -> bool {
        self.len() == Some(0)
    }

    /// The reqwest part, taking a stream out of the part; `Err` with the reason when it
    /// cannot be sent (a stream already sent, a content type that is not a media type).
    pub(crate) fn to_part(&self, name: &str) -> Result<reqwest::multipart::Part, String> {
        let part = match &self.content {
            Content::Bytes(bytes) => {
                reqwest::multipart::Part::stream(reqwest::Body::from(bytes.clone()))
            }
            Content::Stream { body, length } => {
                // A poisoned lock only means another thread panicked while taking the
                // body; the slot itself is still valid.
                let taken = body
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .take();
                let Some(body) = taken else {
                    return Err(format!(
                        "the streamed file of part `{name}` was already sent; a stream can be sent once"
                    ));
                };
                match length {
                    Some(length) => reqwest::multipart::Part::stream_with_length(body, *length),
                    None => reqwest::multipart::Part::stream(body),
                }
            }
        };
        let part = match &self.file_name {
            Some(file_name) => part.file_name(file_name.clone()),
            None => part,
        };
        match &self.content_type {
            Some(content_type) => part.mime_str(content_type).map_err(|_| {
                format!(
                    "part `{name}` has the content type {content_type:?}, which is not a media type"
                )
            }),
            None => Ok(part),
        }
    }
}

impl fmt::Debug for FilePart {
    // File contents may be large or private: only the name, type and size are shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field(
                "content",
                &match &self.content {
                    Content::Bytes(bytes) => format!("{} bytes", bytes.len()),
                    Content::Stream { length, .. } => match length {
                        Some(length) => format!("stream of {length} bytes"),
                        None => "stream".to_owned(),
                    },
                },
            )
            .finish()
    }
}
