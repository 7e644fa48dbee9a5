//! Failing on purpose: injected faults per operation, so a service can test how it
//! handles a 503, a 429 with `Retry-After`, a slow answer, a timeout and the lost answer.
//!
//! A [`Fault`] names an operation by its `operationId` (or `*` for every operation), what
//! happens ([`FaultKind`]) and how many matching requests it affects. The faults of a
//! sandbox form one list, [`Faults`]: the first armed fault that matches a request is
//! used up by it, and a request no fault matches is served normally.

use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::sync::watch;

use crate::error::ApiError;

/// Every operation of `spec/openapi.yaml`: method, path template, `operationId`. A test
/// compares it with the spec, so it cannot drift.
pub(crate) const OPERATIONS: &[(&str, &str, &str)] = &[
    ("GET", "/v1/status", "getApiStatus"),
    (
        "POST",
        "/v1/programs/{programId}/integrations/api",
        "upsertResources",
    ),
    (
        "DELETE",
        "/v1/programs/{programId}/integrations/api",
        "deleteResources",
    ),
    (
        "GET",
        "/v1/programs/{programId}/customers/token",
        "getCustomerToken",
    ),
    (
        "GET",
        "/v1/programs/{programId}/customers/{email}",
        "getCustomer",
    ),
    (
        "POST",
        "/v1/programs/{programId}/rewards/{rewardId}/redeem",
        "redeemReward",
    ),
    (
        "POST",
        "/v1/programs/{programId}/push-notifications",
        "sendPushNotification",
    ),
    (
        "POST",
        "/v1/programs/{programId}/coupons/{couponId}/assign",
        "assignCoupon",
    ),
    (
        "POST",
        "/v1/programs/{programId}/balance/increase",
        "increaseBalance",
    ),
    (
        "POST",
        "/v1/programs/{programId}/balance/decrease",
        "decreaseBalance",
    ),
    (
        "POST",
        "/v1/programs/{programId}/custom-earning-flows/{earningFlowId}/execute",
        "executeCustomEarningFlow",
    ),
];

/// The `operationId` served at `method` and the router's `path` template, whose parameter
/// names may differ from the spec's (`{p0}` for `{programId}`).
fn operation_at(method: &Method, path: &str) -> Option<&'static str> {
    fn shape(path: &str) -> impl Iterator<Item = &str> {
        path.split('/').map(|segment| {
            if segment.starts_with('{') {
                "{}"
            } else {
                segment
            }
        })
    }
    OPERATIONS
        .iter()
        .find(|(verb, template, _)| *verb == method.as_str() && shape(template).eq(shape(path)))
        .map(|(_, _, id)| *id)
}

/// What an injected fault does to the request it meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FaultKind {
    /// Answers `503 Service Unavailable` with an `ErrorBody`; nothing is applied.
    Unavailable,
    /// Answers `429 Too Many Requests` with `Retry-After` (whole seconds, rounded up) and
    /// an `ErrorBody`; nothing is applied.
    RateLimited {
        /// The wait the `Retry-After` header asks for.
        retry_after: Duration,
    },
    /// Waits, then serves the request normally. A client that gives up first closes the
    /// connection, and the request is then never served: a timeout where nothing was
    /// applied.
    Latency(Duration),
    /// Serves the request (its change is applied), then holds the answer until the client
    /// gives up or the sandbox stops, and never sends it: a timeout after the change.
    Timeout,
    /// Serves the request (its change is applied), then closes the connection without
    /// answering: the lost answer. (The connection's task unwinds to close it; under a
    /// layer that catches panics, such as tower-http's `CatchPanic`, the client gets that
    /// layer's answer instead.)
    LostAnswer,
}

/// An injected fault: which operation, what happens, how many times.
///
/// The text form, used by the binary's `--fault` flag and the `/_sandbox/faults` route,
/// is `OPERATION=KIND[*COUNT]` (see [`Fault::from_str`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    operation: Option<&'static str>,
    kind: FaultKind,
    times: Option<u32>,
}

/// A fault that cannot be made: an unknown operation or unreadable text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultError(String);

impl fmt::Display for FaultError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FaultError {}

impl Fault {
    /// A fault for every request to `operation` (an `operationId` of the spec, such as
    /// `increaseBalance`, or `*` for every operation) until [`times`](Self::times) limits
    /// it or it is cleared.
    ///
    /// # Errors
    /// [`FaultError`] naming the operations when `operation` is not one of them.
    pub fn new(operation: &str, kind: FaultKind) -> Result<Fault, FaultError> {
        let operation = if operation == "*" {
            None
        } else {
            let known = OPERATIONS
                .iter()
                .find(|(_, _, id)| *id == operation)
                .map(|(_, _, id)| *id);
            Some(known.ok_or_else(|| {
                let ids: Vec<&str> = OPERATIONS.iter().map(|(_, _, id)| *id).collect();
                FaultError(format!(
                    "unknown operation `{operation}`; expected `*` or one of {}",
                    ids.join(", ")
                ))
            })?)
        };
        Ok(Fault {
            operation,
            kind,
            times: None,
        })
    }

    /// Affects only the next `count` matching requests (a count of 0 affects none).
    pub fn times(mut self, count: u32) -> Fault {
        self.times = Some(count);
        self
    }

    /// The `operationId` it applies to; `None` for every operation.
    pub fn operation(&self) -> Option<&'static str> {
        self.operation
    }

    /// What it does.
    pub fn kind(&self) -> FaultKind {
        self.kind
    }

    /// How many more requests it affects; `None` for all of them.
    pub fn remaining(&self) -> Option<u32> {
        self.times
    }
}

/// Reads `OPERATION=KIND[*COUNT]`:
///
/// - `OPERATION`: an `operationId` (`increaseBalance`) or `*` for every operation;
/// - `KIND`: `unavailable` (503), `rate-limited:DURATION` (429 with `Retry-After`),
///   `latency:DURATION`, `timeout` or `lost-answer`, where `DURATION` is a whole number
///   with `ms` or `s` (`250ms`, `30s`);
/// - `*COUNT`: how many matching requests it affects (default: all).
///
/// `increaseBalance=lost-answer*1`, `getCustomer=rate-limited:2s*3`, `*=latency:300ms`.
impl FromStr for Fault {
    type Err = FaultError;

    fn from_str(text: &str) -> Result<Fault, FaultError> {
        let syntax = || {
            FaultError(format!(
                "`{text}` is not OPERATION=KIND[*COUNT] (KIND: unavailable, rate-limited:DURATION, latency:DURATION, timeout, lost-answer)"
            ))
        };
        let (operation, rest) = text.trim().split_once('=').ok_or_else(syntax)?;
        let (kind, times) =
            match rest.rsplit_once('*') {
                Some((kind, count)) => (
                    kind,
                    Some(count.parse::<u32>().map_err(|_| {
                        FaultError(format!("`{count}` in `{text}` is not a count"))
                    })?),
                ),
                None => (rest, None),
            };
        let (name, argument) = match kind.split_once(':') {
            Some((name, argument)) => (name, Some(argument)),
            None => (kind, None),
        };
        let kind = match (name, argument) {
            ("unavailable", None) => FaultKind::Unavailable,
            ("timeout", None) => FaultKind::Timeout,
            ("lost-answer", None) => FaultKind::LostAnswer,
            ("rate-limited", Some(wait)) => FaultKind::RateLimited {
                retry_after: duration(wait)?,
            },
            ("latency", Some(wait)) => FaultKind::Latency(duration(wait)?),
            _ => return Err(syntax()),
        };
        let fault = Fault::new(operation.trim(), kind)?;
        Ok(match times {
            Some(count) => fault.times(count),
            None => fault,
        })
    }
}

fn duration(text: &str) -> Result<Duration, FaultError> {
    let parsed = if let Some(millis) = text.strip_suffix("ms") {
        millis.parse().ok().map(Duration::from_millis)
    } else if let Some(seconds) = text.strip_suffix('s') {
        seconds.parse().ok().map(Duration::from_secs)
    } else {
        None
    };
    parsed.ok_or_else(|| {
        FaultError(format!(
            "`{text}` is not a duration like 250ms or 30s (whole numbers)"
        ))
    })
}

/// Writes the text form [`Fault::from_str`] reads, with the remaining count.
impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.operation.unwrap_or("*"))?;
        match self.kind {
            FaultKind::Unavailable => f.write_str("=unavailable")?,
            FaultKind::RateLimited { retry_after } => {
                write!(f, "=rate-limited:{}ms", retry_after.as_millis())?;
            }
            FaultKind::Latency(wait) => write!(f, "=latency:{}ms", wait.as_millis())?,
            FaultKind::Timeout => f.write_str("=timeout")?,
            FaultKind::LostAnswer => f.write_str("=lost-answer")?,
        }
        match self.times {
            Some(count) => write!(f, "*{count}"),
            None => Ok(()),
        }
    }
}

/// The faults of one sandbox; cheap to clone, and changes show at once in the running
/// server. [`Sandbox::faults`](crate::Sandbox::faults) and
/// [`SandboxState::faults`](crate::SandboxState::faults) give it.
#[derive(Debug, Clone)]
pub struct Faults {
    armed: Arc<Mutex<Vec<Fault>>>,
    /// Becomes `true` when the sandbox stops, ending every held answer.
    stopping: Arc<watch::Sender<bool>>,
}

impl Default for Faults {
    fn default() -> Self {
        Faults {
            armed: Arc::default(),
            stopping: Arc::new(watch::Sender::new(false)),
        }
    }
}

impl Faults {
    /// Arms a fault after those already armed (one limited to 0 requests is dropped).
    pub fn add(&self, fault: Fault) {
        if fault.times != Some(0) {
            self.lock().push(fault);
        }
    }

    /// Disarms every fault.
    pub fn clear(&self) {
        self.lock().clear();
    }

    /// The armed faults with their remaining counts, in the order they are tried.
    pub fn list(&self) -> Vec<Fault> {
        self.lock().clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Fault>> {
        // A fault list is whole after any panic: entries are only pushed, removed or
        // decremented.
        self.armed.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Uses up one request of the first fault armed for `operation`.
    fn take(&self, operation: &str) -> Option<FaultKind> {
        let mut armed = self.lock();
        let index = armed
            .iter()
            .position(|fault| fault.operation.is_none_or(|id| id == operation))?;
        let fault = &mut armed[index];
        let kind = fault.kind;
        if let Some(count) = &mut fault.times {
            *count -= 1;
            if *count == 0 {
                armed.remove(index);
            }
        }
        Some(kind)
    }

    /// Ends every held answer (and every later one at once): the sandbox is stopping.
    pub(crate) fn stop_holding(&self) {
        self.stopping.send_replace(true);
    }

    async fn hold(&self) {
        let mut stopping = self.stopping.subscribe();
        // An error means the sender is gone, which also ends the wait.
        let _ = stopping.wait_for(|stopping| *stopping).await;
    }
}

/// Why a task serving a lost answer unwinds: the payload of the unwind.
struct LostAnswer;

/// Closes the connection without an answer. Unwinding ends the task that serves the
/// connection (axum::serve gives each its own), which drops the socket, just as a
/// crashed server or a cut network does; `resume_unwind` skips the panic hook, so
/// nothing is printed.
fn drop_connection() -> ! {
    std::panic::resume_unwind(Box::new(LostAnswer))
}

/// The axum middleware that applies [`Faults`] to the operations' routes.
pub(crate) async fn inject(State(faults): State<Faults>, request: Request, next: Next) -> Response {
    let operation = request
        .extensions()
        .get::<MatchedPath>()
        .and_then(|path| operation_at(request.method(), path.as_str()));
    let Some(kind) = operation.and_then(|operation| faults.take(operation)) else {
        return next.run(request).await;
    };
    match kind {
        FaultKind::Unavailable => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "Service Unavailable (injected fault)",
        )
        .into_response(),
        FaultKind::RateLimited { retry_after } => {
            let seconds = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
            let mut response = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "ThrottlerException: Too Many Requests (injected fault)",
            )
            .into_response();
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
            response
        }
        FaultKind::Latency(wait) => {
            tokio::time::sleep(wait).await;
            next.run(request).await
        }
        FaultKind::Timeout => {
            let answer = next.run(request).await;
            faults.hold().await;
            drop(answer);
            drop_connection()
        }
        FaultKind::LostAnswer => {
            drop(next.run(request).await);
            drop_connection()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips() {
        for text in [
            "increaseBalance=lost-answer*1",
            "getCustomer=rate-limited:2000ms*3",
            "*=latency:300ms",
            "getApiStatus=unavailable",
            "upsertResources=timeout*2",
        ] {
            let fault: Fault = text.parse().expect(text);
            assert_eq!(fault.to_string(), text);
        }
        let fault: Fault = "getCustomer=rate-limited:2s".parse().expect("seconds");
        assert_eq!(
            fault.kind(),
            FaultKind::RateLimited {
                retry_after: Duration::from_secs(2)
            }
        );
    }

    #[test]
    fn mistakes_are_named() {
        let message = |text: &str| text.parse::<Fault>().expect_err(text).to_string();
        assert!(message("getCustomers=unavailable").contains("unknown operation `getCustomers`"));
        assert!(message("getCustomer").contains("OPERATION=KIND"));
        assert!(message("getCustomer=latency").contains("OPERATION=KIND"));
        assert!(message("getCustomer=latency:fast").contains("not a duration"));
        assert!(message("getCustomer=unavailable*x").contains("not a count"));
    }

    #[test]
    fn counts_are_used_up_in_order() {
        let faults = Faults::default();
        faults.add(
            Fault::new("getCustomer", FaultKind::Unavailable)
                .expect("known")
                .times(2),
        );
        faults.add(Fault::new("*", FaultKind::LostAnswer).expect("any"));
        assert_eq!(faults.take("getCustomer"), Some(FaultKind::Unavailable));
        assert_eq!(faults.take("getApiStatus"), Some(FaultKind::LostAnswer));
        assert_eq!(faults.take("getCustomer"), Some(FaultKind::Unavailable));
        assert_eq!(faults.take("getCustomer"), Some(FaultKind::LostAnswer));
        assert_eq!(faults.list().len(), 1);
        faults.clear();
        assert_eq!(faults.take("getCustomer"), None);
        faults.add(Fault::new("*", FaultKind::Timeout).expect("any").times(0));
        assert!(
            faults.list().is_empty(),
            "a fault for no request is not armed"
        );
    }

    #[test]
    fn router_templates_name_their_operation() {
        assert_eq!(
            operation_at(&Method::GET, "/v1/programs/{p0}/customers/{p1}"),
            Some("getCustomer")
        );
        assert_eq!(
            operation_at(&Method::GET, "/v1/programs/{p0}/customers/token"),
            Some("getCustomerToken")
        );
        assert_eq!(
            operation_at(&Method::DELETE, "/v1/programs/{p0}/integrations/api"),
            Some("deleteResources")
        );
        assert_eq!(operation_at(&Method::PUT, "/v1/status"), None);
    }
}
