//! Resuming a `GET` event stream after its connection broke: the same request again,
//! with `Last-Event-ID`, through the usual sending loop.

use std::time::Duration;

use reqwest::header::HeaderValue;

use super::live_body::LiveBody;
use super::sending::{Ready, Sending, send_prepared};
use super::{BoxFuture, Error, OperationInfo, Transport};

/// The reconnection time when the server named none (the WHATWG suggestion is a few
/// seconds; one keeps a resumed stream close behind).
const DEFAULT_DELAY: Duration = Duration::from_secs(1);

/// What sending a stream's request again needs: a copy of it as first sent.
pub(crate) struct Reconnect {
    request: reqwest::Request,
    transport: Transport,
    operation: &'static OperationInfo,
    redact_query: bool,
    max_attempts: u32,
    /// Reconnections still allowed; none until the caller opts in.
    left: u32,
}

impl Reconnect {
    /// A copy of `ready`'s request, for a `GET` (whose request has no body and is safe to
    /// send again); `None` for any other method.
    pub(crate) fn of(ready: &Ready) -> Option<Box<Self>> {
        if !matches!(ready.sending.operation.method, super::Method::Get) {
            return None;
        }
        Some(Box::new(Self {
            request: ready.request.try_clone()?,
            transport: ready.sending.transport.clone(),
            operation: ready.sending.operation,
            redact_query: ready.sending.redact_query,
            max_attempts: ready.max_attempts,
            left: 0,
        }))
    }

    /// Allows `times` more reconnections.
    pub(crate) fn allow(&mut self, times: u32) {
        self.left = times;
    }

    /// Sends the request again after `delay` (or the default), with `last_id` as
    /// `Last-Event-ID` when not empty; `None` when no reconnection is left.
    pub(crate) fn next(
        &mut self,
        last_id: &str,
        delay: Option<Duration>,
    ) -> Option<BoxFuture<Result<LiveBody, Error>>> {
        self.left = self.left.checked_sub(1)?;
        let mut request = self.request.try_clone()?;
        if let Ok(value) = HeaderValue::from_str(last_id)
            && !last_id.is_empty()
        {
            request.headers_mut().insert("last-event-id", value);
        }
        let ready = Ready {
            sending: Sending {
                transport: self.transport.clone(),
                operation: self.operation,
                redact_query: self.redact_query,
                stream: true,
                again: None,
            },
            request,
            max_attempts: self.max_attempts,
            may_retry: true,
        };
        let delay = delay.unwrap_or(DEFAULT_DELAY);
        Some(Box::pin(async move {
            tokio::time::sleep(delay).await;
            let response = send_prepared(ready).await?;
            if (200..300).contains(&response.status()) {
                return Ok(response.into_live_body());
            }
            Err(response.receive().await.unexpected())
        }))
    }
}
