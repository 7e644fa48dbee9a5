//! Reading a link back into its slug, token and redirect, for support tooling and tests.

use std::borrow::Cow;

use percent_encoding::percent_decode_str;
use url::Url;

use super::{
    AuthToken, DownloadToken, LinkBuilder, LinkError, RedirectTo, Slug, TokenEncoding, TokenKind,
};

/// What a customer link holds, as read by [`LinkBuilder::parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParsedLink {
    /// `{base}/{slug}/download?token={base64Token}`.
    Download {
        /// The program slug.
        slug: Slug,
        /// The decoded download token.
        token: DownloadToken,
    },
    /// `{base}/{slug}/{base64Token}?redirectTo={path}`.
    Session {
        /// The program slug.
        slug: Slug,
        /// The decoded auth token.
        token: AuthToken,
        /// The section the link opens; `None` when the link has no `redirectTo`.
        redirect: Option<RedirectTo>,
    },
}

impl ParsedLink {
    /// The program slug.
    pub fn slug(&self) -> &Slug {
        match self {
            Self::Download { slug, .. } | Self::Session { slug, .. } => slug,
        }
    }

    /// The kind of token the link carries.
    pub fn kind(&self) -> TokenKind {
        match self {
            Self::Download { .. } => TokenKind::Download,
            Self::Session { .. } => TokenKind::Auth,
        }
    }

    /// The raw token text (a credential: see [`AuthToken::expose`]).
    pub fn expose_token(&self) -> &str {
        match self {
            Self::Download { token, .. } => token.expose(),
            Self::Session { token, .. } => token.expose(),
        }
    }

    /// The `redirectTo` section of a session link.
    pub fn redirect(&self) -> Option<&RedirectTo> {
        match self {
            Self::Download { .. } => None,
            Self::Session { redirect, .. } => redirect.as_ref(),
        }
    }
}

impl LinkBuilder {
    /// Reads a link built under this builder's base URL back into its parts.
    ///
    /// The token may be in either Base64 alphabet, padded or not, whatever this builder's
    /// [`TokenEncoding`]. Query parameters other than the one the link kind needs (such as
    /// tracking parameters an email tool appends) are ignored. A `+` in the token value is
    /// read as `+`, not as a space, since Base64 has no spaces and links written without
    /// escaping are common.
    ///
    /// # Errors
    /// [`LinkError::NotAUrl`], [`LinkError::NotJeriLink`] (other scheme, host, port or path
    /// prefix), [`LinkError::WrongShape`], [`LinkError::MissingQuery`],
    /// [`LinkError::DuplicateQuery`], [`LinkError::NotUtf8`], [`LinkError::Base64`],
    /// [`LinkError::TokenNotUtf8`], or a slug, token or redirect error.
    pub fn parse(&self, link: &str) -> Result<ParsedLink, LinkError> {
        let url = Url::parse(link.trim())?;
        let rest = self.path_under_base(&url)?;
        let (slug_segment, second) = match rest.as_slice() {
            [slug, second] | [slug, second, ""] if !slug.is_empty() && !second.is_empty() => {
                (*slug, *second)
            }
            _ => {
                return Err(LinkError::WrongShape {
                    path: path_shape(rest.iter().copied()),
                });
            }
        };
        let slug = Slug::new(decode_segment(slug_segment, "slug")?)?;
        if second == "download" {
            let text = single_query(&url, "token")?.ok_or(LinkError::MissingQuery {
                kind: TokenKind::Download,
                name: "token",
            })?;
            let token = DownloadToken::new(decode_token(&text)?)?;
            Ok(ParsedLink::Download { slug, token })
        } else {
            let text = decode_segment(second, "token segment")?;
            let token = AuthToken::new(decode_token(&text)?)?;
            let redirect = single_query(&url, "redirectTo")?
                .map(|path| RedirectTo::custom(path.into_owned()))
                .transpose()?;
            Ok(ParsedLink::Session {
                slug,
                token,
                redirect,
            })
        }
    }

    /// The path segments of `url` after this builder's base, or why `url` is not under it.
    fn path_under_base<'u>(&self, url: &'u Url) -> Result<Vec<&'u str>, LinkError> {
        let base = self.base_url();
        let not_ours = || LinkError::NotJeriLink {
            expected: base.as_str().to_owned(),
            found: redacted_location(url),
        };
        if url.scheme() != base.scheme()
            || url.host() != base.host()
            || url.port_or_known_default() != base.port_or_known_default()
        {
            return Err(not_ours());
        }
        // The bare `/` is one empty segment that links do not repeat; any other base path
        // is repeated segment for segment, empty ones (`https://host//`) included.
        let prefix = base
            .path_segments()
            .into_iter()
            .flatten()
            .filter(|s| base.path() != "/" || !s.is_empty());
        let mut segments = url.path_segments().into_iter().flatten();
        for expected in prefix {
            if segments.next() != Some(expected) {
                return Err(not_ours());
            }
        }
        Ok(segments.collect())
    }
}

fn decode_segment<'s>(segment: &'s str, what: &'static str) -> Result<Cow<'s, str>, LinkError> {
    percent_decode_str(segment)
        .decode_utf8()
        .map_err(|_| LinkError::NotUtf8(what))
}

/// The value of the query parameter `name`, if present; an error if it appears twice.
fn single_query<'u>(url: &'u Url, name: &'static str) -> Result<Option<Cow<'u, str>>, LinkError> {
    let mut values = url
        .query_pairs()
        .filter(|(key, _)| key == name)
        .map(|(_, v)| v);
    let first = values.next();
    if values.next().is_some() {
        return Err(LinkError::DuplicateQuery(name));
    }
    Ok(first.filter(|value| !value.is_empty()))
}

fn decode_token(text: &str) -> Result<String, LinkError> {
    if text.contains(' ') {
        TokenEncoding::decode_any(&text.replace(' ', "+"))
    } else {
        TokenEncoding::decode_any(text)
    }
}

/// Stands for a path segment in error messages.
const SEGMENT: &str = "<segment>";

/// A path for an error message, as its shape: the literal `download` and empty segments
/// as they are, every other segment as `<segment>`.
///
/// Any other segment may be a token: the second one of a session link, but also the first
/// when a link lost its slug (`https://jeri.link/{token}`), so no position is safe to
/// show. The shape still says what a support engineer needs: how many segments there
/// are, where `download` sits, and whether there is a trailing slash.
fn path_shape<'s>(segments: impl IntoIterator<Item = &'s str>) -> String {
    let shown: Vec<&str> = segments
        .into_iter()
        .map(|segment| {
            if segment == "download" || segment.is_empty() {
                segment
            } else {
                SEGMENT
            }
        })
        .collect();
    format!("/{}", shown.join("/"))
}

/// Where `url` points, for an error message: scheme, host and port as written, then the
/// path's shape (see [`path_shape`]). User info, query and fragment are left out; a path
/// that is not made of segments (`mailto:…`) is shown as `<path>`.
fn redacted_location(url: &Url) -> String {
    let mut shown = format!("{}:", url.scheme());
    if url.has_authority() {
        shown.push_str("//");
        if let Some(host) = url.host() {
            shown.push_str(&host.to_string());
        }
        if let Some(port) = url.port() {
            shown.push_str(&format!(":{port}"));
        }
    }
    match url.path_segments() {
        Some(segments) => shown.push_str(&path_shape(segments)),
        None => shown.push_str("<path>"),
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_download_link() {
        let parsed = LinkBuilder::new()
            .parse("https://jeri.link/acme/download?token=dA%3D%3D&utm_source=klaviyo")
            .expect("a download link");
        assert_eq!(parsed.kind(), TokenKind::Download);
        assert_eq!(parsed.slug().as_str(), "acme");
        assert_eq!(parsed.expose_token(), "t");
        assert_eq!(parsed.redirect(), None);
    }

    #[test]
    fn reads_a_session_link_in_either_alphabet_and_unescaped_plus() {
        let builder = LinkBuilder::new();
        for link in [
            "https://jeri.link/acme/77%2B%2F?redirectTo=loyalty%2Frewards",
            "https://jeri.link/acme/77+%2F/?redirectTo=loyalty/rewards",
            "https://jeri.link/acme/77-_?redirectTo=loyalty%2Frewards",
        ] {
            let parsed = builder.parse(link).expect(link);
            assert_eq!(parsed.kind(), TokenKind::Auth, "{link}");
            assert_eq!(parsed.expose_token(), "\u{FFFF}", "{link}");
            assert_eq!(
                parsed.redirect(),
                Some(&RedirectTo::LoyaltyRewards),
                "{link}"
            );
        }
        let download = builder
            .parse("https://jeri.link/acme/download?token=77+/")
            .expect("raw plus in the query");
        assert_eq!(download.expose_token(), "\u{FFFF}");
    }

    #[test]
    fn explains_what_is_wrong() {
        let builder = LinkBuilder::new();
        let cases: &[(&str, &str)] = &[
            (
                "jeri.link/acme/download",
                "not a URL: relative URL without a base",
            ),
            (
                "https://example.com/acme/download?token=dA",
                "not a jeri link: it points at https://example.com/<segment>/download, expected a link under https://jeri.link/",
            ),
            (
                "http://jeri.link/acme/download?token=dA",
                "not a jeri link: it points at http://jeri.link/<segment>/download, expected a link under https://jeri.link/",
            ),
            (
                "https://jeri.link/acme",
                "the link path \"/<segment>\" is neither `/{slug}/download` nor `/{slug}/{token}`",
            ),
            (
                "https://jeri.link/acme/c2VjcmV0/extra",
                "the link path \"/<segment>/<segment>/<segment>\" is neither `/{slug}/download` nor `/{slug}/{token}`",
            ),
            (
                "https://jeri.link/acme/download",
                "the download link has no `token` query parameter",
            ),
            (
                "https://jeri.link/acme/download?token=",
                "the download link has no `token` query parameter",
            ),
            (
                "https://jeri.link/acme/download?token=dA&token=dA",
                "the `token` query parameter appears more than once",
            ),
            (
                "https://jeri.link/acme/%FF?redirectTo=profile",
                "the link's token segment is not valid percent-encoded UTF-8",
            ),
            (
                "https://jeri.link/acme/not*base64?redirectTo=profile",
                "the token in the link is not valid Base64: Invalid symbol 42, offset 3.",
            ),
            (
                "https://jeri.link/acme/%2Fw%3D%3D?redirectTo=profile",
                "the token in the link decodes to bytes that are not UTF-8 text",
            ),
            (
                "https://jeri.link/a%20b/download?token=dA",
                "the program slug \"a b\" contains ' '; a slug cannot contain `/`, `\\`, `?`, `#`, `%`, whitespace or control characters",
            ),
        ];
        for (link, message) in cases {
            assert_eq!(
                builder
                    .parse(link)
                    .map_err(|e| e.to_string())
                    .err()
                    .as_deref(),
                Some(*message),
                "{link}"
            );
        }
    }

    #[test]
    fn errors_show_where_a_link_points_but_no_path_segment() {
        let builder = LinkBuilder::new();
        let cases: &[(&str, &str)] = &[
            // A session link that lost its slug: the token comes first.
            ("https://jeri.link/c2VjcmV0", "/<segment>"),
            ("https://jeri.link/download", "/download"),
            ("https://jeri.link/acme//", "/<segment>//"),
            (
                "https://jeri.link/acme/c2VjcmV0/download/",
                "/<segment>/<segment>/download/",
            ),
        ];
        for (link, shape) in cases {
            assert_eq!(
                builder.parse(link),
                Err(LinkError::WrongShape {
                    path: (*shape).to_owned()
                }),
                "{link}"
            );
        }
        let elsewhere: &[(&str, &str)] = &[
            (
                "https://user:c2VjcmV0@jeri.link.example:8443/acme/c2VjcmV0?redirectTo=x#c2VjcmV0",
                "https://jeri.link.example:8443/<segment>/<segment>",
            ),
            ("http://[::1]:9/c2VjcmV0/", "http://[::1]:9/<segment>/"),
            ("file:///c2VjcmV0", "file:///<segment>"),
            ("mailto:c2VjcmV0", "mailto:<path>"),
        ];
        for (link, found) in elsewhere {
            assert_eq!(
                builder.parse(link),
                Err(LinkError::NotJeriLink {
                    expected: "https://jeri.link/".to_owned(),
                    found: (*found).to_owned(),
                }),
                "{link}"
            );
        }
    }

    #[test]
    fn respects_the_base_path_prefix() {
        let builder = LinkBuilder::new()
            .with_base_url("http://127.0.0.1:9/l")
            .expect("valid base");
        assert!(
            builder
                .parse("http://127.0.0.1:9/l/acme/download?token=dA")
                .is_ok()
        );
        assert!(matches!(
            builder.parse("http://127.0.0.1:9/acme/download?token=dA"),
            Err(LinkError::NotJeriLink { .. })
        ));
    }
}
