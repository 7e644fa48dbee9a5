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
