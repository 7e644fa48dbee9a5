//! Streamed success bodies over loopback HTTP: Server-Sent Events and JSON Lines handed
//! out as the server writes them, with a server that writes chunk by chunk when the
//! test says and reports when the client hangs up.

use std::future::poll_fn;

use jeri_runtime::{
    Call, CallOptions, Error, Event, EventStream, JsonLines, Method, OperationInfo, Received,
    Transport, execute,
};
use serde::Deserialize;

use crate::support::chunked::{Script, Step, chunked_server};
use crate::support::fast_retries;

static WATCH: OperationInfo = OperationInfo {
    id: "watch",
    method: Method::Get,
    path: "/v1/watch",
    security: &[],
};

static COMPLETE: OperationInfo = OperationInfo {
    id: "complete",
    method: Method::Post,
    path: "/v1/complete",
    security: &[],
};

#[derive(Debug, Deserialize, PartialEq)]
struct Delta {
    n: u32,
}

fn transport(script: &Script) -> Transport {
    Transport::builder()
        .base_url(&script.url)
        .retry_policy(fast_retries())
        .build()
        .expect("transport")
}

fn call(script: &Script, operation: &'static OperationInfo) -> Result<Call, Error> {
    let mut call = Call::new(&transport(script), operation, CallOptions::default());
    call.path_literal(operation.path);
    call.accept("text/event-stream");
    call.stream_success();
    Ok(call)
}

/// Sends `operation`'s call to the script's server and decodes the stream's start.
async fn start<T: Send + 'static>(
    script: &Script,
    operation: &'static OperationInfo,
    decode: fn(Received) -> Result<T, Error>,
) -> T {
    execute(call(script, operation), decode)
        .await
        .expect("the stream starts")
}

fn delta_events(received: Received) -> Result<EventStream<Delta>, Error> {
    match received.status() {
        200 => received.events(Some("[DONE]")),
        _ => Err(received.unexpected()),
    }
}

fn text_events(received: Received) -> Result<EventStream<String>, Error> {
    received.text_events(Some("[DONE]"))
}

async fn next<T>(stream: &mut EventStream<T>) -> Option<Result<Event<T>, Error>> {
    poll_fn(|cx| stream.poll_event(cx)).await
}

async fn next_data<T: std::fmt::Debug>(stream: &mut EventStream<T>) -> T {
    next(stream)
        .await
        .expect("an event")
        .expect("a decoded event")
        .data
}

#[tokio::test]
async fn each_event_arrives_before_the_next_is_sent_and_done_ends_the_stream() {
    let mut script = chunked_server("text/event-stream").await;
    script.send(b"data: {\"n\":1}\n\n");
    let mut events = start(&script, &COMPLETE, delta_events).await;
    // The server writes the second event only after the first has been handed out:
    // a client that waited for the body's end would never get here.
    assert_eq!(next_data(&mut events).await, Delta { n: 1 });
    script.send(b"event: delta\nid: 2\ndata: {\"n\":2}\n\n");
    let second = next(&mut events).await.expect("an event").expect("decoded");
    assert_eq!(second.data, Delta { n: 2 });
    assert_eq!(second.event.as_deref(), Some("delta"));
    assert_eq!(second.id.as_deref(), Some("2"));
    script.send(b"data: [DONE]\n\ndata: {\"n\":3}\n\n");
    assert!(next(&mut events).await.is_none(), "[DONE] ends the stream");
    assert!(next(&mut events).await.is_none(), "and it stays ended");
    // The end marker closed the connection, with the body still open.
    assert_eq!(script.hung_up.recv().await, Some(()));
    assert!(
        script
            .requests
            .recv()
            .await
            .expect("a request")
            .contains("accept: text/event-stream")
    );
}

#[tokio::test]
async fn fields_split_across_chunks_comments_and_multi_line_data() {
    let script = chunked_server("text/event-stream; charset=utf-8").await;
    for chunk in [
        &b": keep-alive\r\n\r\nda"[..],
        b"ta: first li",
        b"ne\r",
        b"\ndata: second line\r",
        b"\n\r",
        b"\nevent: ping\rdata:x\r\r",
        b"data: \xc2",
        b"\xbfs\xc3\xad?\n\n",
    ] {
        script.send(chunk);
    }
    script.steps.send(Step::End).expect("server running");
    let mut events = start(&script, &WATCH, text_events).await;
    assert_eq!(next_data(&mut events).await, "first line\nsecond line");
    let ping = next(&mut events).await.expect("an event").expect("text");
    assert_eq!(
        (ping.event.as_deref(), ping.data.as_str()),
        (Some("ping"), "x")
    );
    assert_eq!(next_data(&mut events).await, "¿sí?");
    assert!(next(&mut events).await.is_none(), "the body ended");
}

#[tokio::test]
async fn dropping_the_stream_closes_the_connection() {
    let mut script = chunked_server("text/event-stream").await;
    script.send(b"data: {\"n\":1}\n\n");
    let mut events = start(&script, &COMPLETE, delta_events).await;
    assert_eq!(next_data(&mut events).await, Delta { n: 1 });
    drop(events);
    assert_eq!(
        script.hung_up.recv().await,
        Some(()),
        "the server saw the client go"
    );
}

#[tokio::test]
async fn a_broken_connection_is_one_error_then_the_end() {
    let script = chunked_server("text/event-stream").await;
    script.send(b"data: {\"n\":1}\n\ndata: {\"n\":");
    script.steps.send(Step::Break).expect("server running");
    let mut events = start(&script, &COMPLETE, delta_events).await;
    assert_eq!(next_data(&mut events).await, Delta { n: 1 });
    match next(&mut events).await {
        Some(Err(Error::Transport { operation, .. })) => assert_eq!(operation, "complete"),
        other => panic!("expected a transport error, got {other:?}"),
    }
    assert!(next(&mut events).await.is_none());
}

#[tokio::test]
async fn data_that_is_not_the_documented_json_is_one_error_then_the_end() {
    let script = chunked_server("text/event-stream").await;
    script.send(b"data: {\"n\":\"one\"}\n\ndata: {\"n\":2}\n\n");
    let mut events = start(&script, &COMPLETE, delta_events).await;
    match next(&mut events).await {
        Some(Err(Error::Decode { path, excerpt, .. })) => {
            assert_eq!(path, "n");
            assert_eq!(excerpt, "{\"n\":\"one\"}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    assert!(next(&mut events).await.is_none());
}

#[tokio::test]
async fn a_get_stream_resumes_with_last_event_id_when_asked() {
    let mut script = chunked_server("text/event-stream").await;
    script.send(b"retry: 1\nid: 41\ndata: {\"n\":1}\n\n");
    script.steps.send(Step::Break).expect("server running");
    script.send(b"id: 42\ndata: {\"n\":2}\n\ndata: [DONE]\n\n");
    let events = start(&script, &WATCH, delta_events).await;
    let mut events = events.reconnect(1);
    assert_eq!(next_data(&mut events).await, Delta { n: 1 });
    assert_eq!(next_data(&mut events).await, Delta { n: 2 });
    assert!(next(&mut events).await.is_none());
    let first = script.requests.recv().await.expect("the first request");
    assert!(!first.contains("last-event-id"));
    let again = script.requests.recv().await.expect("the request again");
    assert!(again.contains("last-event-id: 41"), "{again}");
}

#[tokio::test]
async fn a_post_stream_never_resumes_on_its_own() {
    let script = chunked_server("text/event-stream").await;
    script.send(b"data: {\"n\":1}\n\n");
    script.steps.send(Step::Break).expect("server running");
    let events = start(&script, &COMPLETE, delta_events).await;
    let mut events = events.reconnect(3);
    assert_eq!(next_data(&mut events).await, Delta { n: 1 });
    assert!(matches!(
        next(&mut events).await,
        Some(Err(Error::Transport { .. }))
    ));
    assert!(next(&mut events).await.is_none());
}

fn delta_lines(received: Received) -> Result<JsonLines<Delta>, Error> {
    received.json_lines()
}

async fn next_line<T: serde::de::DeserializeOwned>(
    lines: &mut JsonLines<T>,
) -> Option<Result<T, Error>> {
    poll_fn(|cx| lines.poll_item(cx)).await
}

#[tokio::test]
async fn json_lines_arrive_typed_as_sent() {
    let script = chunked_server("application/x-ndjson").await;
    script.send(b"{\"n\":1}\n");
    let mut lines = start(&script, &WATCH, delta_lines).await;
    assert_eq!(
        next_line(&mut lines).await.expect("item").expect("typed"),
        Delta { n: 1 }
    );
    script.send(b"\r\n{\"n\"");
    script.send(b":2}\r\n\x1e{\"n\":3}");
    script.steps.send(Step::End).expect("server running");
    assert_eq!(
        next_line(&mut lines).await.expect("item").expect("typed"),
        Delta { n: 2 }
    );
    assert_eq!(
        next_line(&mut lines).await.expect("item").expect("typed"),
        Delta { n: 3 }
    );
    assert!(next_line(&mut lines).await.is_none());
}

#[tokio::test]
async fn a_broken_json_lines_body_is_one_error_then_the_end() {
    let script = chunked_server("application/jsonl").await;
    script.send(b"{\"n\":1}\n{\"n\":");
    script.steps.send(Step::Break).expect("server running");
    let mut lines = start(&script, &WATCH, delta_lines).await;
    assert_eq!(
        next_line(&mut lines).await.expect("item").expect("typed"),
        Delta { n: 1 }
    );
    assert!(matches!(
        next_line(&mut lines).await,
        Some(Err(Error::Transport { .. }))
    ));
    assert!(next_line(&mut lines).await.is_none());
}

#[tokio::test]
async fn another_content_type_is_refused() {
    let script = chunked_server("application/json").await;
    script.send(b"{\"n\":1}");
    script.steps.send(Step::End).expect("server running");
    let error = execute(call(&script, &WATCH), delta_events)
        .await
        .expect_err("JSON is not an event stream");
    assert!(matches!(error, Error::ContentType { .. }), "{error:?}");
}
