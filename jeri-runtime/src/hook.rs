//! Code of the caller's run around every attempt: the middleware seam.

use std::time::Duration;

use super::OperationInfo;

/// Code run before and after every attempt of every call a [`Transport`](super::Transport)
/// sends: metrics, extra headers, request signing, logging.
///
/// Hooks are added with [`TransportBuilder::hook`](super::TransportBuilder::hook)
/// and run in the order they were added. [`before_attempt`](Hook::before_attempt)
/// sees the finished request (credentials included) and may change it;
/// [`after_attempt`](Hook::after_attempt) sees the response headers or the
/// transport error, before any retry is decided and before the body is read.
/// A retried call runs both once per attempt.
///
/// Both methods are synchronous and run on the task sending the call, so they
/// should be quick; a hook that needs to wait (for example to refresh a token)
/// should keep the fresh value somewhere `before_attempt` can read it, or be a
/// tower layer ([`TransportBuilder::layer`](super::TransportBuilder::layer)), which
/// runs inside the hooks and may wait.
///
/// ```
/// use std::sync::Mutex;
/// use std::time::Duration;
/// use jeri_runtime::{Attempt, Hook, Transport};
/// use reqwest::header::HeaderValue;
///
/// /// Adds a request id header and records how long each attempt took.
/// #[derive(Default)]
/// struct Timings {
///     seen: Mutex<Vec<(&'static str, u32, Option<u16>, Duration)>>,
/// }
///
/// impl Hook for Timings {
///     fn before_attempt(&self, attempt: &Attempt, request: &mut reqwest::Request) {
///         let id = format!("{}-{}", attempt.operation.id, attempt.number);
///         if let Ok(value) = HeaderValue::from_str(&id) {
///             request.headers_mut().insert("x-request-id", value);
///         }
///     }
///
///     fn after_attempt(
///         &self,
///         attempt: &Attempt,
///         outcome: Result<&reqwest::Response, &reqwest::Error>,
///         elapsed: Duration,
///     ) {
///         let status = outcome.ok().map(|response| response.status().as_u16());
///         if let Ok(mut seen) = self.seen.lock() {
///             seen.push((attempt.operation.id, attempt.number, status, elapsed));
///         }
///     }
/// }
///
/// let transport = Transport::builder()
///     .base_url("https://api.example.com")
///     .hook(Timings::default())
///     .build()?;
/// # let _ = transport;
/// # Ok::<(), jeri_runtime::Error>(())
/// ```
pub trait Hook: Send + Sync + 'static {
    /// Called with each attempt's request just before it is sent.
    fn before_attempt(&self, attempt: &Attempt, request: &mut reqwest::Request) {
        let _ = (attempt, request);
    }

    /// Called when an attempt got its response headers or failed; `elapsed`
    /// is the time since this attempt was sent.
    fn after_attempt(
        &self,
        attempt: &Attempt,
        outcome: Result<&reqwest::Response, &reqwest::Error>,
        elapsed: Duration,
    ) {
        let _ = (attempt, outcome, elapsed);
    }
}

/// Which attempt of which call a [`Hook`] is looking at.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Attempt {
    /// The operation being called.
    pub operation: &'static OperationInfo,
    /// The attempt's number, `1` for the first.
    pub number: u32,
}
