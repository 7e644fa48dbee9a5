//! Media types, and response bodies: which media type a response is read as. Request
//! bodies are in `request_body`.

use openapiv3::{Operation as OaOperation, ReferenceOr, Response as OaResponse, StatusCode};

use super::Builder;
use super::docs::assumptions;
use super::operation::resolve;
use super::schema::{SRef, Shape, classify};
use crate::diagnostics::child;
use crate::model::{IntType, MediaAlternative, Response, ResponseMedia, StatusMatch, TypeRef};
use crate::model::{StreamKind, essence, is_json, is_text, stream_kind};
use crate::rust::naming::{NameSet, pascal_ident};

/// Whether a schema describes structured data (an object, array, union or reference)
/// rather than a string or bytes.
pub(super) fn is_structured(schema: Option<&ReferenceOr<openapiv3::Schema>>) -> bool {
    match schema.map(SRef::of) {
        Some(SRef::Ref(_)) => true,
        Some(SRef::Item(schema)) => matches!(
            classify(schema),
            Shape::Object(_) | Shape::Array(..) | Shape::Union { .. } | Shape::AllOf { .. }
        ),
        None => false,
    }
}

/// How a response body under `media` is read.
fn response_media(media: &str) -> ResponseMedia {
    if is_json(media) {
        ResponseMedia::Json
    } else if is_text(media) {
        ResponseMedia::Text
    } else {
        ResponseMedia::Bytes
    }
}

/// The `Content-Type` a server sends for a response documented under `media`: the media
/// type as written, unless it is a range (`text/*`, `image/*`, `*/*`) or not a valid
/// header value, which no answer can carry; then the range's usual concrete type.
fn answered_media_type(kind: ResponseMedia, media: &str) -> String {
    let concrete = !media.contains('*')
        && !media.is_empty()
        && media.bytes().all(|b| (b' '..=b'~').contains(&b));
    if concrete {
        return media.to_owned();
    }
    match kind {
        ResponseMedia::Json => "application/json",
        ResponseMedia::Text => "text/plain",
        ResponseMedia::Empty | ResponseMedia::Bytes => "application/octet-stream",
    }
    .to_owned()
}

pub(super) fn bytes_type() -> TypeRef {
    TypeRef::Array(Box::new(TypeRef::Integer(IntType::U8)))
}

impl Builder<'_, '_, '_> {
    pub(super) fn responses(
        &mut self,
        op: &OaOperation,
        pointer: &str,
        type_name: &str,
        op_assumptions: &mut Vec<String>,
    ) -> Vec<Response> {
        let r_pointer = child(pointer, "responses");
        let mut listed: Vec<(StatusMatch, String, &ReferenceOr<OaResponse>)> = Vec::new();
        for (status, response) in &op.responses.responses {
            let (matcher, label) = match status {
                StatusCode::Code(c) => (StatusMatch::Code(*c), c.to_string()),
                StatusCode::Range(r) => (StatusMatch::Range(*r), format!("{r}XX")),
            };
            listed.push((matcher, label, response));
        }
        listed.sort_by_key(|(m, _, _)| match m {
            StatusMatch::Code(c) => (0, *c),
            StatusMatch::Range(r) => (1, *r),
            StatusMatch::Default => (2, 0),
        });
        if let Some(default) = &op.responses.default {
            listed.push((StatusMatch::Default, "default".to_owned(), default));
        }
        let doc = self.doc;
        let lookup = |name: &str| doc.components.as_ref().and_then(|c| c.responses.get(name));
        let mut out = Vec::new();
        for (status, label, raw) in listed {
            // The pointer uses the key as written; the spec may quote it or not, and ranges
            // may be written `2xx`.
            let key = op
                .responses
                .responses
                .keys()
                .find(|k| k.to_string() == label)
                .map_or(label.clone(), ToString::to_string);
            let this_pointer = child(&r_pointer, &key);
            let Some(response) = resolve(self.diag, raw, "responses", lookup, &this_pointer) else {
                continue;
            };
            // A shared response's assumptions are stated once, in the API's docs.
            if let ReferenceOr::Item(_) = raw {
                for assumption in assumptions(self.diag, &this_pointer, &response.extensions) {
                    op_assumptions.push(format!("Response `{label}`: {assumption}"));
                }
            }
            // 204, 205 and 304 responses end at their headers (RFC 9110): content the
            // spec documents for one is never sent, so it is not read (and said so).
            let no_content = matches!(status, StatusMatch::Code(204 | 205 | 304));
            let read = if no_content && !response.content.is_empty() {
                op_assumptions.push(format!(
                    "Response `{label}` is documented with content, but a `{label}` response has none (RFC 9110), so none is read."
                ));
                ReadBody::empty()
            } else {
                self.response_body(response, &this_pointer, type_name, &label)
            };
            out.push(Response {
                status,
                ty: read.ty,
                media: read.media,
                content_type: read.content_type,
                accept: response.content.keys().cloned().collect(),
                alternatives: read.alternatives,
                stream: read.stream,
                check: read.check,
                description: response.description.clone(),
            });
        }
        out
    }
}

/// How a response's body is read: the preferred media type's kind and type, and every
/// alternative when it is documented in media types of different kinds.
struct ReadBody {
    media: ResponseMedia,
    ty: Option<TypeRef>,
    content_type: Option<String>,
    alternatives: Vec<MediaAlternative>,
    stream: Option<crate::model::StreamBody>,
    check: Option<crate::model::Check>,
}

/// Documented media types read the same way: one kind, and for JSON one schema.
struct MediaGroup<'r> {
    media: ResponseMedia,
    schema: Option<&'r ReferenceOr<openapiv3::Schema>>,
    names: Vec<&'r String>,
    /// A streaming media type's group: its items are read one by one.
    stream: Option<StreamKind>,
}

/// Preference when a response is offered in several media types: JSON first, as it is the
/// one that comes back typed, then text, then bytes.
fn response_rank(media: ResponseMedia) -> u8 {
    match media {
        ResponseMedia::Json => 0,
        ResponseMedia::Text => 1,
        ResponseMedia::Bytes | ResponseMedia::Empty => 2,
    }
}

/// The documented media types of a response grouped by how they are read, the preferred
/// group first, then by kind and document order. Two JSON media types share a group when
/// their schemas are the same; all `text/*` share one, all bytes one.
fn media_groups(response: &OaResponse) -> Vec<MediaGroup<'_>> {
    let mut groups: Vec<MediaGroup<'_>> = Vec::new();
    for (name, media_type) in &response.content {
        let media = response_media(name);
        let stream = stream_kind(name);
        let schema = match (media, stream) {
            (ResponseMedia::Json, _) | (_, Some(_)) => media_type.schema.as_ref(),
            _ => None,
        };
        match groups
            .iter_mut()
            .find(|group| group.media == media && group.schema == schema && group.stream == stream)
        {
            Some(group) => group.names.push(name),
            None => groups.push(MediaGroup {
                media,
                schema,
                names: vec![name],
                stream,
            }),
        }
    }
    // A stable sort keeps document order within a kind, so the first group is the
    // preferred media type's.
    groups.sort_by_key(|group| response_rank(group.media));
    groups
}

impl ReadBody {
    /// A response without content.
    fn empty() -> ReadBody {
        ReadBody {
            media: ResponseMedia::Empty,
            ty: None,
            content_type: None,
            alternatives: Vec::new(),
            stream: None,
            check: None,
        }
    }
}

impl Builder<'_, '_, '_> {
    /// How the body of `response` (at `pointer`, status `label`) is read.
    fn response_body(
        &mut self,
        response: &OaResponse,
        pointer: &str,
        type_name: &str,
        label: &str,
    ) -> ReadBody {
        let groups = media_groups(response);
        let Some(preferred) = groups.first() else {
            return ReadBody::empty();
        };
        let content_type = Some(answered_media_type(preferred.media, preferred.names[0]));
        let json_groups = groups
            .iter()
            .filter(|group| group.media == ResponseMedia::Json)
            .count();
        let mut variants = NameSet::with_reserved(&["Text", "Bytes", "Events", "JsonLines"]);
        let mut alternatives = Vec::new();
        let mut check = None;
        for (index, group) in groups.iter().enumerate() {
            let first = group.names[0];
            let ty = match (group.media, group.schema) {
                (ResponseMedia::Json, Some(schema)) => {
                    let schema_pointer = child(&child(&child(pointer, "content"), first), "schema");
                    if index == 0 {
                        check = Some(self.reader.check(SRef::of(schema), &schema_pointer));
                    }
                    // The preferred schema keeps the name it has when it is the only one.
                    let media_suffix = if index == 0 {
                        String::new()
                    } else {
                        pascal_ident(&essence(first))
                    };
                    let hint = format!("{type_name}Response{}{media_suffix}", pascal_ident(label));
                    self.type_ref(SRef::of(schema), &schema_pointer, &hint)
                }
                (ResponseMedia::Json, None) => TypeRef::Json,
                (ResponseMedia::Text, schema) => {
                    // A text body's schema may still say what the text is (`type: boolean`).
                    if let (0, Some(schema)) = (index, schema) {
                        let schema_pointer =
                            child(&child(&child(pointer, "content"), first), "schema");
                        check = Some(self.reader.check(SRef::of(schema), &schema_pointer));
                    }
                    TypeRef::String
                }
                _ => bytes_type(),
            };
            let stream = group.stream.map(|kind| {
                let media_pointer = child(&child(pointer, "content"), first);
                let hint = format!("{type_name}Response{}Item", pascal_ident(label));
                self.stream_body(kind, group.schema, &media_pointer, &hint)
            });
            let variant = match (group.media, group.stream) {
                (_, Some(StreamKind::Events)) => "Events".to_owned(),
                (_, Some(StreamKind::JsonLines)) => "JsonLines".to_owned(),
                (ResponseMedia::Json, _) if json_groups > 1 => {
                    variants.claim(&pascal_ident(&essence(first)))
                }
                (ResponseMedia::Json, _) => "Json".to_owned(),
                (ResponseMedia::Text, _) => "Text".to_owned(),
                _ => "Bytes".to_owned(),
            };
            alternatives.push(MediaAlternative {
                variant,
                media: group.media,
                ty,
                media_types: group.names.iter().map(|name| (*name).clone()).collect(),
                stream,
            });
        }
        let (media, ty) = (alternatives[0].media, Some(alternatives[0].ty.clone()));
        let stream = alternatives[0].stream.clone();
        if alternatives.len() < 2 {
            alternatives.clear();
        }
        ReadBody {
            media,
            ty,
            content_type,
            alternatives,
            stream,
            check,
        }
    }
}

/// The value of the first of `examples` given inline (a referenced one is left: its value
/// sits elsewhere in the document).
pub(super) fn first_example<'e>(
    mut examples: impl Iterator<Item = &'e ReferenceOr<openapiv3::Example>>,
) -> Option<serde_json::Value> {
    examples.find_map(|example| match example {
        ReferenceOr::Item(example) => example.value.clone(),
        ReferenceOr::Reference { .. } => None,
    })
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::request_body::body_media;
    use super::*;
    use crate::model::BodyMedia;
    use openapiv3::MediaType;

    #[test]
    fn media_types_by_kind() {
        let plain = MediaType::default();
        let object: MediaType =
            serde_json::from_str(r#"{"schema": {"type": "object"}}"#).unwrap_or_default();
        let cases = [
            ("application/json", &plain, BodyMedia::Json),
            (
                "application/vnd.api+json; charset=utf-8",
                &plain,
                BodyMedia::Json,
            ),
            (
                "application/x-www-form-urlencoded",
                &object,
                BodyMedia::FormUrlEncoded,
            ),
            ("multipart/form-data", &object, BodyMedia::Multipart),
            ("multipart/mixed", &plain, BodyMedia::Multipart),
            ("text/plain", &plain, BodyMedia::Text),
            ("text/csv", &object, BodyMedia::Text),
            ("application/graphql", &object, BodyMedia::Json),
            ("application/graphql", &plain, BodyMedia::Bytes),
            ("application/octet-stream", &plain, BodyMedia::Bytes),
            ("image/*", &plain, BodyMedia::Bytes),
            ("*/*", &object, BodyMedia::Bytes),
        ];
        for (name, content, expected) in cases {
            assert_eq!(body_media(name, content), expected, "{name}");
        }
        assert_eq!(
            response_media("application/problem+json"),
            ResponseMedia::Json
        );
        assert_eq!(
            response_media("text/html; charset=utf-8"),
            ResponseMedia::Text
        );
        assert_eq!(response_media("application/pdf"), ResponseMedia::Bytes);
        assert_eq!(response_media("*/*"), ResponseMedia::Bytes);
    }

    /// The model of `spec` (YAML) and the errors building it reported.
    pub(in super::super) fn build_spec(
        spec: &str,
    ) -> (super::super::Built, Vec<crate::diagnostics::SpecError>) {
        let doc: openapiv3::OpenAPI = serde_yaml::from_str(spec).expect("a valid test spec");
        let mut diag = crate::diagnostics::Diagnostics::new(spec);
        let built = super::super::build(&doc, &mut diag);
        (built, diag.into_errors())
    }

    /// The one operation of `spec` (YAML).
    pub(in super::super) fn operation_of(spec: &str) -> crate::model::Operation {
        let (built, errors) = build_spec(spec);
        assert!(errors.is_empty(), "the test spec has no errors");
        built.api.operations[0].clone()
    }

    /// The responses of the one operation of `spec` (YAML).
    fn responses_of(spec: &str) -> Vec<Response> {
        operation_of(spec).responses
    }

    #[test]
    fn a_no_content_status_documented_with_content_reads_none() {
        // talon-one's `resetPassword`: `204` with an `application/json` schema.
        let op = operation_of(
            "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /r:
    post:
      operationId: reset
      responses:
        '204':
          description: Created
          content:
            application/json:
              schema: {type: object, properties: {password: {type: string}}}
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {password: {type: string}}}
",
        );
        let no_content = &op.responses[1];
        assert_eq!(no_content.status, StatusMatch::Code(204));
        assert_eq!(
            (no_content.ty.clone(), no_content.media),
            (None, ResponseMedia::Empty)
        );
        assert_eq!(no_content.content_type, None);
        assert!(op.responses[0].ty.is_some(), "a 200 keeps its body");
        assert!(
            op.docs
                .assumptions
                .iter()
                .any(|a| a.contains("`204` is documented with content")),
            "{:?}",
            op.docs.assumptions
        );
    }

    const SEVERAL: &str = r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /r:
    get:
      operationId: getR
      responses:
        "200":
          description: ok
          content:
            text/csv: {schema: {type: string}}
            application/json:
              schema: {type: object, properties: {rows: {type: integer}}}
            image/*: {schema: {type: string, format: binary}}
            text/plain: {schema: {type: string}}
            application/problem+json:
              schema: {type: object, properties: {rows: {type: integer}}}
            application/pdf: {}
        "201":
          description: one kind
          content:
            application/json: {schema: {type: string}}
            application/vnd.r+json: {schema: {type: string}}
        "202":
          description: two JSON schemas
          content:
            application/json: {schema: {type: string}}
            application/vnd.r+json: {schema: {type: integer}}
"#;

    #[test]
    fn several_kinds_are_alternatives_preferred_first() {
        let responses = responses_of(SEVERAL);
        let several = &responses[0];
        assert_eq!(several.media, ResponseMedia::Json);
        assert_eq!(several.ty, Some(TypeRef::Named("GetRResponseN200".into())));
        assert_eq!(several.content_type.as_deref(), Some("application/json"));
        assert_eq!(
            several.accept,
            [
                "text/csv",
                "application/json",
                "image/*",
                "text/plain",
                "application/problem+json",
                "application/pdf"
            ]
        );
        let alternatives: Vec<(&str, ResponseMedia, &TypeRef, Vec<&str>)> = several
            .alternatives
            .iter()
            .map(|a| {
                let media = a.media_types.iter().map(String::as_str).collect();
                (a.variant.as_str(), a.media, &a.ty, media)
            })
            .collect();
        let json = TypeRef::Named("GetRResponseN200".into());
        assert_eq!(
            alternatives,
            [
                (
                    "Json",
                    ResponseMedia::Json,
                    &json,
                    vec!["application/json", "application/problem+json"]
                ),
                (
                    "Text",
                    ResponseMedia::Text,
                    &TypeRef::String,
                    vec!["text/csv", "text/plain"]
                ),
                (
                    "Bytes",
                    ResponseMedia::Bytes,
                    &bytes_type(),
                    vec!["image/*", "application/pdf"]
                ),
            ]
        );
    }

    #[test]
    fn one_kind_is_read_as_before_and_json_schemas_are_named_by_media() {
        let responses = responses_of(SEVERAL);
        let one_kind = &responses[1];
        assert_eq!(one_kind.ty, Some(TypeRef::String));
        assert_eq!(
            one_kind.accept,
            ["application/json", "application/vnd.r+json"]
        );
        assert!(one_kind.alternatives.is_empty());

        let two_schemas = &responses[2];
        let variants: Vec<(&str, &TypeRef)> = two_schemas
            .alternatives
            .iter()
            .map(|a| (a.variant.as_str(), &a.ty))
            .collect();
        assert_eq!(
            variants,
            [
                ("ApplicationJson", &TypeRef::String),
                ("ApplicationVndRJson", &TypeRef::Integer(IntType::I64)),
            ]
        );
    }
}
