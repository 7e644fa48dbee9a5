//! [`Incoming`]: one request as generated handlers read it — path parameters by position,
//! query pairs, headers and the body — turning text into JSON values for the checks.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, RawPathParams, Request};
use axum::http::{HeaderMap, header};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::Problems;
use crate::{Expected, ProblemKind};

/// How the text of a parameter becomes a JSON value before its schema is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    /// Taken as a string.
    String,
    /// An integer in decimal.
    Integer,
    /// A decimal number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// Any JSON text, else the text as a string.
    Any,
}

impl Scalar {
    /// [`Scalar::read`] of text the caller no longer needs: a string keeps its allocation.
    pub fn read_owned(self, text: String, problems: &mut Problems) -> Option<Value> {
        match self {
            Scalar::String => Some(Value::String(text)),
            _ => self.read(&text, problems),
        }
    }

    /// The value of `text`, or [`ProblemKind::Type`] recorded.
    pub fn read(self, text: &str, problems: &mut Problems) -> Option<Value> {
        let value = match self {
            Scalar::String => Some(Value::String(text.to_owned())),
            Scalar::Integer => text
                .parse::<i64>()
                .map(Value::from)
                .or_else(|_| text.parse::<u64>().map(Value::from))
                .ok(),
            Scalar::Number => text
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number),
            Scalar::Boolean => match text {
                "true" => Some(Value::Bool(true)),
                "false" => Some(Value::Bool(false)),
                _ => None,
            },
            Scalar::Any => {
                Some(serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned())))
            }
        };
        if value.is_none() {
            let expected = match self {
                Scalar::Integer => Expected::Integer,
                Scalar::Number => Expected::Number,
                Scalar::Boolean => Expected::Boolean,
                Scalar::String | Scalar::Any => Expected::String,
            };
            problems.add(ProblemKind::Type(expected));
        }
        value
    }
}

/// One request, read once, before any check.
#[derive(Debug)]
pub struct Incoming {
    path: Result<Vec<String>, String>,
    query: Vec<(String, String)>,
    headers: HeaderMap,
    body: Result<Bytes, BodyError>,
}

/// Why the body could not be read, with the status axum gave it.
#[derive(Debug, Clone)]
struct BodyError {
    too_large: bool,
    reason: String,
}

impl<S: Send + Sync> FromRequest<S> for Incoming {
    type Rejection = std::convert::Infallible;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = request.into_parts();
        let path = match RawPathParams::from_request_parts(&mut parts, state).await {
            Ok(params) => Ok(params.iter().map(|(_, value)| value.to_owned()).collect()),
            Err(rejection) => Err(rejection.body_text()),
        };
        let query = parts
            .uri
            .query()
            .map(|query| {
                url::form_urlencoded::parse(query.as_bytes())
                    .into_owned()
                    .collect()
            })
            .unwrap_or_default();
        let headers = std::mem::take(&mut parts.headers);
        // A request without a body (most GETs) skips the collecting machinery.
        let body = if axum::body::HttpBody::is_end_stream(&body) {
            Ok(Bytes::new())
        } else {
            // Through axum's extractor so that a `DefaultBodyLimit` layer applies.
            Bytes::from_request(Request::from_parts(parts, body), state)
                .await
                .map_err(|rejection| BodyError {
                    too_large: rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE,
                    reason: rejection.body_text(),
                })
        };
        Ok(Incoming {
            path,
            query,
            headers,
            body,
        })
    }
}

impl Incoming {
    /// A request from its pieces, for tests and for servers that read requests themselves.
    pub fn new(
        path: Vec<String>,
        query: Vec<(String, String)>,
        headers: HeaderMap,
        body: Bytes,
    ) -> Self {
        Incoming {
            path: Ok(path),
            query,
            headers,
            body: Ok(body),
        }
    }

    /// Why the body was refused when it is larger than the server's body limit (axum's
    /// `DefaultBodyLimit`, 2 MiB unless a layer changes it).
    pub fn oversized(&self) -> Option<&str> {
        match &self.body {
            Err(error) if error.too_large => Some(&error.reason),
            _ => None,
        }
    }

    /// The request headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// Whether the request's `Content-Type` is the media type `essence` (compared without
    /// parameters and case): how a handler picks among the media types a body is
    /// documented in.
    pub fn sent_media_is(&self, essence: &str) -> bool {
        self.headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split(';').next())
            .is_some_and(|sent| sent.trim().eq_ignore_ascii_case(essence))
    }

    /// The query pairs, percent-decoded, in order.
    pub fn query_pairs(&self) -> &[(String, String)] {
        &self.query
    }

    /// The last value of query parameter `name`.
    pub fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .rev()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The text of header `name`; a value that is not visible ASCII is a problem.
    pub fn header(&self, name: &str, problems: &mut Problems) -> Option<&str> {
        let value = self.headers.get(name)?;
        match value.to_str() {
            Ok(text) => Some(text),
            Err(_) => {
                problems.add(ProblemKind::Unreadable(
                    "the header value is not visible ASCII".to_owned(),
                ));
                None
            }
        }
    }

    /// Path parameter number `index` (in the order of the path template) as a value of
    /// its schema's kind. A required parameter, so its absence is a problem.
    /// The text is moved out: each parameter is read once.
    pub fn path_value(
        &mut self,
        index: usize,
        scalar: Scalar,
        problems: &mut Problems,
    ) -> Option<Value> {
        match &mut self.path {
            Ok(values) => match values.get_mut(index) {
                Some(text) => scalar.read_owned(std::mem::take(text), problems),
                None => {
                    problems.add(ProblemKind::Missing);
                    None
                }
            },
            Err(reason) => {
                problems.add(ProblemKind::Unreadable(reason.clone()));
                None
            }
        }
    }

    /// Query parameter `name` as a value of its schema's kind (the last one when it is
    /// repeated); `required` makes its absence a problem.
    pub fn query_value(
        &self,
        name: &str,
        scalar: Scalar,
        required: bool,
        problems: &mut Problems,
    ) -> Option<Value> {
        read_or_absent(self.query(name), scalar, required, problems)
    }

    /// Query parameter `name` sent once per item (`form`, `explode: true`), as an array.
    pub fn query_array(
        &self,
        name: &str,
        scalar: Scalar,
        required: bool,
        problems: &mut Problems,
    ) -> Option<Value> {
        let texts: Vec<&str> = self
            .query
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .collect();
        read_items(texts, scalar, required, problems)
    }

    /// Query parameter `name` sent once with its items joined by `separator` (`,` for
    /// `form` without `explode`, a space for `spaceDelimited`, `|` for `pipeDelimited`),
    /// as an array; an empty value is an empty array.
    pub fn query_array_joined(
        &self,
        name: &str,
        separator: char,
        scalar: Scalar,
        required: bool,
        problems: &mut Problems,
    ) -> Option<Value> {
        let texts: Vec<&str> = self
            .query
            .iter()
            .filter(|(key, _)| key == name)
            .flat_map(|(_, value)| value.split(separator).filter(|item| !item.is_empty()))
            .collect();
        let sent = self.query.iter().any(|(key, _)| key == name);
        if sent && texts.is_empty() {
            return Some(Value::Array(Vec::new()));
        }
        read_items(texts, scalar, required, problems)
    }

    /// Header `name` as a value of its schema's kind.
    pub fn header_value(
        &self,
        name: &str,
        scalar: Scalar,
        required: bool,
        problems: &mut Problems,
    ) -> Option<Value> {
        match self.header(name, problems) {
            Some(text) => scalar.read(text, problems),
            None if self.headers.contains_key(name) => None,
            None => absent(required, problems),
        }
    }

    /// The value of cookie `name` from the `Cookie` headers (`a=1; b=2`), as sent: cookie
    /// values are not percent-decoded (RFC 6265), only surrounding double quotes go.
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|line| line.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(key, _)| *key == name)
            .map(|(_, value)| {
                let value = value.trim();
                value
                    .strip_prefix('"')
                    .and_then(|inner| inner.strip_suffix('"'))
                    .unwrap_or(value)
            })
    }

    /// Cookie `name` as a value of its schema's kind; `required` makes its absence a
    /// problem.
    pub fn cookie_value(
        &self,
        name: &str,
        scalar: Scalar,
        required: bool,
        problems: &mut Problems,
    ) -> Option<Value> {
        read_or_absent(self.cookie(name), scalar, required, problems)
    }

    /// The body as JSON. Empty (or only whitespace) counts as absent; a body must be sent
    /// as `application/json` or `application/*+json`.
    pub fn json_body(&self, required: bool, problems: &mut Problems) -> Option<Value> {
        self.json_under("application/json", required, problems)
    }

    /// The body as JSON, documented under `media`, a media type whose name is not JSON's
    /// (`application/graphql` with an object schema): sent as `media` (parameters such as
    /// `charset` aside), or as `application/json` / `application/*+json`. Otherwise as
    /// [`Incoming::json_body`].
    pub fn json_body_as(
        &self,
        media: &'static str,
        required: bool,
        problems: &mut Problems,
    ) -> Option<Value> {
        self.json_under(media, required, problems)
    }

    fn json_under(
        &self,
        media: &'static str,
        required: bool,
        problems: &mut Problems,
    ) -> Option<Value> {
        let bytes = match &self.body {
            Ok(bytes) => bytes,
            Err(error) => {
                problems.add(ProblemKind::Unreadable(error.reason.clone()));
                return None;
            }
        };
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return absent(required, problems);
        }
        let sent = self
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok());
        let named = |sent: &str| {
            let essence = sent.split(';').next().unwrap_or("").trim();
            essence.eq_ignore_ascii_case(media)
        };
        if !sent.is_some_and(|sent| is_json(sent) || named(sent)) {
            problems.add(ProblemKind::MediaType {
                expected: media,
                sent: sent.map(str::to_owned),
            });
            return None;
        }
        match serde_json::from_slice(bytes) {
            Ok(value) => Some(value),
            Err(error) => {
                problems.add(ProblemKind::NotJson(error.to_string()));
                None
            }
        }
    }
}

impl Incoming {
    /// The body bytes, when the request has a body; `required` makes an empty body a
    /// problem.
    pub(crate) fn raw_body(&self, required: bool, problems: &mut Problems) -> Option<&Bytes> {
        match &self.body {
            Ok(bytes) if bytes.is_empty() => {
                absent(required, problems);
                None
            }
            Ok(bytes) => Some(bytes),
            Err(error) => {
                problems.add(ProblemKind::Unreadable(error.reason.clone()));
                None
            }
        }
    }

    /// An `application/octet-stream` body, as sent.
    pub fn bytes_body(&self, required: bool, problems: &mut Problems) -> Option<Vec<u8>> {
        self.raw_body(required, problems)
            .map(|bytes| bytes.to_vec())
    }

    /// A `text/plain` body; it must be UTF-8.
    pub fn text_body(&self, required: bool, problems: &mut Problems) -> Option<String> {
        let bytes = self.raw_body(required, problems)?;
        match std::str::from_utf8(bytes) {
            Ok(text) => Some(text.to_owned()),
            Err(error) => {
                problems.add(ProblemKind::Unreadable(format!(
                    "the body is not UTF-8: {error}"
                )));
                None
            }
        }
    }

    /// An `application/x-www-form-urlencoded` body as a JSON object, so the schema's
    /// checks apply. `fields` lists the schema's properties: each is read as its scalar
    /// kind (a string stays a string, `11111` included), and an array property's
    /// occurrences are its items (one occurrence is a list of one). Other fields are read
    /// as JSON when they are JSON (`5`, `true`) and as strings otherwise; repeated, they
    /// become an array.
    pub fn form_body(
        &self,
        required: bool,
        fields: &[crate::FormField],
        problems: &mut Problems,
    ) -> Option<Value> {
        let bytes = self.raw_body(required, problems)?;
        let mut object = serde_json::Map::new();
        for (key, text) in url::form_urlencoded::parse(bytes) {
            let listed = fields.iter().find(|(name, _, _)| *name == key.as_ref());
            let scalar = listed.map_or(Scalar::Any, |(_, scalar, _)| *scalar);
            problems.name(&key);
            let value = scalar.read(&text, problems).unwrap_or(Value::Null);
            problems.leave();
            let array = listed.is_some_and(|(_, _, array)| *array);
            match object.get_mut(key.as_ref()) {
                None if array => {
                    object.insert(key.into_owned(), Value::Array(vec![value]));
                }
                Some(Value::Array(items)) => items.push(value),
                Some(first) => {
                    let first = first.take();
                    object.insert(key.into_owned(), Value::Array(vec![first, value]));
                }
                None => {
                    object.insert(key.into_owned(), value);
                }
            }
        }
        Some(Value::Object(object))
    }
}

/// A parameter's text read as its schema's kind, or its absence checked.
fn read_or_absent(
    text: Option<&str>,
    scalar: Scalar,
    required: bool,
    problems: &mut Problems,
) -> Option<Value> {
    match text {
        Some(text) => scalar.read(text, problems),
        None => absent(required, problems),
    }
}

/// Each text read as `scalar`, as an array; no text at all is absent.
fn read_items(
    texts: Vec<&str>,
    scalar: Scalar,
    required: bool,
    problems: &mut Problems,
) -> Option<Value> {
    if texts.is_empty() {
        return absent(required, problems);
    }
    let mut items = Vec::with_capacity(texts.len());
    for (index, text) in texts.into_iter().enumerate() {
        problems.index(index);
        if let Some(value) = scalar.read(text, problems) {
            items.push(value);
        }
        problems.leave();
    }
    Some(Value::Array(items))
}

pub(crate) fn absent(required: bool, problems: &mut Problems) -> Option<Value> {
    if required {
        problems.add(ProblemKind::Missing);
    }
    None
}

/// Whether a `content-type` is JSON: `application/json` or `application/*+json`, with any
/// parameters.
pub fn is_json(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Decodes a checked value into its generated type without consuming it (see [`decode`]).
pub fn decode_ref<T: DeserializeOwned>(value: &Value, problems: &mut Problems) -> Option<T> {
    match T::deserialize(value) {
        Ok(decoded) => Some(decoded),
        Err(error) => {
            problems.add(ProblemKind::Unreadable(error.to_string()));
            None
        }
    }
}

/// Decodes a checked value into its generated type. The checks come from the same schema
/// as the type, so this fails only where serde is stricter than the schema (an untagged
/// `oneOf` that serde resolves differently); the reason is then recorded as a problem.
pub fn decode<T: DeserializeOwned>(value: Value, problems: &mut Problems) -> Option<T> {
    match serde_json::from_value(value) {
        Ok(decoded) => Some(decoded),
        Err(error) => {
            problems.add(ProblemKind::Unreadable(error.to_string()));
            None
        }
    }
}

#[cfg(test)]
mod tests;
