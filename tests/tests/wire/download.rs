//! `send_streaming()`: a success body read in chunks as it arrives, past the transport's
//! largest-body limit, and error statuses decoded as `send()` decodes them
//! (`tests/specs/negotiation.yaml`, over loopback).

use jeri_runtime::Error;
use jeri_test_support::{Reply, Server};
use jeri_tests::fixtures::loopback;

mod reports {
    jeri_macros::generate!("../../specs/negotiation.yaml");
}

fn client(server: &Server, max_body_size: usize) -> reports::Client {
    let builder = reports::Client::transport_builder().max_body_size(max_body_size);
    reports::Client::from_transport(loopback(builder, server))
}

#[tokio::test]
async fn a_download_larger_than_the_body_limit_arrives_whole_in_chunks() {
    let image: Vec<u8> = (0..3 * 1024 * 1024).map(|i: u32| (i % 251) as u8).collect();
    let server = Server::start(vec![
        Reply::status(200)
            .header("content-type", "image/png")
            .body(image.clone()),
        Reply::status(200)
            .header("content-type", "image/png")
            .body(image.clone()),
    ])
    .await;
    let client = client(&server, 64 * 1024);

    // Buffered, the same body is refused by the limit…
    match client.get_chart().await {
        Err(Error::BodyTooLarge { operation, .. }) => assert_eq!(operation, "getChart"),
        other => panic!("expected BodyTooLarge, got {other:?}"),
    }
    // …streamed, it arrives whole.
    let mut download = client.get_chart().send_streaming().await.expect("getChart");
    assert_eq!(download.status(), 200);
    assert_eq!(
        download
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("image/png")
    );
    let mut received = Vec::new();
    let mut chunks = 0;
    while let Some(chunk) = download.chunk().await.expect("a chunk") {
        assert!(chunk.len() <= image.len());
        received.extend_from_slice(&chunk);
        chunks += 1;
    }
    assert!(chunks > 1, "a 3 MiB body comes in several chunks");
    assert_eq!(received, image);
    assert!(download.chunk().await.expect("the end").is_none());
}

#[tokio::test]
async fn a_documented_error_is_decoded_as_send_decodes_it() {
    let server = Server::start(vec![
        Reply::status(404)
            .header("content-type", "application/problem+json")
            .body(r#"{"title":"no report yet"}"#),
    ])
    .await;
    let error = client(&server, 1024)
        .get_report()
        .send_streaming()
        .await
        .expect_err("404 is an error");
    assert_eq!(error.status(), Some(404));
    match error {
        Error::Api(api) => assert!(api.raw_text().contains("no report yet")),
        other => panic!("expected an API error, got {other:?}"),
    }
}
