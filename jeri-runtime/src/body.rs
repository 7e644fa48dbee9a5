//! Reading a response body without trusting its size or its content.

use bytes::Bytes;

/// What [`read_body`] got of a body.
pub(crate) struct Read {
    /// The start of the body, at most the `keep` bytes asked for (all of it
    /// when `end` is [`ReadEnd::Complete`]).
    pub(crate) bytes: Bytes,
    /// How reading stopped.
    pub(crate) end: ReadEnd,
}

/// How reading a body stopped.
pub(crate) enum ReadEnd {
    /// At the end of the body, all of which is in `bytes`.
    Complete,
    /// At the end of the body, within the limit, but only its start is in
    /// `bytes`; the rest was read and dropped.
    Cut,
    /// Past the limit; nothing more was read.
    TooLarge,
    /// On a read failure.
    Failed(reqwest::Error),
}

impl Read {
    /// Whether `bytes` is the whole body.
    pub(crate) fn is_complete(&self) -> bool {
        matches!(self.end, ReadEnd::Complete)
    }
}

/// Reads the body, keeping its first `keep` bytes and reading (but dropping)
/// the rest, and gives up as soon as more than `limit` bytes arrived: the
/// server decides neither how much memory a response takes nor how long the
/// connection stays busy with it.
///
/// A body that arrives in one chunk (the usual case for JSON answers) is
/// passed on as that chunk, without copying.
pub(crate) async fn read_body(response: &mut reqwest::Response, keep: usize, limit: usize) -> Read {
    let declared = response
        .content_length()
        .map_or(0, |length| usize::try_from(length).unwrap_or(usize::MAX));
    let mut first: Option<Bytes> = None;
    let mut copied: Vec<u8> = Vec::new();
    let mut seen = 0usize;
    let end = loop {
        let chunk = match response.chunk().await {
            Ok(Some(chunk)) => chunk,
            Ok(None) => break None,
            // reqwest leaves the URL out of body errors; the error keeps it aside
            // (`Error::url`), as for errors before the response.
            Err(error) => break Some(ReadEnd::Failed(with_url(error, response))),
        };
        seen = seen.saturating_add(chunk.len());
        if seen == chunk.len() && chunk.len() <= keep {
            first = Some(chunk);
        } else {
            if let Some(first) = first.take() {
                let capacity = declared.max(first.len() + chunk.len()).min(keep);
                copied.reserve(capacity);
                copied.extend_from_slice(&first);
            }
            let room = keep.saturating_sub(copied.len());
            copied.extend_from_slice(&chunk[..chunk.len().min(room)]);
        }
        if seen > limit {
            break Some(ReadEnd::TooLarge);
        }
    };
    let bytes = first.unwrap_or_else(|| Bytes::from(copied));
    let end = end.unwrap_or(if bytes.len() < seen {
        ReadEnd::Cut
    } else {
        ReadEnd::Complete
    });
    Read { bytes, end }
}

/// `error` with the URL of `response` when it names none.
pub(crate) fn with_url(error: reqwest::Error, response: &reqwest::Response) -> reqwest::Error {
    if error.url().is_some() {
        error
    } else {
        error.with_url(response.url().clone())
    }
}
