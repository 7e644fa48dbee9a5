//! A loopback HTTP server that records every request and answers from a
//! script, plus the operations the runtime tests call.
#![allow(dead_code)] // each test file uses a different part

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::HeaderMap;
use axum::response::Response;
use jeri_client::runtime::{
    Call, CallOptions, Error, Method, OperationInfo, RetryPolicy, SecurityRequirement, Transport,
    TransportBuilder,
};

/// The API key every test transport uses; no formatted value may contain it.
pub const API_KEY: &str = "sk_live_TOPSECRET_key_42";
/// The bearer token tests use; no formatted value may contain it.
pub const TOKEN: &str = "eyJhbGciOiJIUzI1NiJ9.TOPSECRET_jwt.sig";

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    /// Path and query exactly as sent (still percent-encoded).
    pub target: String,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }
}

/// One scripted answer.
#[derive(Clone, Debug)]
pub struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    delay: Option<Duration>,
}

impl Reply {
    pub fn status(status: u16) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            delay: None,
        }
    }

    pub fn json(status: u16, body: &str) -> Self {
        Self::status(status)
            .header("content-type", "application/json")
            .body(body)
    }

    pub fn header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.push((name, value.to_owned()));
        self
    }

    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    /// Waits this long before answering.
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = Some(delay);
        self
    }
}

struct Script {
    requests: Mutex<Vec<Recorded>>,
    /// Answers in order; the last one repeats.
    replies: Mutex<VecDeque<Reply>>,
}

/// A running server on 127.0.0.1.
pub struct Server {
    pub url: String,
    script: Arc<Script>,
}

impl Server {
    pub async fn start(replies: Vec<Reply>) -> Server {
        let script = Arc::new(Script {
            requests: Mutex::new(Vec::new()),
            replies: Mutex::new(replies.into()),
        });
        let router = axum::Router::new()
            .fallback(answer)
            .with_state(script.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let address = listener.local_addr().expect("local address");
        tokio::spawn(async move { axum::serve(listener, router).await });
        Server {
            url: format!("http://{address}"),
            script,
        }
    }

    pub fn requests(&self) -> Vec<Recorded> {
        lock(&self.script.requests).clone()
    }

    pub fn count(&self) -> usize {
        lock(&self.script.requests).len()
    }

    /// The only request received.
    pub fn single(&self) -> Recorded {
        let requests = self.requests();
        assert_eq!(requests.len(), 1, "expected exactly one request");
        requests[0].clone()
    }

    /// A transport to this server with the test API key and fast retries.
    pub fn transport(&self) -> Transport {
        self.builder().build().expect("transport")
    }

    pub fn builder(&self) -> TransportBuilder {
        Transport::builder()
            .base_url(&self.url)
            .api_key(API_KEY)
            .retry_policy(fast_retries())
    }
}

/// The default policy with millisecond backoff, so tests do not wait.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy::new()
        .base_delay(Duration::from_millis(1))
        .max_delay(Duration::from_millis(5))
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

async fn answer(State(script): State<Arc<Script>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .map(|bytes| bytes.to_vec())
        .unwrap_or_default();
    lock(&script.requests).push(Recorded {
        method: parts.method.to_string(),
        target: parts
            .uri
            .path_and_query()
            .map(|target| target.as_str().to_owned())
            .unwrap_or_default(),
        headers: parts.headers,
        body,
    });
    let reply = {
        let mut replies = lock(&script.replies);
        if replies.len() > 1 {
            replies.pop_front()
        } else {
            replies.front().cloned()
        }
    }
    .unwrap_or_else(|| Reply::status(200));
    if let Some(delay) = reply.delay {
        tokio::time::sleep(delay).await;
    }
    let mut response = Response::builder().status(reply.status);
    for (name, value) in &reply.headers {
        response = response.header(*name, value);
    }
    response
        .body(Body::from(reply.body))
        .expect("scripted response")
}

pub const API_KEY_HEADER: SecurityRequirement = SecurityRequirement::ApiKeyHeader("api-key");

pub static GET_CUSTOMER: OperationInfo = OperationInfo {
    id: "getCustomer",
    method: Method::Get,
    path: "/v1/programs/{programId}/customers/{email}",
    security: &[&[API_KEY_HEADER]],
};

pub static REDEEM_REWARD: OperationInfo = OperationInfo {
    id: "redeemReward",
    method: Method::Post,
    path: "/v1/programs/{programId}/rewards/{rewardId}/redeem",
    security: &[&[API_KEY_HEADER], &[SecurityRequirement::Bearer]],
};

/// Calls `GET /v1/programs/{programId}/customers/{email}` the way generated
/// code does, returning the raw response.
pub async fn get_customer(
    transport: &Transport,
    program_id: &str,
    email: &str,
    options: CallOptions,
) -> Result<jeri_client::runtime::Response, Error> {
    let mut call = Call::new(transport, &GET_CUSTOMER, options);
    call.path_literal("/v1/programs/");
    call.path_param("programId", &program_id)?;
    call.path_literal("/customers/");
    call.path_param("email", &email)?;
    call.send().await
}

/// Calls `POST /v1/programs/p1/rewards/r1/redeem` with a JSON body.
pub async fn redeem(
    transport: &Transport,
    options: CallOptions,
) -> Result<jeri_client::runtime::Response, Error> {
    let mut call = Call::new(transport, &REDEEM_REWARD, options);
    call.path_literal("/v1/programs/");
    call.path_param("programId", &"p1")?;
    call.path_literal("/rewards/");
    call.path_param("rewardId", &"r1")?;
    call.path_literal("/redeem");
    call.json_body(&serde_json::json!({ "email": "ana@example.com" }))?;
    call.send().await
}
