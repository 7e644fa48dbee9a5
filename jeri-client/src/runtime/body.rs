//! Reading response bodies without trusting their size.

/// The start of a body as one line of text: at most `max_chars` characters,
/// cut at a character boundary, control characters shown as spaces, and `…`
/// when something was cut.
pub(crate) fn excerpt(bytes: &[u8], max_chars: usize) -> String {
    // A character takes at most 4 bytes, so this prefix holds enough of them;
    // a character split by the cut becomes U+FFFD and is cut off below.
    let prefix = &bytes[..bytes.len().min(max_chars.saturating_mul(4))];
    let text = String::from_utf8_lossy(prefix);
    let mut out: String = text
        .chars()
        .take(max_chars)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.chars().count() > max_chars || prefix.len() < bytes.len() {
        out.push('…');
    }
    out
}

/// A body read up to a limit.
pub(crate) enum Limited {
    /// The whole body.
    Complete(Vec<u8>),
    /// The body is longer than the limit; nothing more was read.
    TooLarge,
}

/// Reads the whole body, giving up as soon as it passes `limit` bytes.
pub(crate) async fn read_limited(
    response: &mut reqwest::Response,
    limit: usize,
) -> Result<Limited, reqwest::Error> {
    if response
        .content_length()
        .is_some_and(|length| length > limit as u64)
    {
        return Ok(Limited::TooLarge);
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        if body.len() + chunk.len() > limit {
            return Ok(Limited::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Limited::Complete(body))
}

/// The start of an error body, which is never allowed to fill memory.
pub(crate) struct Kept {
    /// At most `keep` bytes from the start of the body.
    pub(crate) bytes: Vec<u8>,
    /// Whether anything of the body is missing from `bytes`.
    pub(crate) truncated: bool,
}

/// Keeps the first `keep` bytes of the body and reads (but drops) the rest
/// up to `drain_limit` bytes in total, so the connection can be reused for
/// ordinary error bodies without buffering a hostile one. Read failures end
/// the body early: the status is what matters for an error response.
pub(crate) async fn read_kept(
    response: &mut reqwest::Response,
    keep: usize,
    drain_limit: usize,
) -> Kept {
    let mut bytes = Vec::new();
    let mut seen = 0usize;
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                seen = seen.saturating_add(chunk.len());
                let room = keep.saturating_sub(bytes.len());
                bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
                if seen > drain_limit {
                    return Kept {
                        bytes,
                        truncated: true,
                    };
                }
            }
            Ok(None) => {
                let truncated = seen > bytes.len();
                return Kept { bytes, truncated };
            }
            Err(_) => {
                return Kept {
                    bytes,
                    truncated: true,
                };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::excerpt;

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
}
