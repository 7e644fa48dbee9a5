//! Media type names: the one place that says which names are JSON and which are text.

/// The media type without parameters, lowercased: `application/json; charset=utf-8` →
/// `application/json`.
pub fn essence(media: &str) -> String {
    media
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// `application/json` and `*/*+json` (`application/problem+json`, …).
pub fn is_json(media: &str) -> bool {
    let e = essence(media);
    e == "application/json" || (e.ends_with("+json") && e.contains('/'))
}

/// The stream a response body in `media` is read as: `text/event-stream` is Server-Sent
/// Events; `application/jsonl`, `application/x-ndjson`, `application/x-jsonlines` and
/// `application/json-seq` are JSON Lines.
pub fn stream_kind(media: &str) -> Option<super::StreamKind> {
    match essence(media).as_str() {
        "text/event-stream" => Some(super::StreamKind::Events),
        "application/jsonl"
        | "application/x-ndjson"
        | "application/x-jsonlines"
        | "application/json-seq" => Some(super::StreamKind::JsonLines),
        _ => None,
    }
}

/// `text/*`.
pub fn is_text(media: &str) -> bool {
    essence(media).starts_with("text/")
}

#[cfg(test)]
mod tests {
    use super::{essence, is_json, is_text};

    #[test]
    fn names_by_kind() {
        assert_eq!(
            essence(" Application/JSON; charset=utf-8"),
            "application/json"
        );
        assert!(is_json("application/problem+json"));
        assert!(!is_json("application/graphql"));
        assert!(is_text("text/csv; charset=utf-8"));
        assert!(!is_text("application/json"));
    }
}
