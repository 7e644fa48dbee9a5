//! The credentials a transport can present.

use super::Secret;

/// The API key and bearer token a [`Transport`](super::Transport) can send.
///
/// Either may be absent; an operation whose security the credentials cannot
/// satisfy fails with [`Error::MissingCredentials`](super::Error::MissingCredentials)
/// before anything is sent. Empty strings count as absent.
#[derive(Clone, Debug, Default)]
pub struct Credentials {
    api_key: Option<Secret>,
    bearer_token: Option<Secret>,
}

impl Credentials {
    /// No credentials: only operations without security can be called.
    pub fn none() -> Self {
        Self::default()
    }

    /// Only an API key.
    pub fn api_key(key: impl Into<Secret>) -> Self {
        Self::none().with_api_key(key)
    }

    /// Only a bearer token (for example a customer token).
    pub fn bearer(token: impl Into<Secret>) -> Self {
        Self::none().with_bearer_token(token)
    }

    /// These credentials plus an API key.
    pub fn with_api_key(mut self, key: impl Into<Secret>) -> Self {
        self.api_key = non_empty(key.into());
        self
    }

    /// These credentials plus a bearer token.
    pub fn with_bearer_token(mut self, token: impl Into<Secret>) -> Self {
        self.bearer_token = non_empty(token.into());
        self
    }

    /// The API key, if any.
    pub fn api_key_secret(&self) -> Option<&Secret> {
        self.api_key.as_ref()
    }

    /// The bearer token, if any.
    pub fn bearer_token_secret(&self) -> Option<&Secret> {
        self.bearer_token.as_ref()
    }
}

fn non_empty(secret: Secret) -> Option<Secret> {
    (!secret.is_empty()).then_some(secret)
}
