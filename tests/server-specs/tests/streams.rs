//! A generated server answering a `text/event-stream` operation with the handler's stream
//! of typed events, read by the generated client of the same spec
//! (`tests/specs/streams.yaml`) over loopback: each event reaches the client while the
//! handler's stream is still open, and the response ends when the stream does.

mod support;

use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::StreamExt as _;
use jeri_runtime::Event;
use jeri_server::{Answers, Events, Reply};
use jeri_server_specs::streams::{api, client};
use tokio::sync::mpsc;

use api::server::{self, Server};
use support::{serve, transport};

/// The events a test feeds through a channel, as the handler's stream.
struct Fed<T>(mpsc::UnboundedReceiver<Event<T>>);

impl<T> futures_core::Stream for Fed<T> {
    type Item = Event<T>;

    fn poll_next(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.poll_recv(context)
    }
}

/// Answers `watchDeltas` with the events the test feeds it; `watchTicks` with two
/// ticks of text.
struct Streams {
    deltas: std::sync::Mutex<Option<mpsc::UnboundedReceiver<Event<api::types::Delta>>>>,
}

impl Answers for Streams {}

impl Server for Streams {
    async fn watch_deltas(
        &self,
        _: server::WatchDeltasRequest,
    ) -> Reply<server::WatchDeltasResponse> {
        let fed = self
            .deltas
            .lock()
            .expect("not poisoned")
            .take()
            .expect("one call");
        Ok(server::WatchDeltasResponse::Status200(Events::new(Fed(
            fed,
        ))))
    }

    async fn watch_ticks(&self, _: server::WatchTicksRequest) -> Reply<server::WatchTicksResponse> {
        let (sender, receiver) = mpsc::unbounded_channel();
        for n in 1..=2 {
            let tick = Event {
                data: format!("tick {n}\nof two"),
                event: Some("tick".to_owned()),
                id: Some(n.to_string()),
                retry: None,
            };
            sender.send(tick).expect("open");
        }
        Ok(server::WatchTicksResponse::Status200(Events::new(Fed(
            receiver,
        ))))
    }
}

fn delta(index: i64, text: &str) -> Event<api::types::Delta> {
    Event {
        data: api::types::Delta {
            index,
            text: text.to_owned(),
        },
        event: Some("delta".to_owned()),
        id: None,
        retry: None,
    }
}

#[tokio::test]
async fn a_handler_streams_typed_events_that_arrive_as_sent() {
    let (feed, fed) = mpsc::unbounded_channel();
    let base = serve(server::router(Streams {
        deltas: std::sync::Mutex::new(Some(fed)),
    }))
    .await;
    let client = client::Client::from_transport(transport(&base));
    let mut deltas = client.watch_deltas().await.expect("the stream starts");
    feed.send(delta(0, "Hel")).expect("open");
    let first = deltas.next().await.expect("an event").expect("a delta");
    assert_eq!((first.data.index, first.data.text.as_str()), (0, "Hel"));
    assert_eq!(first.event.as_deref(), Some("delta"));
    // The handler's stream is still open: the first event came before the second was made.
    feed.send(delta(1, "lo")).expect("open");
    let second = deltas.next().await.expect("an event").expect("a delta");
    assert_eq!(second.data.text, "lo");
    drop(feed);
    assert!(
        deltas.next().await.is_none(),
        "the response ends with the stream"
    );
}

#[tokio::test]
async fn text_events_keep_their_lines_and_fields() {
    let base = serve(server::router(Streams {
        deltas: std::sync::Mutex::new(None),
    }))
    .await;
    let client = client::Client::from_transport(transport(&base));
    let ticks: Vec<Event<String>> = client
        .watch_ticks()
        .await
        .expect("the stream starts")
        .map(|tick| tick.expect("a tick"))
        .collect()
        .await;
    let seen: Vec<(&str, Option<&str>, Option<&str>)> = ticks
        .iter()
        .map(|tick| {
            (
                tick.data.as_str(),
                tick.event.as_deref(),
                tick.id.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("tick 1\nof two", Some("tick"), Some("1")),
            ("tick 2\nof two", Some("tick"), Some("2")),
        ]
    );
}
