//! Streamed and paged responses of generated clients (`tests/specs/streams.yaml`, an
//! OpenAPI 3.2 document), over loopback: Server-Sent Events typed by `itemSchema` and by
//! an event schema's `data`, text events, JSON Lines, and pages by
//! `x-dropshot-pagination`, by a Stripe-style `pagination(...)` setting and by the
//! `Link` header.

use futures_util::StreamExt as _;
use jeri_runtime::Error;
use jeri_test_support::{Reply, Server};
use jeri_tests::fixtures::loopback;

mod api {
    jeri_macros::generate!("../../specs/streams.yaml");
}

mod stripe_style {
    jeri_macros::generate!(
        "../../specs/streams.yaml",
        only(operationId = "listCharges"),
        pagination(
            cursor = "starting_after",
            items = "data",
            has_more = "has_more",
            item_cursor = "id"
        ),
    );
}

mod link_header {
    jeri_macros::generate!(
        "../../specs/streams.yaml",
        only(operationId = "listRepos"),
        pagination(link = "next"),
        stream_end = "",
    );
}

fn client(server: &Server) -> api::Client {
    api::Client::from_transport(loopback(api::Client::transport_builder(), server))
}

fn events(body: &str) -> Reply {
    Reply::status(200)
        .header("content-type", "text/event-stream")
        .body(body)
}

#[tokio::test]
async fn item_schema_types_the_events_of_a_response_that_may_also_be_json() {
    let server = Server::start(vec![
        events(
            ": opening comment\n\
             event: delta\ndata: {\"index\":0,\"text\":\"Hel\"}\n\n\
             data: {\"index\":1,\n\
             data: \"text\":\"lo\"}\n\n\
             data: [DONE]\n\n",
        ),
        Reply::json(200, r#"{"text": "Hello"}"#),
    ])
    .await;
    let client = client(&server);
    let body = api::types::ChatBody {
        prompt: "hi".into(),
        stream: Some(true),
    };
    let api::requests::ChatResponse200Body::Events(mut deltas) =
        client.chat(body.clone()).await.expect("the stream starts")
    else {
        panic!("an event stream answers as events");
    };
    let first = deltas.next().await.expect("an event").expect("a delta");
    assert_eq!(first.event.as_deref(), Some("delta"));
    assert_eq!((first.data.index, first.data.text.as_str()), (0, "Hel"));
    let second = deltas.next().await.expect("an event").expect("a delta");
    assert_eq!(second.data.text, "lo", "two data lines are one JSON text");
    assert!(deltas.next().await.is_none(), "[DONE] ends the stream");
    let request = server.requests().remove(0);
    assert_eq!(
        request.header("accept"),
        Some("application/json, text/event-stream")
    );

    match client.chat(body).await.expect("the JSON answer") {
        api::requests::ChatResponse200Body::Json(answer) => assert_eq!(answer.text, "Hello"),
        other => panic!("expected JSON, got {other:?}"),
    }
}

#[tokio::test]
async fn an_event_schema_with_data_types_the_data_and_no_schema_is_text() {
    let server = Server::start(vec![
        events("data: {\"index\":3,\"text\":\"x\"}\n\n"),
        events("data: tick 1\n\ndata: tick 2\n\n"),
    ])
    .await;
    let client = client(&server);
    let deltas: Vec<_> = client.watch_deltas().await.expect("deltas").collect().await;
    assert_eq!(deltas.len(), 1);
    assert_eq!(deltas[0].as_ref().expect("a delta").data.index, 3);
    let ticks: Vec<String> = client
        .watch_ticks()
        .await
        .expect("ticks")
        .map(|tick| tick.expect("a tick").data)
        .collect()
        .await;
    assert_eq!(ticks, ["tick 1", "tick 2"]);
}

#[tokio::test]
async fn an_error_status_of_a_stream_is_the_documented_error() {
    let server = Server::start(vec![Reply::json(429, r#"{"detail": "slow down"}"#)]).await;
    let body = api::types::ChatBody {
        prompt: "hi".into(),
        stream: Some(true),
    };
    match client(&server).chat(body).await {
        Err(Error::Api(error)) => assert_eq!(error.status(), 429),
        other => panic!("expected the 429, got {other:?}"),
    }
}

#[tokio::test]
async fn json_lines_are_typed_items() {
    let server = Server::start(vec![
        Reply::status(200)
            .header("content-type", "application/x-ndjson")
            .body("{\"level\":\"info\",\"message\":\"up\"}\n{\"level\":\"warn\",\"message\":\"slow\"}\n"),
    ])
    .await;
    let lines: Vec<api::types::LogLine> = client(&server)
        .export_logs()
        .await
        .expect("the lines")
        .map(|line| line.expect("a log line"))
        .collect()
        .await;
    let levels: Vec<&str> = lines.iter().map(|line| line.level.as_str()).collect();
    assert_eq!(levels, ["info", "warn"]);
}

#[tokio::test]
async fn dropshot_pages_are_followed_to_the_last() {
    let server = Server::start(vec![
        Reply::json(
            200,
            r#"{"items": [{"id": "1", "name": "a"}, {"id": "2", "name": "b"}], "next_page": "t2"}"#,
        ),
        Reply::json(
            200,
            r#"{"items": [{"id": "3", "name": "c"}], "next_page": "t3"}"#,
        ),
        Reply::json(
            200,
            r#"{"items": [{"id": "4", "name": "d"}], "next_page": null}"#,
        ),
    ])
    .await;
    let names: Vec<String> = client(&server)
        .instance_list()
        .limit(2)
        .items()
        .map(|instance| instance.expect("an instance").name)
        .collect()
        .await;
    assert_eq!(names, ["a", "b", "c", "d"]);
    let queries: Vec<Vec<(String, String)>> = server
        .requests()
        .iter()
        .map(|request| request.query_pairs())
        .collect();
    let pair = |name: &str, value: &str| (name.to_owned(), value.to_owned());
    assert_eq!(
        queries,
        [
            vec![pair("limit", "2")],
            vec![pair("limit", "2"), pair("page_token", "t2")],
            vec![pair("limit", "2"), pair("page_token", "t3")],
        ]
    );
}

#[tokio::test]
async fn a_failed_page_is_one_error_then_the_end() {
    let server = Server::start(vec![
        Reply::json(
            200,
            r#"{"items": [{"id": "1", "name": "a"}], "next_page": "t2"}"#,
        ),
        Reply::json(404, r#"{"message": "gone"}"#),
    ])
    .await;
    let mut pages = client(&server).instance_list().pages();
    assert_eq!(
        pages
            .next()
            .await
            .expect("a page")
            .expect("the first")
            .items
            .len(),
        1
    );
    assert!(matches!(pages.next().await, Some(Err(Error::Api(_)))));
    assert!(pages.next().await.is_none());
}

#[tokio::test]
async fn a_stripe_style_setting_pages_by_the_last_item() {
    let server = Server::start(vec![
        Reply::json(200, r#"{"data": [{"id": "ch_1", "amount": 5}, {"id": "ch_2", "amount": 7}], "has_more": true}"#),
        Reply::json(200, r#"{"data": [{"id": "ch_3", "amount": 9}], "has_more": false}"#),
    ])
    .await;
    let client = stripe_style::Client::from_transport(loopback(
        stripe_style::Client::transport_builder(),
        &server,
    ));
    let amounts: Vec<i64> = client
        .list_charges_stream()
        .map(|charge| charge.expect("a charge").amount)
        .collect()
        .await;
    assert_eq!(amounts, [5, 7, 9]);
    let requests = server.requests();
    assert_eq!(requests.len(), 2, "has_more: false is the last page");
    assert_eq!(requests[1].raw_query(), Some("starting_after=ch_2"));
}

#[tokio::test]
async fn a_link_header_setting_follows_rel_next_on_the_same_origin_only() {
    let server = Server::start(Vec::new()).await;
    let next = format!("{}/v1/repos?per_page=1&page=2", server.url());
    server.script(vec![
        Reply::json(200, r#"[{"name": "jeri"}]"#).header(
            "link",
            &format!("<{next}>; rel=\"next\", <{next}>; rel=\"last\""),
        ),
        Reply::json(200, r#"[{"name": "serde"}]"#).header(
            "link",
            "<https://elsewhere.example/v1/repos?page=3>; rel=\"next\"",
        ),
    ]);
    let client = link_header::Client::from_transport(loopback(
        link_header::Client::transport_builder(),
        &server,
    ));
    let mut repos = client.list_repos().per_page(1).items();
    assert_eq!(
        repos.next().await.expect("a repo").expect("jeri").name,
        "jeri"
    );
    assert_eq!(
        repos.next().await.expect("a repo").expect("serde").name,
        "serde"
    );
    // A next link to another origin is not followed: the credentials stay home.
    match repos.next().await {
        Some(Err(Error::InvalidInput { message, .. })) => assert!(message.contains("origin")),
        other => panic!("expected the refusal, got {other:?}"),
    }
    assert!(repos.next().await.is_none());
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].raw_query(), Some("per_page=1&page=2"));
}
