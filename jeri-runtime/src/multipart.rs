//! `multipart/form-data` request bodies.

use std::fmt;

use bytes::Bytes;
use serde::Serialize;

use super::{Call, Error};

/// A `multipart/form-data` body: text fields and file parts, in order.
///
/// Build it with [`text`](Self::text), [`json`](Self::json) and
/// [`file`](Self::file), naming each part as the operation's schema names
/// its properties, and pass it as the operation's body. The parts are sent
/// as written; the boundary is chosen when the request is sent.
///
/// ```
/// use jeri_runtime::Multipart;
///
/// let form = Multipart::new()
///     .text("purpose", "fine-tune")
///     .file("file", "train.jsonl", "application/jsonl", b"{}\n".to_vec());
/// assert_eq!(form.len(), 2);
/// ```
#[derive(Clone, Default)]
pub struct Multipart {
    parts: Vec<Part>,
}

#[derive(Clone)]
struct Part {
    name: String,
    body: Bytes,
    file_name: Option<String>,
    content_type: Option<String>,
}

impl Multipart {
    /// An empty form.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a text field (numbers and booleans are sent as their text, as
    /// form fields are).
    pub fn text(mut self, name: impl Into<String>, value: impl fmt::Display) -> Self {
        self.parts.push(Part {
            name: name.into(),
            body: Bytes::from(value.to_string()),
            file_name: None,
            content_type: None,
        });
        self
    }

    /// Adds a field holding `value` as JSON text with content type
    /// `application/json`, for object and array properties.
    ///
    /// Fails when `value` cannot be serialized as JSON (a map with non-string
    /// keys, say).
    pub fn json<T: Serialize + ?Sized>(
        mut self,
        name: impl Into<String>,
        value: &T,
    ) -> Result<Self, serde_json::Error> {
        self.parts.push(Part {
            name: name.into(),
            body: Bytes::from(serde_json::to_vec(value)?),
            file_name: None,
            content_type: Some("application/json".into()),
        });
        Ok(self)
    }

    /// Adds a file part: its field name, the file name sent with it, its
    /// media type (`application/octet-stream` when unknown) and its bytes.
    pub fn file(
        mut self,
        name: impl Into<String>,
        file_name: impl Into<String>,
        content_type: impl Into<String>,
        bytes: impl Into<Bytes>,
    ) -> Self {
        self.parts.push(Part {
            name: name.into(),
            body: bytes.into(),
            file_name: Some(file_name.into()),
            content_type: Some(content_type.into()),
        });
        self
    }

    /// The number of parts.
    pub fn len(&self) -> usize {
        self.parts.len()
    }

    /// Whether the form has no parts.
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    fn to_form(&self) -> Result<reqwest::multipart::Form, String> {
        let mut form = reqwest::multipart::Form::new();
        for part in &self.parts {
            let mut body = reqwest::multipart::Part::stream(reqwest::Body::from(part.body.clone()));
            if let Some(file_name) = &part.file_name {
                body = body.file_name(file_name.clone());
            }
            if let Some(content_type) = &part.content_type {
                body = body.mime_str(content_type).map_err(|_| {
                    format!(
                        "part `{}` has the content type {content_type:?}, which is not a media type",
                        part.name
                    )
                })?;
            }
            form = form.part(part.name.clone(), body);
        }
        Ok(form)
    }
}

impl fmt::Debug for Multipart {
    // File contents may be large or private: only their names and sizes are shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.parts.iter().map(|part| {
                (
                    &part.name,
                    part.file_name.as_deref(),
                    part.content_type.as_deref(),
                    part.body.len(),
                )
            }))
            .finish()
    }
}

impl Call {
    /// Sets a `multipart/form-data` body. A part whose content type is not a
    /// media type fails with [`Error::InvalidInput`]. A multipart request is
    /// sent once, without retries, as its body is written while sending.
    pub fn multipart_body(&mut self, body: &Multipart) -> Result<(), Error> {
        let form = body.to_form().map_err(|message| self.invalid(message))?;
        self.body = Some(super::call::Body::Multipart(form));
        Ok(())
    }
}
