//! The program slug: the first path segment of every jeri.link link.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::LinkError;

/// A program slug checked to be usable as one path segment of a link.
///
/// The slug is found in the dashboard under Settings > Technical > Program Information.
/// Rejected: the empty string, `.` and `..` (URL parsers drop them from a path), and any
/// slug containing `/`, `\`, `?`, `#`, `%`, whitespace or a control character. Those would
/// change the link's structure, or be silently dropped or re-encoded, so a slug holding one
/// is a mistake (often an already-encoded or copy-pasted value) rather than a real slug.
/// Other characters, non-ASCII included, are kept and percent-encoded by the url crate.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

impl Slug {
    /// Checks `slug` and wraps it.
    ///
    /// # Errors
    /// [`LinkError::EmptySlug`], [`LinkError::DotSlug`] or [`LinkError::SlugCharacter`].
    pub fn new(slug: impl Into<String>) -> Result<Self, LinkError> {
        let slug = slug.into();
        if slug.is_empty() {
            return Err(LinkError::EmptySlug);
        }
        if slug == "." || slug == ".." {
            return Err(LinkError::DotSlug(slug));
        }
        if let Some(found) = slug.chars().find(|&c| is_forbidden(c)) {
            return Err(LinkError::SlugCharacter { slug, found });
        }
        Ok(Self(slug))
    }

    /// The slug text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_forbidden(c: char) -> bool {
    matches!(c, '/' | '\\' | '?' | '#' | '%') || c.is_whitespace() || c.is_control()
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Slug {
    type Err = LinkError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}

impl TryFrom<String> for Slug {
    type Error = LinkError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl TryFrom<&str> for Slug {
    type Error = LinkError;

    fn try_from(value: &str) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<Slug> for String {
    fn from(slug: Slug) -> Self {
        slug.0
    }
}

impl AsRef<str> for Slug {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_slugs() {
        for ok in [
            "acme",
            "acme-store",
            "ACME_2",
            "tienda.es",
            "café",
            "a+b=c",
            "x:y@z",
        ] {
            assert_eq!(Slug::new(ok).map(String::from), Ok(ok.to_owned()));
        }
    }

    #[test]
    fn rejects_slugs_that_would_change_the_link() {
        let cases: &[(&str, LinkError)] = &[
            ("", LinkError::EmptySlug),
            (".", LinkError::DotSlug(".".into())),
            ("..", LinkError::DotSlug("..".into())),
            ("a/b", char_error("a/b", '/')),
            ("a\\b", char_error("a\\b", '\\')),
            ("a?b=1", char_error("a?b=1", '?')),
            ("a#top", char_error("a#top", '#')),
            ("a%2Fb", char_error("a%2Fb", '%')),
            ("a b", char_error("a b", ' ')),
            (" acme", char_error(" acme", ' ')),
            ("acme\n", char_error("acme\n", '\n')),
            ("ac\tme", char_error("ac\tme", '\t')),
            ("a\u{0}b", char_error("a\u{0}b", '\u{0}')),
            ("a\u{a0}b", char_error("a\u{a0}b", '\u{a0}')),
        ];
        for (input, expected) in cases {
            assert_eq!(Slug::new(*input).as_ref(), Err(expected), "{input:?}");
        }
    }

    #[test]
    fn messages_name_the_problem() {
        assert_eq!(
            Slug::new("a/b").map_err(|e| e.to_string()),
            Err("the program slug \"a/b\" contains '/'; a slug cannot contain `/`, `\\`, `?`, `#`, `%`, whitespace or control characters".to_owned())
        );
        assert_eq!(
            Slug::new("").map_err(|e| e.to_string()),
            Err("the program slug is empty".to_owned())
        );
    }

    #[test]
    fn serde_checks_the_slug() {
        assert_eq!(
            serde_json::from_str::<Slug>("\"acme\"").ok(),
            Slug::new("acme").ok()
        );
        assert!(serde_json::from_str::<Slug>("\"a/b\"").is_err());
        assert_eq!(
            serde_json::to_string(&Slug::new("acme").expect("valid")).ok(),
            Some("\"acme\"".to_owned())
        );
    }

    fn char_error(slug: &str, found: char) -> LinkError {
        LinkError::SlugCharacter {
            slug: slug.to_owned(),
            found,
        }
    }
}
