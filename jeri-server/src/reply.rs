//! Writing a documented response: status, content type and body.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// Built from a status and a body of one type, when the spec documents that pairing for
/// the operation: generated response enums implement it once per body type, so code that
/// produces e.g. the spec's error body can build any operation's response from it.
pub trait WithStatus<B>: Sized {
    /// The variant documented for `status` with a body of type `B`, or the body back
    /// when the operation documents no such response.
    fn with_status(status: u16, body: B) -> Result<Self, B>;
}

/// A response with `status` and `body` as `application/json`. A body that cannot be
/// serialized (a map with non-string keys, a non-finite float) is a server bug: `500`.
pub fn json<T: Serialize>(status: u16, body: &T) -> Response {
    json_as(status, "application/json", body)
}

/// A response with `status` and `body` serialized as JSON under `content_type`, the JSON
/// media type the spec documents as written (`application/json; charset=utf-8`,
/// `application/problem+json`); otherwise as [`json`].
pub fn json_as<T: Serialize>(status: u16, content_type: &str, body: &T) -> Response {
    let status = status_code(status);
    match serde_json::to_vec(body) {
        Ok(bytes) => (
            status,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_str(content_type)
                    .unwrap_or(HeaderValue::from_static("application/json")),
            )],
            bytes,
        )
            .into_response(),
        Err(error) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the response body cannot be written as JSON: {error}"),
        )
            .into_response(),
    }
}

/// A response with `status` and a `text/*` body under `content_type` (the media type the
/// spec documents, such as `text/csv`). The body is UTF-8; a `charset=utf-8` parameter is
/// added when the media type has no charset.
pub fn text(status: u16, content_type: &'static str, body: String) -> Response {
    let content_type = if content_type.contains("charset") {
        content_type.to_owned()
    } else {
        format!("{content_type}; charset=utf-8")
    };
    with_content_type(status, &content_type, body.into_bytes())
}

/// A response with `status` and the bytes `body` under `content_type` (the media type the
/// spec documents, such as `image/png`; `application/octet-stream` when it documents a
/// range such as `image/*`).
pub fn bytes(status: u16, content_type: &'static str, body: Vec<u8>) -> Response {
    with_content_type(status, content_type, body)
}

fn with_content_type(status: u16, content_type: &str, body: Vec<u8>) -> Response {
    // The generator writes only valid media types; anything else is sent as bytes.
    let value = HeaderValue::from_str(content_type)
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    (status_code(status), [(header::CONTENT_TYPE, value)], body).into_response()
}

/// A response with `status` and no body.
pub fn empty(status: u16) -> Response {
    status_code(status).into_response()
}

/// The status for a generated response; the generator only emits codes from 100 to 599,
/// and a `default` or range variant given an impossible one becomes `500`.
fn status_code(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_content_types() {
        let ok = json(201, &serde_json::json!({"a": 1}));
        assert_eq!(ok.status(), 201);
        assert_eq!(ok.headers()[header::CONTENT_TYPE], "application/json");
        let bad = json(1000, &1);
        assert_eq!(bad.status(), 500);
        let mut keys = std::collections::HashMap::new();
        keys.insert(vec![1u8], 1);
        assert_eq!(json(200, &keys).status(), 500);
        let documented = json_as(200, "application/json; charset=utf-8", &1);
        assert_eq!(
            documented.headers()[header::CONTENT_TYPE],
            "application/json; charset=utf-8"
        );
        let csv = text(200, "text/csv", "a,b".to_owned());
        assert_eq!(
            csv.headers()[header::CONTENT_TYPE],
            "text/csv; charset=utf-8"
        );
        let latin = text(200, "text/plain; charset=latin1", String::new());
        assert_eq!(
            latin.headers()[header::CONTENT_TYPE],
            "text/plain; charset=latin1"
        );
        let png = bytes(201, "image/png", vec![0x89, b'P']);
        assert_eq!(
            (png.status(), &png.headers()[header::CONTENT_TYPE]),
            (StatusCode::CREATED, &HeaderValue::from_static("image/png"))
        );
        let bad = bytes(200, "not\nvalid", Vec::new());
        assert_eq!(
            bad.headers()[header::CONTENT_TYPE],
            "application/octet-stream"
        );
        let none = empty(204);
        assert_eq!(none.status(), 204);
        assert!(none.headers().get(header::CONTENT_TYPE).is_none());
    }
}
