//! One request being assembled and sent.

use std::fmt::{Display, Write as _};

use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, USER_AGENT};
use serde::Serialize;
use tracing::Instrument as _;
use url::Url;

use super::encoding::{self, SegmentError};
use super::form::form_encode;
use super::retry::{is_retryable_status, parse_retry_after};
use super::{
    Attempt, BoxFuture, CallOptions, Error, OperationInfo, Received, Response, ResponseValue,
    Transport, TransportErrorKind, auth,
};

const JSON: &str = "application/json";
const FORM: &str = "application/x-www-form-urlencoded";
const OCTET_STREAM: &str = "application/octet-stream";
const TEXT: &str = "text/plain; charset=utf-8";

/// A request under construction, the way generated code builds it: path
/// pieces in order, then query parameters, headers and body, then
/// [`send`](Call::send).
///
/// ```no_run
/// use jeri_runtime::{Call, CallOptions, Method, OperationInfo, SecurityRequirement, Transport};
///
/// static GET_CUSTOMER: OperationInfo = OperationInfo {
///     id: "getCustomer",
///     method: Method::Get,
///     path: "/v1/programs/{programId}/customers/{email}",
///     security: &[&[SecurityRequirement::ApiKeyHeader { scheme: "apiKey", header: "api-key" }]],
/// };
///
/// # async fn demo(transport: &Transport) -> Result<(), jeri_runtime::Error> {
/// let mut call = Call::new(transport, &GET_CUSTOMER, CallOptions::default());
/// call.path_literal("/v1/programs/");
/// call.path_param("programId", &"my-program")?;
/// call.path_literal("/customers/");
/// call.path_param("email", &"ana+vip@example.com")?;
/// let response = call.send().await?;
/// let customer: serde_json::Value = match response.status() {
///     200 => response.json().await?,
///     _ => return Err(response.unexpected().await),
/// };
/// # let _ = customer;
/// # Ok(())
/// # }
/// ```
pub struct Call {
    transport: Transport,
    operation: &'static OperationInfo,
    options: CallOptions,
    /// The request URL: the base URL, its path replaced by `path` before the
    /// first query parameter is added (and again at sending if the path grew
    /// since), the query written into it directly.
    url: Url,
    /// The base URL's path followed by the encoded operation path.
    path: String,
    /// Whether `url`'s path is `path` as it is now.
    path_written: bool,
    /// Reused to format each parameter value without a fresh allocation.
    scratch: String,
    pub(super) headers: HeaderMap,
    pub(super) body: Option<Body>,
}

/// A request body ready to send.
pub(super) enum Body {
    /// Encoded bytes with their media type.
    Bytes {
        bytes: Vec<u8>,
        content_type: HeaderValue,
    },
    /// A multipart form; reqwest writes it (and its boundary) when sending.
    Multipart(reqwest::multipart::Form),
}

impl Call {
    /// Starts a call of `operation` through `transport` (the call keeps a
    /// clone of it, which shares its configuration and connection pool).
    pub fn new(
        transport: &Transport,
        operation: &'static OperationInfo,
        options: CallOptions,
    ) -> Self {
        let base_url = &transport.inner.base_url;
        let base_path = base_url.path().trim_end_matches('/');
        // The template's length is a close guess of the encoded path's, so the
        // path is usually built without growing.
        let mut path = String::with_capacity(base_path.len() + operation.path.len() + 16);
        path.push_str(base_path);
        Self {
            transport: transport.clone(),
            operation,
            options,
            url: base_url.clone(),
            path,
            path_written: false,
            scratch: String::new(),
            headers: HeaderMap::new(),
            body: None,
        }
    }

    /// Appends a fixed piece of the path template.
    pub fn path_literal(&mut self, text: &str) {
        self.path_written = false;
        encoding::push_literal(&mut self.path, text);
    }

    /// Appends a path parameter as exactly one path segment: everything but
    /// RFC 3986 unreserved characters is percent-encoded.
    ///
    /// An empty value, `.` or `..` would address a different resource, so
    /// they fail with [`Error::InvalidInput`] and nothing is sent.
    pub fn path_param(&mut self, name: &'static str, value: &dyn Display) -> Result<(), Error> {
        self.path_written = false;
        self.format_scratch(value);
        encoding::push_param(&mut self.path, &self.scratch).map_err(|error| {
            let message = match error {
                SegmentError::Empty => format!("path parameter `{name}` is empty"),
                SegmentError::DotSegment => format!(
                    "path parameter `{name}` cannot be {:?}: it would address a different path",
                    self.scratch
                ),
            };
            self.invalid(message)
        })
    }

    /// Adds a query parameter (form-encoded, so `+` arrives as `+`).
    pub fn query(&mut self, name: &str, value: &dyn Display) {
        self.format_scratch(value);
        self.write_path();
        self.url.query_pairs_mut().append_pair(name, &self.scratch);
    }

    /// Appends form-encoded pairs to the URL's query; nothing (not even a
    /// `?`) when there are none.
    pub(super) fn append_query_pairs(&mut self, pairs: &[(String, String)]) {
        if !pairs.is_empty() {
            self.write_path();
            self.url.query_pairs_mut().extend_pairs(pairs);
        }
    }

    /// Makes the URL's path the encoded path built so far.
    ///
    /// The query is written into the URL itself as it is added, rather than
    /// set as a string at sending, which the URL would parse again; the path
    /// goes in before it, as replacing the path of a URL with a query moves
    /// the query.
    fn write_path(&mut self) {
        if !self.path_written {
            self.url.set_path(&self.path);
            self.path_written = true;
        }
    }

    fn format_scratch(&mut self, value: &dyn Display) {
        self.scratch.clear();
        // Writing into a String cannot fail.
        let _ = write!(self.scratch, "{value}");
    }

    /// Sets a header parameter; a value that cannot be sent in a header fails
    /// with [`Error::InvalidInput`].
    pub fn header(&mut self, name: &'static str, value: &dyn Display) -> Result<(), Error> {
        let header_name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| self.invalid(format!("{name:?} is not a valid header name")))?;
        let header_value = HeaderValue::from_str(&value.to_string()).map_err(|_| {
            self.invalid(format!(
                "header `{name}` contains characters that cannot be sent in an HTTP header"
            ))
        })?;
        self.headers.insert(header_name, header_value);
        Ok(())
    }

    /// Sets the JSON request body.
    pub fn json_body<T: Serialize + ?Sized>(&mut self, body: &T) -> Result<(), Error> {
        let bytes = serde_json::to_vec(body).map_err(|error| {
            self.invalid(format!(
                "the request body cannot be serialized as JSON: {error}"
            ))
        })?;
        self.set_body(bytes, JSON);
        Ok(())
    }

    /// Sets an `application/x-www-form-urlencoded` request body.
    ///
    /// `body` must serialize as a struct or map whose fields are strings,
    /// numbers, booleans or arrays of them: arrays repeat the field
    /// (`tag=a&tag=b`, the OpenAPI default for form bodies) and `None` fields
    /// are left out. Anything nested fails with [`Error::InvalidInput`].
    pub fn form_body<T: Serialize + ?Sized>(&mut self, body: &T) -> Result<(), Error> {
        let bytes = form_encode(body).map_err(|message| self.invalid(message))?;
        self.set_body(bytes, FORM);
        Ok(())
    }

    /// The `Accept` header: the media types the operation's documented
    /// responses come in, such as `text/csv, application/json` (default
    /// `application/json`). A value that cannot be a header is ignored, as
    /// the generator only emits valid ones.
    pub fn accept(&mut self, media: &str) {
        if let Ok(value) = HeaderValue::from_str(media) {
            self.headers.insert(ACCEPT, value);
        }
    }

    /// Sets an `application/octet-stream` request body, sent as is.
    ///
    /// Never fails; it returns a `Result` like the other body setters so
    /// generated code calls them all alike.
    pub fn bytes_body(&mut self, body: &[u8]) -> Result<(), Error> {
        self.set_body(body.to_vec(), OCTET_STREAM);
        Ok(())
    }

    /// Sets a `text/plain; charset=utf-8` request body, sent as is.
    ///
    /// Never fails; it returns a `Result` like the other body setters so
    /// generated code calls them all alike.
    pub fn text_body(&mut self, body: &str) -> Result<(), Error> {
        self.set_body(body.as_bytes().to_vec(), TEXT);
        Ok(())
    }

    fn set_body(&mut self, bytes: Vec<u8>, content_type: &'static str) {
        self.body = Some(Body::Bytes {
            bytes,
            content_type: HeaderValue::from_static(content_type),
        });
    }

    /// Sets a body with a media type named at run time or by the spec.
    pub(super) fn set_body_as(&mut self, bytes: Vec<u8>, content_type: &str) -> Result<(), Error> {
        let content_type = HeaderValue::from_str(content_type).map_err(|_| {
            self.invalid(format!(
                "the content type {content_type:?} cannot be sent in an HTTP header"
            ))
        })?;
        self.body = Some(Body::Bytes {
            bytes,
            content_type,
        });
        Ok(())
    }

    /// Applies credentials and sends the request, retrying as the retry
    /// policy and call options allow.
    ///
    /// Returns any response that arrived, whatever its status; the caller
    /// decides what the status means.
    ///
    /// The call runs inside a `tracing` span named `jeri.call` with the
    /// fields `operation` (the operation id), `method`, `path` (the path
    /// template, never the filled-in path or query), `attempt`, `status` and
    /// `elapsed_ms` (until the last response's headers arrived); each retry
    /// is an event in that span naming its `reason` and `delay_ms`.
    /// Credentials, tokens and bodies never appear in either.
    pub fn send(self) -> impl Future<Output = Result<Response, Error>> + Send {
        let span = self.span();
        let prepared = self.prepare();
        async move { send_prepared(prepared?).await }.instrument(span)
    }

    /// The call's `jeri.call` span (see [`send`](Call::send)).
    fn span(&self) -> tracing::Span {
        let operation = self.operation;
        tracing::info_span!(
            "jeri.call",
            operation = operation.id,
            method = operation.method.as_str(),
            path = operation.path,
            attempt = tracing::field::Empty,
            status = tracing::field::Empty,
            elapsed_ms = tracing::field::Empty,
        )
    }

    /// The request ready to go, with how often it may be sent.
    fn prepare(self) -> Result<Prepared, Error> {
        let max_attempts = self
            .options
            .max_attempts
            .unwrap_or(self.transport.inner.retry.attempts())
            .max(1);
        let may_retry = self.operation.method.is_idempotent() || self.options.retry_non_idempotent;
        let (sending, request) = self.into_request()?;
        Ok(Prepared {
            sending,
            request,
            max_attempts,
            may_retry,
        })
    }

    /// The request as reqwest sends it: credentials and the fixed headers
    /// added, the URL complete (secret query parameters last), the body and
    /// any timeout of its own.
    fn into_request(mut self) -> Result<(Sending, reqwest::Request), Error> {
        let operation = self.operation;
        let inner = &self.transport.inner;
        let mut headers = std::mem::take(&mut self.headers);
        let mut secret_query = Vec::new();
        // Credentials go in last, so that no header parameter can replace them.
        auth::apply(
            &inner.credentials,
            &inner.credential_headers,
            operation,
            &mut headers,
            &mut secret_query,
        )?;
        headers.insert(USER_AGENT, inner.user_agent.clone());
        headers
            .entry(ACCEPT)
            .or_insert(HeaderValue::from_static(JSON));
        if let Some(Body::Bytes { content_type, .. }) = &self.body {
            headers.insert(CONTENT_TYPE, content_type.clone());
        }
        let timeout = match self.options.timeout {
            Some(timeout) => Some(timeout),
            None => (!inner.client_applies_timeout).then_some(inner.timeout),
        };
        let redact_query = !secret_query.is_empty();
        self.write_path();
        if redact_query {
            let mut pairs = self.url.query_pairs_mut();
            for (name, value) in &secret_query {
                pairs.append_pair(name, value.expose());
            }
        }
        let Call {
            transport,
            url,
            body,
            ..
        } = self;
        let method = operation.method.to_reqwest();
        let mut request = match body {
            // reqwest writes a multipart body's own content type (with its
            // boundary) and length.
            Some(Body::Multipart(form)) => transport
                .inner
                .client
                .request(method, url)
                .headers(headers)
                .multipart(form)
                .build()
                .map_err(|error| transport_error(operation, error, redact_query))?,
            // Built directly rather than through reqwest's builder, which would
            // merge the header map into its own one entry at a time.
            body => {
                let mut request = reqwest::Request::new(method, url);
                *request.headers_mut() = headers;
                if let Some(Body::Bytes { bytes, .. }) = body {
                    *request.body_mut() = Some(bytes.into());
                }
                request
            }
        };
        if timeout.is_some() {
            *request.timeout_mut() = timeout;
        }
        let sending = Sending {
            transport,
            operation,
            redact_query,
        };
        Ok((sending, request))
    }

    pub(super) fn invalid(&self, message: String) -> Error {
        Error::InvalidInput {
            operation: self.operation.id,
            message,
        }
    }
}

/// A call on its way: what each attempt and the outcome need of it.
struct Sending {
    transport: Transport,
    operation: &'static OperationInfo,
    /// A secret travels in the query string, so the URL is never shown.
    redact_query: bool,
}

/// A [`Call`] turned into the request reqwest sends.
struct Prepared {
    sending: Sending,
    request: reqwest::Request,
    max_attempts: u32,
    may_retry: bool,
}

/// Sends a prepared call, retrying as the retry policy and call options allow.
///
/// Every local that lives across an `await` takes room in the future, which
/// every request allocates and moves; so attempts are started and ended by
/// plain functions around reqwest's own small future, each outcome's scope
/// ends before the retry delay, and this is an `async` block rather than an
/// `async fn`, which would hold the prepared request twice (as its argument
/// and as the local it moves the argument into).
#[allow(
    clippy::manual_async_fn,
    reason = "an `async fn` would keep its arguments twice"
)]
fn send_prepared(prepared: Prepared) -> impl Future<Output = Result<Response, Error>> + Send {
    async move {
        let started = tokio::time::Instant::now();
        let mut number = 1;
        loop {
            let may_copy = prepared.may_retry && number < prepared.max_attempts;
            // The last possible attempt sends the request itself; earlier ones
            // send a copy (the body is shared, not copied). A request that
            // cannot be copied (a streamed body) is sent once.
            let Some((pending, sent_at)) =
                prepared
                    .sending
                    .start_copy(number, &prepared.request, may_copy)
            else {
                let (pending, sent_at) = prepared.sending.start_attempt(number, prepared.request);
                let outcome = pending.await;
                prepared
                    .sending
                    .end_attempt(number, &outcome, sent_at, started);
                return prepared.sending.finish(outcome);
            };
            let delay = {
                let outcome = pending.await;
                prepared
                    .sending
                    .end_attempt(number, &outcome, sent_at, started);
                let delay = retry_delay(
                    &prepared.sending,
                    &outcome,
                    number,
                    prepared.max_attempts,
                    started,
                );
                match delay {
                    Some(delay) => delay,
                    None => return prepared.sending.finish(outcome),
                }
            };
            // Boxed: a timer is large, and only a retry needs one.
            Box::pin(tokio::time::sleep(delay)).await;
            number += 1;
        }
    }
}

/// How long to wait before attempt `number + 1`, or `None` when `outcome` is
/// final; a retry is an event in the call's span.
fn retry_delay(
    sending: &Sending,
    outcome: &reqwest::Result<reqwest::Response>,
    number: u32,
    max_attempts: u32,
    started: tokio::time::Instant,
) -> Option<std::time::Duration> {
    let (reason, retry_after) = match outcome {
        Ok(response) => (
            is_retryable_status(response.status().as_u16())
                .then(|| RetryReason::Status(response.status().as_u16())),
            response
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|value| value.to_str().ok())
                .and_then(parse_retry_after),
        ),
        Err(error) => (
            match TransportErrorKind::of(error) {
                kind @ (TransportErrorKind::Connect | TransportErrorKind::Timeout) => {
                    Some(RetryReason::Transport(kind))
                }
                _ => None,
            },
            None,
        ),
    };
    let reason = reason?;
    let delay = sending.transport.inner.retry.next_delay(
        number,
        max_attempts,
        started.elapsed(),
        retry_after,
    )?;
    tracing::info!(
        attempt = number,
        reason = %reason,
        delay_ms = delay.as_millis() as u64,
        "retrying"
    );
    Some(delay)
}

impl Sending {
    /// Starts attempt `number`: records it in the call's span, runs the hooks
    /// on its request and hands the request to reqwest.
    fn start_attempt(
        &self,
        number: u32,
        mut request: reqwest::Request,
    ) -> (
        impl Future<Output = reqwest::Result<reqwest::Response>> + use<>,
        tokio::time::Instant,
    ) {
        tracing::Span::current().record("attempt", number);
        let attempt = Attempt {
            operation: self.operation,
            number,
        };
        for hook in self.transport.inner.hooks.iter() {
            hook.before_attempt(&attempt, &mut request);
        }
        let sent_at = tokio::time::Instant::now();
        (self.transport.inner.client.execute(request), sent_at)
    }

    /// Starts attempt `number` with a copy of `request`, when `may_copy` and
    /// the request can be copied.
    fn start_copy(
        &self,
        number: u32,
        request: &reqwest::Request,
        may_copy: bool,
    ) -> Option<(
        impl Future<Output = reqwest::Result<reqwest::Response>> + use<>,
        tokio::time::Instant,
    )> {
        let copy = may_copy.then(|| request.try_clone()).flatten()?;
        Some(self.start_attempt(number, copy))
    }

    /// Runs the hooks on the outcome of attempt `number` and records it in
    /// the call's span.
    fn end_attempt(
        &self,
        number: u32,
        outcome: &reqwest::Result<reqwest::Response>,
        sent_at: tokio::time::Instant,
        call_started: tokio::time::Instant,
    ) {
        let elapsed = sent_at.elapsed();
        let attempt = Attempt {
            operation: self.operation,
            number,
        };
        for hook in self.transport.inner.hooks.iter() {
            hook.after_attempt(&attempt, outcome.as_ref(), elapsed);
        }
        let span = tracing::Span::current();
        if let Ok(response) = outcome {
            span.record("status", response.status().as_u16());
        }
        span.record(
            "elapsed_ms",
            call_started.elapsed().as_millis().min(u128::from(u64::MAX)) as u64,
        );
    }

    fn finish(self, outcome: reqwest::Result<reqwest::Response>) -> Result<Response, Error> {
        match outcome {
            Ok(response) => Ok(Response::new(
                response,
                self.operation,
                self.transport,
                self.redact_query,
            )),
            Err(error) => Err(transport_error(self.operation, error, self.redact_query)),
        }
    }
}

/// Sends `call` and turns the response into the operation's result with
/// `decode`, which runs once the body has been read (see [`Received`]).
///
/// This is how generated operations send: building the call and decoding
/// the response are plain functions, so the only future per operation is
/// this small wrapper around one shared, non-generic sending future. A
/// `call` that failed to build is returned when the future is awaited, and
/// nothing is sent.
///
/// ```no_run
/// use jeri_runtime::{
///     Call, CallOptions, Error, Method, OperationInfo, Received, Transport, execute,
/// };
///
/// static GET_PROGRAM: OperationInfo = OperationInfo {
///     id: "getProgram",
///     method: Method::Get,
///     path: "/v1/programs/{programId}",
///     security: &[],
/// };
///
/// fn prepare(transport: &Transport, program: &str) -> Result<Call, Error> {
///     let mut call = Call::new(transport, &GET_PROGRAM, CallOptions::default());
///     call.path_literal("/v1/programs/");
///     call.path_param("programId", &program)?;
///     Ok(call)
/// }
///
/// fn decode(received: Received) -> Result<serde_json::Value, Error> {
///     match received.status() {
///         200 => received.json(),
///         _ => Err(received.unexpected()),
///     }
/// }
///
/// # async fn demo(transport: &Transport) -> Result<(), Error> {
/// let program = execute(prepare(transport, "my-program"), decode).await?;
/// # let _ = program;
/// # Ok(())
/// # }
/// ```
pub fn execute<T: Send + 'static>(
    call: Result<Call, Error>,
    decode: fn(Received) -> Result<T, Error>,
) -> BoxFuture<Result<T, Error>> {
    match receiving(call) {
        Ok(receiving) => Box::pin(Decoding { receiving, decode }),
        Err(error) => Box::pin(std::future::ready(Err(error))),
    }
}

pin_project_lite::pin_project! {
    /// The shared receiving future with the operation's decoder applied to
    /// its outcome. A plain struct rather than an `async` block, which would
    /// hold the receiving future twice (once captured, once being awaited).
    struct Decoding<F, T> {
        #[pin]
        receiving: F,
        decode: fn(Received) -> Result<T, Error>,
    }
}

impl<F, T> Future for Decoding<F, T>
where
    F: Future<Output = Result<Received, Error>>,
{
    type Output = Result<T, Error>;

    fn poll(
        self: std::pin::Pin<&mut Self>,
        context: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        let this = self.project();
        let outcome = std::task::ready!(this.receiving.poll(context));
        std::task::Poll::Ready(outcome.and_then(*this.decode))
    }
}

/// Like [`execute`], keeping the response's status and headers along with
/// the decoded value: what a request's `send_with_response()` returns.
pub fn execute_with_response<T: Send + 'static>(
    call: Result<Call, Error>,
    decode: fn(Received) -> Result<T, Error>,
) -> BoxFuture<Result<ResponseValue<T>, Error>> {
    match receiving(call) {
        Ok(receiving) => Box::pin(async move {
            let received = receiving.await?;
            let (status, headers) = (received.status(), received.headers().clone());
            decode(received).map(|value| ResponseValue::new(value, status, headers))
        }),
        Err(error) => Box::pin(std::future::ready(Err(error))),
    }
}

/// Like [`execute`], but a `2xx` response comes back with its body unread, as
/// a [`Download`](crate::Download): what a request's `send_streaming()` returns.
pub fn execute_streaming<T: Send + 'static>(
    call: Result<Call, Error>,
    decode: fn(Received) -> Result<T, Error>,
) -> BoxFuture<Result<crate::Download, Error>> {
    Box::pin(crate::download::send_streaming(call, decode))
}

/// Why an attempt is repeated, as the retry event names it.
#[derive(Clone, Copy)]
enum RetryReason {
    Status(u16),
    Transport(TransportErrorKind),
}

impl Display for RetryReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RetryReason::Status(status) => write!(f, "HTTP {status}"),
            RetryReason::Transport(TransportErrorKind::Timeout) => f.write_str("timeout"),
            RetryReason::Transport(_) => f.write_str("connection failed"),
        }
    }
}

/// The future that sends the call and reads the body, the one every
/// generated operation shares; the call is prepared first, so that a call
/// that cannot be sent fails without a sending future.
fn receiving(
    call: Result<Call, Error>,
) -> Result<impl Future<Output = Result<Received, Error>> + Send, Error> {
    let call = call?;
    let span = call.span();
    let prepared = call.prepare()?;
    Ok(Receiving::Sending {
        sending: send_prepared(prepared).instrument(span),
        read: Response::receive,
    })
}

pin_project_lite::pin_project! {
    /// Sending, then reading the body, as two states of one future: an
    /// `async fn` doing both would also keep its arguments, the prepared
    /// request among them, next to the sending future that holds them too.
    #[project = ReceivingState]
    enum Receiving<S, R> {
        Sending {
            #[pin]
            sending: S,
            // `Response::receive`; a field, so that its future's type can be named.
            read: fn(Response) -> R,
        },
        Reading {
            #[pin]
            reading: R,
        },
    }
}

impl<S, R> Future for Receiving<S, R>
where
    S: Future<Output = Result<Response, Error>>,
    R: Future<Output = Received>,
{
    type Output = Result<Received, Error>;

    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        context: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        loop {
            match self.as_mut().project() {
                ReceivingState::Sending { sending, read } => {
                    let response = std::task::ready!(sending.poll(context))?;
                    let reading = read(response);
                    self.set(Receiving::Reading { reading });
                }
                ReceivingState::Reading { reading } => return reading.poll(context).map(Ok),
            }
        }
    }
}

/// Wraps a reqwest error; when a secret travels in the query string, the
/// query is removed from the URL the error would print.
pub(crate) fn transport_error(
    operation: &OperationInfo,
    mut error: reqwest::Error,
    redact_query: bool,
) -> Error {
    if redact_query && let Some(url) = error.url_mut() {
        url.set_query(None);
    }
    Error::Transport {
        operation: operation.id,
        kind: TransportErrorKind::of(&error),
        source: error,
    }
}
