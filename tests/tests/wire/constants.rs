//! A string schema with one allowed value is a constant, for `tests/specs/constants.yaml`:
//! alternatives of a union without a discriminator that differ only in such a value are
//! told apart by it (an open enum would let the first alternative take every body), the
//! value is sent as the string, and a query parameter of that type is its text. A
//! parameter named `base` keeps its name beside the request's own fields.

use jeri_runtime::Error;
use jeri_tests::fixtures::loopback;
use jeri_tests::recording::{Reply, Server};

mod api {
    jeri_macros::generate!("../../specs/constants.yaml");
}

use api::types::{DiskSource, DiskSourceGlobalImage, DiskSourceGlobalImageType};

fn client(server: &Server) -> api::Client {
    let builder = api::Client::transport_builder();
    api::Client::from_transport(loopback(builder, server))
}

#[tokio::test]
async fn the_pinned_value_picks_the_alternative_both_ways() {
    let answer = r#"{"type":"global_image","image_id":"img-2"}"#;
    let server = Server::start(vec![Reply::json(200, answer)]).await;
    // The constructor fills in the constant; the value can be named too.
    let source = DiskSource::GlobalImage(DiskSourceGlobalImage::new("img-2"));
    assert_eq!(
        source,
        DiskSource::GlobalImage(DiskSourceGlobalImage {
            r#type: DiskSourceGlobalImageType::new(),
            image_id: "img-2".to_owned(),
        })
    );
    let stored = client(&server)
        .put_source(source.clone())
        .kind(Default::default())
        .base("main")
        .await
        .expect("stored");
    let sent = server.single();
    assert_eq!(String::from_utf8_lossy(&sent.body), answer);
    assert_eq!(sent.target, "/sources?kind=blank&base=main");
    // The first alternative has the same shape; the value says it is the second.
    assert_eq!(stored, source);
}

#[tokio::test]
async fn a_value_no_alternative_names_does_not_decode() {
    let server = Server::start(vec![Reply::json(
        200,
        r#"{"type":"snapshot","image_id":"img-3"}"#,
    )])
    .await;
    let source = DiskSource::GlobalImage(DiskSourceGlobalImage::new("img-3"));
    let error = client(&server)
        .put_source(source)
        .await
        .expect_err("no alternative is a snapshot");
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
}
