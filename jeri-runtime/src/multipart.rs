//! `multipart/form-data` request bodies.

use std::fmt;

use bytes::Bytes;
use serde::Serialize;

use super::{Call, Error, FilePart};

/// A `multipart/form-data` body: text fields and file parts, in order.
///
/// Build it with [`text`](Self::text), [`json`](Self::json), [`value`](Self::value),
/// [`file`](Self::file) and [`file_part`](Self::file_part), naming each part as the
/// operation's schema names its properties, and pass it as the operation's body (an
/// operation whose schema is an object also takes its typed form, which is encoded
/// into one of these). The parts are sent as written; the boundary is chosen when the
/// request is sent.
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
    /// The first value [`Multipart::value`] could not encode, reported when sending.
    error: Option<String>,
}

#[derive(Clone)]
struct Part {
    name: String,
    content: PartContent,
}

#[derive(Clone)]
enum PartContent {
    Field {
        body: Bytes,
        content_type: Option<String>,
    },
    File(FilePart),
}

impl Multipart {
    /// An empty form.
    pub fn new() -> Self {
        Self::default()
    }

    fn field(mut self, name: String, body: Bytes, content_type: Option<String>) -> Self {
        self.parts.push(Part {
            name,
            content: PartContent::Field { body, content_type },
        });
        self
    }

    /// Adds a text field (numbers and booleans are sent as their text, as
    /// form fields are).
    pub fn text(self, name: impl Into<String>, value: impl fmt::Display) -> Self {
        self.field(name.into(), Bytes::from(value.to_string()), None)
    }

    /// Adds a field holding `value` as JSON text with content type
    /// `application/json`, for object and array properties.
    ///
    /// Fails when `value` cannot be serialized as JSON (a map with non-string
    /// keys, say).
    pub fn json<T: Serialize + ?Sized>(
        self,
        name: impl Into<String>,
        value: &T,
    ) -> Result<Self, serde_json::Error> {
        let body = Bytes::from(serde_json::to_vec(value)?);
        Ok(self.field(name.into(), body, Some("application/json".into())))
    }

    /// Adds the parts for one property's value the way OpenAPI 3.0 encodes multipart
    /// properties: a string, number or boolean as text (a string as is, without quotes),
    /// an object as JSON (`application/json`), an array as one part per item by the
    /// same rules, `null` as no part. `content_type` is the media type's
    /// `encoding.<property>.contentType`: a JSON media type sends the whole value as one
    /// JSON part; any other is sent with the text parts.
    ///
    /// A value that cannot be serialized (a map with non-string keys) is reported when
    /// the form is sent, as [`Error::InvalidInput`] naming the part.
    ///
    /// ```
    /// use jeri_runtime::Multipart;
    ///
    /// let form = Multipart::new()
    ///     .value("copies", &3, None) // text `3`
    ///     .value("tags", &["a", "b"], None) // two text parts `a`, `b`
    ///     .value("meta", &serde_json::json!({"year": 2024}), None) // one JSON part
    ///     .value("note", &None::<String>, None); // no part
    /// assert_eq!(form.len(), 4);
    /// ```
    pub fn value<T: Serialize + ?Sized>(
        mut self,
        name: &str,
        value: &T,
        content_type: Option<&str>,
    ) -> Self {
        match serde_json::to_value(value) {
            Ok(value) => self.push_value(name, value, content_type),
            Err(error) => {
                self.error
                    .get_or_insert_with(|| format!("part `{name}` cannot be serialized: {error}"));
                self
            }
        }
    }

    fn push_value(self, name: &str, value: serde_json::Value, content_type: Option<&str>) -> Self {
        use serde_json::Value;
        let json_type = content_type.filter(|media| super::content_type::is_json(media));
        match value {
            Value::Null => self,
            Value::Array(items) if json_type.is_none() => items
                .into_iter()
                .fold(self, |form, item| form.push_value(name, item, content_type)),
            Value::Object(_) | Value::Array(_) => {
                let body = Bytes::from(value.to_string());
                let media = content_type.unwrap_or("application/json").to_owned();
                self.field(name.to_owned(), body, Some(media))
            }
            Value::String(text) => self.field(
                name.to_owned(),
                Bytes::from(text),
                content_type.map(Into::into),
            ),
            Value::Number(_) | Value::Bool(_) => {
                let body = Bytes::from(value.to_string());
                self.field(name.to_owned(), body, content_type.map(Into::into))
            }
        }
    }

    /// Adds a file part: its field name, the file name sent with it, its
    /// media type (`application/octet-stream` when unknown) and its bytes.
    pub fn file(
        self,
        name: impl Into<String>,
        file_name: impl Into<String>,
        content_type: impl Into<String>,
        bytes: impl Into<Bytes>,
    ) -> Self {
        self.file_part(name, FilePart::bytes(file_name, content_type, bytes))
    }

    /// Adds a file part under the field name `name`: bytes or a stream (see
    /// [`FilePart`]).
    pub fn file_part(mut self, name: impl Into<String>, file: FilePart) -> Self {
        self.parts.push(Part {
            name: name.into(),
            content: PartContent::File(file),
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
        if let Some(error) = &self.error {
            return Err(error.clone());
        }
        let mut form = reqwest::multipart::Form::new();
        for part in &self.parts {
            let body = match &part.content {
                PartContent::File(file) => file.to_part(&part.name)?,
                PartContent::Field { body, content_type } => {
                    let body = reqwest::multipart::Part::stream(reqwest::Body::from(body.clone()));
                    match content_type {
                        Some(content_type) => body.mime_str(content_type).map_err(|_| {
                            format!(
                                "part `{}` has the content type {content_type:?}, which is not a media type",
                                part.name
                            )
                        })?,
                        None => body,
                    }
                }
            };
            form = form.part(part.name.clone(), body);
        }
        Ok(form)
    }
}

impl fmt::Debug for Multipart {
    // File contents may be large or private: only their names and sizes are shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.parts.iter().map(|part| match &part.content {
                PartContent::Field { body, content_type } => (
                    &part.name,
                    None,
                    content_type.as_deref(),
                    Some(body.len() as u64),
                ),
                PartContent::File(file) => (
                    &part.name,
                    file.file_name(),
                    file.content_type(),
                    file.len(),
                ),
            }))
            .finish()
    }
}

impl Call {
    /// Sets a `multipart/form-data` body. A part whose content type is not a
    /// media type, a value [`Multipart::value`] could not serialize and a
    /// streamed file already sent fail with [`Error::InvalidInput`], before
    /// anything is sent. A multipart request is sent once, without retries,
    /// as its body is written while sending.
    pub fn multipart_body(&mut self, body: &Multipart) -> Result<(), Error> {
        let form = body.to_form().map_err(|message| self.invalid(message))?;
        self.body = Some(super::call::Body::Multipart(form));
        Ok(())
    }
}
