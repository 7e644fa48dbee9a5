//! JSON Lines (NDJSON, JSON text sequences) as a typed stream: what an operation
//! answering `application/jsonl`, `application/x-ndjson` or `application/json-seq`
//! returns.

use std::fmt;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use serde::de::DeserializeOwned;

use super::Error;
use super::live_body::LiveBody;
use super::received::decode_json;

/// The items of a JSON Lines body, in the order the server sends them, each as soon as
/// its line ends: a [`Stream`] of `Result<T, Error>`.
///
/// Items are separated by LF (a CR before it is ignored) or, for `application/json-seq`
/// (RFC 7464), by the record separator `0x1E`; blank lines are skipped, and a last item
/// without a line end is read at the end of the body. A failure is one `Err` item and
/// then the end: a broken connection ([`Error::Transport`]), an item that is not the
/// documented JSON ([`Error::Decode`]), a line longer than the transport's largest-body
/// limit ([`Error::BodyTooLarge`]). Dropping the stream closes the connection.
pub struct JsonLines<T> {
    body: Option<LiveBody>,
    /// The current line, before its end arrived.
    line: Vec<u8>,
    /// Lines complete but not yet handed out: `line` up to each of these ends.
    ready: std::collections::VecDeque<Vec<u8>>,
    _item: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for JsonLines<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JsonLines")
            .field(
                "operation",
                &self.body.as_ref().map(|body| body.operation.id),
            )
            .field("ended", &self.body.is_none())
            .finish_non_exhaustive()
    }
}

impl<T: DeserializeOwned> JsonLines<T> {
    pub(crate) fn new(body: LiveBody) -> Self {
        Self {
            body: Some(body),
            line: Vec::new(),
            ready: std::collections::VecDeque::new(),
            _item: PhantomData,
        }
    }

    /// The next item, as [`Stream::poll_next`] gives it, for callers without a stream
    /// combinator library.
    pub fn poll_item(&mut self, context: &mut Context<'_>) -> Poll<Option<Result<T, Error>>> {
        loop {
            if let Some(line) = self.ready.pop_front() {
                return Poll::Ready(self.decode(&line));
            }
            let Some(body) = &mut self.body else {
                return Poll::Ready(None);
            };
            match std::task::ready!(body.poll_chunk(context)) {
                Some(Ok(chunk)) => {
                    if let Err(error) = self.split(&chunk) {
                        return Poll::Ready(self.fail(error));
                    }
                }
                Some(Err(error)) => return Poll::Ready(self.fail(error)),
                None => {
                    let last = std::mem::take(&mut self.line);
                    let item = self.decode(&last);
                    self.body = None;
                    return Poll::Ready(item);
                }
            }
        }
    }

    /// Splits `chunk` into the lines it ends, keeping its unfinished end.
    fn split(&mut self, mut chunk: &[u8]) -> Result<(), Error> {
        while let Some(end) = chunk.iter().position(|&b| b == b'\n' || b == 0x1E) {
            self.line.extend_from_slice(&chunk[..end]);
            let line = std::mem::take(&mut self.line);
            if !is_blank(&line) {
                self.ready.push_back(line);
            }
            chunk = &chunk[end + 1..];
        }
        if let Some(body) = &self.body
            && self.line.len() + chunk.len() > body.item_limit()
        {
            return Err(body.too_large());
        }
        self.line.extend_from_slice(chunk);
        Ok(())
    }

    /// The item of one line; `None` for a blank one at the end of the body.
    fn decode(&mut self, line: &[u8]) -> Option<Result<T, Error>> {
        if is_blank(line) {
            return None;
        }
        let body = self.body.as_ref()?;
        match decode_json(line) {
            Ok(item) => Some(Ok(item)),
            Err(reason) => {
                let error = body.decode_error(line, reason);
                self.fail(error)
            }
        }
    }

    fn fail(&mut self, error: Error) -> Option<Result<T, Error>> {
        self.body = None;
        self.ready.clear();
        Some(Err(error))
    }
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(u8::is_ascii_whitespace)
}

impl<T: DeserializeOwned> Stream for JsonLines<T> {
    type Item = Result<T, Error>;

    fn poll_next(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_item(context)
    }
}
