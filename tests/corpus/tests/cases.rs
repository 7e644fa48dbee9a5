#![cfg(corpus)]
//! Each case of `../shared/cases/` (other generators' bug reports) as a loopback test whose
//! assertion is the case's `# check:` line, quoted above each test.

use jeri_corpus::cases::{
    graphql_request_body, http_basic_security, octet_stream_plain_string_schema,
    status_code_ranges, text_plain_response,
};
use jeri_runtime::{Error, Transport};
use jeri_test_support::{Reply, Server};

fn transport(server: &Server) -> Transport {
    Transport::builder()
        .base_url(server.url())
        .build()
        .expect("a transport for the loopback server")
}

/// 10: "the operation is generated (not refused); the body is sent as JSON text with
/// Content-Type application/graphql, and the 200 body is typed GraphQLResponse".
#[tokio::test]
async fn case_10_graphql_body_is_json_text_under_its_own_media_type() {
    use graphql_request_body::{Client, types};
    let server = Server::start(vec![Reply::json(200, r#"{"data": {"me": {"id": "7"}}}"#)]).await;
    let client = Client::from_transport(transport(&server));
    let body: types::GraphQlRequest =
        serde_json::from_value(serde_json::json!({"query": "{ me { id } }"})).expect("a request");
    let response: types::GraphQlResponse = client
        .execute_graphql("shop", body)
        .await
        .expect("the 200 body decodes");
    assert_eq!(
        serde_json::to_value(&response).expect("re-encodes")["data"]["me"]["id"],
        "7"
    );
    let request = server.single();
    assert_eq!(request.path(), "/shop/graphql");
    assert_eq!(request.header("content-type"), Some("application/graphql"));
    assert_eq!(
        request.json(),
        serde_json::json!({"query": "{ me { id } }"})
    );
}

/// 11: "uploadBlob takes raw bytes (e.g. Vec<u8> or something convertible into a body)
/// and sends them unchanged with Content-Type application/octet-stream".
#[tokio::test]
async fn case_11_octet_stream_body_is_sent_unchanged() {
    use octet_stream_plain_string_schema::Client;
    let server = Server::start(vec![Reply::json(201, r#"{"key": "k", "size": 256}"#)]).await;
    let client = Client::from_transport(transport(&server));
    let bytes: Vec<u8> = (0..=255).collect();
    client
        .upload_blob("k", bytes.clone())
        .await
        .expect("the 201 body decodes");
    let request = server.single();
    assert_eq!(
        request.header("content-type"),
        Some("application/octet-stream")
    );
    assert_eq!(request.body, bytes);
}

/// 12: "getGreeting returns the response text to the caller as a String (not a raw byte
/// stream the caller must collect, and not discarded)".
#[tokio::test]
async fn case_12_text_plain_response_is_a_string() {
    use text_plain_response::Client;
    let server = Server::start(vec![
        Reply::status(200)
            .header("content-type", "text/plain; charset=utf-8")
            .body("Hello, Ada"),
        Reply::status(400)
            .header("content-type", "text/plain")
            .body("name rejected"),
    ])
    .await;
    let client = Client::from_transport(transport(&server));
    let greeting: String = client.get_greeting().name("Ada").await.expect("a greeting");
    assert_eq!(greeting, "Hello, Ada");
    assert_eq!(server.requests()[0].raw_query(), Some("name=Ada"));
    match client.get_greeting().await {
        Err(Error::Api(error)) => {
            assert_eq!(error.status(), 400);
            assert_eq!(error.raw_text(), "name rejected");
        }
        other => panic!("expected the 400 text kept in the error, got {other:?}"),
    }
}

/// 14: "a 202 from submitJob decodes as Job through the 2XX entry; a 404 from getJob
/// yields NotFound, a 409 yields Problem (4XX), a 503 yields ServerFault (5XX)".
#[tokio::test]
async fn case_14_status_ranges_and_explicit_codes() {
    use status_code_ranges::{Client, types};
    let server = Server::start(vec![
        Reply::json(202, r#"{"id": "j1", "state": "queued"}"#),
        Reply::json(404, r#"{"resource": "job"}"#),
        Reply::json(409, r#"{"title": "busy"}"#),
        Reply::json(503, r#"{"retryAfterSeconds": 5}"#),
    ])
    .await;
    let client = Client::from_transport(transport(&server));
    let spec: types::JobSpec =
        serde_json::from_value(serde_json::json!({"command": "make"})).expect("a job spec");
    let job = client.submit_job(spec).await.expect("202 decodes as Job");
    assert_eq!(job.id, "j1");
    let Err(Error::Api(not_found)) = client.get_job("j1").await else {
        panic!("404 is an error");
    };
    let body = not_found
        .body::<types::NotFound>()
        .expect("404 is NotFound");
    assert_eq!(body.resource.as_deref(), Some("job"));
    let Err(Error::Api(conflict)) = client.get_job("j1").await else {
        panic!("409 is an error");
    };
    let problem = conflict
        .body::<types::Problem>()
        .expect("409 is Problem (4XX)");
    assert_eq!(problem.title.as_deref(), Some("busy"));
    let Err(Error::Api(fault)) = client.get_job("j1").await else {
        panic!("503 is an error");
    };
    let fault = fault
        .body::<types::ServerFault>()
        .expect("503 is ServerFault (5XX)");
    assert_eq!(fault.retry_after_seconds, Some(5));
}

/// 15: "the caller can supply a username and password, and listIdentities is sent with
/// Authorization: Basic base64("user:password"); getIdentity works with either
/// credential".
#[tokio::test]
async fn case_15_basic_auth_alone_and_as_an_alternative_to_bearer() {
    use http_basic_security::Client;
    let server = Server::start(vec![
        Reply::json(200, r#"[{"id": "i1"}]"#),
        Reply::json(200, r#"{"id": "i1"}"#),
        Reply::json(200, r#"{"id": "i1"}"#),
    ])
    .await;
    let basic = Transport::builder()
        .base_url(server.url())
        .basic_auth("user", "password")
        .build()
        .expect("a transport");
    let client = Client::from_transport(basic);
    let identities = client.list_identities().await.expect("a list");
    assert_eq!(identities.len(), 1);
    client.get_identity("i1").await.expect("basic works");
    let bearer = Transport::builder()
        .base_url(server.url())
        .bearer_token("jwt")
        .build()
        .expect("a transport");
    Client::from_transport(bearer)
        .get_identity("i1")
        .await
        .expect("bearer works");
    let requests = server.requests();
    // base64("user:password")
    let expected = "Basic dXNlcjpwYXNzd29yZA==";
    assert_eq!(requests[0].header("authorization"), Some(expected));
    assert_eq!(requests[1].header("authorization"), Some(expected));
    assert_eq!(requests[2].header("authorization"), Some("Bearer jwt"));
    // Without credentials nothing is sent.
    let none = Client::from_transport(transport(&server));
    assert!(matches!(
        none.list_identities().await,
        Err(Error::MissingCredentials { .. })
    ));
    assert_eq!(server.count(), 3);
}
