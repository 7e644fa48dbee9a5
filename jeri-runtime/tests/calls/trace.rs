//! The tracing span and retry event of a call, captured by a subscriber layer.
//!
//! Alone in its test binary: tracing caches per call site whether anyone listens,
//! and a test on another thread without a subscriber would race with this one.

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::sync::{Arc, Mutex, PoisonError};

use crate::support::{API_KEY, GET_CUSTOMER, Reply, Server, ServerExt as _, closed_port_url};
use jeri_runtime::{Call, CallOptions, Error, Received, RetryPolicy, Transport, execute};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt as _};
use tracing_subscriber::registry::LookupSpan;

/// Field values as text, by name.
type Fields = BTreeMap<String, String>;

/// The names an event's target and level are kept under among its fields.
const TARGET: &str = "@target";
const LEVEL: &str = "@level";

#[derive(Default)]
struct Seen {
    /// Each span's name and its fields, as last recorded.
    spans: Vec<(String, Fields)>,
    /// Each event's fields (the message under `message`) and its span's name.
    events: Vec<(Option<String>, Fields)>,
}

/// A layer keeping every span and event it sees.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Seen>>);

impl Capture {
    fn seen<T>(&self, read: impl FnOnce(&Seen) -> T) -> T {
        read(&self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

struct Collect<'a>(&'a mut Fields);

impl Visit for Collect<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

/// Where a span's fields are kept until it closes.
struct SpanIndex(usize);

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Capture {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        let mut fields = Fields::new();
        attrs.record(&mut Collect(&mut fields));
        let mut seen = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        seen.spans
            .push((attrs.metadata().name().to_owned(), fields));
        if let Some(span) = ctx.span(id) {
            span.extensions_mut()
                .insert(SpanIndex(seen.spans.len() - 1));
        }
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(id) else { return };
        let extensions = span.extensions();
        let Some(SpanIndex(index)) = extensions.get::<SpanIndex>() else {
            return;
        };
        let mut seen = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        values.record(&mut Collect(&mut seen.spans[*index].1));
    }

    fn on_event(&self, event: &Event<'_>, ctx: Context<'_, S>) {
        let mut fields = Fields::new();
        event.record(&mut Collect(&mut fields));
        fields.insert(TARGET.to_owned(), event.metadata().target().to_owned());
        fields.insert(LEVEL.to_owned(), event.metadata().level().to_string());
        let span = ctx.event_span(event).map(|span| span.name().to_owned());
        let mut seen = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        seen.events.push((span, fields));
    }
}

fn get_customer_call(server: &Server) -> Result<Call, Error> {
    customer_call(&server.transport())
}

fn customer_call(transport: &Transport) -> Result<Call, Error> {
    let mut call = Call::new(transport, &GET_CUSTOMER, CallOptions::new());
    call.path_literal("/v1/programs/");
    call.path_param("programId", &"prog-1")?;
    call.path_literal("/customers/");
    call.path_param("email", &"ana@example.com")?;
    Ok(call)
}

fn decode(received: Received) -> Result<serde_json::Value, Error> {
    match received.status() {
        200 => received.json(),
        _ => Err(received.unexpected()),
    }
}

#[tokio::test]
async fn a_retried_call_is_one_span_with_a_retry_event() {
    let capture = Capture::default();
    let _guard =
        tracing::subscriber::set_default(tracing_subscriber::registry().with(capture.clone()));
    let server = Server::start(vec![
        Reply::status(503),
        Reply::json(200, r#"{"id":"c-1"}"#),
    ])
    .await;
    let value = execute(get_customer_call(&server), decode)
        .await
        .expect("the second attempt succeeds");
    assert_eq!(value["id"], "c-1");
    assert_eq!(server.count(), 2);

    let (spans, events) = capture.seen(|seen| (seen.spans.clone(), seen.events.clone()));
    let calls: Vec<&Fields> = spans
        .iter()
        .filter(|(name, _)| name == "jeri.call")
        .map(|(_, fields)| fields)
        .collect();
    assert_eq!(calls.len(), 1, "{spans:?}");
    let call = calls[0];
    assert_eq!(call["operation"], "getCustomer");
    assert_eq!(call["method"], "GET");
    assert_eq!(call["path"], "/v1/programs/{programId}/customers/{email}");
    assert_eq!(call["attempt"], "2");
    assert_eq!(call["status"], "200");
    assert!(call["elapsed_ms"].parse::<u64>().is_ok(), "{call:?}");

    let retries: Vec<&(Option<String>, Fields)> = events
        .iter()
        .filter(|(_, fields)| fields.get("message").map(String::as_str) == Some("retrying"))
        .collect();
    assert_eq!(retries.len(), 1, "{events:?}");
    let (span, retry) = retries[0];
    assert_eq!(span.as_deref(), Some("jeri.call"));
    assert_eq!(retry["attempt"], "1");
    assert_eq!(retry["reason"], "HTTP 503");
    assert!(retry["delay_ms"].parse::<u64>().is_ok(), "{retry:?}");

    let everything = format!("{spans:?}{events:?}");
    assert!(!everything.contains(API_KEY), "{everything}");
    assert!(!everything.contains("ana@example.com"), "{everything}");
    assert!(
        !everything.contains("c-1"),
        "a body reached tracing: {everything}"
    );
}

/// The events of `seen` with this message.
fn events_named<'a>(events: &'a [(Option<String>, Fields)], message: &str) -> Vec<&'a Fields> {
    events
        .iter()
        .filter(|(_, fields)| fields.get("message").map(String::as_str) == Some(message))
        .map(|(_, fields)| fields)
        .collect()
}

#[tokio::test]
async fn a_call_ends_with_an_event_naming_status_attempts_and_duration() {
    let capture = Capture::default();
    let _guard =
        tracing::subscriber::set_default(tracing_subscriber::registry().with(capture.clone()));
    let server = Server::start(vec![
        Reply::status(503),
        Reply::json(200, r#"{"id":"c-1"}"#),
    ])
    .await;
    execute(get_customer_call(&server), decode)
        .await
        .expect("the second attempt succeeds");

    let events = capture.seen(|seen| seen.events.clone());
    let finished = events_named(&events, "call finished");
    assert_eq!(finished.len(), 1, "{events:?}");
    let event = finished[0];
    assert_eq!(event[TARGET], "jeri_runtime::call");
    assert_eq!(event[LEVEL], "INFO");
    assert_eq!(event["operation"], "getCustomer");
    assert_eq!(event["method"], "GET");
    assert_eq!(event["path"], "/v1/programs/{programId}/customers/{email}");
    assert_eq!(event["status"], "200");
    assert_eq!(event["attempts"], "2");
    assert!(event["elapsed_ms"].parse::<u64>().is_ok(), "{event:?}");
    let everything = format!("{events:?}");
    assert!(!everything.contains(API_KEY), "{everything}");
    assert!(!everything.contains("ana@example.com"), "{everything}");
    assert!(
        !everything.contains("c-1"),
        "a body reached tracing: {everything}"
    );
}

#[tokio::test]
async fn a_failed_call_ends_with_a_warning_naming_the_outcome() {
    let capture = Capture::default();
    let _guard =
        tracing::subscriber::set_default(tracing_subscriber::registry().with(capture.clone()));
    let transport = Transport::builder()
        .base_url(closed_port_url())
        .api_key(API_KEY)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("transport");
    execute(customer_call(&transport), decode)
        .await
        .expect_err("nothing listens there");

    let events = capture.seen(|seen| seen.events.clone());
    let failed = events_named(&events, "call failed");
    assert_eq!(failed.len(), 1, "{events:?}");
    let event = failed[0];
    assert_eq!(event[TARGET], "jeri_runtime::call");
    assert_eq!(event[LEVEL], "WARN");
    assert_eq!(event["operation"], "getCustomer");
    assert_eq!(event["error"], "could not connect");
    assert_eq!(event["outcome"], "not applied");
    assert_eq!(event["attempts"], "1");
    assert!(!event.contains_key("status"), "{event:?}");
    let everything = format!("{events:?}");
    assert!(!everything.contains(API_KEY), "{everything}");
    assert!(!everything.contains("ana@example.com"), "{everything}");
}

/// A writer keeping what a subscriber prints.
#[derive(Clone, Default)]
struct Printed(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Printed {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn a_default_fmt_subscriber_prints_each_call() {
    let printed = Printed::default();
    let writer = printed.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let server = Server::start(vec![Reply::json(200, r#"{"id":"c-1"}"#)]).await;
    execute(get_customer_call(&server), decode)
        .await
        .expect("a customer");

    let text = String::from_utf8_lossy(&printed.0.lock().unwrap_or_else(PoisonError::into_inner))
        .into_owned();
    let line = text
        .lines()
        .find(|line| line.contains("call finished"))
        .unwrap_or_else(|| panic!("no line for the call: {text:?}"));
    for expected in [
        "INFO",
        "jeri_runtime::call",
        "operation=\"getCustomer\"",
        "status=200",
        "attempts=1",
        "elapsed_ms=",
    ] {
        assert!(line.contains(expected), "{expected} missing from {line:?}");
    }
    assert!(!text.contains("ana@example.com"), "{text}");
    assert!(!text.contains(API_KEY), "{text}");
}
