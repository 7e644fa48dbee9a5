//! Server-Sent Events as a typed stream: what an operation answering
//! `text/event-stream` returns.

use std::fmt;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures_core::Stream;
use serde::de::DeserializeOwned;

use super::event_parser::{EventParser, RawEvent};
use super::live_body::LiveBody;
use super::received::decode_json;
use super::reconnect::Reconnect;
use super::{BoxFuture, Error};

/// One Server-Sent Event, its `data` decoded as the operation documents it.
#[derive(Debug, Clone, PartialEq)]
pub struct Event<T> {
    /// The event's data: its `data` lines joined with `\n`, decoded as JSON of the
    /// documented type, or the text itself for a `String` stream.
    pub data: T,
    /// The `event` field (the event type); `None` when the server sent none (the
    /// default type, `message`).
    pub event: Option<String>,
    /// The stream's last event id when this event arrived (set by an `id` field of this
    /// or an earlier event); `None` when the server has sent none.
    pub id: Option<String>,
    /// The `retry` field of this event: how long the server asks a client to wait
    /// before reconnecting.
    pub retry: Option<Duration>,
}

/// How an event's data becomes the item type.
type DecodeData<T> = fn(&str) -> Result<T, (String, serde_json::Error)>;

/// The events of a `text/event-stream` response, in the order the server sends them,
/// each as soon as its block ends: a [`Stream`] of `Result<Event<T>, Error>`.
///
/// - A block framed by the WHATWG rules ([`EventParser`](crate::EventParser)) is an
///   event; its `data` is decoded as `T` (JSON), or kept as text when `T` is `String`.
/// - The stream ends (`None`) when the body ends, or at an event whose data is the
///   operation's end marker (`[DONE]` unless the client was generated with another
///   `stream_end`), which is not handed out; the connection is closed then.
/// - A failure is one `Err` item, and then the stream ends: the connection broke or
///   timed out ([`Error::Transport`]), an event's data is not the documented JSON
///   ([`Error::Decode`], naming the path inside the data), or a line or event outgrew
///   the transport's largest-body limit ([`Error::BodyTooLarge`]).
/// - Dropping the stream closes the connection.
///
/// The transport's per-attempt timeout (or `CallOptions::timeout`) bounds the whole
/// stream, as it bounds reading any body: give a long stream a longer one.
///
/// A stream of a `GET` operation can resume after a broken connection
/// ([`reconnect`](Self::reconnect)); other methods are never sent again on their own.
///
/// ```no_run
/// # async fn demo(mut events: jeri_runtime::EventStream<serde_json::Value>) -> Result<(), jeri_runtime::Error> {
/// // `futures_util::StreamExt::next` does the same.
/// while let Some(event) = std::future::poll_fn(|cx| events.poll_event(cx)).await {
///     let event = event?;
///     println!("{:?}: {}", event.event, event.data);
/// }
/// # Ok(())
/// # }
/// ```
pub struct EventStream<T> {
    body: Option<LiveBody>,
    parser: EventParser,
    decode: DecodeData<T>,
    end: Option<&'static str>,
    reconnect: Option<Box<Reconnect>>,
    /// A reconnection under way.
    reconnecting: Option<BoxFuture<Result<LiveBody, Error>>>,
    _item: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for EventStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream")
            .field(
                "operation",
                &self.body.as_ref().map(|body| body.operation.id),
            )
            .field("last_event_id", &self.parser.last_event_id())
            .field("ended", &self.body.is_none())
            .finish_non_exhaustive()
    }
}

impl<T> EventStream<T> {
    fn new(body: LiveBody, decode: DecodeData<T>, end: Option<&'static str>) -> Self {
        let limit = body.item_limit();
        Self {
            body: Some(body),
            parser: EventParser::new(limit),
            decode,
            end,
            reconnect: None,
            reconnecting: None,
            _item: PhantomData,
        }
    }

    /// The stream's last event id so far: what a reconnection sends as `Last-Event-ID`.
    pub fn last_event_id(&self) -> Option<&str> {
        Some(self.parser.last_event_id()).filter(|id| !id.is_empty())
    }

    /// Resume after a broken connection or an early end of the body, up to `times`
    /// times over the stream's life: the request is sent again with the `Last-Event-ID`
    /// header (when the server has sent an id), after the delay the server asked for
    /// with `retry` (or one second), through the transport's usual sending (retries,
    /// hooks, credentials). A stream ended by its end marker, a decode failure or an
    /// error status on reconnecting ends as usual.
    ///
    /// Only `GET` streams can resume: for any other method (a `POST` that starts a chat
    /// completion, say) this does nothing, since sending it again would repeat what it
    /// did.
    pub fn reconnect(mut self, times: u32) -> Self {
        if let Some(reconnect) = &mut self.reconnect {
            reconnect.allow(times);
        }
        self
    }

    /// The next event, as [`Stream::poll_next`] gives it, for callers without a stream
    /// combinator library.
    pub fn poll_event(
        &mut self,
        context: &mut Context<'_>,
    ) -> Poll<Option<Result<Event<T>, Error>>> {
        loop {
            if let Some(raw) = self.parser.next_event() {
                return Poll::Ready(self.hand_out(raw));
            }
            if let Some(reconnecting) = &mut self.reconnecting {
                let outcome = std::task::ready!(reconnecting.as_mut().poll(context));
                self.reconnecting = None;
                match outcome {
                    Ok(body) => self.body = Some(body),
                    Err(error) => return Poll::Ready(self.fail(error)),
                }
            }
            let Some(body) = &mut self.body else {
                return Poll::Ready(None);
            };
            match std::task::ready!(body.poll_chunk(context)) {
                Some(Ok(chunk)) => {
                    if self.parser.feed(&chunk).is_err() {
                        let error = body.too_large();
                        return Poll::Ready(self.fail(error));
                    }
                }
                Some(Err(error)) => {
                    if !self.start_reconnecting() {
                        return Poll::Ready(self.fail(error));
                    }
                }
                None => {
                    if !self.start_reconnecting() {
                        self.body = None;
                        return Poll::Ready(None);
                    }
                }
            }
        }
    }

    /// Starts sending the request again, when the stream may resume.
    fn start_reconnecting(&mut self) -> bool {
        let Some(reconnect) = &mut self.reconnect else {
            return false;
        };
        let last_id = self.parser.last_event_id().to_owned();
        let delay = self.parser.reconnection_time();
        match reconnect.next(&last_id, delay) {
            Some(future) => {
                self.body = None;
                self.parser.reset_block();
                self.reconnecting = Some(future);
                true
            }
            None => false,
        }
    }

    /// The item for a complete event: its decoded data, or the end.
    fn hand_out(&mut self, raw: RawEvent) -> Option<Result<Event<T>, Error>> {
        if self.end.is_some_and(|end| raw.data == end) {
            self.close();
            return None;
        }
        match (self.decode)(&raw.data) {
            Ok(data) => Some(Ok(Event {
                data,
                event: raw.event,
                id: raw.id,
                retry: raw.retry,
            })),
            Err(reason) => {
                let error = match &self.body {
                    Some(body) => body.decode_error(raw.data.as_bytes(), reason),
                    // Events are only handed out while a body is there to have framed them.
                    None => return None,
                };
                self.fail(error)
            }
        }
    }

    /// `error` as the last item: the connection is closed and nothing follows.
    fn fail(&mut self, error: Error) -> Option<Result<Event<T>, Error>> {
        self.close();
        Some(Err(error))
    }

    fn close(&mut self) {
        self.body = None;
        self.reconnect = None;
        self.reconnecting = None;
        while self.parser.next_event().is_some() {}
    }
}

impl<T> Stream for EventStream<T> {
    type Item = Result<Event<T>, Error>;

    fn poll_next(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_event(context)
    }
}

impl<T: DeserializeOwned> EventStream<T> {
    /// Events whose data is JSON of type `T`, ending at `end`.
    pub(crate) fn json(
        body: LiveBody,
        end: Option<&'static str>,
        reconnect: Option<Box<Reconnect>>,
    ) -> Self {
        let mut stream = Self::new(body, |data| decode_json(data.as_bytes()), end);
        stream.reconnect = reconnect;
        stream
    }
}

impl EventStream<String> {
    /// Events whose data is kept as text, ending at `end`.
    pub(crate) fn text(
        body: LiveBody,
        end: Option<&'static str>,
        reconnect: Option<Box<Reconnect>>,
    ) -> Self {
        let mut stream = Self::new(body, |data| Ok(data.to_owned()), end);
        stream.reconnect = reconnect;
        stream
    }
}
