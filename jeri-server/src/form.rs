//! [`Form`]: a `multipart/form-data` request body, read by generated handlers, its text
//! fields checked against the body's schema like any JSON object.

use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::ProblemKind;
use crate::Problems;
use crate::incoming::{Incoming, Scalar};

/// One part of a multipart body, as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The form field name (`Content-Disposition: form-data; name="…"`).
    pub name: String,
    /// The file name, when the part is a file (`filename="…"`).
    pub file_name: Option<String>,
    /// The part's `Content-Type`, when sent.
    pub content_type: Option<String>,
    /// The content.
    pub body: Bytes,
}

/// A `multipart/form-data` body after its checks: the text fields as typed values, and
/// every part (text and file) in the order sent.
///
/// Text fields are read with the type their property has in the body's schema (`count=3`
/// is the integer 3 when `count` is an integer), so [`Form::field`] decodes them into any
/// serde type. A part with a file name is a file; for the checks it stands for the
/// string of its content (lossy UTF-8), which meets `type: string, format: binary` and
/// its `maxLength` roughly bounds the file's size.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Form {
    fields: Map<String, Value>,
    parts: Vec<Part>,
}

impl Form {
    /// Text field `name` decoded as `T`; `None` when it was not sent or is not a `T`.
    /// An array property sent as repeated parts is an array.
    pub fn field<T: DeserializeOwned>(&self, name: &str) -> Option<T> {
        T::deserialize(self.fields.get(name)?).ok()
    }

    /// The text fields, by name, as checked.
    pub fn fields(&self) -> &Map<String, Value> {
        &self.fields
    }

    /// The first text part named `name`, as sent.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.parts
            .iter()
            .find(|part| part.name == name && part.file_name.is_none())
            .and_then(|part| std::str::from_utf8(&part.body).ok())
    }

    /// The first file part named `name`.
    pub fn file(&self, name: &str) -> Option<&Part> {
        self.parts
            .iter()
            .find(|part| part.name == name && part.file_name.is_some())
    }

    /// Every file part named `name` (a property that is an array of files).
    pub fn files<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Part> + 'a {
        self.parts
            .iter()
            .filter(move |part| part.name == name && part.file_name.is_some())
    }

    /// Every part, in the order sent.
    pub fn parts(&self) -> &[Part] {
        &self.parts
    }
}

/// How the text of a form property is read: its scalar kind, and whether the property is
/// an array (sent as one part per item).
pub type FormField = (&'static str, Scalar, bool);

impl Incoming {
    /// A `multipart/form-data` body: the value its schema's checks run on (an object of
    /// the fields, files as the string of their content) and the [`Form`]. `fields` lists
    /// the schema's properties; other text parts are read as strings. `required` makes an
    /// empty body a problem; another content type, or a malformed body, is one too.
    pub async fn multipart_body(
        &self,
        required: bool,
        fields: &[FormField],
        problems: &mut Problems,
    ) -> Option<(Value, Form)> {
        let bytes = self.raw_body(required, problems)?.clone();
        let sent = self
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok());
        let request = Request::builder()
            .header(header::CONTENT_TYPE, sent.unwrap_or(""))
            .body(axum::body::Body::from(bytes))
            .ok();
        let multipart = match request {
            Some(request) => Multipart::from_request(request, &())
                .await
                .map_err(|rejection| rejection.body_text()),
            None => Err(String::new()),
        };
        let mut multipart = match multipart {
            Ok(multipart) => multipart,
            // A multipart type without a usable boundary is a malformed body, not a
            // wrong media type.
            Err(reason) if sent.is_some_and(is_multipart) => {
                problems.add(ProblemKind::Unreadable(reason));
                return None;
            }
            Err(_) => {
                problems.add(ProblemKind::MediaType {
                    expected: "multipart/form-data",
                    sent: sent.map(str::to_owned),
                });
                return None;
            }
        };
        let mut parts = Vec::new();
        loop {
            match multipart.next_field().await {
                Ok(Some(field)) => {
                    let name = field.name().unwrap_or_default().to_owned();
                    let file_name = field.file_name().map(str::to_owned);
                    let content_type = field.content_type().map(str::to_owned);
                    match field.bytes().await {
                        Ok(body) => parts.push(Part {
                            name,
                            file_name,
                            content_type,
                            body,
                        }),
                        Err(error) => {
                            problems.add(ProblemKind::Unreadable(error.body_text()));
                            return None;
                        }
                    }
                }
                Ok(None) => break,
                Err(error) => {
                    problems.add(ProblemKind::Unreadable(error.body_text()));
                    return None;
                }
            }
        }
        let (checked, fields) = read_parts(&parts, fields, problems);
        Some((Value::Object(checked), Form { fields, parts }))
    }
}

fn is_multipart(content_type: &str) -> bool {
    content_type
        .trim_start()
        .get(..10)
        .is_some_and(|start| start.eq_ignore_ascii_case("multipart/"))
}

/// The object the checks see, and the text fields alone.
fn read_parts(
    parts: &[Part],
    fields: &[FormField],
    problems: &mut Problems,
) -> (Map<String, Value>, Map<String, Value>) {
    let mut checked = Map::new();
    let mut texts = Map::new();
    for part in parts {
        let listed = fields.iter().find(|(name, _, _)| *name == part.name);
        match listed {
            Some((name, _, _)) => problems.key(name),
            None => problems.name(&part.name),
        }
        let value = if part.file_name.is_some() {
            Some(Value::String(
                String::from_utf8_lossy(&part.body).into_owned(),
            ))
        } else {
            match std::str::from_utf8(&part.body) {
                Ok(text) => {
                    let scalar = listed.map_or(Scalar::String, |(_, scalar, _)| *scalar);
                    scalar.read(text, problems)
                }
                Err(error) => {
                    problems.add(ProblemKind::Unreadable(format!(
                        "the field is not UTF-8: {error}"
                    )));
                    None
                }
            }
        };
        problems.leave();
        let Some(value) = value else { continue };
        let array = listed.is_some_and(|(_, _, array)| *array);
        if part.file_name.is_none() {
            insert(&mut texts, &part.name, value.clone(), array);
        }
        insert(&mut checked, &part.name, value, array);
    }
    (checked, texts)
}

/// Adds a part's value: an array property collects its parts, any other keeps the last.
fn insert(object: &mut Map<String, Value>, name: &str, value: Value, array: bool) {
    if !array {
        object.insert(name.to_owned(), value);
        return;
    }
    match object.get_mut(name) {
        Some(Value::Array(items)) => items.push(value),
        _ => {
            object.insert(name.to_owned(), Value::Array(vec![value]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Expected;

    fn part(name: &str, file: Option<&str>, body: &'static [u8]) -> Part {
        Part {
            name: name.to_owned(),
            file_name: file.map(str::to_owned),
            content_type: None,
            body: Bytes::from_static(body),
        }
    }

    #[test]
    fn parts_become_typed_fields_and_files() {
        let parts = [
            part("count", None, b"3"),
            part("tag", None, b"a"),
            part("tag", None, b"b"),
            part("doc", Some("a.bin"), b"\xffhi"),
            part("other", None, b"7"),
            part("size", None, b"big"),
        ];
        let fields: &[FormField] = &[
            ("count", Scalar::Integer, false),
            ("tag", Scalar::String, true),
            ("doc", Scalar::String, false),
            ("size", Scalar::Integer, false),
        ];
        let mut problems = Problems::new();
        let (checked, texts) = read_parts(&parts, fields, &mut problems);
        assert_eq!(
            Value::Object(checked),
            serde_json::json!({"count": 3, "tag": ["a", "b"], "doc": "\u{fffd}hi", "other": "7"})
        );
        let form = Form {
            fields: texts,
            parts: parts.to_vec(),
        };
        assert_eq!(form.field::<u8>("count"), Some(3));
        assert_eq!(
            form.field::<Vec<String>>("tag"),
            Some(vec!["a".into(), "b".into()])
        );
        assert_eq!(form.field::<String>("doc"), None);
        assert_eq!(form.text("tag"), Some("a"));
        assert_eq!(form.file("doc").map(|p| p.body.len()), Some(3));
        assert_eq!(form.files("tag").count(), 0);
        let found = problems.into_vec();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, ProblemKind::Type(Expected::Integer));
        assert_eq!(
            found[0].path.first().map(ToString::to_string).as_deref(),
            Some("size")
        );
    }
}
