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

/// Whether `LITERAL` leaves `byte` as it is (checked against the set in the tests).
const fn literal_keeps(byte: u8) -> bool {
    byte > 0x20
        && byte < 0x7f
        && !matches!(
            byte,
            b'"' | b'#'
                | b'%'
                | b'<'
                | b'>'
                | b'?'
                | b'['
                | b'\\'
                | b']'
                | b'^'
                | b'`'
                | b'{'
                | b'|'
                | b'}'
        )
}

/// Whether `PARAM` leaves `byte` as it is: RFC 3986 unreserved characters.
const fn param_keeps(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
}

/// Which bytes a set keeps, looked up in one step per byte: `[literal, param]`.
const fn tables() -> [[bool; 256]; 2] {
    let mut tables = [[false; 256]; 2];
    let mut byte = 0;
    while byte < 256 {
        tables[0][byte] = literal_keeps(byte as u8);
        tables[1][byte] = param_keeps(byte as u8);
        byte += 1;
    }
    tables
}

static KEEPS: [[bool; 256]; 2] = tables();
static LITERAL_KEEPS: &[bool; 256] = &KEEPS[0];
static PARAM_KEEPS: &[bool; 256] = &KEEPS[1];

/// Appends `text`, percent-encoded with `set`; text that needs no encoding
/// (the usual case: identifiers, template literals) is copied as it is.
fn push_encoded(path: &mut String, text: &str, set: &'static AsciiSet, keeps: &[bool; 256]) {
    if text.bytes().all(|byte| keeps[usize::from(byte)]) {
        path.push_str(text);
    } else {
        path.extend(utf8_percent_encode(text, set));
    }
}

/// Appends a literal piece of the path template.
pub(crate) fn push_literal(path: &mut String, text: &str) {
    push_encoded(path, text, LITERAL, LITERAL_KEEPS);
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
            push_encoded(path, value, PARAM, PARAM_KEEPS);
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
    fn the_fast_checks_agree_with_the_sets() {
        for byte in 0..=u8::MAX {
            for (set, keeps) in [(LITERAL, LITERAL_KEEPS), (PARAM, PARAM_KEEPS)] {
                let kept = percent_encoding::percent_encode(&[byte], set).to_string()
                    == char::from(byte).to_string();
                let table = keeps[usize::from(byte)];
                assert_eq!(table, byte.is_ascii() && kept, "byte {byte:#04x}");
            }
        }
    }

    #[test]
    fn literals_keep_path_characters() {
        let mut path = String::new();
        push_literal(&mut path, "/v1/programs/a:b@c/ x%?");
        assert_eq!(path, "/v1/programs/a:b@c/%20x%25%3F");
    }
}
