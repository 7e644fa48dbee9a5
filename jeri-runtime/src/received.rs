//! A response whose body has been read, decoded without awaiting anything.

use std::fmt;

use bytes::Bytes;
use reqwest::header::{CONTENT_TYPE, HeaderMap, RETRY_AFTER};
use serde::de::DeserializeOwned;
use url::Url;

use super::body::{Read, ReadEnd, read_body};
use super::content_type::{closest, is_event_stream, is_json, is_json_lines};
use super::event_stream::EventStream;
use super::failed_request::keepable_url;
use super::json_lines::JsonLines;
use super::live_body::LiveBody;
use super::reconnect::Reconnect;
use super::redaction::{Redactor, redacted_excerpt};
use super::retry::parse_retry_after;
use super::{ApiError, Error, OperationInfo, Transport};

/// Characters of the body kept in decode errors.
const EXCERPT_CHARS: usize = 512;

/// How much of a body [`Received::read`] keeps.
pub(crate) enum Keep {
    /// Nothing: a `2xx` body in a streaming media type, read later as a stream
    /// (with what a `GET` stream needs to resume).
    Live(Option<Box<Reconnect>>),
    /// The whole body, up to the transport's size limit.
    Whole,
    /// The first [`ApiError::MAX_BODY_BYTES`]; the rest is read and dropped
    /// up to the size limit, so the connection can be reused without
    /// buffering a hostile body.
    Start,
}

/// A response to a [`Call`](super::Call) with its body read: what
/// `execute` hands to an operation's decoder.
///
/// A `2xx` body is read whole, up to the transport's size limit; any other
/// body keeps its first [`ApiError::MAX_BODY_BYTES`] (the rest is read and
/// dropped up to the size limit). Its methods turn the response into the
/// operation's result without awaiting anything:
///
/// ```
/// use jeri_runtime::{Error, Received};
///
/// fn decode(received: Received) -> Result<serde_json::Value, Error> {
///     match received.status() {
///         200 => received.json(),
///         _ => Err(received.unexpected()),
///     }
/// }
/// # let _ = decode;
/// ```
pub struct Received {
    operation: &'static OperationInfo,
    status: u16,
    headers: HeaderMap,
    body: Read,
    transport: Transport,
    redact_query: bool,
    /// The request URL, kept for the error of a response outside `2xx` only.
    url: Option<Box<Url>>,
    /// A body left unread, to be handed out as a stream.
    live: Option<Box<Live>>,
}

/// A response whose body is still on the connection.
struct Live {
    response: reqwest::Response,
    reconnect: Option<Box<Reconnect>>,
}

impl fmt::Debug for Received {
    // The body may hold a credential; only what identifies the response is shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Received")
            .field("operation", &self.operation.id)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

impl Received {
    /// Reads the body of `response` as `keep` says.
    ///
    /// An `async` block rather than an `async fn`, which would hold the
    /// response twice (as its argument and as the local it moves it into).
    #[allow(
        clippy::manual_async_fn,
        reason = "an `async fn` would keep its arguments twice"
    )]
    pub(crate) fn read(
        mut response: reqwest::Response,
        operation: &'static OperationInfo,
        transport: Transport,
        redact_query: bool,
        keep: Keep,
    ) -> impl Future<Output = Self> + Send {
        async move {
            if let Keep::Live(reconnect) = keep {
                return Self {
                    operation,
                    status: response.status().as_u16(),
                    headers: response.headers().clone(),
                    body: Read {
                        bytes: Bytes::new(),
                        end: ReadEnd::Complete,
                    },
                    transport,
                    redact_query,
                    url: None,
                    live: Some(Box::new(Live {
                        response,
                        reconnect,
                    })),
                };
            }
            let limit = transport.inner.max_body_size;
            let url = (!response.status().is_success())
                .then(|| keepable_url(response.url(), operation, redact_query));
            let declared_too_large = response
                .content_length()
                .is_some_and(|length| length > limit as u64);
            // A body declared too large is never buffered whole: only its start
            // can be of use, to show what the server sent.
            let keep_bytes = match keep {
                Keep::Whole | Keep::Live(_) if !declared_too_large => limit,
                _ => ApiError::MAX_BODY_BYTES,
            };
            let mut body = read_body(&mut response, keep_bytes, limit).await;
            if declared_too_large {
                body.end = ReadEnd::TooLarge;
            }
            Self {
                operation,
                status: response.status().as_u16(),
                headers: std::mem::take(response.headers_mut()),
                body,
                transport,
                redact_query,
                url,
                live: None,
            }
        }
    }

    /// The body bytes read (a reference count, not a copy).
    pub(crate) fn body_bytes(&self) -> bytes::Bytes {
        self.body.bytes.clone()
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// Decodes a JSON body as `T`.
    ///
    /// The content type must be JSON (`application/json` or `…+json`) or
    /// absent, else [`Error::ContentType`]; a body over the transport's size
    /// limit is [`Error::BodyTooLarge`], and a body that failed to arrive is
    /// [`Error::Transport`]. A non-`2xx` body longer than
    /// [`ApiError::MAX_BODY_BYTES`] was not kept whole, so it is
    /// [`Error::BodyTooLarge`] with that limit.
    ///
    /// A body that is not of the type is [`Error::Decode`], naming the
    /// property path where it failed (`loyaltyData.memberSince`).
    ///
    /// The excerpt kept by [`Error::Decode`] and [`Error::ContentType`] has
    /// the transport's API key and bearer token and every JWT-shaped string
    /// replaced by `[REDACTED]`: a token response that fails to decode must
    /// not put the token into a log line.
    pub fn json<T: DeserializeOwned>(mut self) -> Result<T, Error> {
        // Only the call to serde is generic; the checks and the error are not.
        self.check_json()?;
        decode_json(&self.body.bytes).map_err(|(path, source)| self.decode_error(path, source))
    }

    /// Fails unless the body is JSON (or untyped) and arrived whole.
    fn check_json(&mut self) -> Result<(), Error> {
        if !self.content_type_is_json_or_absent()
            && let Some(content_type) = self.headers.get(CONTENT_TYPE)
        {
            return Err(Error::ContentType {
                operation: self.operation.id,
                status: self.status,
                content_type: String::from_utf8_lossy(content_type.as_bytes()).into_owned(),
                excerpt: self.excerpt(&self.body.bytes, !self.body.is_complete()),
            });
        }
        self.check_complete()
    }

    /// Which of the media types `documented` for this response's status (as the spec
    /// writes them: `application/json`, `image/*`, `*/*`) its `Content-Type` is, for
    /// responses documented in several media types: the index of the closest match
    /// (the same media type, ignoring parameters and case; then a range of its type; then,
    /// for JSON, any `+json` type; then `*/*`), the first on a tie. A response without
    /// a `Content-Type` is taken to be in the first; `None` when it matches none (see
    /// [`Received::undocumented_content_type`]).
    pub fn content_type_index(&self, documented: &[&str]) -> Option<usize> {
        match self.headers.get(CONTENT_TYPE) {
            None => (!documented.is_empty()).then_some(0),
            Some(value) => closest(value.to_str().ok()?, documented),
        }
    }

    /// [`Error::ContentType`] for a response whose `Content-Type` is none of the media
    /// types documented for its status, keeping the status, the content type and the
    /// start of the body (credentials redacted, as for [`Received::json`]).
    pub fn undocumented_content_type(self) -> Error {
        self.undocumented_media()
    }

    /// The `text/event-stream` body as a stream of events whose data is JSON of type
    /// `T`, ending at an event whose data is `end` (see [`EventStream`]).
    ///
    /// The `Content-Type` must be `text/event-stream` or absent, else
    /// [`Error::ContentType`]. A body sent as it arrives when the call asked for it
    /// ([`Call::stream_success`](crate::Call::stream_success)), else the body read
    /// whole.
    pub fn events<T: DeserializeOwned>(
        self,
        end: Option<&'static str>,
    ) -> Result<EventStream<T>, Error> {
        let (body, reconnect) = self.into_stream_body(is_event_stream)?;
        Ok(EventStream::json(body, end, reconnect))
    }

    /// [`events`](Self::events) whose data is kept as text.
    pub fn text_events(self, end: Option<&'static str>) -> Result<EventStream<String>, Error> {
        let (body, reconnect) = self.into_stream_body(is_event_stream)?;
        Ok(EventStream::text(body, end, reconnect))
    }

    /// The JSON Lines body (`application/jsonl`, `application/x-ndjson`,
    /// `application/json-seq`, or no `Content-Type`) as a stream of items of type `T`
    /// (see [`JsonLines`]); another `Content-Type` is [`Error::ContentType`].
    pub fn json_lines<T: DeserializeOwned>(self) -> Result<JsonLines<T>, Error> {
        let (body, _) = self.into_stream_body(is_json_lines)?;
        Ok(JsonLines::new(body))
    }

    /// The body as a stream reads it, when its `Content-Type` is `expected` or absent.
    fn into_stream_body(
        mut self,
        expected: fn(&str) -> bool,
    ) -> Result<(LiveBody, Option<Box<Reconnect>>), Error> {
        let fits = self
            .headers
            .get(CONTENT_TYPE)
            .is_none_or(|value| value.to_str().is_ok_and(expected));
        if !fits {
            return Err(self.undocumented_media());
        }
        if let Some(live) = self.live.take() {
            let body = LiveBody::live(
                live.response,
                self.operation,
                self.transport,
                self.redact_query,
            );
            return Ok((body, live.reconnect));
        }
        let failure = self.check_complete().err();
        let body = LiveBody::read(
            std::mem::take(&mut self.body.bytes),
            failure,
            self.operation,
            self.status,
            self.transport,
            self.redact_query,
        );
        Ok((body, None))
    }

    /// [`Error::ContentType`] for this response.
    fn undocumented_media(&self) -> Error {
        let content_type = self
            .headers
            .get(CONTENT_TYPE)
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
            .unwrap_or_default();
        Error::ContentType {
            operation: self.operation.id,
            status: self.status,
            content_type,
            excerpt: self.excerpt(&self.body.bytes, !self.body.is_complete()),
        }
    }

    fn decode_error(&self, path: String, source: serde_json::Error) -> Error {
        Error::Decode {
            operation: self.operation.id,
            status: self.status,
            path,
            excerpt: self.excerpt(&self.body.bytes, false),
            source,
        }
    }

    /// The body as text, for `text/*` responses: decoded as UTF-8, with any
    /// invalid sequence shown as U+FFFD rather than failing the call (the
    /// bytes are what the server sent; a wrong charset is no reason to lose
    /// them). A body over the size limit is [`Error::BodyTooLarge`].
    pub fn text(mut self) -> Result<String, Error> {
        self.check_complete()?;
        Ok(
            match String::from_utf8(Vec::from(std::mem::take(&mut self.body.bytes))) {
                Ok(text) => text,
                Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
            },
        )
    }

    /// The body as bytes, for responses that are neither JSON nor text. A
    /// body over the size limit is [`Error::BodyTooLarge`].
    pub fn bytes(mut self) -> Result<Vec<u8>, Error> {
        self.check_complete()?;
        Ok(Vec::from(std::mem::take(&mut self.body.bytes)))
    }

    /// Checks the body arrived whole, for responses documented without one.
    pub fn empty(mut self) -> Result<(), Error> {
        match self.body.end {
            // The body was read to its end; only its start was kept, and
            // nothing of it is wanted.
            ReadEnd::Cut => Ok(()),
            _ => self.check_complete(),
        }
    }

    /// An [`Error::Api`] for a documented error response, with the body
    /// decoded as `T` when it is JSON of that shape and was kept whole (see
    /// [`ApiError::body`]).
    ///
    /// The kept body has the transport's credentials and every JWT-shaped
    /// string replaced by `[REDACTED]`, as error bodies often echo requests.
    pub fn api_error<T: DeserializeOwned + fmt::Debug + Send + Sync + 'static>(self) -> Error {
        let decodable = self.content_type_is_json_or_absent();
        let error = self.into_api_error();
        if !decodable {
            let reason = "the body's Content-Type is not JSON".to_owned();
            return Error::Api(error.with_body_error(reason));
        }
        if error.is_truncated() {
            let reason = format!(
                "the body was longer than the {} bytes kept",
                ApiError::MAX_BODY_BYTES
            );
            return Error::Api(error.with_body_error(reason));
        }
        match serde_json::from_slice::<T>(error.raw_body()) {
            Ok(body) => Error::Api(error.with_body(Box::new(body))),
            Err(reason) => Error::Api(error.with_body_error(reason.to_string())),
        }
    }

    /// An [`Error::Api`] for a status the operation does not document, with
    /// the raw body only.
    pub fn unexpected(self) -> Error {
        Error::Api(self.into_api_error())
    }

    /// [`api_error`](Self::api_error) as a decoder's result: `Err` of it, whatever
    /// the success type `O`.
    pub fn api_error_result<T, O>(self) -> Result<O, Error>
    where
        T: DeserializeOwned + fmt::Debug + Send + Sync + 'static,
    {
        Err(self.api_error::<T>())
    }

    /// The decoder of the most common operation in one call: the `success` status is a
    /// JSON body of type `T` ([`json`](Self::json)), any status from 400 to 599 is
    /// [`Error::Api`] with a body of type `E` ([`api_error_result`](Self::api_error_result)),
    /// and any other status is [`unexpected`](Self::unexpected).
    pub fn json_or_api_error<T, E>(self, success: u16) -> Result<T, Error>
    where
        T: DeserializeOwned,
        E: DeserializeOwned + fmt::Debug + Send + Sync + 'static,
    {
        self.success_or_api_error::<T, E>(success, Self::json)
    }

    /// [`json_or_api_error`](Self::json_or_api_error) for a success without a body
    /// ([`empty`](Self::empty)).
    pub fn empty_or_api_error<E>(self, success: u16) -> Result<(), Error>
    where
        E: DeserializeOwned + fmt::Debug + Send + Sync + 'static,
    {
        self.success_or_api_error::<(), E>(success, Self::empty)
    }

    fn success_or_api_error<T, E>(
        self,
        success: u16,
        decode: fn(Self) -> Result<T, Error>,
    ) -> Result<T, Error>
    where
        E: DeserializeOwned + fmt::Debug + Send + Sync + 'static,
    {
        match self.status {
            status if status == success => decode(self),
            400..=599 => self.api_error_result::<E, T>(),
            _ => self.unexpected_result(),
        }
    }

    /// [`unexpected`](Self::unexpected) as a decoder's result: `Err` of it, whatever
    /// the success type `O`.
    pub fn unexpected_result<O>(self) -> Result<O, Error> {
        Err(self.unexpected())
    }

    fn into_api_error(mut self) -> ApiError {
        let retry_after = self
            .headers
            .get(RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(parse_retry_after);
        let all = &self.body.bytes;
        let kept = &all[..all.len().min(ApiError::MAX_BODY_BYTES)];
        let mut truncated = kept.len() < all.len() || !self.body.is_complete();
        // Error bodies often echo the request; the kept body is shown by
        // Display and Debug, so credentials are taken out before keeping it.
        let mut bytes = self.redactor().redact(kept, truncated);
        if bytes.len() > ApiError::MAX_BODY_BYTES {
            bytes.truncate(ApiError::MAX_BODY_BYTES);
            truncated = true;
        }
        ApiError::new(self.operation, self.status, bytes, truncated, retry_after)
            .with_url(self.url.take())
    }

    /// Fails unless all of the body was read and kept. Leaves the body
    /// marked complete: it is called once, just before `self` is used up.
    fn check_complete(&mut self) -> Result<(), Error> {
        if self.live.is_some() {
            // A streamed body was not read: only `events` and `json_lines` take it.
            return Err(self.undocumented_media());
        }
        let limit = match std::mem::replace(&mut self.body.end, ReadEnd::Complete) {
            ReadEnd::Complete => return Ok(()),
            ReadEnd::Cut => ApiError::MAX_BODY_BYTES,
            ReadEnd::TooLarge => self.transport.inner.max_body_size,
            ReadEnd::Failed(error) => {
                return Err(Error::transport(
                    self.operation,
                    error,
                    Some(self.status),
                    self.redact_query,
                ));
            }
        };
        Err(Error::BodyTooLarge {
            operation: self.operation.id,
            status: self.status,
            limit,
        })
    }

    fn excerpt(&self, bytes: &Bytes, truncated: bool) -> String {
        redacted_excerpt(bytes, truncated, EXCERPT_CHARS, &self.redactor())
    }

    fn redactor(&self) -> Redactor {
        Redactor::new(&self.transport.inner.credentials)
    }

    /// Whether the content type is JSON or absent; checked without copying the
    /// header, as it runs on every success response.
    fn content_type_is_json_or_absent(&self) -> bool {
        self.headers.get(CONTENT_TYPE).is_none_or(|value| {
            // The usual answer, compared as bytes before the general parse.
            value.as_bytes().eq_ignore_ascii_case(b"application/json")
                || value.to_str().is_ok_and(is_json)
        })
    }
}

/// Decodes JSON text as `T`, as `serde_json::from_slice` does, and on failure says where:
/// the property path (`loyaltyData.memberSince`, `items[2]`; `.` for the whole body).
pub(crate) fn decode_json<T: DeserializeOwned>(
    bytes: &[u8],
) -> Result<T, (String, serde_json::Error)> {
    // Tracking the path costs allocations and instructions on every value; a body that
    // decodes needs none of it, so the path is found by decoding again only on failure.
    serde_json::from_slice(bytes).map_err(|error| path_of_error::<T>(bytes, error))
}

/// The path and error of a body that failed to decode as `T`, from a second decode
/// that tracks the path (deserialization is deterministic, so it fails at the same
/// place); `first` when it somehow does not fail.
#[cold]
fn path_of_error<T: DeserializeOwned>(
    bytes: &[u8],
    first: serde_json::Error,
) -> (String, serde_json::Error) {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Err(error) => (error.path().to_string(), error.into_inner()),
        // Trailing text after the value is an error, as with `serde_json::from_slice`.
        Ok(_) => match deserializer.end() {
            Err(error) => (".".to_owned(), error),
            Ok(()) => (".".to_owned(), first),
        },
    }
}
