//! The one error type of the links module.

use super::TokenKind;

/// Why a jeri.link link, or one of its parts, could not be built or read.
///
/// Messages never contain a token: they name the part that is wrong and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LinkError {
    /// The program slug is the empty string.
    #[error("the program slug is empty")]
    EmptySlug,
    /// The program slug contains a character that has a meaning in a URL or is invisible.
    #[error(
        "the program slug {slug:?} contains {found:?}; a slug cannot contain `/`, `\\`, `?`, `#`, `%`, whitespace or control characters"
    )]
    SlugCharacter {
        /// The slug as given.
        slug: String,
        /// The first character that is not allowed.
        found: char,
    },
    /// The program slug is `.` or `..`, which URL parsers remove from a path.
    #[error("the program slug {0:?} is a dot segment, which URL parsers drop from a path")]
    DotSlug(String),
    /// The customer token is the empty string.
    #[error("the {0} token is empty")]
    EmptyToken(TokenKind),
    /// A custom `redirectTo` path is the empty string.
    #[error("the redirectTo path is empty")]
    EmptyRedirect,
    /// A custom `redirectTo` path contains whitespace or a control character.
    #[error(
        "the redirectTo path {path:?} contains {found:?}; whitespace and control characters are not allowed"
    )]
    RedirectCharacter {
        /// The path as given.
        path: String,
        /// The first character that is not allowed.
        found: char,
    },
    /// A string that should name a token kind names none.
    #[error("unknown token kind {0:?}; expected `auth` or `download`")]
    UnknownKind(String),
    /// A string that should name a token encoding names none.
    #[error("unknown token encoding {0:?}; expected `standard` or `url-safe-no-pad`")]
    UnknownEncoding(String),
    /// The base URL given to a [`LinkBuilder`](super::LinkBuilder) cannot serve as one.
    #[error("the base URL {url:?} cannot be used for links: {reason}")]
    BaseUrl {
        /// The base URL as given.
        url: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The text is not a URL at all.
    #[error("not a URL: {0}")]
    NotAUrl(#[from] url::ParseError),
    /// The URL points somewhere other than the link host (and path prefix) expected.
    #[error("not a jeri link: it points at {found}, expected a link under {expected}")]
    NotJeriLink {
        /// The base URL links are expected under.
        expected: String,
        /// Scheme, host and port of the URL given, and its path as a shape: the literal
        /// `download` and empty segments as they are, every other segment as `<segment>`
        /// (any of them may be a token). No user info, query or fragment.
        found: String,
    },
    /// The path is neither `/{slug}/download` nor `/{slug}/{token}`.
    #[error("the link path {path:?} is neither `/{{slug}}/download` nor `/{{slug}}/{{token}}`")]
    WrongShape {
        /// The path after the base URL as a shape: the literal `download` and empty
        /// segments as they are, every other segment as `<segment>`, since a link that
        /// lost its slug has the token first.
        path: String,
    },
    /// A query parameter the link kind needs is absent or empty.
    #[error("the {kind} link has no `{name}` query parameter")]
    MissingQuery {
        /// The kind of link the path says this is.
        kind: TokenKind,
        /// The parameter that is missing.
        name: &'static str,
    },
    /// A query parameter the link kind reads appears more than once.
    #[error("the `{0}` query parameter appears more than once")]
    DuplicateQuery(&'static str),
    /// A path segment or query value is not valid percent-encoded UTF-8.
    #[error("the link's {0} is not valid percent-encoded UTF-8")]
    NotUtf8(&'static str),
    /// The token text in the link is not Base64 in either alphabet.
    #[error("the token in the link is not valid Base64: {0}")]
    Base64(#[source] base64::DecodeError),
    /// The token in the link is Base64, but what it encodes is not UTF-8 text.
    #[error("the token in the link decodes to bytes that are not UTF-8 text")]
    TokenNotUtf8,
}
