//! Percent-encoding of path pieces.

use percent_encoding::{AsciiSet, CONTROLS, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but RFC 3986 unreserved characters, so a parameter is always
/// exactly one path segment whatever it contains (`/`, `?`, `#`, `%`, …).
const PARAM: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Path literals come from the spec and may use any `pchar` and `/`; only
/// what cannot appear in a path as-is is encoded.
const LITERAL: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Appends a literal piece of the path template.
pub(crate) fn push_literal(path: &mut String, text: &str) {
    path.extend(utf8_percent_encode(text, LITERAL));
}

/// Why a value cannot be a path segment.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum SegmentError {
    /// The value is empty, which would merge two segments.
    Empty,
    /// The value is `.` or `..`. URL parsers (and servers) treat these, and
    /// their encoded forms `%2E`/`%2E%2E`, as "this/parent directory", so no
    /// encoding keeps them a plain segment.
    DotSegment,
}

/// Appends a path parameter as one percent-encoded segment.
pub(crate) fn push_param(path: &mut String, value: &str) -> Result<(), SegmentError> {
    match value {
        "" => Err(SegmentError::Empty),
        "." | ".." => Err(SegmentError::DotSegment),
        _ => {
            path.extend(utf8_percent_encode(value, PARAM));
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn param(value: &str) -> Result<String, SegmentError> {
        let mut path = String::new();
        push_param(&mut path, value).map(|()| path)
    }

    #[test]
    fn params_encode_all_but_unreserved() {
        let cases = [
            ("abc-DEF_0.9~", "abc-DEF_0.9~"),
            ("a/b", "a%2Fb"),
            ("a b", "a%20b"),
            ("a+b@example.com", "a%2Bb%40example.com"),
            ("?#%", "%3F%23%25"),
            ("%2E%2E", "%252E%252E"),
            ("...", "..."),
            (".hidden", ".hidden"),
            ("ñandú", "%C3%B1and%C3%BA"),
            ("日本", "%E6%97%A5%E6%9C%AC"),
            (";,=&:", "%3B%2C%3D%26%3A"),
        ];
        for (value, expected) in cases {
            assert_eq!(param(value).as_deref(), Ok(expected), "{value:?}");
        }
    }

    #[test]
    fn params_that_cannot_be_a_segment() {
        assert_eq!(param(""), Err(SegmentError::Empty));
        assert_eq!(param("."), Err(SegmentError::DotSegment));
        assert_eq!(param(".."), Err(SegmentError::DotSegment));
    }

    #[test]
    fn literals_keep_path_characters() {
        let mut path = String::new();
        push_literal(&mut path, "/v1/programs/a:b@c/ x%?");
        assert_eq!(path, "/v1/programs/a:b@c/%20x%25%3F");
    }
}
