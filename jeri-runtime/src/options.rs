//! Per-call settings that override the transport's.

use std::time::Duration;

/// Settings for one call, passed to a request's `options(...)` setter.
///
/// ```
/// use std::time::Duration;
/// use jeri_runtime::CallOptions;
///
/// // This POST is safe to repeat (it carries an idempotency key of ours),
/// // so let the transport retry it, and give it more time than usual.
/// let options = CallOptions::new()
///     .retry_non_idempotent(true)
///     .timeout(Duration::from_secs(60))
///     .max_attempts(5);
/// # let _ = options;
/// ```
#[derive(Clone, Debug, Default)]
pub struct CallOptions {
    pub(crate) timeout: Option<Duration>,
    pub(crate) retry_non_idempotent: bool,
    pub(crate) max_attempts: Option<u32>,
}

impl CallOptions {
    /// The defaults: the transport's timeout and retry policy; POST and
    /// PATCH are never retried.
    pub fn new() -> Self {
        Self::default()
    }

    /// Total time allowed for each attempt of this call (connecting, sending
    /// and reading the whole response), instead of the transport's timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Allow retries of this call even though its method (POST, PATCH) is not
    /// idempotent. Only do this when repeating the call cannot do harm.
    pub fn retry_non_idempotent(mut self, allow: bool) -> Self {
        self.retry_non_idempotent = allow;
        self
    }

    /// Maximum number of attempts for this call, the first one included,
    /// instead of the retry policy's. `1` disables retries; `0` counts as `1`.
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = Some(attempts);
        self
    }
}
