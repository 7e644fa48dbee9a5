//! `oneOf` and `anyOf`: unions, tagged by a discriminator or untagged.

use std::collections::HashSet;

use openapiv3::{ReferenceOr, Schema, SchemaKind};

use super::Builder;
use super::schema::{SRef, Shape, classify, component_key, string_enum};
use crate::diagnostics::{child, index};
use crate::model::{TypeKind, UnionVariant};
use crate::rust::naming::{NameSet, pascal_ident};

impl Builder<'_, '_, '_> {
    pub(super) fn union_kind(
        &mut self,
        schema: &Schema,
        members: &[ReferenceOr<Schema>],
        keyword: &str,
        pointer: &str,
        name: &str,
    ) -> TypeKind {
        let discriminator = schema.schema_data.discriminator.as_ref();
        // `oneOf` of documented single values is how many generators spell a string enum.
        if discriminator.is_none() {
            let mut values = Vec::new();
            let all_enums = members.iter().all(|m| match m {
                ReferenceOr::Item(s) => match classify(s) {
                    Shape::StrEnum(v) => {
                        values.extend(v);
                        true
                    }
                    _ => false,
                },
                ReferenceOr::Reference { .. } => false,
            });
            if all_enums {
                let mut seen = HashSet::new();
                values.retain(|v| seen.insert(v.clone()));
                return string_enum(&values);
            }
        }
        let tag = discriminator.map(|d| d.property_name.clone());
        let mut names = NameSet::new();
        let mut variants = Vec::new();
        let mut ref_keys = Vec::new();
        for (i, member) in members.iter().enumerate() {
            let member_pointer = index(&child(pointer, keyword), i);
            let member = SRef::of(member);
            let (base, ref_key, tag_value) = match member {
                SRef::Ref(r) => {
                    let key = component_key(r);
                    let base = key
                        .as_deref()
                        .map(pascal_ident)
                        .unwrap_or_else(|| format!("Variant{}", i + 1));
                    (base, key.clone(), key)
                }
                SRef::Item(s) => {
                    let tag_value = tag
                        .as_deref()
                        .and_then(|t| self.pinned_value(member, t, PIN_DEPTH));
                    (variant_base(s, i), None, tag_value)
                }
            };
            let rust_name = names.claim(&base);
            let ty = self.nullable_ref(member, &member_pointer, &format!("{name}{rust_name}"));
            ref_keys.push(ref_key);
            variants.push(UnionVariant {
                rust_name,
                ty,
                tag_value: tag.as_ref().and(tag_value),
            });
        }
        if let Some(d) = discriminator {
            let mapping_pointer = child(&child(pointer, "discriminator"), "mapping");
            for (value, target) in &d.mapping {
                let key = component_key(target).unwrap_or_else(|| target.clone());
                match ref_keys.iter().position(|k| k.as_deref() == Some(key.as_str())) {
                    Some(i) => {
                        if let Some(v) = variants.get_mut(i) {
                            v.tag_value = Some(value.clone());
                        }
                    }
                    None => self.diag.error(
                        &child(&mapping_pointer, value),
                        format!("discriminator mapping `{value}` points to `{target}`, which is not one of the `{keyword}` alternatives"),
                        format!("add `$ref: '#/components/schemas/{key}'` to `{keyword}`, or remove the mapping"),
                    ),
                }
            }
        }
        TypeKind::Union { tag, variants }
    }

    /// The value `property` is pinned to (a one-value string enum), looking through
    /// `allOf` members and the components they reference: an inline alternative written
    /// as `allOf: [{$ref: Base}, {properties: {kind: {enum: [card]}}}]` is tagged `card`.
    fn pinned_value(&self, s: SRef<'_>, property: &str, depth: u8) -> Option<String> {
        let depth = depth.checked_sub(1)?;
        let schema = match s {
            SRef::Item(schema) => schema,
            SRef::Ref(reference) => {
                let key = component_key(reference)?;
                let doc: &openapiv3::OpenAPI = self.doc;
                let found = doc.components.as_ref()?.schemas.get(&key)?;
                return self.pinned_value(SRef::of(found), property, depth);
            }
        };
        if let Some(value) = single_value_property(schema, property) {
            return Some(value);
        }
        let all_of = match &schema.schema_kind {
            SchemaKind::AllOf { all_of } => all_of,
            SchemaKind::Any(any) => &any.all_of,
            _ => return None,
        };
        all_of
            .iter()
            .find_map(|member| self.pinned_value(SRef::of(member), property, depth))
    }
}

/// How many references and `allOf` levels [`Builder::pinned_value`] follows.
const PIN_DEPTH: u8 = 8;

/// The value of `property` when the schema pins it to one string (a tag).
fn single_value_property(schema: &Schema, property: &str) -> Option<String> {
    let Shape::Object(view) = classify(schema) else {
        return None;
    };
    let (_, prop) = view.props.iter().find(|(k, _)| *k == property)?;
    match prop {
        SRef::Item(s) => match classify(s) {
            Shape::StrEnum(values) if values.len() == 1 => values.into_iter().next(),
            _ => None,
        },
        SRef::Ref(_) => None,
    }
}

/// A readable variant name for an inline union member.
fn variant_base(schema: &Schema, i: usize) -> String {
    if let Some(title) = schema
        .schema_data
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
    {
        return pascal_ident(title);
    }
    match classify(schema) {
        Shape::StrEnum(values) if values.len() == 1 => pascal_ident(&values[0]),
        Shape::Object(view) => {
            // A property pinned to one value names the variant (`type: enum [ip]` → `Ip`),
            // else a lone required property (`{"ip": …}` → `Ip`).
            let pinned = view.props.iter().find_map(|(_, p)| match p {
                SRef::Item(s) => match classify(s) {
                    Shape::StrEnum(values) if values.len() == 1 => values.into_iter().next(),
                    _ => None,
                },
                SRef::Ref(_) => None,
            });
            match (pinned, view.props.as_slice()) {
                (Some(value), _) => pascal_ident(&value),
                (None, [(only, _)]) => pascal_ident(only),
                _ => format!("Variant{}", i + 1),
            }
        }
        Shape::Str(_) | Shape::StrEnum(_) => "String".to_owned(),
        Shape::Int(_) | Shape::IntEnum(..) => "Integer".to_owned(),
        Shape::Float(_) => "Number".to_owned(),
        Shape::Bool => "Bool".to_owned(),
        Shape::Array(..) => "Array".to_owned(),
        _ => format!("Variant{}", i + 1),
    }
}

#[cfg(test)]
mod tests {
    use crate::build::media::tests::build_spec;
    use crate::model::TypeKind;

    #[test]
    fn an_inline_alternative_is_tagged_by_the_value_its_all_of_pins() {
        let (built, errors) = build_spec(
            "openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Token:
      discriminator: {propertyName: wallet_name}
      oneOf:
        - allOf:
            - {$ref: '#/components/schemas/Gpay'}
            - {type: object, required: [wallet_name], properties: {wallet_name: {type: string, enum: [google_pay]}}}
        - allOf: [{$ref: '#/components/schemas/Pinned'}]
        - {type: object, required: [wallet_name], properties: {wallet_name: {type: string, enum: [none]}}}
    Gpay: {type: object, properties: {merchant: {type: string}}}
    Pinned: {type: object, properties: {wallet_name: {type: string, enum: [apple_pay]}}}
",
        );
        assert!(errors.is_empty(), "{errors:?}");
        let token = built
            .api
            .types
            .iter()
            .find(|def| def.name == "Token")
            .expect("Token");
        let TypeKind::Union { variants, .. } = &token.kind else {
            panic!("a union: {:?}", token.kind);
        };
        let tags: Vec<Option<&str>> = variants.iter().map(|v| v.tag_value.as_deref()).collect();
        assert_eq!(tags, [Some("google_pay"), Some("apple_pay"), Some("none")]);
    }
}
