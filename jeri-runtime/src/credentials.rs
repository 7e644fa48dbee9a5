//! The credentials a transport can present.

use super::Secret;

/// The API key, bearer token, basic-auth username and password, and raw
/// `Authorization` value a [`Transport`](super::Transport) can send, plus
/// credentials for particular security schemes by name, for specs with several
/// schemes of one kind (two API keys in different headers, say).
///
/// Any may be absent; an operation whose security the credentials cannot
/// satisfy fails with [`Error::MissingCredentials`](super::Error::MissingCredentials)
/// before anything is sent. Empty strings count as absent.
#[derive(Clone, Debug, Default)]
pub struct Credentials {
    api_key: Option<Secret>,
    bearer_token: Option<Secret>,
    basic: Option<(String, Secret)>,
    authorization: Option<Secret>,
    by_scheme: Vec<(String, SchemeCredential)>,
}

/// A credential given for one security scheme by name.
#[derive(Clone, Debug)]
pub enum SchemeCredential {
    /// The API key (apiKey schemes), the token (bearer, oauth2, openIdConnect) or
    /// the whole `Authorization` value (other http schemes).
    Secret(Secret),
    /// The username and password (http `basic`).
    Basic(String, Secret),
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

    /// These credentials plus a username and password for http `basic` schemes.
    /// The username is not secret; the password is.
    pub fn with_basic(mut self, username: impl Into<String>, password: impl Into<Secret>) -> Self {
        self.basic = Some((username.into(), password.into()));
        self
    }

    /// These credentials plus a whole `Authorization` header value (scheme word
    /// included, e.g. `Digest username="…", …`), for http schemes other than
    /// `basic` and `bearer`.
    pub fn with_authorization(mut self, value: impl Into<Secret>) -> Self {
        self.authorization = non_empty(value.into());
        self
    }

    /// These credentials plus `credential` for the security scheme named
    /// `scheme` (its key in `components.securitySchemes`), sent instead of the
    /// credential of the same kind wherever an operation asks for that scheme.
    /// A later credential for the same scheme replaces an earlier one; an empty
    /// secret removes it.
    pub fn with_scheme(mut self, scheme: impl Into<String>, credential: SchemeCredential) -> Self {
        let scheme = scheme.into();
        self.by_scheme.retain(|(name, _)| *name != scheme);
        let keep = match &credential {
            SchemeCredential::Secret(secret) => !secret.is_empty(),
            SchemeCredential::Basic(..) => true,
        };
        if keep {
            self.by_scheme.push((scheme, credential));
        }
        self
    }

    /// The credential given for the security scheme `scheme` by name, if any.
    pub fn scheme(&self, scheme: &str) -> Option<&SchemeCredential> {
        self.by_scheme
            .iter()
            .find(|(name, _)| name == scheme)
            .map(|(_, credential)| credential)
    }

    /// The names of the schemes given a credential by name, in the order given.
    pub fn scheme_names(&self) -> impl Iterator<Item = &str> {
        self.by_scheme.iter().map(|(name, _)| name.as_str())
    }

    /// The basic-auth username and password, if any.
    pub fn basic(&self) -> Option<(&str, &Secret)> {
        self.basic
            .as_ref()
            .map(|(user, password)| (user.as_str(), password))
    }

    /// The raw `Authorization` value, if any.
    pub fn authorization_secret(&self) -> Option<&Secret> {
        self.authorization.as_ref()
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
