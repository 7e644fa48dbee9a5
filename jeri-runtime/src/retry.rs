//! When and how long to wait before repeating a failed attempt.

use std::time::Duration;

/// How the transport retries failed attempts.
///
/// Only idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE, TRACE) are
/// retried, unless a call opts in with
/// [`CallOptions::retry_non_idempotent`](super::CallOptions::retry_non_idempotent).
/// An attempt is retried when it could not connect, timed out, or got HTTP
/// 429, 502, 503 or 504. The wait before attempt *n + 1* is the server's
/// `Retry-After` (in seconds) when it sent one, otherwise a random duration
/// between zero and `min(max_delay, base_delay × 2ⁿ⁻¹)` ("full jitter").
/// No attempt starts once the time since the call began plus the wait would
/// exceed the total budget; the last response or error is returned instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    total_budget: Duration,
}

impl Default for RetryPolicy {
    /// 3 attempts, 100 ms base delay, 5 s maximum delay, 30 s budget.
    fn default() -> Self {
        Self {
            max_attempts: 3,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(5),
            total_budget: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// The default policy (see [`Default`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// A policy that never retries.
    pub fn disabled() -> Self {
        Self::default().max_attempts(1)
    }

    /// Maximum number of attempts, the first one included (`0` counts as `1`).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The backoff unit: the first retry waits up to this long.
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The longest backoff between two attempts (`Retry-After` may ask for more).
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// The time after which no further attempt is started, counted from the
    /// start of the call.
    pub fn total_budget(mut self, budget: Duration) -> Self {
        self.total_budget = budget;
        self
    }

    /// The configured maximum number of attempts.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The configured total budget.
    pub fn budget(&self) -> Duration {
        self.total_budget
    }

    /// The wait before the attempt after `attempt` (1-based) failed, or
    /// `None` when no further attempt fits into `max_attempts` or into the
    /// budget given the time already `elapsed`.
    pub(crate) fn next_delay(
        &self,
        attempt: u32,
        max_attempts: u32,
        elapsed: Duration,
        retry_after: Option<Duration>,
    ) -> Option<Duration> {
        if attempt >= max_attempts.max(1) {
            return None;
        }
        let delay = retry_after.unwrap_or_else(|| self.backoff(attempt));
        let remaining = self.total_budget.checked_sub(elapsed)?;
        (delay <= remaining).then_some(delay)
    }

    fn backoff(&self, attempt: u32) -> Duration {
        let exponent = attempt.saturating_sub(1).min(31);
        let ceiling = self
            .base_delay
            .saturating_mul(1u32 << exponent)
            .min(self.max_delay);
        ceiling.mul_f64(fastrand::f64())
    }
}

/// Whether a response status is worth another attempt.
pub(crate) fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 502 | 503 | 504)
}

/// A `Retry-After` header given in seconds. HTTP dates are ignored (the
/// policy's backoff applies), as the API only sends seconds.
pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_stays_under_the_exponential_ceiling() {
        let policy = RetryPolicy::new()
            .max_attempts(10)
            .base_delay(Duration::from_millis(100))
            .max_delay(Duration::from_millis(350))
            .total_budget(Duration::from_secs(60));
        for _ in 0..200 {
            let first = policy.next_delay(1, 10, Duration::ZERO, None);
            assert!(first.is_some_and(|d| d <= Duration::from_millis(100)));
            let second = policy.next_delay(2, 10, Duration::ZERO, None);
            assert!(second.is_some_and(|d| d <= Duration::from_millis(200)));
            let capped = policy.next_delay(8, 10, Duration::ZERO, None);
            assert!(capped.is_some_and(|d| d <= Duration::from_millis(350)));
        }
    }

    #[test]
    fn no_delay_after_the_last_attempt() {
        let policy = RetryPolicy::new();
        assert_eq!(policy.next_delay(3, 3, Duration::ZERO, None), None);
        assert_eq!(
            RetryPolicy::disabled().next_delay(1, 1, Duration::ZERO, None),
            None
        );
        assert_eq!(policy.next_delay(1, 0, Duration::ZERO, None), None);
    }

    #[test]
    fn retry_after_wins_over_backoff_within_the_budget() {
        let policy = RetryPolicy::new().total_budget(Duration::from_secs(10));
        let wait = Some(Duration::from_secs(7));
        assert_eq!(policy.next_delay(1, 3, Duration::ZERO, wait), wait);
        assert_eq!(policy.next_delay(1, 3, Duration::from_secs(4), wait), None);
        assert_eq!(
            policy.next_delay(1, 3, Duration::from_secs(11), Some(Duration::ZERO)),
            None
        );
    }

    #[test]
    fn retry_after_in_seconds_only() {
        assert_eq!(parse_retry_after(" 3 "), Some(Duration::from_secs(3)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
        assert_eq!(parse_retry_after("-1"), None);
    }

    #[test]
    fn retryable_statuses() {
        for status in [429, 502, 503, 504] {
            assert!(is_retryable_status(status));
        }
        for status in [200, 400, 401, 404, 409, 422, 500, 501] {
            assert!(!is_retryable_status(status));
        }
    }
}
