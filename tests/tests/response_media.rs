//! A response documented in media types of different kinds is decoded by its
//! `Content-Type` into the matching variant of its body enum
//! (`tests/specs/negotiation.yaml`, `getExport`): JSON and `+json` typed, `text/*` as text,
//! `image/*` and `application/octet-stream` as bytes; anything else is
//! `Error::ContentType` with the status and the start of the body.

use jeri_runtime::Error;
use jeri_test_support::{Reply, Server};

mod reports {
    jeri_macros::generate!("../specs/negotiation.yaml");
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
