//! What a failed call is known to have done on the server.

use std::fmt;

/// Whether a failed call took effect on the server, as far as the client can know:
/// [`Error::outcome`](super::Error::outcome).
///
/// What decides it:
///
/// | what happened | outcome |
/// |---|---|
/// | refused before sending (`InvalidInput`, `MissingCredentials`, `Config`) | [`NotApplied`](Outcome::NotApplied) |
/// | no connection could be made (refused, DNS, TLS handshake, connect timeout) | [`NotApplied`](Outcome::NotApplied) |
/// | a `4xx` answer, `429` included | [`NotApplied`](Outcome::NotApplied) |
/// | a `503` answer | [`NotApplied`](Outcome::NotApplied) |
/// | a `2xx` answer whose body could not be read or decoded | [`Applied`](Outcome::Applied) |
/// | a timeout or a dropped connection after the request went out | [`Unknown`](Outcome::Unknown) |
/// | any other `5xx` (`500`, `502`, `504`, …), a `1xx` or `3xx` | [`Unknown`](Outcome::Unknown) |
///
/// A `4xx` says the server refused the request, and `503 Service Unavailable` says it
/// could not handle it (RFC 9110 §15.6.4); a server that answers `503` after acting on a
/// request breaks that convention, and a service that must not rely on it can treat
/// `503` to a POST like [`Unknown`](Outcome::Unknown). A `502` or `504` comes from a
/// gateway whose upstream may have acted before the gateway gave up.
///
/// For an idempotent method (GET, PUT, DELETE, …) [`Unknown`](Outcome::Unknown) is
/// harmless: sending it again has the same effect as sending it once. For POST and PATCH
/// it is the case to handle with care: read the state back (or use a key the API
/// deduplicates on) before sending again. [`Error::is_retryable`](super::Error::is_retryable)
/// is true only where a retry cannot apply the request twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Outcome {
    /// The request certainly did not take effect: it was never sent, never reached the
    /// server, or the server refused it.
    NotApplied,
    /// The server answered that it took effect (a `2xx`), but the answer could not be
    /// read or decoded; do not send it again.
    Applied,
    /// It may or may not have taken effect: the request went out and no trustworthy
    /// answer came back.
    Unknown,
}

impl Outcome {
    /// What a response status says: `2xx` applied; `4xx` and `503` not applied;
    /// anything else unknown.
    pub fn of_status(status: u16) -> Self {
        match status {
            200..=299 => Outcome::Applied,
            400..=499 | 503 => Outcome::NotApplied,
            _ => Outcome::Unknown,
        }
    }

    /// The outcome in words: `not applied`, `applied` or `unknown`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::NotApplied => "not applied",
            Outcome::Applied => "applied",
            Outcome::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Outcome;

    #[test]
    fn statuses() {
        for status in [200, 201, 204, 299] {
            assert_eq!(Outcome::of_status(status), Outcome::Applied, "{status}");
        }
        for status in [400, 401, 404, 408, 409, 422, 429, 499, 503] {
            assert_eq!(Outcome::of_status(status), Outcome::NotApplied, "{status}");
        }
        for status in [100, 301, 304, 500, 501, 502, 504, 599] {
            assert_eq!(Outcome::of_status(status), Outcome::Unknown, "{status}");
        }
    }
}
