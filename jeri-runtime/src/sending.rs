//! Sending a prepared call: its attempts, the retries between them, and what
//! each attempt records.

use std::fmt::Display;

use super::layer;
use super::reconnect::Reconnect;
use super::response::Response;
use super::retry::{is_retryable_status, parse_retry_after};
use super::{Attempt, Error, OperationInfo, Transport, TransportErrorKind};

/// A call on its way: what each attempt and the outcome need of it.
pub(crate) struct Sending {
    pub(crate) transport: Transport,
    pub(crate) operation: &'static OperationInfo,
    /// A secret travels in the query string, so the URL is never shown.
    pub(crate) redact_query: bool,
    /// A `2xx` body in a streaming media type is left unread for the decoder
    /// ([`Call::stream_success`](super::Call::stream_success)).
    pub(crate) stream: bool,
    /// A copy of a `GET` stream's request, should the stream resume.
    pub(crate) again: Option<Box<Reconnect>>,
}

/// A [`Call`] turned into the request reqwest sends.
pub(crate) struct Ready {
    pub(crate) sending: Sending,
    pub(crate) request: reqwest::Request,
    pub(crate) max_attempts: u32,
    pub(crate) may_retry: bool,
}

/// Sends a prepared call, retrying as the retry policy and call options allow.
///
/// Every local that lives across an `await` takes room in the future, which
/// every request allocates and moves; so attempts are started and ended by
/// plain functions around reqwest's own small future, each outcome's scope
/// ends before the retry delay, and this is an `async` block rather than an
/// `async fn`, which would hold the prepared request twice (as its argument
/// and as the local it moves the argument into).
#[inline]
#[allow(
    clippy::manual_async_fn,
    reason = "an `async fn` would keep its arguments twice"
)]
pub(crate) fn send_prepared(
    prepared: Ready,
) -> impl Future<Output = Result<Response, Error>> + Send {
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
                return prepared.sending.finish(outcome, number, started);
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
                    None => return prepared.sending.finish(outcome, number, started),
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
        target: CALL_TARGET,
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
        let inner = &self.transport.inner;
        let sending = layer::send(&inner.client, inner.layers.as_ref(), request);
        (sending, sent_at)
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

    /// The call's result once its last attempt ended, announced by the call's
    /// closing event (see [`Call::send`](super::Call::send)).
    fn finish(
        self,
        outcome: reqwest::Result<reqwest::Response>,
        attempts: u32,
        started: tokio::time::Instant,
    ) -> Result<Response, Error> {
        let elapsed_ms = started.elapsed().as_millis().min(u128::from(u64::MAX)) as u64;
        let operation = self.operation;
        match outcome {
            Ok(response) => {
                tracing::info!(
                    target: CALL_TARGET,
                    operation = operation.id,
                    method = operation.method.as_str(),
                    path = operation.path,
                    status = response.status().as_u16(),
                    attempts,
                    elapsed_ms,
                    "call finished"
                );
                let mut response =
                    Response::new(response, operation, self.transport, self.redact_query);
                if self.stream {
                    response.stream_success(self.again);
                }
                Ok(response)
            }
            Err(error) => {
                let error = Error::transport(operation, error, None, self.redact_query);
                if let Error::Transport { kind, request, .. } = &error {
                    tracing::warn!(
                        target: CALL_TARGET,
                        operation = operation.id,
                        method = operation.method.as_str(),
                        path = operation.path,
                        error = %kind,
                        outcome = request.outcome().as_str(),
                        attempts,
                        elapsed_ms,
                        "call failed"
                    );
                }
                Err(error)
            }
        }
    }
}

/// The target of the call's span and events, whichever module sends them: what a
/// subscriber filters on (`RUST_LOG=jeri_runtime::call=info`).
pub(crate) const CALL_TARGET: &str = "jeri_runtime::call";

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
