//! Matching a response's `Content-Type` against the media types an operation documents
//! for its status, for responses offered in several media types.

/// The media type without parameters and surrounding space: `text/plain; charset=utf-8`
/// → `text/plain`. Case is kept; comparisons ignore it.
fn essence(media: &str) -> &str {
    media.split(';').next().unwrap_or_default().trim()
}

/// `application/json`, or any `+json` media type (`application/problem+json`), parameters
/// and case ignored.
pub(crate) fn is_json(content_type: &str) -> bool {
    let essence = essence(content_type);
    let Some((kind, subtype)) = essence.split_once('/') else {
        return false;
    };
    (kind.eq_ignore_ascii_case("application") && subtype.eq_ignore_ascii_case("json"))
        || (!kind.is_empty()
            && subtype
                .len()
                .checked_sub(5)
                .and_then(|at| subtype.get(at..))
                .is_some_and(|suffix| suffix.eq_ignore_ascii_case("+json")))
}

/// The streaming media types a success body may be handed out in as it arrives:
/// Server-Sent Events, and JSON Lines in its three names.
pub(crate) fn is_streaming(content_type: &str) -> bool {
    is_event_stream(content_type) || is_json_lines(content_type)
}

/// `text/event-stream`, parameters and case ignored.
pub(crate) fn is_event_stream(content_type: &str) -> bool {
    essence(content_type).eq_ignore_ascii_case("text/event-stream")
}

/// `application/jsonl`, `application/x-ndjson`, `application/json-seq` (and
/// `application/x-jsonlines`), parameters and case ignored.
pub(crate) fn is_json_lines(content_type: &str) -> bool {
    let essence = essence(content_type);
    [
        "application/jsonl",
        "application/x-ndjson",
        "application/json-seq",
        "application/x-jsonlines",
    ]
    .iter()
    .any(|name| essence.eq_ignore_ascii_case(name))
}

/// How closely `content_type` matches the documented `media`; lower is closer, `None` is
/// no match. The same essence is closest, then a range of the same type (`image/*`), then
/// any JSON for a JSON media type (a server may answer `application/problem+json` where
/// `application/json` is documented), then `*/*`.
fn closeness(content_type: &str, media: &str) -> Option<u8> {
    let (answered, documented) = (essence(content_type), essence(media));
    if answered.eq_ignore_ascii_case(documented) {
        return Some(0);
    }
    let (Some((kind, _)), Some((documented_kind, documented_subtype))) =
        (answered.split_once('/'), documented.split_once('/'))
    else {
        return None;
    };
    if documented_subtype == "*" && documented_kind.eq_ignore_ascii_case(kind) {
        Some(1)
    } else if is_json(answered) && is_json(documented) {
        Some(2)
    } else if documented == "*/*" {
        Some(3)
    } else {
        None
    }
}

/// The index in `documented` of the media type `content_type` matches most closely (the
/// first on a tie), or `None` when it matches none.
pub(crate) fn closest(content_type: &str, documented: &[&str]) -> Option<usize> {
    documented
        .iter()
        .enumerate()
        .filter_map(|(index, media)| closeness(content_type, media).map(|rank| (rank, index)))
        .min()
        .map(|(_, index)| index)
}

#[cfg(test)]
mod tests {
    use super::{closest, is_json};

    #[test]
    fn json_media_types() {
        for yes in [
            "application/json",
            "application/json; charset=utf-8",
            "Application/JSON",
            "application/problem+json",
            " application/vnd.api+json ;q=1",
            "text/x-report+json",
        ] {
            assert!(is_json(yes), "{yes}");
        }
        for no in [
            "text/html",
            "text/plain",
            "application/jsonp",
            "application/xml",
            "+json",
            "",
        ] {
            assert!(!is_json(no), "{no}");
        }
    }

    #[test]
    fn closest_documented_media_type() {
        let documented = ["application/json", "text/plain", "image/*", "*/*"];
        let cases = [
            ("application/json", Some(0)),
            ("APPLICATION/JSON; charset=utf-8", Some(0)),
            ("application/problem+json", Some(0)),
            ("text/plain;charset=utf-8", Some(1)),
            ("Image/PNG", Some(2)),
            ("text/html", Some(3)),
            ("application/pdf", Some(3)),
            ("nonsense", None),
        ];
        for (content_type, expected) in cases {
            assert_eq!(
                closest(content_type, &documented),
                expected,
                "{content_type}"
            );
        }
        let strict = ["application/vnd.api+json", "text/*"];
        assert_eq!(closest("application/json", &strict), Some(0));
        assert_eq!(closest("text/csv", &strict), Some(1));
        assert_eq!(closest("image/png", &strict), None);
        assert_eq!(closest("", &strict), None);
    }
}
