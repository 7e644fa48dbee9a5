//! The exact request the runtime puts on the wire.

use crate::support::ServerExt as _;

use std::collections::HashMap;

use crate::support::{API_KEY, API_KEY_HEADER, Reply, Server, get_customer, redeem};
use jeri_runtime::{Call, CallOptions, Error, Method, OperationInfo};

static GET_TOKEN: OperationInfo = OperationInfo {
    id: "getCustomerToken",
    method: Method::Get,
    path: "/v1/programs/{programId}/customers/token",
    security: &[&[API_KEY_HEADER]],
};

#[tokio::test]
async fn get_sends_method_path_and_standard_headers() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let response = get_customer(
        &server.transport(),
        "prog-1",
        "ana@example.com",
        CallOptions::new(),
    )
    .await
    .expect("response");
    assert_eq!(response.status(), 200);

    let request = server.single();
    assert_eq!(request.method, "GET");
    assert_eq!(
        request.target,
        "/v1/programs/prog-1/customers/ana%40example.com"
    );
    assert_eq!(request.header("api-key"), Some(API_KEY));
    assert_eq!(request.header("accept"), Some("application/json"));
    assert_eq!(
        request.header("user-agent"),
        Some(concat!("jeri-runtime/", env!("CARGO_PKG_VERSION")))
    );
    assert_eq!(request.header("content-type"), None);
    assert_eq!(request.header("authorization"), None);
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn path_params_are_single_encoded_segments() {
    let cases = [
        ("a/b", "a%2Fb"),
        ("../../admin", "..%2F..%2Fadmin"),
        ("...", "..."),
        ("what?#frag", "what%3F%23frag"),
        ("100%", "100%25"),
        ("%2E%2E", "%252E%252E"),
        ("a+b c", "a%2Bb%20c"),
        ("ñandú@例え.jp", "%C3%B1and%C3%BA%40%E4%BE%8B%E3%81%88.jp"),
    ];
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let transport = server.transport();
    for (value, _) in cases {
        get_customer(&transport, "p", value, CallOptions::new())
            .await
            .expect("response");
    }
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    let expected: Vec<String> = cases
        .iter()
        .map(|(_, encoded)| format!("/v1/programs/p/customers/{encoded}"))
        .collect();
    assert_eq!(targets, expected);
}

#[tokio::test]
async fn params_that_would_change_the_target_are_rejected_before_sending() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let transport = server.transport();
    for value in ["", ".", ".."] {
        let result = get_customer(&transport, "p", value, CallOptions::new()).await;
        match result {
            Err(Error::InvalidInput { operation, message }) => {
                assert_eq!(operation, "getCustomer");
                assert!(message.contains("`email`"), "{message}");
            }
            other => panic!("{value:?}: expected InvalidInput, got {other:?}"),
        }
    }
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn base_url_path_is_a_prefix() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    for base in [
        format!("{}/api", server.url()),
        format!("{}/api/", server.url()),
    ] {
        let transport = server.builder().base_url(base).build().expect("transport");
        get_customer(&transport, "p", "e", CallOptions::new())
            .await
            .expect("response");
    }
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(targets, ["/api/v1/programs/p/customers/e"; 2]);
}

#[tokio::test]
async fn query_is_form_encoded_in_order() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let transport = server.transport();
    let mut call = Call::new(&transport, &GET_TOKEN, CallOptions::new());
    call.path_literal("/v1/programs/");
    call.path_param("programId", &"p").expect("param");
    call.path_literal("/customers/token");
    call.query("email", &"ana+vip@example.com");
    call.query("token_type", &"auth");
    call.query("note", &"a b&c=d/é");
    call.query("expires_in", &3600);
    call.send().await.expect("response");

    let request = server.single();
    assert_eq!(
        request.target,
        "/v1/programs/p/customers/token?email=ana%2Bvip%40example.com&token_type=auth\
         &note=a+b%26c%3Dd%2F%C3%A9&expires_in=3600"
    );
}

/// The query is written into the URL as it is added; path pieces added after it still
/// go into the path, and query parameters that produce no pair add no `?`.
#[tokio::test]
async fn path_pieces_after_the_query_still_go_into_the_path() {
    let server = Server::start(vec![Reply::json(200, "{}"), Reply::json(200, "{}")]).await;
    let transport = server.transport();
    let mut call = Call::new(&transport, &GET_TOKEN, CallOptions::new());
    call.path_literal("/v1/programs/");
    call.query("email", &"ana+vip@example.com");
    call.path_param("programId", &"p q").expect("param");
    call.query_exploded("tag", &Vec::<String>::new())
        .expect("no pairs");
    call.path_literal("/customers/token");
    call.query("expires_in", &3600);
    call.send().await.expect("response");

    let mut call = Call::new(&transport, &GET_TOKEN, CallOptions::new());
    call.path_literal("/v1/programs/p/customers/token");
    call.query_exploded("tag", &Vec::<String>::new())
        .expect("no pairs");
    call.send().await.expect("response");

    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(
        targets,
        [
            "/v1/programs/p%20q/customers/token?email=ana%2Bvip%40example.com&expires_in=3600",
            "/v1/programs/p/customers/token",
        ]
    );
}

#[tokio::test]
async fn post_sends_a_json_body() {
    let server = Server::start(vec![Reply::json(201, "{}")]).await;
    let response = redeem(&server.transport(), CallOptions::new())
        .await
        .expect("response");
    assert_eq!(response.status(), 201);

    let request = server.single();
    assert_eq!(request.method, "POST");
    assert_eq!(request.target, "/v1/programs/p1/rewards/r1/redeem");
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(request.header("api-key"), Some(API_KEY));
    let body: serde_json::Value = serde_json::from_slice(&request.body).expect("JSON body");
    assert_eq!(body, serde_json::json!({ "email": "ana@example.com" }));
}

#[tokio::test]
async fn header_params_are_sent_and_validated() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let transport = server.transport();

    let mut call = Call::new(&transport, &GET_TOKEN, CallOptions::new());
    call.path_literal("/v1/status");
    call.header("X-Request-Id", &"req-7").expect("valid header");
    call.send().await.expect("response");
    assert_eq!(server.single().header("x-request-id"), Some("req-7"));

    let mut call = Call::new(&transport, &GET_TOKEN, CallOptions::new());
    let result = call.header("X-Request-Id", &"line\r\nInjected: yes");
    assert!(matches!(
        result,
        Err(Error::InvalidInput {
            operation: "getCustomerToken",
            ..
        })
    ));
    let result = call.header("Bad Name", &"value");
    assert!(matches!(result, Err(Error::InvalidInput { .. })));
}

#[tokio::test]
async fn unserializable_body_is_invalid_input() {
    let transport = jeri_runtime::Transport::builder()
        .base_url("http://127.0.0.1:9")
        .api_key(API_KEY)
        .build()
        .expect("transport");
    let mut call = Call::new(&transport, &GET_TOKEN, CallOptions::new());
    let body: HashMap<(u8, u8), u8> = HashMap::from([((1, 2), 3)]);
    let result = call.json_body(&body);
    match result {
        Err(Error::InvalidInput { message, .. }) => assert!(message.contains("JSON"), "{message}"),
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

static GET_FILE: OperationInfo = OperationInfo {
    id: "getFile",
    method: Method::Get,
    path: "/v1/{bucket}/files/{name}.json",
    security: &[&[API_KEY_HEADER]],
};

static UNCLOSED: OperationInfo = OperationInfo {
    id: "unclosed",
    method: Method::Get,
    path: "/v1/{bucket}/a{b",
    security: &[&[API_KEY_HEADER]],
};

#[tokio::test]
async fn path_params_walk_the_template_in_order() {
    let server = Server::start(vec![Reply::json(200, "{}"), Reply::json(200, "{}")]).await;
    let transport = server.transport();
    let base = jeri_runtime::RequestBase::new(&transport);
    let mut call = base.call(&GET_FILE);
    call.path_params(&[&"b 1", &7])
        .expect("two values for two names");
    call.query_optional("limit", &Some(5));
    call.query_optional::<u32>("page", &None);
    call.send().await.expect("response");

    // An unclosed `{` is literal text, encoded as any other.
    let mut call = jeri_runtime::RequestBase::new(&transport).call(&UNCLOSED);
    call.path_params(&[&"x"]).expect("one value for one name");
    call.send().await.expect("response");

    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(targets, ["/v1/b%201/files/7.json?limit=5", "/v1/x/a%7Bb"]);
}

#[tokio::test]
async fn path_params_refuse_a_count_the_template_does_not_name() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let transport = server.transport();
    let cases: [(&[&dyn std::fmt::Display], &str); 3] = [
        (&[&"b"], "more parameters"),
        (&[&"b", &"n", &"extra"], "fewer parameters"),
        (&[&"b", &".."], "`name` cannot be \"..\""),
    ];
    for (values, expected) in cases {
        let mut call = jeri_runtime::RequestBase::new(&transport).call(&GET_FILE);
        match call.path_params(values) {
            Err(Error::InvalidInput { operation, message }) => {
                assert_eq!(operation, "getFile");
                assert!(message.contains(expected), "{message}");
            }
            other => panic!("expected InvalidInput for {expected}, got {other:?}"),
        }
    }
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn a_request_base_carries_its_call_options() {
    // One attempt only: the 503 is not retried although GET is idempotent.
    let server = Server::start(vec![Reply::json(503, "{}"), Reply::json(200, "{}")]).await;
    let mut base = jeri_runtime::RequestBase::new(&server.transport());
    base.set_options(CallOptions::new().max_attempts(1));
    let mut call = base.call(&GET_FILE);
    call.path_params(&[&"b", &"n"]).expect("values");
    let response = call.send().await.expect("response");
    assert_eq!(response.status(), 503);
    assert_eq!(server.count(), 1);
}

/// `getFile` as generated code describes an operation whose arguments are all required.
struct GetFileOperation(());

impl jeri_runtime::Operation for GetFileOperation {
    type Args = (String, u32);
    type Output = serde_json::Value;
    const OPERATION: &'static OperationInfo = &GET_FILE;

    fn encode(call: &mut Call, (bucket, name): Self::Args) -> Result<(), Error> {
        call.path_params(&[&bucket, &name])
    }

    fn decode(received: jeri_runtime::Received) -> Result<serde_json::Value, Error> {
        match received.status() {
            200 => received.json(),
            _ => received.unexpected_result(),
        }
    }
}

type GetFileRequest = jeri_runtime::Prepared<GetFileOperation>;

#[tokio::test]
async fn a_prepared_request_sends_awaits_and_keeps_its_options() {
    let server = Server::start(vec![
        Reply::json(200, r#"{"n":1}"#),
        Reply::json(503, "{}"),
        Reply::json(200, r#"{"n":3}"#),
        Reply::json(200, "[]"),
    ])
    .await;
    let transport = server.transport();
    let request = GetFileRequest::new(&transport, ("b 1".to_owned(), 7), GetFileOperation(()));
    // The arguments and the per-call options; the transport is the client's.
    assert_eq!(
        format!("{request:?}"),
        format!(
            "Prepared {{ operation: \"getFile\", args: (\"b 1\", 7), base: RequestBase {{ options: {:?}, .. }} }}",
            CallOptions::new()
        )
    );
    let copy = request.clone();
    assert_eq!(request.await.expect("awaited")["n"], 1);
    // One attempt only: the 503 is not retried although GET is idempotent.
    let single = copy.options(CallOptions::new().max_attempts(1));
    let unexpected = single.send_with_response().await.map(|r| r.status());
    assert_eq!(unexpected.err().and_then(|error| error.status()), Some(503));
    let with_response = GetFileRequest::new(&transport, ("b".to_owned(), 3), GetFileOperation(()))
        .send_with_response()
        .await
        .expect("response");
    assert_eq!(with_response.status(), 200);
    assert_eq!(with_response.into_value()["n"], 3);
    let download = GetFileRequest::new(&transport, ("b".to_owned(), 4), GetFileOperation(()))
        .send_streaming()
        .await
        .expect("download");
    assert_eq!(download.status(), 200);
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(
        targets,
        [
            "/v1/b%201/files/7.json",
            "/v1/b%201/files/7.json",
            "/v1/b/files/3.json",
            "/v1/b/files/4.json"
        ]
    );

    // An argument that cannot be sent fails the future; nothing goes out.
    let refused = GetFileRequest::new(&transport, ("..".to_owned(), 5), GetFileOperation(()))
        .send()
        .await;
    assert!(
        matches!(refused, Err(Error::InvalidInput { .. })),
        "{refused:?}"
    );
    assert_eq!(server.count(), 4);
}

/// `getFile` decoded by the runtime's decoders for the most common shape.
struct GetFileCommon(());

impl jeri_runtime::Operation for GetFileCommon {
    type Args = ();
    type Output = serde_json::Value;
    const OPERATION: &'static OperationInfo = &GET_FILE;

    fn encode(call: &mut Call, (): Self::Args) -> Result<(), Error> {
        call.path_params(&[&"b", &"n"])
    }

    fn decode(received: jeri_runtime::Received) -> Result<serde_json::Value, Error> {
        received.json_or_api_error::<serde_json::Value, serde_json::Value>(200)
    }
}

/// The same with a success that has no body.
struct DeleteFileCommon(());

impl jeri_runtime::Operation for DeleteFileCommon {
    type Args = ();
    type Output = ();
    const OPERATION: &'static OperationInfo = &GET_FILE;

    fn encode(call: &mut Call, (): Self::Args) -> Result<(), Error> {
        call.path_params(&[&"b", &"n"])
    }

    fn decode(received: jeri_runtime::Received) -> Result<(), Error> {
        received.empty_or_api_error::<serde_json::Value>(204)
    }
}

#[tokio::test]
async fn the_common_decoders_read_the_success_the_errors_and_the_rest() {
    let server = Server::start(vec![
        Reply::json(200, r#"{"n":1}"#),
        Reply::json(404, r#"{"why":"gone"}"#),
        Reply::json(503, r#"{"why":"busy"}"#),
        Reply::json(201, r#"{"n":2}"#),
        Reply::status(204),
        Reply::json(400, r#"{"why":"bad"}"#),
        Reply::json(200, "{}"),
    ])
    .await;
    let transport = server.transport();
    let once = || CallOptions::new().max_attempts(1);
    let get = || jeri_runtime::Prepared::new(&transport, (), GetFileCommon(())).options(once());
    let delete =
        || jeri_runtime::Prepared::new(&transport, (), DeleteFileCommon(())).options(once());

    assert_eq!(get().await.expect("the success")["n"], 1);
    for (status, why) in [(404, "gone"), (503, "busy")] {
        let error = get().await.expect_err("an error status");
        let api = error.as_api().expect("Error::Api");
        assert_eq!(api.status(), status);
        assert_eq!(
            api.body::<serde_json::Value>()
                .map(|body| body["why"].clone()),
            Some(why.into())
        );
    }
    // Another success status than the documented one is unexpected: no typed body.
    let error = get().await.expect_err("undocumented 201");
    assert_eq!(error.status(), Some(201));
    assert_eq!(
        error
            .as_api()
            .and_then(|api| api.body::<serde_json::Value>()),
        None
    );

    delete().await.expect("the empty success");
    let error = delete().await.expect_err("an error status");
    assert_eq!(error.status(), Some(400));
    assert!(
        error
            .as_api()
            .and_then(|api| api.body::<serde_json::Value>())
            .is_some()
    );
    assert_eq!(
        delete().await.expect_err("undocumented 200").status(),
        Some(200)
    );
}

#[test]
fn the_re_exported_chrono_tells_the_time() {
    use jeri_runtime::chrono::{DateTime, Utc};
    let now: DateTime<Utc> = Utc::now();
    // Any clock reading is after the day this test was written.
    let written = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").expect("a date-time");
    assert!(now > written, "{now}");
}
