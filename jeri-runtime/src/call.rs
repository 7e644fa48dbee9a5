//! One request being assembled; [`Call::send`] hands it to the sending loop.

use std::fmt::{Display, Write as _};

use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, USER_AGENT};
use serde::Serialize;
use tracing::Instrument as _;
use url::Url;

use super::encoding::{self, SegmentError};
use super::form::form_encode;
use super::reconnect::Reconnect;
use super::response::{Receiving, Response};
use super::sending::{CALL_TARGET, Ready, Sending, send_prepared};
use super::validation::Problems;
use super::{CallOptions, Error, OperationInfo, Received, Transport, auth};

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
/// let received = call.send().await?;
/// let customer: serde_json::Value = match received.status() {
///     200 => received.json()?,
///     _ => return Err(received.unexpected()),
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
    /// See [`Call::stream_success`].
    stream: bool,
    /// A next page's URL (absolute, or relative to the base URL), which replaces the
    /// path and query built.
    pub(super) next_url: Option<Box<str>>,
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
        Self::owning(transport.clone(), operation, options)
    }

    /// [`Call::new`] keeping the given transport rather than a clone of it.
    pub(crate) fn owning(
        transport: Transport,
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
            url: base_url.clone(),
            transport,
            operation,
            options,
            path,
            path_written: false,
            scratch: String::new(),
            headers: HeaderMap::new(),
            body: None,
            stream: false,
            next_url: None,
        }
    }

    /// Leaves a `2xx` body in a streaming media type (`text/event-stream`,
    /// `application/jsonl`, `application/x-ndjson`, `application/json-seq`) unread,
    /// for the decoder to hand out as a stream ([`Received::events`],
    /// [`Received::json_lines`]); every other body is read as usual. Called by
    /// generated code for operations documenting such a success.
    pub fn stream_success(&mut self) {
        self.stream = true;
    }

    /// Appends a fixed piece of the path template.
    pub fn path_literal(&mut self, text: &str) {
        self.path_written = false;
        encoding::push_literal(&mut self.path, text);
    }

    /// Refuses a parameter value outside a limit of its schema, before anything is
    /// sent: `measured` is what the limit is about (the number itself, a string's
    /// character count, an array's length), `within` the generated comparison of it,
    /// `limit` the limit in words (`at least 1`, `at most 64 characters`). Outside it,
    /// [`Error::InvalidInput`] names the parameter, the limit and what was measured.
    pub fn check_limit(
        &self,
        name: &str,
        measured: &dyn Display,
        within: bool,
        limit: &str,
    ) -> Result<(), Error> {
        if within {
            return Ok(());
        }
        Err(self.invalid(format!(
            "parameter `{name}` must be {limit} (the spec's limit), got {measured}"
        )))
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

    /// Appends the whole path from the operation's template
    /// ([`OperationInfo::path`]): its literal text as [`path_literal`](Call::path_literal)
    /// appends it, and each `{name}` as [`path_param`](Call::path_param) appends
    /// the next of `values`, in template order.
    ///
    /// A template naming more or fewer parameters than `values` holds fails
    /// with [`Error::InvalidInput`], as do the values `path_param` refuses.
    pub fn path_params(&mut self, values: &[&dyn Display]) -> Result<(), Error> {
        let template = self.operation.path;
        let mut values = values.iter();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let (literal, from_brace) = rest.split_at(open);
            self.path_literal(literal);
            // An unclosed `{` is literal text: generated code only calls this
            // for templates the generator parsed.
            let Some(close) = from_brace.find('}') else {
                rest = from_brace;
                break;
            };
            let name = &from_brace[1..close];
            let Some(value) = values.next() else {
                return Err(self.invalid(format!(
                    "the path template {template:?} names more parameters than were given"
                )));
            };
            self.path_param(name, value)?;
            rest = &from_brace[close + 1..];
        }
        self.path_literal(rest);
        if values.next().is_some() {
            return Err(self.invalid(format!(
                "the path template {template:?} names fewer parameters than were given"
            )));
        }
        Ok(())
    }

    /// Adds a query parameter (form-encoded, so `+` arrives as `+`).
    pub fn query(&mut self, name: &str, value: &dyn Display) {
        self.format_scratch(value);
        self.write_path();
        self.url.query_pairs_mut().append_pair(name, &self.scratch);
    }

    /// Adds a query parameter when it is set; `None` adds nothing.
    #[inline]
    pub fn query_optional<T: Display>(&mut self, name: &str, value: &Option<T>) {
        if let Some(value) = value {
            self.query(name, value);
        }
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

    /// Checks the request body against the rules of its schema before anything is sent:
    /// `body` as a JSON value, walked by `check` (generated from the schema: types,
    /// `required`, `enum`, bounds, lengths, item and property counts, closed objects;
    /// `pattern` and `format` are left to the server, as they are for parameters).
    ///
    /// A body that breaks a rule fails with [`Error::InvalidInput`] listing every problem
    /// with where it is (`amount must be >= 1; items must have at least 1 item`), and
    /// nothing is sent.
    pub fn check_body<T: Serialize + ?Sized>(
        &self,
        body: &T,
        check: fn(&serde_json::Value, &mut Problems),
    ) -> Result<(), Error> {
        let value = serde_json::to_value(body).map_err(|error| {
            self.invalid(format!(
                "the request body cannot be serialized as JSON: {error}"
            ))
        })?;
        let mut problems = Problems::new();
        check(&value, &mut problems);
        if problems.is_empty() {
            return Ok(());
        }
        let found: Vec<String> = problems
            .as_slice()
            .iter()
            .map(ToString::to_string)
            .collect();
        Err(self.invalid(format!(
            "the request body breaks the spec's rules: {}",
            found.join("; ")
        )))
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

    /// Applies credentials, sends the request (retrying as the retry policy and
    /// call options allow) and reads the body of the response that arrived,
    /// whatever its status, into a [`Received`] for the caller to decode: a
    /// `2xx` body whole, any other only its start (see [`Received`]). This is
    /// what [`execute`](super::execute) does before it decodes.
    ///
    /// The call runs inside a `tracing` span named `jeri.call` with the
    /// fields `operation` (the operation id), `method`, `path` (the path
    /// template, never the filled-in path or query), `attempt`, `status` and
    /// `elapsed_ms` (until the last response's headers arrived); each retry
    /// is an event in that span naming its `reason` and `delay_ms`. When the last
    /// attempt ends, an event closes the call: `call finished` (level INFO) with
    /// `operation`, `method`, `path`, `status`, `attempts` and `elapsed_ms`, or
    /// `call failed` (level WARN) with `error` (the [`TransportErrorKind`](super::TransportErrorKind))
    /// and `outcome` (the [`Outcome`](super::Outcome)) instead of `status`; a default
    /// `tracing_subscriber::fmt` subscriber prints it. Span and events have the target
    /// `jeri_runtime::call`. Credentials, tokens, filled-in paths, queries and bodies
    /// never appear in any of them.
    pub fn send(self) -> impl Future<Output = Result<Received, Error>> + Send {
        let receiving = self.receiving();
        async move { receiving?.await }
    }

    /// The future that sends the call and reads the body, the one every generated
    /// operation shares; the call is prepared first, so that a call that cannot be
    /// sent fails without a sending future.
    #[inline]
    pub(crate) fn receiving(
        self,
    ) -> Result<impl Future<Output = Result<Received, Error>> + Send, Error> {
        let span = self.span();
        let mut prepared = self.prepare()?;
        if prepared.sending.stream {
            prepared.sending.again = Reconnect::of(&prepared);
        }
        Ok(Receiving::Sending {
            sending: send_prepared(prepared).instrument(span),
            read: Response::receive,
        })
    }

    /// Sends the call as [`send`](Call::send) does, leaving the body unread.
    pub(crate) fn send_unread(self) -> impl Future<Output = Result<Response, Error>> + Send {
        let span = self.span();
        let prepared = self.prepare();
        async move { send_prepared(prepared?).await }.instrument(span)
    }

    /// The call's `jeri.call` span (see [`send`](Call::send)).
    #[inline]
    fn span(&self) -> tracing::Span {
        let operation = self.operation;
        tracing::info_span!(
            target: CALL_TARGET,
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
    #[inline]
    fn prepare(self) -> Result<Ready, Error> {
        let max_attempts = self
            .options
            .max_attempts
            .unwrap_or(self.transport.inner.retry.attempts())
            .max(1);
        let may_retry = self.operation.method.is_idempotent() || self.options.retry_non_idempotent;
        let (sending, request) = self.into_request()?;
        Ok(Ready {
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
        if let Some(next) = self.next_url.take() {
            self.url = self.next_page_url(&next)?;
        }
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
            stream,
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
                .map_err(|error| Error::transport(operation, error, None, redact_query))?,
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
            stream,
            again: None,
        };
        Ok((sending, request))
    }

    /// A next page's URL, resolved against the base URL; one on another origin is
    /// refused, so that the credentials this call carries go only to the API.
    fn next_page_url(&self, next: &str) -> Result<Url, Error> {
        let base = &self.transport.inner.base_url;
        match base.join(next) {
            Ok(url) if url.origin() == base.origin() => Ok(url),
            _ => Err(self.invalid(
                "the next page's URL is not on the API's origin (or is not a URL); it is \
                 not followed, so that credentials go only to the API"
                    .to_owned(),
            )),
        }
    }

    pub(super) fn invalid(&self, message: String) -> Error {
        Error::InvalidInput {
            operation: self.operation.id,
            message,
        }
    }
}
