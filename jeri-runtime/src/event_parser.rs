//! Server-Sent Events framing: bytes in, events out, by the WHATWG HTML rules
//! (§ 9.2.6, "Interpreting an event stream").
//!
//! Written here rather than taken from a crate: `eventsource-stream` (the most used
//! one) has had no release since 2022, needs a `Stream` of bytes (reqwest's `stream`
//! feature) and pulls in `nom`; `sse-stream` needs `http-body-util`'s stream adapters.
//! Both would sit between reqwest's body and this runtime's errors. The rules are
//! short, and the trap most parsers fall into is covered by a test: a line ending in
//! CR at the end of a chunk cannot be judged until the next chunk shows whether an LF
//! follows (CRLF is one line end, not a line end and an empty line, which would end
//! the event early).

use std::collections::VecDeque;
use std::time::Duration;

/// One event as the stream framed it, its data not yet decoded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawEvent {
    /// The `data` lines joined with `\n`.
    pub data: String,
    /// The `event` field; `None` when absent or empty (the `message` type).
    pub event: Option<String>,
    /// The stream's last event id when the event was dispatched (an `id` field sets it
    /// for this and later events; an empty `id` clears it); `None` when unset.
    pub id: Option<String>,
    /// The `retry` field of this event's block, when it had a valid one (ASCII digits,
    /// milliseconds).
    pub retry: Option<Duration>,
}

/// Incremental parser of a `text/event-stream` body: [`feed`](EventParser::feed) it the
/// bytes as they arrive, in chunks cut anywhere (inside a field name, a UTF-8
/// character, between the CR and LF of a line end), and take the events it completed
/// with [`next_event`](EventParser::next_event).
///
/// Follows the WHATWG rules: lines end with CRLF, LF or CR; a line starting with `:` is
/// a comment; `field: value` loses one space after the colon; several `data` lines are
/// joined with `\n`; an empty line dispatches the event, unless it had no `data`; an
/// unknown field is ignored; a leading byte-order mark is dropped; the block left
/// unfinished at the end of the body is discarded. Text is decoded as UTF-8, invalid
/// sequences becoming U+FFFD.
///
/// ```
/// use jeri_runtime::EventParser;
///
/// let mut parser = EventParser::new(usize::MAX);
/// parser.feed(b"event: delta\r\ndata: {\"n\"").unwrap();
/// parser.feed(b":1}\r").unwrap();
/// parser.feed(b"\n: a comment\r\n\r\n").unwrap();
/// let event = parser.next_event().unwrap();
/// assert_eq!(event.event.as_deref(), Some("delta"));
/// assert_eq!(event.data, "{\"n\":1}");
/// ```
#[derive(Debug)]
pub struct EventParser {
    /// The current line's bytes, before its end arrived.
    line: Vec<u8>,
    /// The last chunk ended with CR: an LF starting the next one belongs to it.
    after_cr: bool,
    /// Nothing has been read yet (a byte-order mark may come first).
    at_start: bool,
    data: String,
    has_data: bool,
    event: String,
    last_id: String,
    retry: Option<Duration>,
    /// The stream's reconnection time, from the last valid `retry` field.
    reconnection: Option<Duration>,
    ready: VecDeque<RawEvent>,
    /// The largest line or event, in bytes, held before [`TooLarge`] is returned.
    limit: usize,
}

/// A line or an event grew past the parser's limit; the stream cannot go on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge;

impl EventParser {
    /// A parser holding at most `limit` bytes of one line or one event's data.
    pub fn new(limit: usize) -> Self {
        Self {
            line: Vec::new(),
            after_cr: false,
            at_start: true,
            data: String::new(),
            has_data: false,
            event: String::new(),
            last_id: String::new(),
            retry: None,
            reconnection: None,
            ready: VecDeque::new(),
            limit,
        }
    }

    /// Reads the next piece of the body.
    pub fn feed(&mut self, mut chunk: &[u8]) -> Result<(), TooLarge> {
        if self.at_start && !chunk.is_empty() {
            // The byte-order mark may itself be split; it is only dropped whole.
            let bom = b"\xEF\xBB\xBF";
            let held = self.line.len();
            if held + chunk.len() < bom.len() && bom.starts_with(&[&self.line[..], chunk].concat())
            {
                self.line.extend_from_slice(chunk);
                return Ok(());
            }
            self.at_start = false;
            let mut start = std::mem::take(&mut self.line);
            start.extend_from_slice(chunk);
            let start = start.strip_prefix(bom).unwrap_or(&start).to_vec();
            return self.feed_lines(&start);
        }
        if self.after_cr {
            self.after_cr = false;
            if let Some(rest) = chunk.strip_prefix(b"\n") {
                chunk = rest;
            }
        }
        self.feed_lines(chunk)
    }

    fn feed_lines(&mut self, mut chunk: &[u8]) -> Result<(), TooLarge> {
        while let Some(end) = chunk.iter().position(|&b| b == b'\n' || b == b'\r') {
            let (line, rest) = chunk.split_at(end);
            if self.line.is_empty() {
                self.line_ended(line)?;
            } else {
                self.hold(line)?;
                let whole = std::mem::take(&mut self.line);
                self.line_ended(&whole)?;
                self.line = whole;
                self.line.clear();
            }
            chunk = match rest {
                [b'\r', b'\n', rest @ ..] => rest,
                [b'\r'] => {
                    self.after_cr = true;
                    &[]
                }
                [_, rest @ ..] => rest,
                [] => &[],
            };
        }
        self.hold(chunk)
    }

    fn hold(&mut self, bytes: &[u8]) -> Result<(), TooLarge> {
        if self.line.len() + bytes.len() > self.limit {
            return Err(TooLarge);
        }
        self.line.extend_from_slice(bytes);
        Ok(())
    }

    fn line_ended(&mut self, line: &[u8]) -> Result<(), TooLarge> {
        if line.is_empty() {
            self.dispatch();
            return Ok(());
        }
        if line[0] == b':' {
            return Ok(());
        }
        let (field, value) = match line.iter().position(|&b| b == b':') {
            Some(colon) => {
                let value = &line[colon + 1..];
                (&line[..colon], value.strip_prefix(b" ").unwrap_or(value))
            }
            None => (line, &[][..]),
        };
        match field {
            b"data" => {
                if self.data.len() + value.len() + 1 > self.limit {
                    return Err(TooLarge);
                }
                if self.has_data {
                    self.data.push('\n');
                }
                self.data.push_str(&String::from_utf8_lossy(value));
                self.has_data = true;
            }
            b"event" => self.event = String::from_utf8_lossy(value).into_owned(),
            b"id" if !value.contains(&0) => {
                self.last_id = String::from_utf8_lossy(value).into_owned();
            }
            b"retry" if !value.is_empty() && value.iter().all(u8::is_ascii_digit) => {
                // Digits beyond u64 are a reconnection time no one waits for.
                let millis = std::str::from_utf8(value)
                    .ok()
                    .and_then(|text| text.parse().ok())
                    .unwrap_or(u64::MAX);
                let retry = Duration::from_millis(millis);
                self.retry = Some(retry);
                self.reconnection = Some(retry);
            }
            _ => {}
        }
        Ok(())
    }

    fn dispatch(&mut self) {
        let event = std::mem::take(&mut self.event);
        let retry = self.retry.take();
        if !std::mem::take(&mut self.has_data) {
            return;
        }
        self.ready.push_back(RawEvent {
            data: std::mem::take(&mut self.data),
            event: (!event.is_empty()).then_some(event),
            id: (!self.last_id.is_empty()).then(|| self.last_id.clone()),
            retry,
        });
    }

    /// The next complete event, in the order received.
    pub fn next_event(&mut self) -> Option<RawEvent> {
        self.ready.pop_front()
    }

    /// The stream's last event id: what a reconnecting client sends as `Last-Event-ID`.
    pub fn last_event_id(&self) -> &str {
        &self.last_id
    }

    /// The reconnection time the stream asked for with its last valid `retry` field.
    pub fn reconnection_time(&self) -> Option<Duration> {
        self.reconnection
    }

    /// The heap bytes the parser holds (its buffers' capacity): with the stream value
    /// itself, the memory a stream takes between events.
    pub fn held_bytes(&self) -> usize {
        self.line.capacity()
            + self.data.capacity()
            + self.event.capacity()
            + self.last_id.capacity()
            + self.ready.capacity() * std::mem::size_of::<RawEvent>()
    }

    /// Forgets a half-read block (the body ended, or the connection is replaced); the
    /// last event id and reconnection time stay.
    pub fn reset_block(&mut self) {
        self.line.clear();
        self.after_cr = false;
        self.at_start = true;
        self.data.clear();
        self.has_data = false;
        self.event.clear();
        self.retry = None;
    }
}

#[cfg(test)]
mod tests {
    use super::{EventParser, RawEvent, TooLarge};
    use std::time::Duration;

    fn events(chunks: &[&[u8]]) -> Vec<RawEvent> {
        let mut parser = EventParser::new(1 << 20);
        let mut out = Vec::new();
        for chunk in chunks {
            parser.feed(chunk).unwrap();
            out.extend(std::iter::from_fn(|| parser.next_event()));
        }
        out
    }

    fn data(chunks: &[&[u8]]) -> Vec<String> {
        events(chunks).into_iter().map(|event| event.data).collect()
    }

    #[test]
    fn line_ends_of_every_kind_split_anywhere() {
        let stream = b"data: a\r\ndata: b\rdata: c\n\r\ndata:d\r\rdata: e\n\n";
        let expected = ["a\nb\nc", "d", "e"];
        assert_eq!(data(&[stream]), expected);
        // Every cut into two chunks, and a byte at a time, frames it the same way.
        for cut in 0..=stream.len() {
            let (first, second) = stream.split_at(cut);
            assert_eq!(data(&[first, second]), expected, "cut at {cut}");
        }
        let bytes: Vec<&[u8]> = stream.chunks(1).collect();
        assert_eq!(data(&bytes), expected);
    }

    #[test]
    fn fields_comments_and_ids() {
        let got = events(&[
            b"\xEF\xBB\xBF: comment\nid: 7\nevent: add\nretry: 1500\ndata\nunknown: x\n\n",
            b"data:  two spaces\nretry: soon\n\n",
            b"id\ndata: no id\n\nevent: only a type\n\n",
        ]);
        assert_eq!(
            got,
            [
                RawEvent {
                    data: String::new(),
                    event: Some("add".into()),
                    id: Some("7".into()),
                    retry: Some(Duration::from_millis(1500)),
                },
                RawEvent {
                    data: " two spaces".into(),
                    event: None,
                    id: Some("7".into()),
                    retry: None,
                },
                RawEvent {
                    data: "no id".into(),
                    ..RawEvent::default()
                },
            ]
        );
    }

    #[test]
    fn an_unfinished_block_is_discarded_and_limits_hold() {
        assert_eq!(data(&[b"data: whole\n\ndata: cut off"]), ["whole"]);
        let mut parser = EventParser::new(8);
        assert_eq!(parser.feed(b"data: 123456789"), Err(TooLarge));
        let mut parser = EventParser::new(10);
        assert_eq!(parser.feed(b"data: 1234\ndata: 5678\n"), Ok(()));
        assert_eq!(parser.feed(b"data: 9\n"), Err(TooLarge));
    }

    #[test]
    fn a_split_utf8_character_arrives_whole() {
        let text = "data: ¿qué?\n\n".as_bytes();
        assert_eq!(data(&[&text[..8], &text[8..]]), ["¿qué?"]);
    }
}
