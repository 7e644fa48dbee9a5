//! What the workspace's tests share: a loopback HTTP server that records every request
//! exactly as it arrived and answers from a script or a function of the request, the
//! test credentials, and the locator of the shared test data ([`shared`]).

mod shared;

pub use shared::{shared, shared_text};

use std::collections::VecDeque;
use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use axum::serve::ListenerExt;
use percent_encoding::percent_decode_str;

/// An API key for tests; no formatted value may contain it.
pub const API_KEY: &str = "sk_live_TOPSECRET_key_42";
/// A bearer token for tests; no formatted value may contain it.
pub const TOKEN: &str = "eyJhbGciOiJIUzI1NiJ9.TOPSECRET_jwt.sig";

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Recorded {
    /// The method, e.g. `GET`.
    pub method: String,
    /// The request target (path and query) exactly as sent, still
    /// percent-encoded.
    pub target: String,
    /// Every header, repeated ones included.
    pub headers: HeaderMap,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl Recorded {
    /// The only value of header `name`, as text; `None` when absent, and a
    /// failed assertion when it was sent more than once.
    pub fn header(&self, name: &str) -> Option<&str> {
        let mut values = self.headers.get_all(name).iter();
        let first = values.next()?;
        assert!(values.next().is_none(), "header {name} sent more than once");
        Some(first.to_str().unwrap_or("<not visible ASCII>"))
    }

    /// The path part of the target, still percent-encoded.
    pub fn path(&self) -> &str {
        self.target
            .split_once('?')
            .map_or(&self.target, |(path, _)| path)
    }

    /// The raw query string, if the target has one.
    pub fn raw_query(&self) -> Option<&str> {
        self.target.split_once('?').map(|(_, query)| query)
    }

    /// The path's segments after the leading `/`, each percent-decoded on
    /// its own (so an encoded `/` stays inside its segment). A segment that
    /// does not decode to UTF-8 is kept with replacement characters.
    pub fn decoded_segments(&self) -> Vec<String> {
        self.path()
            .strip_prefix('/')
            .unwrap_or(self.path())
            .split('/')
            .map(|segment| percent_decode_str(segment).decode_utf8_lossy().into_owned())
            .collect()
    }

    /// The query as `application/x-www-form-urlencoded` name/value pairs, in
    /// order.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        self.raw_query()
            .map(|query| {
                url::form_urlencoded::parse(query.as_bytes())
                    .into_owned()
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The body as JSON; a failed assertion when it is not JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|error| {
            panic!(
                "request body is not JSON ({error}): {:?}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }
}

/// One answer: status, headers and body.
#[derive(Clone, Debug)]
pub struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    delay: Option<Duration>,
}

impl Reply {
    /// An answer with this status, no headers and an empty body.
    pub fn status(status: u16) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            delay: None,
        }
    }

    /// An `application/json` answer.
    pub fn json(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Self::status(status)
            .header("content-type", "application/json")
            .body(body)
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Sets the body.
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

type Responder = dyn Fn(&Recorded) -> Reply + Send + Sync;

struct Shared {
    requests: Mutex<Vec<Recorded>>,
    connections: AtomicUsize,
    responder: Box<Responder>,
}

/// A running recording server on 127.0.0.1, stopped when the test's runtime
/// ends.
pub struct Server {
    url: String,
    shared: Arc<Shared>,
    script: Option<Arc<Mutex<VecDeque<Reply>>>>,
}

impl fmt::Debug for Server {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Server").field("url", &self.url).finish()
    }
}

impl Server {
    /// A server answering with `replies` in order; the last one repeats.
    pub async fn start(replies: Vec<Reply>) -> Server {
        let script = Arc::new(Mutex::new(VecDeque::from(replies)));
        let replies = script.clone();
        let mut server = Self::respond_with(move |_| {
            let mut replies = lock(&replies);
            if replies.len() > 1 {
                replies.pop_front()
            } else {
                replies.front().cloned()
            }
            .unwrap_or_else(|| Reply::status(500).body("no reply scripted"))
        })
        .await;
        server.script = Some(script);
        server
    }

    /// Replaces the remaining replies of a server made by
    /// [`start`](Self::start), so one server (and one client, whose TLS
    /// setup is slow to build) can serve many cases in turn.
    pub fn script(&self, replies: Vec<Reply>) {
        let script = self
            .script
            .as_ref()
            .expect("only a scripted server takes a new script");
        *lock(script) = VecDeque::from(replies);
    }

    /// Removes and returns the requests received so far.
    pub fn take_requests(&self) -> Vec<Recorded> {
        std::mem::take(&mut *lock(&self.shared.requests))
    }

    /// A server answering every request with `respond(request)`.
    pub async fn respond_with(
        respond: impl Fn(&Recorded) -> Reply + Send + Sync + 'static,
    ) -> Server {
        let shared = Arc::new(Shared {
            requests: Mutex::new(Vec::new()),
            connections: AtomicUsize::new(0),
            responder: Box::new(respond),
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let address = listener.local_addr().expect("local address");
        let counter = shared.clone();
        let listener = listener.tap_io(move |_| {
            counter.connections.fetch_add(1, Ordering::SeqCst);
        });
        let router = axum::Router::new()
            .fallback(answer)
            .with_state(shared.clone());
        tokio::spawn(async move { axum::serve(listener, router).await });
        Server {
            url: format!("http://{address}"),
            shared,
            script: None,
        }
    }

    /// The base URL, `http://127.0.0.1:<port>`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Every request received so far, in arrival order.
    pub fn requests(&self) -> Vec<Recorded> {
        lock(&self.shared.requests).clone()
    }

    /// How many requests arrived.
    pub fn count(&self) -> usize {
        lock(&self.shared.requests).len()
    }

    /// The only request received; a failed assertion when there were more
    /// or none.
    pub fn single(&self) -> Recorded {
        let requests = self.requests();
        assert_eq!(
            requests.len(),
            1,
            "expected exactly one request: {requests:#?}"
        );
        requests.into_iter().next().expect("one request")
    }

    /// How many TCP connections the server accepted.
    pub fn connections(&self) -> usize {
        self.shared.connections.load(Ordering::SeqCst)
    }
}

async fn answer(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .map(|bytes| bytes.to_vec())
        .unwrap_or_default();
    let recorded = Recorded {
        method: parts.method.to_string(),
        target: parts
            .uri
            .path_and_query()
            .map(|target| target.as_str().to_owned())
            .unwrap_or_default(),
        headers: parts.headers,
        body,
    };
    let reply = (shared.responder)(&recorded);
    lock(&shared.requests).push(recorded);
    if let Some(delay) = reply.delay {
        tokio::time::sleep(delay).await;
    }
    let mut response = Response::new(Body::from(reply.body));
    *response.status_mut() = StatusCode::from_u16(reply.status).expect("a valid status");
    for (name, value) in &reply.headers {
        response.headers_mut().append(
            HeaderName::from_bytes(name.as_bytes()).expect("a valid header name"),
            HeaderValue::from_str(value).expect("a valid header value"),
        );
    }
    response
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
