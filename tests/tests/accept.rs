//! The `Accept` header names the media types an operation's responses are documented in
//! (`tests/specs/negotiation.yaml`), so a server that negotiates answers in the one the
//! generated decoder reads.

use jeri_test_support::{Reply, Server};

mod reports {
    jeri_macros::generate!("../specs/negotiation.yaml");
}

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
