//! Request bodies under the media type the spec names (`application/graphql`,
//! `text/csv`, `image/png`, …), beside the fixed ones of [`Call`].

use serde::Serialize;

use super::{Call, Error};

impl Call {
    /// Sets a body serialized as JSON but sent as `content_type`, for media
    /// types that carry a JSON document under another name.
    pub fn json_body_as<T: Serialize + ?Sized>(
        &mut self,
        body: &T,
        content_type: &str,
    ) -> Result<(), Error> {
        let bytes = serde_json::to_vec(body).map_err(|error| {
            self.invalid(format!(
                "the request body cannot be serialized as JSON: {error}"
            ))
        })?;
        self.set_body_as(bytes, content_type)
    }

    /// Sets a text body sent as `content_type` (a `text/*` type).
    pub fn text_body_as(&mut self, body: &str, content_type: &str) -> Result<(), Error> {
        self.set_body_as(body.as_bytes().to_vec(), content_type)
    }

    /// Sets a raw body sent as `content_type`. A content type that cannot be
    /// sent in a header fails with [`Error::InvalidInput`].
    pub fn bytes_body_as(&mut self, body: &[u8], content_type: &str) -> Result<(), Error> {
        self.set_body_as(body.to_vec(), content_type)
    }
}

/// Whether `content_type` (a media type, parameters allowed) names one concrete type
/// that lies within `range` (`image/*`, `*/*`, or one exact type), case ignored.
fn within(content_type: &str, range: &str) -> bool {
    let essence = |media: &str| -> Option<(String, String)> {
        let essence = media.split(';').next()?.trim().to_ascii_lowercase();
        let (kind, subtype) = essence.split_once('/')?;
        let token = |s: &str| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+*".contains(&b))
        };
        (token(kind) && token(subtype)).then(|| (kind.to_owned(), subtype.to_owned()))
    };
    let (Some((kind, subtype)), Some((range_kind, range_subtype))) =
        (essence(content_type), essence(range))
    else {
        return false;
    };
    if kind.contains('*') || subtype.contains('*') {
        return false;
    }
    match (range_kind.as_str(), range_subtype.as_str()) {
        ("*", "*") => true,
        (_, "*") => range_kind == kind,
        _ => range_kind == kind && range_subtype == subtype,
    }
}

impl Call {
    /// Sets a raw body sent as `content_type`, which the caller picked for a body
    /// the spec documents under the range `range` (`image/*`, `*/*`).
    ///
    /// Fails with [`Error::InvalidInput`], and nothing is sent, when
    /// `content_type` is not one concrete media type within `range`
    /// (`text/plain` for `image/*`, or `image/*` itself) or cannot be sent in a
    /// header.
    pub fn bytes_body_within(
        &mut self,
        body: &[u8],
        content_type: &str,
        range: &str,
    ) -> Result<(), Error> {
        if !within(content_type, range) {
            return Err(self.invalid(format!(
                "the body's content type {content_type:?} is not a media type within \
                 `{range}`, which the operation accepts"
            )));
        }
        self.set_body_as(body.to_vec(), content_type)
    }
}

#[cfg(test)]
mod tests {
    use super::within;

    #[test]
    fn content_types_within_ranges() {
        let cases = [
            ("image/png", "image/*", true),
            ("IMAGE/PNG; q=1", "image/*", true),
            ("image/png", "*/*", true),
            ("application/pdf", "application/pdf", true),
            ("text/plain", "image/*", false),
            ("image/*", "image/*", false),
            ("*/*", "*/*", false),
            ("image", "image/*", false),
            ("image/", "*/*", false),
            ("image/png", "", false),
            ("application/pdf", "application/zip", false),
            ("ima ge/png", "*/*", false),
        ];
        for (content_type, range, expected) in cases {
            assert_eq!(
                within(content_type, range),
                expected,
                "{content_type} in {range}"
            );
        }
    }
}
