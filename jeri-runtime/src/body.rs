//! Request and response bodies: encoding what the caller sends, and keeping
//! what the server sends without trusting its size or its content.

use bytes::Bytes;
use serde::Serialize;
use serde_json::Value;

use super::Credentials;

/// What stands in for a credential in text the runtime keeps.
const REDACTED: &[u8] = b"[REDACTED]";
/// Extra bytes redacted past what an excerpt shows, so that a token straddling
/// the excerpt's end is recognised whole and never shown in part.
const REDACTION_SLACK: usize = 16 * 1024;
/// The shortest start of a credential cut off at the end of a kept body that
/// is hidden; a shorter start (such as `sk_`) says nothing about the key.
const MIN_PARTIAL: usize = 4;

/// Removes credentials from response text the runtime keeps in errors.
///
/// Servers echo requests in error bodies, and a `getCustomerToken` answer
/// that fails to decode holds a live token; neither may end up in a log line.
/// Hidden: every occurrence of the transport's own API key and bearer token,
/// and every JWT-shaped string (`eyJ…` with three base64url segments joined
/// by dots), also Base64-encoded the way links carry it (`ZXlK…`).
#[derive(Clone, Default)]
pub(crate) struct Redactor {
    credentials: Credentials,
}

impl Redactor {
    /// Hides these credentials besides JWT-shaped strings.
    pub(crate) fn new(credentials: &Credentials) -> Self {
        Self {
            credentials: credentials.clone(),
        }
    }

    /// `bytes` with every secret replaced by `[REDACTED]`. `cut` says the
    /// bytes stop before the body does, so that a secret running into the
    /// end is hidden even though only its start is there.
    pub(crate) fn redact(&self, bytes: &[u8], cut: bool) -> Vec<u8> {
        let secrets = [
            self.credentials.api_key_secret(),
            self.credentials.bearer_token_secret(),
            self.credentials.basic().map(|(_, password)| password),
            self.credentials.authorization_secret(),
        ];
        let mut out = bytes.to_vec();
        for secret in secrets.into_iter().flatten() {
            out = replace_secret(&out, secret.expose().as_bytes(), cut);
        }
        replace_tokens(&out, cut)
    }
}

fn replace_secret(haystack: &[u8], needle: &[u8], cut: bool) -> Vec<u8> {
    if needle.is_empty() {
        return haystack.to_vec();
    }
    let mut out = Vec::with_capacity(haystack.len());
    let mut at = 0;
    while at < haystack.len() {
        if haystack[at..].starts_with(needle) {
            out.extend_from_slice(REDACTED);
            at += needle.len();
        } else {
            out.push(haystack[at]);
            at += 1;
        }
    }
    if cut {
        let longest = needle.len().saturating_sub(1).min(out.len());
        if let Some(len) = (MIN_PARTIAL..=longest)
            .rev()
            .find(|&len| needle.starts_with(&out[out.len() - len..]))
        {
            out.truncate(out.len() - len);
            out.extend_from_slice(REDACTED);
        }
    }
    out
}

fn replace_tokens(bytes: &[u8], cut: bool) -> Vec<u8> {
    // No word boundary is required before a token: in `Bearer%20eyJ…` or
    // `token=ZXlK…` it follows a character that could belong to one.
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let rest = &bytes[at..];
        match jwt_len(rest, cut).or_else(|| encoded_jwt_len(rest, cut)) {
            Some(len) => {
                out.extend_from_slice(REDACTED);
                at += len;
            }
            None => {
                out.push(bytes[at]);
                at += 1;
            }
        }
    }
    out
}

fn is_base64url(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_'
}

/// The length of the JWT starting `text`: `eyJ` (the Base64 of `{"`) then
/// three base64url segments joined by dots (the last may be empty, as with
/// `alg: none`). A token running into the end of a cut body counts whole.
fn jwt_len(text: &[u8], cut: bool) -> Option<usize> {
    if !text.starts_with(b"eyJ") {
        return None;
    }
    let mut end = 0;
    let mut dots = 0;
    loop {
        while end < text.len() && is_base64url(text[end]) {
            end += 1;
        }
        if dots < 2 && text.get(end) == Some(&b'.') {
            dots += 1;
            end += 1;
        } else {
            break;
        }
    }
    (dots == 2 || (cut && end == text.len())).then_some(end)
}

/// The length of a Base64-encoded JWT starting `text`, as links carry it
/// (`ZXlK` is the Base64 of `eyJ`), in either Base64 alphabet with optional
/// padding. Short runs are left alone: they cannot hold a token.
fn encoded_jwt_len(text: &[u8], cut: bool) -> Option<usize> {
    const MIN_LEN: usize = 24;
    if !text.starts_with(b"ZXlK") {
        return None;
    }
    let mut end = text
        .iter()
        .position(|&byte| !(is_base64url(byte) || byte == b'+' || byte == b'/'))
        .unwrap_or(text.len());
    while text.get(end) == Some(&b'=') {
        end += 1;
    }
    (end >= MIN_LEN || (cut && end == text.len())).then_some(end)
}

/// The start of a body as one line of text with JWT-shaped strings hidden:
/// at most `max_chars` characters, cut at a character boundary, control
/// characters shown as spaces, and `…` when something was cut.
pub(crate) fn excerpt(bytes: &[u8], max_chars: usize) -> String {
    redacted_excerpt(bytes, false, max_chars, &Redactor::default())
}

/// [`excerpt`] with `redactor`'s credentials hidden too; `truncated` says
/// `bytes` is only the start of the body.
pub(crate) fn redacted_excerpt(
    bytes: &[u8],
    truncated: bool,
    max_chars: usize,
    redactor: &Redactor,
) -> String {
    // A character takes at most 4 bytes, so this prefix holds enough of them.
    let window = max_chars.saturating_mul(4).saturating_add(REDACTION_SLACK);
    let prefix = &bytes[..bytes.len().min(window)];
    let cut = truncated || prefix.len() < bytes.len();
    let clean = redactor.redact(prefix, cut);
    let shown = &clean[..clean.len().min(max_chars.saturating_mul(4))];
    // A character split by the cut becomes U+FFFD and is cut off below.
    let text = String::from_utf8_lossy(shown);
    let mut out: String = text
        .chars()
        .take(max_chars)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if cut || shown.len() < clean.len() || text.chars().count() > max_chars {
        out.push('…');
    }
    out
}

/// The bytes of a form body (`application/x-www-form-urlencoded`): `value`
/// must serialize as an object. Scalars are `name=value`, arrays of scalars
/// repeat the field (`tag=a&tag=b`, the OpenAPI default for form bodies),
/// nested objects and arrays go in brackets (`metadata[order]=7`,
/// `items[0][price]=p1`, as Stripe-style APIs read them), and `null` fields
/// are left out.
pub(crate) fn form_encode<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, String> {
    let value = serde_json::to_value(value)
        .map_err(|error| format!("the request body cannot be serialized: {error}"))?;
    let Value::Object(fields) = value else {
        return Err(format!(
            "a form body must be an object of fields, not {}",
            kind(&value)
        ));
    };
    let mut pairs = Vec::new();
    super::brackets::push_fields(&fields, &mut pairs);
    let mut form = url::form_urlencoded::Serializer::new(String::new());
    form.extend_pairs(pairs);
    Ok(form.finish().into_bytes())
}

pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// What [`read_body`] got of a body.
pub(crate) struct Read {
    /// The start of the body, at most the `keep` bytes asked for (all of it
    /// when `end` is [`ReadEnd::Complete`]).
    pub(crate) bytes: Bytes,
    /// How reading stopped.
    pub(crate) end: ReadEnd,
}

/// How reading a body stopped.
pub(crate) enum ReadEnd {
    /// At the end of the body, all of which is in `bytes`.
    Complete,
    /// At the end of the body, within the limit, but only its start is in
    /// `bytes`; the rest was read and dropped.
    Cut,
    /// Past the limit; nothing more was read.
    TooLarge,
    /// On a read failure.
    Failed(reqwest::Error),
}

impl Read {
    /// Whether `bytes` is the whole body.
    pub(crate) fn is_complete(&self) -> bool {
        matches!(self.end, ReadEnd::Complete)
    }
}

/// Reads the body, keeping its first `keep` bytes and reading (but dropping)
/// the rest, and gives up as soon as more than `limit` bytes arrived: the
/// server decides neither how much memory a response takes nor how long the
/// connection stays busy with it.
///
/// A body that arrives in one chunk (the usual case for JSON answers) is
/// passed on as that chunk, without copying.
pub(crate) async fn read_body(response: &mut reqwest::Response, keep: usize, limit: usize) -> Read {
    let declared = response
        .content_length()
        .map_or(0, |length| usize::try_from(length).unwrap_or(usize::MAX));
    let mut first: Option<Bytes> = None;
    let mut copied: Vec<u8> = Vec::new();
    let mut seen = 0usize;
    let end = loop {
        let chunk = match response.chunk().await {
            Ok(Some(chunk)) => chunk,
            Ok(None) => break None,
            Err(error) => break Some(ReadEnd::Failed(error)),
        };
        seen = seen.saturating_add(chunk.len());
        if seen == chunk.len() && chunk.len() <= keep {
            first = Some(chunk);
        } else {
            if let Some(first) = first.take() {
                let capacity = declared.max(first.len() + chunk.len()).min(keep);
                copied.reserve(capacity);
                copied.extend_from_slice(&first);
            }
            let room = keep.saturating_sub(copied.len());
            copied.extend_from_slice(&chunk[..chunk.len().min(room)]);
        }
        if seen > limit {
            break Some(ReadEnd::TooLarge);
        }
    };
    let bytes = first.unwrap_or_else(|| Bytes::from(copied));
    let end = end.unwrap_or(if bytes.len() < seen {
        ReadEnd::Cut
    } else {
        ReadEnd::Complete
    });
    Read { bytes, end }
}

#[cfg(test)]
mod tests {
    use super::{Redactor, excerpt, form_encode, redacted_excerpt};
    use crate::Credentials;

    const JWT: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbmEifQ.c2lnbmF0dXJl";

    #[test]
    fn excerpt_cuts_at_a_char_boundary() {
        let text = "é".repeat(600);
        let cut = excerpt(text.as_bytes(), 512);
        assert_eq!(cut.chars().count(), 513);
        assert!(cut.ends_with("é…"));
        assert!(!cut.contains('\u{FFFD}'));
    }

    #[test]
    fn excerpt_keeps_short_bodies_whole() {
        assert_eq!(excerpt(b"{\"a\":\n1}", 512), "{\"a\": 1}");
        assert_eq!(excerpt(b"", 512), "");
    }

    #[test]
    fn excerpt_survives_invalid_utf8() {
        assert_eq!(excerpt(&[0xff, b'a'], 512), "\u{FFFD}a");
    }

    #[test]
    fn jwts_are_hidden_wherever_they_stand() {
        let cases = [
            (format!("{{\"accessToken\":\"{JWT}\"}}"), "{\"accessToken\":\"[REDACTED]\"}"),
            (format!("Bearer {JWT} rejected"), "Bearer [REDACTED] rejected"),
            ("eyJhbGciOiJub25lIn0.e30.".to_owned(), "[REDACTED]"),
            // Two segments are no credential.
            ("eyJhbGciOiJIUzI1NiJ9.e30".to_owned(), "eyJhbGciOiJIUzI1NiJ9.e30"),
            (format!("Bearer%20{JWT}"), "Bearer%20[REDACTED]"),
            (
                "https://jeri.link/acme/ZXlKaGJHY2lPaUpJVXpJMU5pSjkuZTMwLmMybG4=?redirectTo=profile".to_owned(),
                "https://jeri.link/acme/[REDACTED]?redirectTo=profile",
            ),
            (
                "/acme/download?token=ZXlKaGJHY2lPaUpJVXpJMU5pSjkuZTMwLmMybG4%3D".to_owned(),
                "/acme/download?token=[REDACTED]%3D",
            ),
        ];
        for (body, expected) in cases {
            assert_eq!(excerpt(body.as_bytes(), 512), expected, "{body}");
        }
    }

    #[test]
    fn credentials_are_hidden_even_when_cut() {
        let redactor = Redactor::new(
            &Credentials::api_key("sk_live_abcdef123").with_bearer_token("opaque-token-9"),
        );
        let body = b"key sk_live_abcdef123 and opaque-token-9 twice sk_live_abcdef123";
        assert_eq!(
            redactor.redact(body, false),
            b"key [REDACTED] and [REDACTED] twice [REDACTED]".to_vec()
        );
        assert_eq!(
            redactor.redact(b"echo: sk_live_ab", true),
            b"echo: [REDACTED]".to_vec()
        );
        assert_eq!(
            redactor.redact(b"echo: sk_live_ab", false),
            b"echo: sk_live_ab".to_vec()
        );
        assert_eq!(redactor.redact(b"echo: sk_", true), b"echo: sk_".to_vec());
        let cut_token = &JWT.as_bytes()[..30];
        assert_eq!(redactor.redact(cut_token, true), b"[REDACTED]".to_vec());
    }

    #[test]
    fn a_token_across_the_excerpt_end_is_not_shown_in_part() {
        let body = format!("{}{JWT}", "x".repeat(500));
        let shown = redacted_excerpt(body.as_bytes(), false, 505, &Redactor::default());
        assert!(!shown.contains("eyJ"), "{shown}");
        assert!(shown.ends_with('…'));
    }

    #[test]
    fn form_bodies_encode_scalars_and_repeat_arrays() {
        let body = serde_json::json!({
            "name": "Ana María",
            "points": 12,
            "vip": true,
            "tags": ["a&b", "c"],
            "note": null
        });
        let encoded = form_encode(&body).expect("flat");
        // Field order follows serde_json's map, which depends on its features;
        // only the order of a repeated field is fixed.
        let mut pairs: Vec<(String, String)> =
            url::form_urlencoded::parse(&encoded).into_owned().collect();
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        let expected = [
            ("name", "Ana María"),
            ("points", "12"),
            ("tags", "a&b"),
            ("tags", "c"),
            ("vip", "true"),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect();
        assert_eq!(pairs, expected);
        let text = String::from_utf8(encoded).expect("ascii");
        assert!(text.contains("name=Ana+Mar%C3%ADa"), "{text}");
        assert!(text.contains("tags=a%26b&tags=c"), "{text}");
    }

    #[test]
    fn form_bodies_nest_in_brackets_and_must_be_objects() {
        let encoded = form_encode(&serde_json::json!({"a": {"b": 1}, "c": [[1]], "d": ["x", "y"]}))
            .unwrap_or_default();
        assert_eq!(
            String::from_utf8_lossy(&encoded),
            "a%5Bb%5D=1&c%5B0%5D%5B0%5D=1&d=x&d=y"
        );
        for body in [serde_json::json!(["a"]), serde_json::json!("text")] {
            let error = form_encode(&body).expect_err("not an object");
            assert!(error.contains("form"), "{error}");
        }
    }
}
