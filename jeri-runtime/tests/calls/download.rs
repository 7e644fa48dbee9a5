//! `execute_streaming`: what a decoder accepts outside `2xx` comes back already read;
//! what it refuses is its error. (Generated decoders accept only `2xx`, which
//! jeri-tests' `download.rs` streams.)

use crate::support::{GET_CUSTOMER, Reply, Server, ServerExt};
use jeri_runtime::{Call, CallOptions, Error, Received, execute_streaming};

/// A hand-written decoder for which `304 Not Modified` is a success.
fn not_modified_is_fine(received: Received) -> Result<(), Error> {
    match received.status() {
        200 | 304 => Ok(()),
        _ => Err(received.unexpected()),
    }
}

fn call(server: &Server) -> Result<Call, Error> {
    let mut call = Call::new(&server.transport(), &GET_CUSTOMER, CallOptions::default());
    call.path_literal("/v1/programs/p1/customers/ada");
    Ok(call)
}

#[tokio::test]
async fn a_success_outside_2xx_is_handed_out_from_the_read_body() {
    let server = Server::start(vec![
        Reply::status(304).header("etag", "\"v1\""),
        Reply::status(410).body("gone for good"),
    ])
    .await;

    let mut download = execute_streaming(call(&server), not_modified_is_fine)
        .await
        .expect("304 is a success for this decoder");
    assert_eq!(download.status(), 304);
    assert_eq!(
        download.headers().get("etag").and_then(|v| v.to_str().ok()),
        Some("\"v1\"")
    );
    assert!(download.chunk().await.expect("no body").is_none());

    let error = execute_streaming(call(&server), not_modified_is_fine)
        .await
        .expect_err("410 is refused by the decoder");
    match error {
        Error::Api(api) => {
            assert_eq!(api.status(), 410);
            assert_eq!(api.raw_text(), "gone for good");
        }
        other => panic!("expected the decoder's error, got {other:?}"),
    }
}
