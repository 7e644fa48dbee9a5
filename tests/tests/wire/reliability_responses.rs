//! Whatever a server answers, every operation returns `Ok` or `Err` and never
//! panics or hangs: any status, any or no content type, any framing, and
//! bodies that are empty, HTML, truncated, random bytes, deeply nested,
//! several megabytes long, or JSON with fields of the wrong type. Error
//! bodies are kept only up to `ApiError::MAX_BODY_BYTES`.

use std::time::Duration;

use jeri_client::runtime::ApiError;
use jeri_client::types::ErrorBody;
use jeri_client::{Client, Error, RetryPolicy};
use jeri_tests::cases::check;
use jeri_tests::fixtures::{API_KEY, customer_token, error_body};
use jeri_tests::operations::{OPERATIONS, Operation, Outcome};
use jeri_tests::raw::RawServer;
use proptest::prelude::*;
use serde_json::Value;
use tokio::runtime::Runtime;

const CASES: u32 = 128;
/// Characters a decode or content type error keeps of the body, plus the
/// ellipsis marking a cut.
const EXCERPT_CHARS: usize = 512 + 1;
const MIB: usize = 1024 * 1024;

#[derive(Clone, Debug)]
enum Body {
    Empty,
    /// The operation's documented success body.
    Documented,
    /// A documented `ErrorBody` for the answer's status.
    Error,
    Html,
    /// The documented body cut after this many bytes.
    Truncated(usize),
    Random(Vec<u8>),
    /// Arrays nested this deep.
    Nested(usize),
    /// A JSON string of this many bytes.
    Huge(usize),
    /// The documented body with every field of another JSON type.
    WrongTypes,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Framing {
    ContentLength,
    Chunked,
    /// No length: the body ends when the connection closes.
    UntilClose,
    /// A `content-length` longer than the body, then the connection closes.
    ShortOfLength,
}

#[derive(Clone, Debug)]
struct Answer {
    operation: usize,
    status: u16,
    content_type: Option<&'static str>,
    framing: Framing,
    headers: Vec<(&'static str, String)>,
    body: Body,
}

fn body() -> impl Strategy<Value = Body> {
    prop_oneof![
        2 => Just(Body::Empty),
        4 => Just(Body::Documented),
        3 => Just(Body::Error),
        1 => Just(Body::Html),
        2 => (1usize..200).prop_map(Body::Truncated),
        2 => prop::collection::vec(any::<u8>(), 0..2048).prop_map(Body::Random),
        1 => (1usize..40_000).prop_map(Body::Nested),
        1 => (3 * MIB..5 * MIB).prop_map(Body::Huge),
        2 => Just(Body::WrongTypes),
    ]
}

fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        3 => prop::sample::select(vec![
            200u16, 201, 202, 204, 206, 304, 400, 401, 404, 409, 418, 422, 429, 500, 502, 503,
            504,
        ]),
        2 => 100u16..=599,
    ]
}

fn content_type() -> impl Strategy<Value = Option<&'static str>> {
    prop::option::weighted(
        0.8,
        prop::sample::select(vec![
            "application/json",
            "application/json; charset=utf-8",
            "application/problem+json",
            "APPLICATION/JSON",
            "text/html; charset=utf-8",
            "text/plain",
            "application/octet-stream",
            "application/jsonp",
            "json",
            ";;;",
            "",
        ]),
    )
}

fn headers() -> impl Strategy<Value = Vec<(&'static str, String)>> {
    let header = prop_oneof![
        prop::sample::select(vec![
            "0",
            "1",
            "-1",
            "soon",
            "99999999999999999999",
            "Wed, 21 Oct 2015 07:28:00 GMT"
        ])
        .prop_map(|value| ("retry-after", value.to_owned())),
        "[a-zA-Z0-9 ;=,-]{0,40}".prop_map(|value| ("x-request-id", value)),
        Just(("content-encoding", "gzip".to_owned())),
        Just(("connection", "keep-alive".to_owned())),
        Just(("set-cookie", "session=abc; HttpOnly".to_owned())),
    ];
    prop::collection::vec(header, 0..4)
}

fn answer() -> impl Strategy<Value = Answer> {
    (
        0..OPERATIONS.len(),
        status(),
        content_type(),
        prop::sample::select(vec![
            Framing::ContentLength,
            Framing::Chunked,
            Framing::UntilClose,
            Framing::ShortOfLength,
        ]),
        headers(),
        body(),
    )
        .prop_map(
            |(operation, status, content_type, framing, headers, body)| Answer {
                operation,
                status,
                content_type,
                framing,
                headers,
                body,
            },
        )
}

fn wrong_type(value: &Value) -> Value {
    match value {
        Value::String(_) => Value::from(7),
        Value::Number(_) => Value::from("seven"),
        Value::Bool(_) => Value::from("yes"),
        Value::Null => Value::from(vec![1]),
        Value::Array(_) => Value::from("list"),
        Value::Object(_) => Value::from(false),
    }
}

impl Answer {
    fn operation(&self) -> &'static Operation {
        &OPERATIONS[self.operation]
    }

    fn body_bytes(&self) -> Vec<u8> {
        let documented = (self.operation().response)();
        match &self.body {
            Body::Empty => Vec::new(),
            Body::Documented => documented.to_string().into_bytes(),
            Body::Error => error_body(self.status, "chaos", "Chaos")
                .to_string()
                .into_bytes(),
            Body::Html => b"<!DOCTYPE html><html><body><h1>Bad Gateway</h1></body></html>".to_vec(),
            Body::Truncated(cut) => {
                let mut bytes = documented.to_string().into_bytes();
                bytes.truncate((*cut).min(bytes.len().saturating_sub(1)));
                bytes
            }
            Body::Random(bytes) => bytes.clone(),
            Body::Nested(depth) => [vec![b'['; *depth], vec![b']'; *depth]].concat(),
            Body::Huge(size) => {
                let mut bytes = vec![b'x'; *size];
                bytes[0] = b'"';
                bytes[size - 1] = b'"';
                bytes
            }
            Body::WrongTypes => match documented {
                Value::Object(fields) => {
                    let fields = fields
                        .iter()
                        .map(|(name, value)| (name.clone(), wrong_type(value)));
                    Value::Object(fields.collect()).to_string().into_bytes()
                }
                other => wrong_type(&other).to_string().into_bytes(),
            },
        }
    }

    fn http(&self, body: &[u8]) -> Vec<u8> {
        let mut head = format!("HTTP/1.1 {} Chaos\r\n", self.status);
        if let Some(content_type) = self.content_type {
            head.push_str(&format!("content-type: {content_type}\r\n"));
        }
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        let framed = match self.framing {
            Framing::ContentLength => {
                head.push_str(&format!("content-length: {}\r\n", body.len()));
                body.to_vec()
            }
            Framing::ShortOfLength => {
                head.push_str(&format!("content-length: {}\r\n", body.len() + 10));
                body.to_vec()
            }
            Framing::UntilClose => {
                head.push_str("connection: close\r\n");
                body.to_vec()
            }
            Framing::Chunked => {
                head.push_str("transfer-encoding: chunked\r\n");
                let mut framed = Vec::new();
                for chunk in body.chunks(16 * 1024) {
                    framed.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
                    framed.extend_from_slice(chunk);
                    framed.extend_from_slice(b"\r\n");
                }
                framed.extend_from_slice(b"0\r\n\r\n");
                framed
            }
        };
        head.push_str("\r\n");
        [head.into_bytes(), framed].concat()
    }

    /// Whether the whole body reaches the client as the body of this status.
    fn body_arrives_whole(&self) -> bool {
        self.framing != Framing::ShortOfLength && !matches!(self.status, 204 | 304)
    }

    fn json_content_type(&self) -> bool {
        self.content_type.is_none_or(|value| {
            let essence = value
                .split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase();
            essence == "application/json"
                || (essence.starts_with("application/") && essence.ends_with("+json"))
        })
    }
}

/// Checks what an operation made of `answer`.
fn judge(
    answer: &Answer,
    body: &[u8],
    outcome: &Outcome,
    requests: usize,
) -> Result<(), TestCaseError> {
    let operation = answer.operation();
    if answer.status < 200 {
        // Informational answers are never final; the server then hangs up.
        prop_assert!(outcome.is_err(), "{outcome:?}");
        return Ok(());
    }
    prop_assert_eq!(requests, 1, "retries are disabled and nothing redirects");
    if answer.status == operation.success {
        let decodable = answer.json_content_type() && answer.body_arrives_whole();
        match outcome {
            Ok(value) => {
                prop_assert!(
                    decodable && matches!(answer.body, Body::Documented),
                    "{value}"
                );
                prop_assert_eq!(value, &(operation.response)());
            }
            Err(Error::ContentType {
                status, excerpt, ..
            }) => {
                prop_assert!(!answer.json_content_type());
                prop_assert_eq!(*status, answer.status);
                prop_assert!(excerpt.chars().count() <= EXCERPT_CHARS);
            }
            Err(Error::Decode {
                status, excerpt, ..
            }) => {
                prop_assert!(decodable);
                prop_assert!(!matches!(answer.body, Body::Documented));
                prop_assert_eq!(*status, answer.status);
                prop_assert!(excerpt.chars().count() <= EXCERPT_CHARS);
            }
            Err(Error::Transport { .. }) => {
                prop_assert_eq!(answer.framing, Framing::ShortOfLength);
            }
            Err(other) => prop_assert!(false, "unexpected error {other:?}"),
        }
        return Ok(());
    }
    let error = match outcome {
        Err(Error::Api(error)) => error,
        other => {
            prop_assert!(
                false,
                "expected Error::Api for HTTP {}, got {other:?}",
                answer.status
            );
            unreachable!()
        }
    };
    prop_assert_eq!(error.status(), answer.status);
    prop_assert_eq!(error.operation(), operation.id);
    let kept = error.raw_body();
    prop_assert!(
        kept.len() <= ApiError::MAX_BODY_BYTES,
        "kept {} bytes",
        kept.len()
    );
    if matches!(answer.status, 204 | 304) {
        prop_assert!(kept.is_empty());
    } else if holds_token(body) {
        // Kept bodies hide anything shaped like a token (the documented
        // getCustomerToken answer holds one), so they are not compared
        // byte for byte; the whole token must not be among them.
        let token = customer_token()["accessToken"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        prop_assert!(!token.is_empty());
        prop_assert!(
            !String::from_utf8_lossy(kept).contains(&token),
            "{:?}",
            String::from_utf8_lossy(kept)
        );
    } else {
        prop_assert!(
            body.starts_with(kept),
            "the kept body {:?} is not the start of the body {:?}",
            String::from_utf8_lossy(kept),
            String::from_utf8_lossy(&body[..body.len().min(200)])
        );
        if answer.body_arrives_whole() {
            let expected = body.len().min(ApiError::MAX_BODY_BYTES);
            prop_assert_eq!(kept.len(), expected);
            prop_assert_eq!(error.is_truncated(), body.len() > ApiError::MAX_BODY_BYTES);
        }
    }
    let typed = error.body::<ErrorBody>();
    let documented = operation.errors.contains(&answer.status);
    if documented
        && answer.json_content_type()
        && answer.body_arrives_whole()
        && matches!(answer.body, Body::Error)
    {
        prop_assert_eq!(
            typed.map(|body| body.status_code),
            Some(i32::from(answer.status))
        );
    } else if !documented || !matches!(answer.body, Body::Error) {
        prop_assert!(typed.is_none(), "{typed:?}");
    }
    // Formatting a hostile error stays short.
    prop_assert!(error.to_string().chars().count() < 400);
    Ok(())
}

/// Whether `bytes` may hold (part of) a JWT, plain or Base64-encoded.
fn holds_token(bytes: &[u8]) -> bool {
    [&b"eyJ"[..], b"ZXlK"]
        .iter()
        .any(|start| bytes.windows(start.len()).any(|window| window == *start))
}

fn chaos_client(server: &RawServer) -> Client {
    // No idle connections are kept: the server closes each connection after its answer,
    // and a pooled one could be picked for the next request before the close is seen,
    // failing that request before it reaches the server (the judge counts requests).
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("HTTP client");
    Client::builder()
        .api_key(API_KEY)
        .base_url(server.url())
        .http_client(http)
        .retry_policy(RetryPolicy::disabled())
        // Only a safety net: every answer ends with the connection.
        .timeout(Duration::from_secs(20))
        .build()
        .expect("client")
}

#[test]
fn every_operation_survives_any_answer() {
    let runtime = Runtime::new().expect("runtime");
    let server = runtime.block_on(RawServer::start());
    let client = chaos_client(&server);
    check(CASES, answer(), |answer| {
        let body = answer.body_bytes();
        server.set_answer(answer.http(&body));
        let before = server.requests();
        let outcome = runtime.block_on((answer.operation().call)(&client));
        judge(&answer, &body, &outcome, server.requests() - before)
    });
}

#[test]
fn several_megabyte_error_bodies_are_cut_to_the_bound() {
    let runtime = Runtime::new().expect("runtime");
    let server = runtime.block_on(RawServer::start());
    let client = chaos_client(&server);
    for (index, operation) in OPERATIONS.iter().enumerate() {
        let answer = Answer {
            operation: index,
            status: operation.errors[0],
            content_type: Some("application/json"),
            framing: if index % 2 == 0 {
                Framing::ContentLength
            } else {
                Framing::Chunked
            },
            headers: Vec::new(),
            body: Body::Huge(6 * MIB),
        };
        let body = answer.body_bytes();
        server.set_answer(answer.http(&body));
        let outcome = runtime.block_on((operation.call)(&client));
        let Err(Error::Api(error)) = &outcome else {
            panic!("{}: expected an API error, got {outcome:?}", operation.id);
        };
        assert_eq!(
            error.raw_body().len(),
            ApiError::MAX_BODY_BYTES,
            "{}",
            operation.id
        );
        assert_eq!(error.raw_body(), &body[..ApiError::MAX_BODY_BYTES]);
        assert!(error.is_truncated());
        assert!(error.body::<ErrorBody>().is_none());
    }
}
