//! Responses in media types other than JSON (`tests/specs/negotiation.yaml`): the `Accept`
//! header names the media types an operation's responses are documented in, so a server
//! that negotiates answers in one the generated decoder reads; and a response documented
//! in media types of different kinds (`getExport`) is decoded by its `Content-Type` into
//! the matching variant of its body enum (JSON and `+json` typed, `text/*` as text,
//! `image/*` and `application/octet-stream` as bytes), anything else being
//! `Error::ContentType` with the status and the start of the body.

use jeri_runtime::Error;
use jeri_test_support::{Reply, Server};

mod reports {
    jeri_macros::generate!("../../specs/negotiation.yaml");
}

use reports::requests::{GetExportResponse, GetExportResponse200Body as Body};
use reports::types::GetExportResponseN200 as Export;

fn client(server: &Server) -> reports::Client {
    let transport = reports::Client::transport_builder()
        .base_url(server.url())
        .build()
        .expect("a transport for the loopback server");
    reports::Client::from_transport(transport)
}

#[tokio::test]
async fn each_operation_asks_for_its_documented_media_types() {
    let server = Server::start(vec![
        Reply::status(200)
            .header("content-type", "text/csv")
            .body("a,b\n1,2\n"),
        Reply::status(200)
            .header("content-type", "image/png")
            .body(vec![0x89, b'P', b'N', b'G']),
        Reply::json(200, r#"{"rows":3}"#),
    ])
    .await;
    let client = client(&server);

    assert_eq!(client.get_report().await.expect("report"), "a,b\n1,2\n");
    assert_eq!(
        client.get_chart().await.expect("chart"),
        [0x89, b'P', b'N', b'G']
    );
    assert_eq!(
        client.get_summary().await.expect("summary"),
        reports::requests::GetSummaryResponse200Body::Json(
            reports::types::GetSummaryResponseN200 { rows: Some(3) }
        )
    );

    let accepts: Vec<Option<String>> = server
        .requests()
        .iter()
        .map(|request| request.header("accept").map(str::to_owned))
        .collect();
    assert_eq!(
        accepts,
        [
            Some("text/csv, application/problem+json".to_owned()),
            Some("image/*".to_owned()),
            // A response offered in several media types is decoded by its Content-Type,
            // so every one is acceptable.
            Some("text/plain, application/json".to_owned()),
        ]
    );
}

fn reply(content_type: &str, body: &[u8]) -> Reply {
    Reply::status(200)
        .header("content-type", content_type)
        .body(body.to_vec())
}

#[tokio::test]
async fn one_operation_answers_in_each_documented_media_type() {
    let server = Server::start(vec![
        Reply::json(200, r#"{"rows":3}"#),
        reply("Application/Problem+JSON; charset=utf-8", br#"{"rows":4}"#),
        reply("text/plain; charset=utf-8", b"3 rows"),
        reply("image/png", &[0x89, b'P', b'N', b'G']),
        reply("application/octet-stream", &[0, 1, 2]),
        // Without a Content-Type the body is read as the first variant.
        Reply::status(200).body(r#"{"rows":5}"#),
        Reply::status(202),
    ])
    .await;
    let client = client(&server);

    let mut answers = Vec::new();
    for _ in 0..7 {
        answers.push(client.get_export().await.expect("a documented answer"));
    }
    let json = |rows| GetExportResponse::Status200(Body::Json(Export { rows: Some(rows) }));
    assert_eq!(
        answers,
        [
            json(3),
            json(4),
            GetExportResponse::Status200(Body::Text("3 rows".to_owned())),
            GetExportResponse::Status200(Body::Bytes(vec![0x89, b'P', b'N', b'G'])),
            GetExportResponse::Status200(Body::Bytes(vec![0, 1, 2])),
            json(5),
            GetExportResponse::Status202,
        ]
    );

    // Every documented media type is acceptable, in the order documented.
    let accept = server.requests()[0].header("accept").map(str::to_owned);
    assert_eq!(
        accept.as_deref(),
        Some(
            "application/json, application/problem+json, text/plain, image/*, \
             application/octet-stream"
        )
    );
}

#[tokio::test]
async fn an_undocumented_content_type_is_a_content_type_error_keeping_status_and_body() {
    let server = Server::start(vec![
        reply("application/xml", b"<rows>3</rows>"),
        reply("text/html", b"<p>3 rows</p>"),
    ])
    .await;
    let client = client(&server);

    for (expected_type, expected_body) in [
        ("application/xml", "<rows>3</rows>"),
        ("text/html", "<p>3 rows</p>"),
    ] {
        match client.get_export().await {
            Err(Error::ContentType {
                operation,
                status,
                content_type,
                excerpt,
                ..
            }) => {
                assert_eq!(operation, "getExport");
                assert_eq!(status, 200);
                assert_eq!(content_type, expected_type);
                assert_eq!(excerpt, expected_body);
            }
            other => panic!("expected Error::ContentType for {expected_type}, got {other:?}"),
        }
    }
}
