//! The checked-in snapshot of the server generated for `spec/openapi.yaml`
//! (`jeri-macros/jeri-codegen/tests/snapshots/jeri-server.rs.snap`) is compiled and served
//! here, so it cannot drift into code that no longer builds: an implementation of nothing
//! answers with the checks alone.

mod support;

use support::{details, send, serve};

/// The snapshot as a module; not every generated item is used here.
#[allow(dead_code)]
mod snapshot {
    include!("../../../jeri-macros/jeri-codegen/tests/snapshots/jeri-server.rs.snap");
}

use snapshot::server;

/// The JeriCommerce server with no operation implemented.
struct Unimplemented;
impl jeri_server::Answers for Unimplemented {}
impl server::Server for Unimplemented {}

#[tokio::test]
async fn the_snapshot_checks_requests_before_answering_501() {
    let base = serve(server::router(Unimplemented)).await;
    let http = reqwest::Client::new();
    let status_url = format!("{base}/v1/status");

    let (status, _, _) = send(http.get(&status_url)).await;
    assert_eq!(status, 401);
    let (status, _, body) = send(http.get(&status_url).header("api-key", "k")).await;
    assert_eq!((status, body["status"].as_u64()), (501, Some(501)));

    let (status, _, body) = send(
        http.post(format!("{base}/v1/programs/p/balance/increase"))
            .header("api-key", "k")
            .header("content-type", "application/json")
            .body(r#"[{"email":"nope","amount":0}]"#),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        details(&body),
        [
            "0.reason is required",
            "0.email must be a valid `email`",
            "0.amount must be >= 1"
        ]
    );
}
