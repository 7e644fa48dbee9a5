//! A response whose body is not read yet, and the future that sends a call and reads
//! the body of its response into a [`Received`].

use reqwest::header::HeaderMap;

use super::content_type::is_streaming;
use super::live_body::LiveBody;
use super::received::Keep;
use super::reconnect::Reconnect;
use super::{Error, OperationInfo, Received, Transport};

/// A response to a [`Call`](super::Call), with any status, its body not read
/// yet: what the sending loop ends with. Read into a [`Received`] (see
/// [`receive`](Response::receive)), or kept unread by a download.
pub(crate) struct Response {
    inner: reqwest::Response,
    operation: &'static OperationInfo,
    transport: Transport,
    redact_query: bool,
    /// A `2xx` body in a streaming media type is left unread.
    stream: bool,
    again: Option<Box<Reconnect>>,
}

impl Response {
    pub(crate) fn new(
        inner: reqwest::Response,
        operation: &'static OperationInfo,
        transport: Transport,
        redact_query: bool,
    ) -> Self {
        Self {
            inner,
            operation,
            transport,
            redact_query,
            stream: false,
            again: None,
        }
    }

    /// Leaves a `2xx` body in a streaming media type unread when received, keeping
    /// `again` for the stream to resume with.
    pub(crate) fn stream_success(&mut self, again: Option<Box<Reconnect>>) {
        self.stream = true;
        self.again = again;
    }

    /// The body, unread, as a stream reads it.
    pub(crate) fn into_live_body(self) -> LiveBody {
        LiveBody::live(
            self.inner,
            self.operation,
            self.transport,
            self.redact_query,
        )
    }

    /// The HTTP status code.
    pub(crate) fn status(&self) -> u16 {
        self.inner.status().as_u16()
    }

    pub(crate) fn operation(&self) -> &'static OperationInfo {
        self.operation
    }

    pub(crate) fn redact_query(&self) -> bool {
        self.redact_query
    }

    /// The headers and the response with its body unread.
    pub(crate) fn into_parts(mut self) -> (HeaderMap, reqwest::Response) {
        let headers = std::mem::take(self.inner.headers_mut());
        (headers, self.inner)
    }

    /// Reads the whole body (up to the transport's limit), whatever the status.
    pub(crate) fn receive_whole(self) -> impl Future<Output = Received> + Send {
        self.read(Keep::Whole)
    }

    /// Reads the body the way [`execute`](super::execute) does: a `2xx` body
    /// whole, any other only its start.
    pub(crate) fn receive(mut self) -> impl Future<Output = Received> + Send {
        let streams = self.stream
            && self
                .inner
                .headers()
                .get(reqwest::header::CONTENT_TYPE)
                .and_then(|value| value.to_str().ok())
                .is_some_and(is_streaming);
        let keep = if (200..300).contains(&self.status()) && streams {
            Keep::Live(self.again.take())
        } else if (200..300).contains(&self.status()) {
            Keep::Whole
        } else {
            Keep::Start
        };
        self.read(keep)
    }

    // Not an `async fn`: returning the reading future itself keeps the
    // response in one place instead of one copy per wrapping future.
    fn read(self, keep: Keep) -> impl Future<Output = Received> + Send {
        Received::read(
            self.inner,
            self.operation,
            self.transport,
            self.redact_query,
            keep,
        )
    }
}

pin_project_lite::pin_project! {
    /// Sending, then reading the body, as two states of one future: an
    /// `async fn` doing both would also keep its arguments, the prepared
    /// request among them, next to the sending future that holds them too.
    #[project = ReceivingState]
    pub(crate) enum Receiving<S, R> {
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
