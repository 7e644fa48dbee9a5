//! Customer tokens whose kind is part of their type.

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::LinkError;

/// The two kinds of customer token the API issues (its `token_type` query parameter).
///
/// The same two values as [`TokenType`](crate::types::TokenType) (they convert both
/// ways), without its `Unknown_`, which the API refuses: the methods that ask for a token
/// by kind ([`ProgramClient::get_customer_token`](crate::ProgramClient::get_customer_token),
/// [`Client::customer_auth_token`](crate::Client::customer_auth_token),
/// [`Client::download_link`](crate::Client::download_link)) cannot send it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// `auth`: a session for the customer app; becomes a session link.
    Auth,
    /// `download`: a single-use wallet-pass download; becomes a download link.
    Download,
}

impl TokenKind {
    /// The name the API uses for this kind: `auth` or `download`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Auth => "auth",
            Self::Download => "download",
        }
    }
}

/// The API's `token_type` for this kind.
impl From<TokenKind> for crate::types::TokenType {
    fn from(kind: TokenKind) -> Self {
        match kind {
            TokenKind::Auth => crate::types::TokenType::Auth,
            TokenKind::Download => crate::types::TokenType::Download,
        }
    }
}

/// The kind of a `token_type`; a value the spec does not list (`Unknown_`) is
/// [`LinkError::UnknownKind`], since the API refuses it.
impl TryFrom<crate::types::TokenType> for TokenKind {
    type Error = LinkError;

    fn try_from(token_type: crate::types::TokenType) -> Result<Self, LinkError> {
        match token_type {
            crate::types::TokenType::Auth => Ok(TokenKind::Auth),
            crate::types::TokenType::Download => Ok(TokenKind::Download),
            crate::types::TokenType::Unknown_(other) => Err(LinkError::UnknownKind(other)),
        }
    }
}

impl fmt::Display for TokenKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for TokenKind {
    type Err = LinkError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "auth" => Ok(Self::Auth),
            "download" => Ok(Self::Download),
            other => Err(LinkError::UnknownKind(other.to_owned())),
        }
    }
}

mod sealed {
    pub trait Sealed {}
}

/// A token kind known at compile time: implemented by the markers [`Auth`] and [`Download`] only.
pub trait Kind: sealed::Sealed + 'static {
    /// The kind this marker stands for.
    const KIND: TokenKind;
    /// The type name `Debug` prints, e.g. `AuthToken`.
    const TYPE_NAME: &'static str;
}

/// Marker for `auth` tokens: [`Token<Auth>`] is an [`AuthToken`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Auth {}

/// Marker for `download` tokens: [`Token<Download>`] is a [`DownloadToken`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Download {}

impl sealed::Sealed for Auth {}
impl sealed::Sealed for Download {}

impl Kind for Auth {
    const KIND: TokenKind = TokenKind::Auth;
    const TYPE_NAME: &'static str = "AuthToken";
}

impl Kind for Download {
    const KIND: TokenKind = TokenKind::Download;
    const TYPE_NAME: &'static str = "DownloadToken";
}

/// A customer token of kind `K`, holding the raw `accessToken` text.
///
/// The raw text is a credential: `Debug` prints `AuthToken([REDACTED])`, there is no
/// `Display`, and [`expose`](Self::expose) is the one way to read it. The kind lives in the
/// type, so a session link cannot be built from a download token:
///
/// ```compile_fail
/// use jeri_client::links::{DownloadToken, LinkBuilder, RedirectTo, Slug};
/// let token = DownloadToken::new("eyJhbGciOiJIUzI1NiJ9.e30.sig").unwrap();
/// let slug = Slug::new("acme").unwrap();
/// LinkBuilder::new().session_link(&slug, &token, &RedirectTo::Profile);
/// ```
pub struct Token<K: Kind> {
    raw: String,
    kind: PhantomData<fn() -> K>,
}

/// A token of kind `auth`, from `get_customer_token(.., TokenType::Auth)`.
pub type AuthToken = Token<Auth>;

/// A token of kind `download`, from `get_customer_token(.., TokenType::Download)`.
pub type DownloadToken = Token<Download>;

impl<K: Kind> Token<K> {
    /// Wraps the raw `accessToken` text of a token known to be of kind `K`.
    ///
    /// Any non-empty text is accepted: the links carry it Base64-encoded, so no character
    /// can break a link.
    ///
    /// # Errors
    /// [`LinkError::EmptyToken`] when `raw` is empty.
    pub fn new(raw: impl Into<String>) -> Result<Self, LinkError> {
        let raw = raw.into();
        if raw.is_empty() {
            return Err(LinkError::EmptyToken(K::KIND));
        }
        Ok(Self {
            raw,
            kind: PhantomData,
        })
    }

    /// The raw token text, e.g. to send it as `Authorization: Bearer <token>`.
    pub fn expose(&self) -> &str {
        &self.raw
    }

    /// Consumes the token and returns its raw text.
    pub fn into_exposed(self) -> String {
        self.raw
    }

    /// The kind of this token.
    pub const fn kind(&self) -> TokenKind {
        K::KIND
    }
}

impl<K: Kind> Clone for Token<K> {
    fn clone(&self) -> Self {
        Self {
            raw: self.raw.clone(),
            kind: PhantomData,
        }
    }
}

impl<K: Kind> PartialEq for Token<K> {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}

impl<K: Kind> Eq for Token<K> {}

impl<K: Kind> fmt::Debug for Token<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}([REDACTED])", K::TYPE_NAME)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_raw_token() {
        let auth = AuthToken::new("secret.jwt.text").expect("non-empty");
        let download = DownloadToken::new("secret.jwt.text").expect("non-empty");
        assert_eq!(format!("{auth:?}"), "AuthToken([REDACTED])");
        assert_eq!(format!("{download:#?}"), "DownloadToken([REDACTED])");
        assert_eq!(auth.expose(), "secret.jwt.text");
        assert_eq!(auth.kind(), TokenKind::Auth);
        assert_eq!(download.kind(), TokenKind::Download);
    }

    #[test]
    fn empty_tokens_are_rejected_with_their_kind() {
        assert_eq!(
            AuthToken::new(""),
            Err(LinkError::EmptyToken(TokenKind::Auth))
        );
        assert_eq!(
            DownloadToken::new("")
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Err("the download token is empty".to_owned())
        );
    }

    #[test]
    fn kinds_round_trip_through_text_and_serde() {
        for kind in [TokenKind::Auth, TokenKind::Download] {
            assert_eq!(kind.to_string().parse::<TokenKind>(), Ok(kind));
            let json = serde_json::to_string(&kind).expect("serializes");
            assert_eq!(json, format!("\"{kind}\""));
            assert_eq!(serde_json::from_str::<TokenKind>(&json).ok(), Some(kind));
        }
        assert_eq!(
            "Auth".parse::<TokenKind>(),
            Err(LinkError::UnknownKind("Auth".to_owned()))
        );
    }
}
