//! Request bodies: every media type they are documented in, the preferred one first,
//! and how each is written.
//!
//! Every media type is accepted. JSON and `+json` bodies are typed; form bodies are the
//! schema's type as form fields; `multipart/*` bodies are a typed form when the schema is
//! an object (`form`), else the runtime's multipart form; `text/*` is a string;
//! everything else is bytes. A media type the generator has no name for
//! (`application/graphql`) whose schema is an object, array or `$ref` is sent as JSON
//! text under its own content type, as the spec describes a JSON document there.

use openapiv3::{MediaType, Operation as OaOperation, RequestBody};

use super::Builder;
use super::docs::docs_from;
use super::media::{bytes_type, is_structured};
use super::operation::resolve;
use super::schema::SRef;
use crate::diagnostics::child;
use crate::model::{Body, BodyAlternative, BodyMedia, Check, Rule, TypeRef};
use crate::model::{essence, is_json, is_text};
use crate::rust::naming::{NameSet, pascal_case, pascal_ident};

/// How a request body under `media` is sent.
pub(super) fn body_media(media: &str, content: &MediaType) -> BodyMedia {
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
        // What a server checks: the schema of the media type the client sends by default.
        let (media, media_name, media_type) = offered[0];
        let check = match media {
            BodyMedia::Text | BodyMedia::Bytes => None,
            BodyMedia::Json | BodyMedia::FormUrlEncoded | BodyMedia::Multipart => {
                Some(match media_type.schema.as_ref() {
                    Some(schema) => {
                        let pointer =
                            child(&child(&child(&b_pointer, "content"), media_name), "schema");
                        self.reader.check(SRef::of(schema), &pointer)
                    }
                    None => Check::any(),
                })
            }
        };
        let max_items = match check.as_ref().and_then(|c| self.rules.leaf(&c.rule)) {
            Some(Rule::Array(array)) => array.max_items,
            _ => None,
        };
        let docs = docs_from(
            self.diag,
            &b_pointer,
            None,
            body.description.as_deref(),
            &body.extensions,
            false,
        );
        let example = media_type.example.clone().or_else(|| {
            super::media::first_example(media_type.examples.values()).or_else(|| {
                match media_type.schema.as_ref() {
                    Some(openapiv3::ReferenceOr::Item(schema)) => {
                        schema.schema_data.example.clone()
                    }
                    _ => None,
                }
            })
        });
        Some(Body {
            ty: preferred.ty,
            required: body.required,
            max_items,
            check,
            docs,
            media: preferred.media,
            content_type: preferred.content_type,
            form: preferred.form,
            alternatives,
            example,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::media::tests::{build_spec, operation_of};
    use super::*;
    use crate::model::IntType;

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

    #[test]
    fn a_dangling_reference_in_a_multipart_body_is_reported() {
        let spec = r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /d:
    post:
      operationId: putD
      requestBody:
        content:
          multipart/form-data: {schema: {$ref: '#/components/schemas/Missing'}}
      responses:
        "204": {description: ok}
components:
  schemas:
    Doc: {type: object, properties: {a: {type: string}}}
"#;
        let (_, errors) = build_spec(spec);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0]
                .message
                .contains("points to schema `Missing`, which does not exist"),
            "{errors:?}"
        );
        assert!(
            errors[0].pointer.contains("multipart/form-data"),
            "{errors:?}"
        );
    }

    #[test]
    fn a_form_over_a_component_reuses_its_property_types() {
        use crate::model::FormFieldKind;
        let spec = r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /d:
    post:
      operationId: putD
      requestBody:
        content:
          multipart/form-data: {schema: {$ref: '#/components/schemas/Doc'}}
      responses:
        "204": {description: ok}
components:
  schemas:
    Doc:
      type: object
      properties:
        meta: {type: object, properties: {a: {type: string}}}
        file: {type: string, format: binary}
"#;
        let (built, errors) = build_spec(spec);
        assert!(errors.is_empty(), "the test spec has no errors");
        let body = built.api.operations[0].body.clone().expect("a body");
        let form = body.form.expect("a typed form");
        let kinds: Vec<&FormFieldKind> = form.fields.iter().map(|f| &f.kind).collect();
        assert_eq!(
            kinds,
            [
                &FormFieldKind::Value(TypeRef::Named("DocMeta".into())),
                &FormFieldKind::File
            ]
        );
        let names: Vec<&str> = built.api.types.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["Doc", "DocMeta"], "no second type for `meta`");
    }
}
