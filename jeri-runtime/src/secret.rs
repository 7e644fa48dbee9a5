//! A string that never shows up in logs.

use std::fmt;
use std::sync::Arc;

use secrecy::{ExposeSecret, SecretString};

/// A credential (API key or bearer token) whose `Debug` and `Display` print
/// `Secret([REDACTED])`.
///
/// The value is held in a [`secrecy::SecretString`], so it is zeroed in memory when
/// the last clone is dropped, and is only reachable through [`Secret::expose`] (or
/// [`ExposeSecret::expose_secret`]), so formatting a [`Transport`](super::Transport),
/// a client or an error can never print it. A `SecretString` the service already
/// holds converts with `From`.
///
/// Why a type of its own around it rather than `SecretString` itself: cloning shares
/// the value (it sits behind an [`Arc`]), so every request can hold the credentials
/// without copying the key (a `SecretString` clone copies it, one more copy in memory
/// per request); and it has a redacted `Display`, so a credential put into a message
/// by mistake prints `Secret([REDACTED])` rather than failing to compile in one place
/// and leaking through `expose` in the next.
#[derive(Clone)]
pub struct Secret(Arc<SecretString>);

impl Secret {
    /// Wraps a credential.
    pub fn new(value: impl Into<String>) -> Self {
        Self::from(value.into())
    }

    /// The credential itself, for the one place that has to send it.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    /// Whether the credential is the empty string.
    pub fn is_empty(&self) -> bool {
        self.expose().is_empty()
    }
}

impl ExposeSecret<str> for Secret {
    fn expose_secret(&self) -> &str {
        self.expose()
    }
}

impl From<SecretString> for Secret {
    fn from(value: SecretString) -> Self {
        Self(Arc::new(value))
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self::from(SecretString::from(value))
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self::from(SecretString::from(value))
    }
}

impl From<&String> for Secret {
    fn from(value: &String) -> Self {
        Self::from(value.as_str())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([REDACTED])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([REDACTED])")
    }
}

#[cfg(test)]
mod tests {
    use secrecy::{ExposeSecret, SecretString};

    use super::Secret;

    #[test]
    fn formatting_never_shows_the_value() {
        let secret = Secret::from("sk_live_hunter2");
        assert_eq!(format!("{secret:?}"), "Secret([REDACTED])");
        assert_eq!(format!("{secret}"), "Secret([REDACTED])");
        assert_eq!(format!("{secret:#?}"), "Secret([REDACTED])");
        assert_eq!(secret.expose(), "sk_live_hunter2");
    }

    #[test]
    fn a_secret_string_converts_and_clones_share_it() {
        let secret = Secret::from(SecretString::from("sk_live_hunter2"));
        let clone = secret.clone();
        assert_eq!(clone.expose_secret(), "sk_live_hunter2");
        assert!(std::ptr::eq(secret.expose(), clone.expose()));
        assert!(!secret.is_empty() && Secret::new("").is_empty());
    }
}
