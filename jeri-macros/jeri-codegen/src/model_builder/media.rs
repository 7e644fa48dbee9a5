//! Request and response bodies: which media type is used and how it is written or read.
//!
//! Every media type is accepted. JSON and `+json` bodies are typed; form bodies are the
//! schema's type as form fields; `multipart/*` bodies are the runtime's multipart form;
//! `text/*` is a string; everything else is bytes. A media type the generator has no
//! name for (`application/graphql`) whose schema is an object, array or `$ref` is sent as
//! JSON text under its own content type, as the spec describes a JSON document there.

use openapiv3::{
    MediaType, Operation as OaOperation, ReferenceOr, RequestBody, Response as OaResponse,
    StatusCode,
};

use super::Builder;
use super::docs::{assumptions, docs_from};
use super::operation::resolve;
use super::schema::{SRef, Shape, classify};
use crate::diagnostics::child;
use crate::model::{
    Body, BodyAlternative, BodyMedia, IntType, MediaAlternative, Response, ResponseMedia,
    StatusMatch, TypeRef,
};
use crate::naming::{NameSet, pascal_case, pascal_ident};

/// The media type without parameters, lowercased: `application/json; charset=utf-8` →
/// `application/json`.
pub(crate) fn essence(media: &str) -> String {
    media
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// `application/json` and `*/*+json` (`application/problem+json`, …).
pub(crate) fn is_json(media: &str) -> bool {
    let e = essence(media);
    e == "application/json" || (e.ends_with("+json") && e.contains('/'))
}

fn is_text(media: &str) -> bool {
    essence(media).starts_with("text/")
}

/// Whether a schema describes structured data (an object, array, union or reference)
/// rather than a string or bytes.
fn is_structured(schema: Option<&ReferenceOr<openapiv3::Schema>>) -> bool {
    match schema.map(SRef::of) {
        Some(SRef::Ref(_)) => true,
        Some(SRef::Item(schema)) => matches!(
            classify(schema),
            Shape::Object(_) | Shape::Array(..) | Shape::Union { .. } | Shape::AllOf { .. }
        ),
        None => false,
    }
}

/// How a request body under `media` is sent.
fn body_media(media: &str, content: &MediaType) -> BodyMedia {
    let e = essence(media);
    if is_json(media) {
        BodyMedia::Json
    } else if e == "application/x-www-form-urlencoded" {
        BodyMedia::FormUrlEncoded
    } else if e.starts_with("multipart/") {
        BodyMedia::Multipart
    } else if is_text(media) {
        BodyMedia::Text
    } else if is_structured(content.schema.as_ref()) && !e.contains('*') {
        BodyMedia::Json
    } else {
        BodyMedia::Bytes
    }
}

/// Preference when a body is offered in several media types: typed first.
fn rank(media: BodyMedia) -> u8 {
    match media {
        BodyMedia::Json => 0,
        BodyMedia::FormUrlEncoded => 1,
        BodyMedia::Multipart => 2,
        BodyMedia::Bytes => 3,
        BodyMedia::Text => 4,
    }
}

/// The body enum's variant for each offered media type (in `offered` order): its kind
/// (`Json`, `Form`, `Multipart`, `Text`, `Bytes`), or its media type when the kind is
/// offered more than once (`image/png` → `ImagePng`, `*/*` → `Any`).
fn variant_names(offered: &[(BodyMedia, &String, &MediaType)]) -> Vec<String> {
    let mut names = NameSet::new();
    offered
        .iter()
        .map(|(media, name, _)| {
            let repeated = offered.iter().filter(|(m, _, _)| m == media).count() > 1;
            if repeated {
                let essence = essence(name);
                let words = if essence == "*/*" {
                    "Any".to_owned()
                } else {
                    pascal_case(&essence.replace('*', "any"))
                };
                names.claim(&pascal_ident(&words))
            } else {
                names.claim(kind_name(*media))
            }
        })
        .collect()
}

fn kind_name(media: BodyMedia) -> &'static str {
    match media {
        BodyMedia::Json => "Json",
        BodyMedia::FormUrlEncoded => "Form",
        BodyMedia::Multipart => "Multipart",
        BodyMedia::Text => "Text",
        BodyMedia::Bytes => "Bytes",
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

fn bytes_type() -> TypeRef {
    TypeRef::Array(Box::new(TypeRef::Integer(IntType::U8)))
}

impl Builder<'_, '_, '_> {
    pub(super) fn body(
        &mut self,
        op: &OaOperation,
        pointer: &str,
        type_name: &str,
    ) -> Option<Body> {
        let raw = op.request_body.as_ref()?;
        let b_pointer = child(pointer, "requestBody");
        let doc = self.doc;
        let lookup = |name: &str| {
            doc.components
                .as_ref()
                .and_then(|c| c.request_bodies.get(name))
        };
        let body: &RequestBody = resolve(self.diag, raw, "requestBodies", lookup, &b_pointer)?;
        let mut offered: Vec<(BodyMedia, &String, &MediaType)> = body
            .content
            .iter()
            .map(|(name, content)| (body_media(name, content), name, content))
            .collect();
        // Stable: document order within a kind, so the first is the preferred one.
        offered.sort_by_key(|(media, _, _)| rank(*media));
        let variants = variant_names(&offered);
        let mut alternatives = Vec::new();
        for (index, ((media, media_name, media_type), variant)) in
            offered.iter().zip(variants).enumerate()
        {
            let schema_pointer = child(&child(&child(&b_pointer, "content"), media_name), "schema");
            let schema = media_type.schema.as_ref().map(SRef::of);
            // The preferred media keeps the names it has when it is the only one.
            let suffix = if index == 0 { "" } else { variant.as_str() };
            let ty = match media {
                BodyMedia::Bytes => bytes_type(),
                BodyMedia::Text => TypeRef::String,
                BodyMedia::Multipart => TypeRef::Json,
                BodyMedia::Json | BodyMedia::FormUrlEncoded => match schema {
                    Some(s) => {
                        self.type_ref(s, &schema_pointer, &format!("{type_name}Body{suffix}"))
                    }
                    None => TypeRef::Json,
                },
            };
            let form = match media {
                BodyMedia::Multipart => {
                    let form_suffix = if variant == "Multipart" {
                        ""
                    } else {
                        variant.as_str()
                    };
                    let name = format!("{type_name}{form_suffix}Form");
                    self.multipart_form(schema, &schema_pointer, media_type, name)
                }
                _ => None,
            };
            alternatives.push(BodyAlternative {
                variant,
                media: *media,
                ty,
                content_type: (*media_name).clone(),
                form,
            });
        }
        let preferred = alternatives.first()?.clone();
        if alternatives.len() < 2 {
            alternatives.clear();
        }
        let schema = offered[0].2.schema.as_ref().map(SRef::of);
        let max_items = schema
            .and_then(|s| self.array_max_items(s))
            .map(|n| n as u64);
        let docs = docs_from(
            self.diag,
            &b_pointer,
            None,
            body.description.as_deref(),
            &body.extensions,
            false,
        );
        Some(Body {
            ty: preferred.ty,
            required: body.required,
            max_items,
            docs,
            media: preferred.media,
            content_type: preferred.content_type,
            form: preferred.form,
            alternatives,
        })
    }

    /// `maxItems` of an array schema, looking through references.
    fn array_max_items(&self, s: SRef<'_>) -> Option<usize> {
        let mut current = s;
        for _ in 0..16 {
            match current {
                SRef::Item(schema) => {
                    return match classify(schema) {
                        Shape::Array(_, max) => max,
                        _ => None,
                    };
                }
                SRef::Ref(r) => {
                    let key = super::schema::component_key(r)?;
                    current = self.component_schema(*self.by_key.get(&key)?)?;
                }
            }
        }
        None
    }

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
            for assumption in assumptions(self.diag, &this_pointer, &response.extensions) {
                op_assumptions.push(format!("Response `{label}`: {assumption}"));
            }
            let read = self.response_body(response, &this_pointer, type_name, &label);
            out.push(Response {
                status,
                ty: read.ty,
                media: read.media,
                content_type: read.content_type,
                accept: response.content.keys().cloned().collect(),
                alternatives: read.alternatives,
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
}

/// Documented media types read the same way: one kind, and for JSON one schema.
struct MediaGroup<'r> {
    media: ResponseMedia,
    schema: Option<&'r ReferenceOr<openapiv3::Schema>>,
    names: Vec<&'r String>,
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
        let schema = match media {
            ResponseMedia::Json => media_type.schema.as_ref(),
            _ => None,
        };
        match groups
            .iter_mut()
            .find(|group| group.media == media && group.schema == schema)
        {
            Some(group) => group.names.push(name),
            None => groups.push(MediaGroup {
                media,
                schema,
                names: vec![name],
            }),
        }
    }
    // A stable sort keeps document order within a kind, so the first group is the
    // preferred media type's.
    groups.sort_by_key(|group| response_rank(group.media));
    groups
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
            return ReadBody {
                media: ResponseMedia::Empty,
                ty: None,
                content_type: None,
                alternatives: Vec::new(),
            };
        };
        let content_type = Some(answered_media_type(preferred.media, preferred.names[0]));
        let json_groups = groups
            .iter()
            .filter(|group| group.media == ResponseMedia::Json)
            .count();
        let mut variants = NameSet::with_reserved(&["Text", "Bytes"]);
        let mut alternatives = Vec::new();
        for (index, group) in groups.iter().enumerate() {
            let first = group.names[0];
            let ty = match (group.media, group.schema) {
                (ResponseMedia::Json, Some(schema)) => {
                    let schema_pointer = child(&child(&child(pointer, "content"), first), "schema");
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
                (ResponseMedia::Text, _) => TypeRef::String,
                _ => bytes_type(),
            };
            let variant = match group.media {
                ResponseMedia::Json if json_groups > 1 => {
                    variants.claim(&pascal_ident(&essence(first)))
                }
                ResponseMedia::Json => "Json".to_owned(),
                ResponseMedia::Text => "Text".to_owned(),
                _ => "Bytes".to_owned(),
            };
            alternatives.push(MediaAlternative {
                variant,
                media: group.media,
                ty,
                media_types: group.names.iter().map(|name| (*name).clone()).collect(),
            });
        }
        let (media, ty) = (alternatives[0].media, Some(alternatives[0].ty.clone()));
        if alternatives.len() < 2 {
            alternatives.clear();
        }
        ReadBody {
            media,
            ty,
            content_type,
            alternatives,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// The one operation of `spec` (YAML).
    fn operation_of(spec: &str) -> crate::model::Operation {
        let doc: openapiv3::OpenAPI = serde_yaml::from_str(spec).expect("a valid test spec");
        let mut diag = crate::diagnostics::Diagnostics::new(spec);
        let built = super::super::build(&doc, &mut diag);
        assert!(diag.is_empty(), "the test spec has no errors");
        built.api.operations[0].clone()
    }

    /// The responses of the one operation of `spec` (YAML).
    fn responses_of(spec: &str) -> Vec<Response> {
        operation_of(spec).responses
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

    /// The request body of the one operation of `spec` (YAML).
    fn body_of(spec: &str) -> Body {
        operation_of(spec).body.expect("a body")
    }

    const BODIES: &str = r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /n:
    post:
      operationId: putN
      requestBody:
        content:
          image/png: {schema: {type: string, format: binary}}
          text/csv: {schema: {type: string}}
          multipart/form-data:
            schema:
              type: object
              required: [file]
              properties:
                file: {type: string, format: binary}
                scans: {type: array, items: {type: string, format: byte}}
                new: {type: integer}
                meta: {type: object, properties: {a: {type: string}}}
            encoding:
              meta: {contentType: application/vnd.m+json}
          "*/*": {schema: {type: string, format: binary}}
          application/merge-patch+json: {schema: {type: object, properties: {a: {type: string}}}}
          application/json: {schema: {$ref: '#/components/schemas/N'}}
      responses:
        "204": {description: ok}
components:
  schemas:
    N: {type: object, properties: {a: {type: string}}}
"#;

    #[test]
    fn every_media_type_is_an_alternative_preferred_first() {
        let body = body_of(BODIES);
        assert_eq!(body.media, BodyMedia::Json);
        assert_eq!(body.content_type, "application/merge-patch+json");
        assert_eq!(body.ty, TypeRef::Named("PutNBody".into()));
        let alternatives: Vec<(&str, BodyMedia, &str, &TypeRef)> = body
            .alternatives
            .iter()
            .map(|a| (a.variant.as_str(), a.media, a.content_type.as_str(), &a.ty))
            .collect();
        let bytes = bytes_type();
        assert_eq!(
            alternatives,
            [
                (
                    "ApplicationMergePatchJson",
                    BodyMedia::Json,
                    "application/merge-patch+json",
                    &TypeRef::Named("PutNBody".into())
                ),
                (
                    "ApplicationJson",
                    BodyMedia::Json,
                    "application/json",
                    &TypeRef::Named("N".into())
                ),
                (
                    "Multipart",
                    BodyMedia::Multipart,
                    "multipart/form-data",
                    &TypeRef::Json
                ),
                ("ImagePng", BodyMedia::Bytes, "image/png", &bytes),
                ("Any", BodyMedia::Bytes, "*/*", &bytes),
                ("Text", BodyMedia::Text, "text/csv", &TypeRef::String),
            ]
        );
    }

    #[test]
    fn an_object_multipart_schema_is_a_typed_form() {
        use crate::model::FormFieldKind;
        let body = body_of(BODIES);
        let form = body.alternatives[2].form.as_ref().expect("a typed form");
        assert_eq!(form.name, "PutNForm");
        let fields: Vec<(&str, &str, &FormFieldKind, bool, Option<&str>)> = form
            .fields
            .iter()
            .map(|f| {
                (
                    f.rust_name.as_str(),
                    f.wire_name.as_str(),
                    &f.kind,
                    f.required,
                    f.content_type.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            fields,
            [
                ("file", "file", &FormFieldKind::File, true, None),
                ("scans", "scans", &FormFieldKind::Files, false, None),
                (
                    "new2",
                    "new",
                    &FormFieldKind::Value(TypeRef::Integer(IntType::I64)),
                    false,
                    None
                ),
                (
                    "meta",
                    "meta",
                    &FormFieldKind::Value(TypeRef::Named("PutNFormMeta".into())),
                    false,
                    Some("application/vnd.m+json")
                ),
            ]
        );
        assert!(body.form.is_none(), "the preferred media type is JSON");

        // In one media type: no alternatives, the form on the body itself.
        let start = BODIES.find("          image/png").expect("image/png");
        let end = BODIES.find("          \"*/*\"").expect("*/*");
        let single = format!(
            "{}{}",
            &BODIES[..start],
            &BODIES[BODIES
                .find("          multipart/form-data")
                .expect("multipart")..end]
        ) + &BODIES[BODIES.find("      responses:").expect("responses")..];
        let body = body_of(&single);
        assert!(body.alternatives.is_empty());
        assert_eq!(body.media, BodyMedia::Multipart);
        assert_eq!(body.form.map(|form| form.fields.len()), Some(4));
    }
}
