//! Building jeri.link links from typed tokens.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

use url::Url;

use super::text::{Place, capacity, push_escaped, push_token};
use super::{AuthToken, DownloadToken, LinkError, RedirectTo, Slug, TokenEncoding, TokenKind};

/// Where customer links live unless a [`LinkBuilder`] is told otherwise.
pub const DEFAULT_BASE_URL: &str = "https://jeri.link";

/// Builds (and reads back) customer links under one base URL with one token encoding.
///
/// - download: `{base}/{slug}/download?token={base64Token}` from a [`DownloadToken`];
/// - session: `{base}/{slug}/{base64Token}?redirectTo={path}` from an [`AuthToken`].
///
/// Every part is escaped as the url crate escapes an appended path segment or query
/// value: the slug and the token text each become exactly one path segment or one query
/// value, whatever they contain. See [`TokenEncoding`] for the Base64 variant and its
/// escaping. A link costs one allocation and no URL parsing.
///
/// ```
/// use jeri_client::links::{AuthToken, LinkBuilder, RedirectTo, Slug};
///
/// let links = LinkBuilder::new();
/// let slug = Slug::new("acme")?;
/// let token = AuthToken::new("eyJhbGciOiJIUzI1NiJ9.e30.c2ln")?;
/// let link = links.session_link(&slug, &token, &RedirectTo::LoyaltyRewards);
/// assert_eq!(
///     link.as_str(),
///     "https://jeri.link/acme/ZXlKaGJHY2lPaUpJVXpJMU5pSjkuZTMwLmMybG4=?redirectTo=loyalty%2Frewards"
/// );
/// # Ok::<(), jeri_client::links::LinkError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkBuilder {
    /// Hierarchical http(s) URL without query, fragment or trailing slash.
    base: Url,
    /// `base` as text with the `/` that precedes the first appended segment.
    prefix: String,
    encoding: TokenEncoding,
}

impl Default for LinkBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl LinkBuilder {
    /// A builder for `https://jeri.link` with [`TokenEncoding::Standard`].
    pub fn new() -> Self {
        let base = Url::parse(DEFAULT_BASE_URL).expect("DEFAULT_BASE_URL is a valid URL");
        Self {
            prefix: prefix(&base),
            base,
            encoding: TokenEncoding::default(),
        }
    }

    /// The same builder with links under `base` instead, e.g. a staging host or a local
    /// test server such as `http://127.0.0.1:8080/links`. A path prefix is kept; one
    /// trailing slash is ignored.
    ///
    /// # Errors
    /// [`LinkError::BaseUrl`] when `base` is not an `http`/`https` URL with a host, or has
    /// credentials, a query or a fragment.
    pub fn with_base_url(mut self, base: &str) -> Result<Self, LinkError> {
        let reject = |reason| LinkError::BaseUrl {
            url: base.to_owned(),
            reason,
        };
        let mut url = Url::parse(base).map_err(|_| reject("it is not an absolute URL"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(reject("its scheme is not http or https"));
        }
        if url.host().is_none() {
            return Err(reject("it has no host"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(reject("it has credentials"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(reject("it has a query or a fragment"));
        }
        url.path_segments_mut()
            .map_err(|()| reject("it cannot be a base"))?
            .pop_if_empty();
        self.prefix = prefix(&url);
        self.base = url;
        Ok(self)
    }

    /// The same builder with tokens encoded as `encoding`.
    pub fn with_encoding(mut self, encoding: TokenEncoding) -> Self {
        self.encoding = encoding;
        self
    }

    /// The base URL links are built under (no trailing slash).
    pub fn base_url(&self) -> &Url {
        &self.base
    }

    /// The Base64 variant tokens are encoded with.
    pub fn encoding(&self) -> TokenEncoding {
        self.encoding
    }

    /// `{base}/{slug}/download?token={base64Token}`: opens the wallet-pass download page.
    /// The link works once: the server invalidates the token when the customer opens it.
    pub fn download_link(&self, slug: &Slug, token: &DownloadToken) -> Link {
        const MIDDLE: &str = "/download?token=";
        let (slug, raw) = (slug.as_str(), token.expose());
        let mut text =
            String::with_capacity(capacity(self.prefix.len() + MIDDLE.len(), slug, raw, ""));
        text.push_str(&self.prefix);
        push_escaped(&mut text, slug, Place::Segment);
        text.push_str(MIDDLE);
        push_token(&mut text, self.encoding, raw, Place::QueryValue);
        Link::new(text, TokenKind::Download)
    }

    /// `{base}/{slug}/{base64Token}?redirectTo={path}`: signs the customer in to the
    /// customer app and opens `redirect`.
    pub fn session_link(&self, slug: &Slug, token: &AuthToken, redirect: &RedirectTo) -> Link {
        const QUERY: &str = "?redirectTo=";
        let (slug, raw, redirect) = (slug.as_str(), token.expose(), redirect.as_str());
        let mut text = String::with_capacity(capacity(
            self.prefix.len() + 1 + QUERY.len(),
            slug,
            raw,
            redirect,
        ));
        text.push_str(&self.prefix);
        push_escaped(&mut text, slug, Place::Segment);
        text.push('/');
        push_token(&mut text, self.encoding, raw, Place::Segment);
        text.push_str(QUERY);
        push_escaped(&mut text, redirect, Place::QueryValue);
        Link::new(text, TokenKind::Auth)
    }
}

/// The text segments are appended to: the url crate puts a `/` between the base's path
/// and a new segment unless that path is the bare `/`.
fn prefix(base: &Url) -> String {
    let mut prefix = base.as_str().to_owned();
    if base.path() != "/" {
        prefix.push('/');
    }
    prefix
}

/// The path segments of a URL built from a builder's base, which is hierarchical by
/// construction.
fn segments(url: &mut Url) -> url::PathSegmentsMut<'_> {
    url.path_segments_mut()
        .expect("LinkBuilder bases are checked to be hierarchical http(s) URLs")
}

/// A built customer link.
///
/// The link carries a customer credential, so, like the tokens, it has no `Display` and its
/// `Debug` redacts the token: read it with [`as_str`](Self::as_str),
/// [`as_url`](Self::as_url) or [`into_string`](Self::into_string) where it is meant to go
/// (an email, an SMS, a QR code).
#[derive(Clone)]
pub struct Link {
    /// The link text, already in the url crate's serialization.
    text: String,
    kind: TokenKind,
    /// `text` parsed, on first use: most links are only ever sent as text.
    url: OnceLock<Url>,
}

impl Link {
    fn new(text: String, kind: TokenKind) -> Self {
        Self {
            text,
            kind,
            url: OnceLock::new(),
        }
    }

    /// The link text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The link as a parsed URL (parsed on the first call).
    pub fn as_url(&self) -> &Url {
        self.url.get_or_init(|| parse_built(&self.text))
    }

    /// The link as a parsed URL, by value.
    pub fn into_url(self) -> Url {
        match self.url.into_inner() {
            Some(url) => url,
            None => parse_built(&self.text),
        }
    }

    /// The link text, by value.
    pub fn into_string(self) -> String {
        self.text
    }

    /// The kind of token inside: [`TokenKind::Download`] for a download link,
    /// [`TokenKind::Auth`] for a session link.
    pub fn kind(&self) -> TokenKind {
        self.kind
    }

    /// The link with its token replaced by `[REDACTED]`, written the same way in both
    /// kinds (`…/download?token=[REDACTED]`, `…/acme/[REDACTED]?redirectTo=…`), safe to log.
    pub fn redacted(&self) -> String {
        let mut url = self.as_url().clone();
        match self.kind {
            TokenKind::Download => {
                // Written by hand: form encoding would show the marker as `%5BREDACTED%5D`,
                // unlike the path of a session link. The other pairs keep their encoding.
                let query: Vec<&str> = url
                    .query()
                    .unwrap_or_default()
                    .split('&')
                    .map(|pair| {
                        if pair.split('=').next() == Some("token") {
                            REDACTED_TOKEN_PAIR
                        } else {
                            pair
                        }
                    })
                    .collect();
                let query = query.join("&");
                url.set_query(Some(&query));
            }
            TokenKind::Auth => {
                segments(&mut url).pop().push(REDACTED);
            }
        }
        url.into()
    }
}

/// What [`Link::redacted`] writes in place of a token.
const REDACTED: &str = "[REDACTED]";
const REDACTED_TOKEN_PAIR: &str = "token=[REDACTED]";

/// Parses text a [`LinkBuilder`] wrote: the base was a parsed URL and every appended part
/// is escaped, so the text is a URL in the url crate's own serialization.
fn parse_built(text: &str) -> Url {
    Url::parse(text).expect("a LinkBuilder writes absolute http(s) URLs")
}

impl PartialEq for Link {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind && self.text == other.text
    }
}

impl Eq for Link {}

impl Hash for Link {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.text.hash(state);
        self.kind.hash(state);
    }
}

impl fmt::Debug for Link {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Link")
            .field("kind", &self.kind)
            .field("url", &self.redacted())
            .finish()
    }
}

impl AsRef<str> for Link {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<Link> for Url {
    fn from(link: Link) -> Self {
        link.into_url()
    }
}

impl From<Link> for String {
    fn from(link: Link) -> Self {
        link.into_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slug() -> Slug {
        Slug::new("acme").expect("valid slug")
    }

    #[test]
    fn base_url_can_be_replaced_and_keeps_its_prefix() {
        let builder = LinkBuilder::new()
            .with_base_url("http://127.0.0.1:8080/links/")
            .expect("valid base");
        let token = DownloadToken::new("t").expect("non-empty");
        assert_eq!(
            builder.download_link(&slug(), &token).as_str(),
            "http://127.0.0.1:8080/links/acme/download?token=dA%3D%3D"
        );
    }

    #[test]
    fn unusable_base_urls_are_rejected() {
        for (base, reason) in [
            ("jeri.link", "it is not an absolute URL"),
            ("ftp://jeri.link", "its scheme is not http or https"),
            ("https://user:pw@jeri.link", "it has credentials"),
            ("https://jeri.link/?a=1", "it has a query or a fragment"),
            ("https://jeri.link/#x", "it has a query or a fragment"),
        ] {
            assert_eq!(
                LinkBuilder::new().with_base_url(base),
                Err(LinkError::BaseUrl {
                    url: base.to_owned(),
                    reason
                }),
                "{base}"
            );
        }
    }

    #[test]
    fn debug_and_redacted_hide_the_token() {
        let builder = LinkBuilder::new();
        let download = builder.download_link(&slug(), &DownloadToken::new("secret").expect("ok"));
        let session = builder.session_link(
            &slug(),
            &AuthToken::new("secret").expect("ok"),
            &RedirectTo::Profile,
        );
        assert_eq!(
            download.redacted(),
            "https://jeri.link/acme/download?token=[REDACTED]"
        );
        assert_eq!(
            session.redacted(),
            "https://jeri.link/acme/[REDACTED]?redirectTo=profile"
        );
        let encoded = TokenEncoding::Standard.encode("secret");
        for text in [format!("{download:?}"), format!("{session:#?}")] {
            assert!(!text.contains(&encoded), "{text}");
            assert!(text.contains("REDACTED"), "{text}");
        }
    }
}
