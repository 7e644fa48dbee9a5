//! Link text written directly, with the escaping rules the url crate applies when it
//! appends a path segment or a query pair to an http(s) URL.
//!
//! Building a link is then one allocation and one pass over the token; the URL is parsed
//! only when someone asks for it ([`Link::as_url`](super::Link::as_url)). The property
//! tests (`tests/links_props.rs`) check that the text is byte for byte what the url
//! crate's own `PathSegmentsMut::extend` and `query_pairs_mut().append_pair` write.

use base64::Engine as _;
use percent_encoding::{AsciiSet, CONTROLS, percent_encode};
use url::form_urlencoded::byte_serialize;

use super::TokenEncoding;

/// What the url crate escapes in a path segment appended to an http(s) URL: its path set
/// (controls, space, `"` `<` `>` `` ` `` `#` `?` `{` `}`, and every non-ASCII byte) plus
/// `/`, `%` and `\`, so a segment can never become two or be read as already escaped.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'#')
    .add(b'?')
    .add(b'{')
    .add(b'}')
    .add(b'/')
    .add(b'%')
    .add(b'\\');

/// Where in a link a piece of text goes, which decides its escaping.
#[derive(Debug, Clone, Copy)]
pub(super) enum Place {
    /// One path segment.
    Segment,
    /// One `application/x-www-form-urlencoded` query value.
    QueryValue,
}

impl Place {
    fn push(self, out: &mut String, text: &[u8]) {
        match self {
            Self::Segment => out.extend(percent_encode(text, SEGMENT)),
            Self::QueryValue => out.extend(byte_serialize(text)),
        }
    }

    /// Whether Base64 text (either alphabet, `=` included) holds a character escaped
    /// here: the same answer as [`SEGMENT`] and `byte_serialize` give for that text.
    fn escapes_any_base64(self, text: &[u8]) -> bool {
        // A branch-free fold, which the compiler turns into a few vector compares: the
        // text is hundreds of bytes and almost never holds one.
        match self {
            Self::Segment => text.iter().fold(false, |any, &b| any | (b == b'/')),
            Self::QueryValue => text.iter().fold(false, |any, &b| {
                any | (b == b'+') | (b == b'/') | (b == b'=')
            }),
        }
    }
}

/// Appends `text` to `out`, escaped for `place`.
pub(super) fn push_escaped(out: &mut String, text: &str, place: Place) {
    place.push(out, text.as_bytes());
}

/// Appends the Base64 text of `raw` to `out`, escaped for `place`.
///
/// The text is written straight into `out`. The Base64 of a JWT holds no `+` or `/` (see
/// [`TokenEncoding`]), so the only escaping real tokens need is their `=` padding, done
/// in place; other text goes through the general escaper.
pub(super) fn push_token(out: &mut String, encoding: TokenEncoding, raw: &str, place: Place) {
    let start = out.len();
    encoding.engine().encode_string(raw, out);
    let encoded = &out.as_bytes()[start..];
    let padding = encoded.iter().rev().take_while(|&&b| b == b'=').count();
    if place.escapes_any_base64(&encoded[..encoded.len() - padding]) {
        let text = out.split_off(start);
        place.push(out, text.as_bytes());
    } else if padding > 0 && place.escapes_any_base64(b"=") {
        out.truncate(out.len() - padding);
        for _ in 0..padding {
            out.push_str("%3D");
        }
    }
}

/// A capacity for a link's text that holds it in one allocation for JWT-shaped tokens:
/// the fixed parts, the slug escaped at worst, the Base64 text with its padding escaped,
/// and the extra text escaped at worst.
pub(super) fn capacity(fixed: usize, slug: &str, raw: &str, extra: &str) -> usize {
    fixed + slug.len() * 3 + raw.len().div_ceil(3) * 4 + 4 + extra.len() * 3
}
