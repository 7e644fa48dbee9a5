//! Answering with Server-Sent Events: a handler's stream of typed events, written to the
//! client as each one comes.

use std::convert::Infallible;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use futures_core::Stream;
use jeri_runtime::Event;
use serde::Serialize;

/// The events a handler answers a `text/event-stream` operation with: any
/// `futures_core::Stream` of [`Event`]s (the client's event type: `data`, `event`, `id`,
/// `retry`), written as they come; the response ends when the stream does.
///
/// ```
/// use jeri_runtime::Event;
/// use jeri_server::Events;
///
/// // From a channel, a `futures_util` stream, `tokio_stream`, …; here, from a list.
/// struct Ticks(std::vec::IntoIter<Event<String>>);
/// impl futures_core::Stream for Ticks {
///     type Item = Event<String>;
///     fn poll_next(
///         mut self: std::pin::Pin<&mut Self>,
///         _: &mut std::task::Context<'_>,
///     ) -> std::task::Poll<Option<Self::Item>> {
///         std::task::Poll::Ready(self.0.next())
///     }
/// }
/// let tick = |n: u32| Event { data: format!("tick {n}"), event: None, id: None, retry: None };
/// let events = Events::new(Ticks(vec![tick(1), tick(2)].into_iter()));
/// # let _ = events;
/// ```
pub struct Events<T> {
    stream: Pin<Box<dyn Stream<Item = Event<T>> + Send>>,
}

impl<T> Events<T> {
    /// The events of `stream`.
    pub fn new(stream: impl Stream<Item = Event<T>> + Send + 'static) -> Self {
        Self {
            stream: Box::pin(stream),
        }
    }
}

impl<T> fmt::Debug for Events<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Events").finish_non_exhaustive()
    }
}

/// A `text/event-stream` response with `status` whose events' data is written as JSON.
/// An event whose data cannot be serialized ends the stream (a server bug, as for
/// [`json`](crate::json)).
pub fn events<T: Serialize + 'static>(status: u16, events: Events<T>) -> Response {
    respond(status, events, |data| serde_json::to_string(data).ok())
}

/// A `text/event-stream` response with `status` whose events' data is the text itself
/// (several lines become several `data` lines).
pub fn text_events(status: u16, events: Events<String>) -> Response {
    respond(status, events, |data| Some(data.clone()))
}

fn respond<T: 'static>(status: u16, events: Events<T>, data: fn(&T) -> Option<String>) -> Response {
    let status = axum::http::StatusCode::from_u16(status)
        .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
    let body = Body::from_stream(Written {
        events,
        data,
        ended: false,
    });
    (
        status,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/event-stream"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        body,
    )
        .into_response()
}

/// The events as the bytes of the body.
struct Written<T> {
    events: Events<T>,
    data: fn(&T) -> Option<String>,
    ended: bool,
}

impl<T> Stream for Written<T> {
    type Item = Result<Bytes, Infallible>;

    fn poll_next(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.ended {
            return Poll::Ready(None);
        }
        let Some(event) = std::task::ready!(self.events.stream.as_mut().poll_next(context)) else {
            self.ended = true;
            return Poll::Ready(None);
        };
        match (self.data)(&event.data) {
            Some(data) => Poll::Ready(Some(Ok(Bytes::from(block(&event, &data))))),
            None => {
                self.ended = true;
                Poll::Ready(None)
            }
        }
    }
}

/// One event's block: its fields, then its data one line per `data` field, then the
/// empty line. Line ends in `event` and `id` would start fields of their own, so they
/// are dropped.
fn block<T>(event: &Event<T>, data: &str) -> String {
    let one_line = |text: &str| text.replace(['\r', '\n'], "");
    let mut block = String::with_capacity(data.len() + 16);
    if let Some(name) = &event.event {
        block.push_str(&format!("event: {}\n", one_line(name)));
    }
    if let Some(id) = &event.id {
        block.push_str(&format!("id: {}\n", one_line(id).replace('\0', "")));
    }
    if let Some(retry) = event.retry {
        block.push_str(&format!("retry: {}\n", retry.as_millis()));
    }
    for line in data.split('\n') {
        block.push_str("data: ");
        block.push_str(line.strip_suffix('\r').unwrap_or(line));
        block.push('\n');
    }
    block.push('\n');
    block
}

#[cfg(test)]
mod tests {
    use super::block;
    use jeri_runtime::{Event, EventParser};
    use std::time::Duration;

    #[test]
    fn blocks_read_back_as_the_same_events() {
        let event = Event {
            data: "line one\nline two".to_owned(),
            event: Some("note\r\ninjected: x".to_owned()),
            id: Some("7".to_owned()),
            retry: Some(Duration::from_millis(1500)),
        };
        let written = block(&event, &event.data);
        let mut parser = EventParser::new(1 << 16);
        parser.feed(written.as_bytes()).expect("small");
        let read = parser.next_event().expect("one event");
        assert_eq!(read.data, "line one\nline two");
        assert_eq!(read.event.as_deref(), Some("noteinjected: x"));
        assert_eq!(read.id.as_deref(), Some("7"));
        assert_eq!(read.retry, Some(Duration::from_millis(1500)));
    }
}
