//! Schemas → type references and named types.

use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};

use super::Builder;
use super::all_of::{StructAcc, is_empty_schema, real_members};
use super::docs::schema_docs;
pub(super) use super::shape::{ObjectView, SRef, Shape, classify, component_key};
use crate::diagnostics::{child, index};
use crate::model::{EnumVariant, IntType, IntegerVariant, TypeKind, TypeRef};
use crate::rust::naming::{NameSet, pascal_ident};

/// The extension that marks a property's value as a credential.
const SECRET: &str = "x-jeri-secret";

/// Whether a schema itself marks its value as a credential: `format: password` (OpenAPI's
/// hint to obscure the value) or `x-jeri-secret: true`.
fn marks_secret(schema: &Schema) -> bool {
    let password = match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => {
            matches!(
                s.format,
                VariantOrUnknownOrEmpty::Item(StringFormat::Password)
            )
        }
        SchemaKind::Any(any) => any.format.as_deref() == Some("password"),
        _ => false,
    };
    password || schema.schema_data.extensions.get(SECRET) == Some(&serde_json::Value::Bool(true))
}

/// Whether a default's JSON kind fits the Rust type (named types are checked when the
/// generated code decodes the default: one that does not decode is left absent).
fn default_fits(value: &serde_json::Value, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::String | TypeRef::Format(_) => value.is_string(),
        TypeRef::Integer(_) => value.is_i64() || value.is_u64(),
        TypeRef::Number(_) => value.is_number(),
        TypeRef::Bool => value.is_boolean(),
        TypeRef::Array(_) => value.is_array(),
        TypeRef::Map(_) => value.is_object(),
        TypeRef::Named(_) | TypeRef::Json | TypeRef::Boxed(_) | TypeRef::Nullable(_) => true,
    }
}

impl<'d> Builder<'d, '_, '_> {
    /// Resolves a schema reference to a component index, reporting dangling ones.
    pub(super) fn resolve_schema_ref(&mut self, reference: &str, pointer: &str) -> Option<usize> {
        let Some(key) = component_key(reference) else {
            self.diag.error(
                pointer,
                format!("`$ref: '{reference}'` is not a reference to a component schema"),
                "only local references of the form `#/components/schemas/<Name>` are supported",
            );
            return None;
        };
        match self.by_key.get(&key) {
            Some(&index) => Some(index),
            None => {
                let mut known: Vec<&str> = self
                    .component_keys
                    .iter()
                    .map(|(k, _)| k.as_str())
                    .collect();
                // Only names a typo away or holding the other: an unrelated name is no hint.
                let near = (key.chars().count() / 3).max(2);
                let lower = key.to_lowercase();
                known.retain(|k| {
                    let k_lower = k.to_lowercase();
                    crate::diagnostics::distance(k, &key) <= near
                        || k_lower.contains(&lower)
                        || lower.contains(&k_lower)
                });
                known.sort_by_key(|k| crate::diagnostics::distance(k, &key));
                known.truncate(3);
                let hint = if known.is_empty() {
                    format!("define `{key}` under `components.schemas`")
                } else {
                    format!(
                        "define `{key}` under `components.schemas`, or fix the reference (closest existing: {})",
                        known
                            .iter()
                            .map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                self.diag.error(
                    pointer,
                    format!("`$ref: '{reference}'` points to schema `{key}`, which does not exist"),
                    hint,
                );
                None
            }
        }
    }

    /// The raw schema of a component (following nothing).
    pub(super) fn component_schema(&self, index: usize) -> Option<SRef<'d>> {
        let (key, _) = self.component_keys.get(index)?;
        let doc: &'d openapiv3::OpenAPI = self.doc;
        doc.components.as_ref()?.schemas.get(key).map(SRef::of)
    }

    /// Whether a schema is nullable, looking through references.
    pub(super) fn is_nullable(&self, s: SRef<'_>) -> bool {
        self.holds_through_refs(s, |schema| schema.schema_data.nullable)
    }

    /// Whether a schema marks its value as a credential, looking through references: a
    /// property cannot carry siblings next to its `$ref`, so the marking may sit on the
    /// referenced schema.
    pub(super) fn is_secret(&self, s: SRef<'_>) -> bool {
        self.holds_through_refs(s, marks_secret)
    }

    /// A property's `default` (looking through references), when its JSON kind fits the
    /// property's type. One that does not is left out rather than reported: published
    /// specs have them (OpenAI's `Eval.testing_criteria`, an array, defaults to `"eval"`),
    /// and a default only fills in what a response left out, so dropping it loses less
    /// than refusing the spec. `null` is no default: it is what `nullable` already says.
    pub(super) fn default_value(&self, s: SRef<'_>, ty: &TypeRef) -> Option<serde_json::Value> {
        let found = std::cell::RefCell::new(None);
        self.holds_through_refs(s, |schema| match &schema.schema_data.default {
            Some(value) => {
                *found.borrow_mut() = Some(value.clone());
                true
            }
            None => false,
        });
        let value = found.into_inner().filter(|value| !value.is_null())?;
        default_fits(&value, ty).then_some(value)
    }

    /// Reports an `x-jeri-secret` that is not a boolean: silently ignoring it would leave
    /// a credential printable.
    pub(super) fn check_secret_marking(&mut self, schema: &Schema, pointer: &str) {
        if let Some(value) = schema.schema_data.extensions.get(SECRET)
            && !value.is_boolean()
        {
            self.diag.error(
                &child(pointer, SECRET),
                format!("`{SECRET}` must be `true` or `false`"),
                format!("write `{SECRET}: true` to keep the value out of `Debug` output"),
            );
        }
    }

    /// Whether `test` holds for a schema or for the schema it stands for through `$ref`s
    /// and `allOf: [$ref]` wrappers (with a bound, as references may loop).
    pub(super) fn holds_through_refs(&self, s: SRef<'_>, test: impl Fn(&Schema) -> bool) -> bool {
        let mut current = s;
        for _ in 0..32 {
            match current {
                SRef::Item(schema) => {
                    if test(schema) {
                        return true;
                    }
                    // An `allOf: [$ref]` wrapper stands for the schema it references.
                    if let Shape::AllOf { members, own: None } = classify(schema) {
                        let real: Vec<_> = members
                            .iter()
                            .map(SRef::of)
                            .filter(|m| !is_empty_schema(*m))
                            .collect();
                        if let [only] = real.as_slice() {
                            current = *only;
                            continue;
                        }
                    }
                    return false;
                }
                SRef::Ref(r) => {
                    let Some(index) = component_key(r).and_then(|k| self.by_key.get(&k).copied())
                    else {
                        return false;
                    };
                    match self.component_schema(index) {
                        Some(next) => current = next,
                        None => return false,
                    }
                }
            }
        }
        false
    }

    /// Whether an `allOf` stands for one value rather than an object to merge: a single
    /// member that adds something (`allOf: [$ref]` with a description), or members that are
    /// all strings, numbers, booleans or arrays (constraints on one value; the first one's
    /// type is the value's).
    pub(super) fn all_of_is_one_value(&self, members: &[ReferenceOr<Schema>]) -> bool {
        let real = real_members(members);
        real.len() == 1 || (!real.is_empty() && real.iter().all(|(_, m)| self.is_value(*m)))
    }

    /// Whether a schema (through references) is a string, number, boolean or array.
    pub(super) fn is_value(&self, s: SRef<'_>) -> bool {
        self.holds_through_refs(s, |schema| {
            matches!(
                classify(schema),
                Shape::Str(_)
                    | Shape::StrEnum(_)
                    | Shape::Int(_)
                    | Shape::IntEnum(..)
                    | Shape::Float(_)
                    | Shape::Bool
                    | Shape::Array(..)
            )
        })
    }

    /// The type of a schema used in a field, parameter, body or response; inline objects,
    /// enums and unions become named types called after `hint`.
    pub(super) fn type_ref(&mut self, s: SRef<'_>, pointer: &str, hint: &str) -> TypeRef {
        let schema = match s {
            SRef::Ref(reference) => {
                return match self.resolve_schema_ref(reference, pointer) {
                    Some(index) => self
                        .components
                        .get(index)
                        .map_or(TypeRef::Json, |c| TypeRef::Named(c.rust_name.clone())),
                    None => TypeRef::Json,
                };
            }
            SRef::Item(schema) => schema,
        };
        match classify(schema) {
            Shape::Str(None) => TypeRef::String,
            Shape::Str(Some(format)) => TypeRef::Format(format),
            Shape::Int(i) => TypeRef::Integer(i),
            Shape::Float(f) => TypeRef::Number(f),
            Shape::Bool => TypeRef::Bool,
            Shape::Any => TypeRef::Json,
            Shape::Array(items) => TypeRef::Array(Box::new(match items {
                Some(items) => {
                    self.nullable_ref(items, &child(pointer, "items"), &format!("{hint}Item"))
                }
                None => TypeRef::Json,
            })),
            Shape::Object(view) if view.props.is_empty() => self.free_form(&view, pointer, hint),
            Shape::AllOf { members, own: None } if self.all_of_is_one_value(members) => {
                match real_members(members).first() {
                    Some(&(i, first)) => {
                        self.type_ref(first, &index(&child(pointer, "allOf"), i), hint)
                    }
                    None => TypeRef::Json,
                }
            }
            Shape::Not | Shape::UnknownType(_) => {
                self.report_unsupported(schema, pointer);
                TypeRef::Json
            }
            Shape::Object(_)
            | Shape::StrEnum(_)
            | Shape::IntEnum(..)
            | Shape::Union { .. }
            | Shape::AllOf { .. } => {
                let docs = schema_docs(self.diag, pointer, schema);
                let name = self.add_inline(hint, pointer, docs, |b, name| {
                    b.named_kind(SRef::Item(schema), pointer, name)
                });
                TypeRef::Named(name)
            }
        }
    }

    /// [`Self::type_ref`], as `Option` when the schema is nullable: for array items, map
    /// values and union members, where `null` is a value of its own and must decode.
    pub(super) fn nullable_ref(&mut self, s: SRef<'_>, pointer: &str, hint: &str) -> TypeRef {
        let ty = self.type_ref(s, pointer, hint);
        if self.is_nullable(s) && ty != TypeRef::Json {
            TypeRef::Nullable(Box::new(ty))
        } else {
            ty
        }
    }

    pub(super) fn report_unsupported(&mut self, schema: &Schema, pointer: &str) {
        match classify(schema) {
            Shape::Not => self.diag.error(
                &child(pointer, "not"),
                "`not` schemas are not supported",
                "remove `not` and describe the allowed values directly (e.g. with `enum`)",
            ),
            Shape::UnknownType(t) => self.diag.error(
                &child(pointer, "type"),
                format!("unknown type `{t}`"),
                "use one of `string`, `integer`, `number`, `boolean`, `array`, `object`",
            ),
            _ => {}
        }
    }

    /// An object without properties: a map when `additionalProperties` has a schema,
    /// otherwise free-form JSON.
    pub(super) fn free_form(
        &mut self,
        view: &ObjectView<'_>,
        pointer: &str,
        hint: &str,
    ) -> TypeRef {
        match view.additional {
            Some(AdditionalProperties::Schema(value)) => {
                let value = SRef::of(value);
                if is_empty_schema(value) {
                    return TypeRef::Map(Box::new(TypeRef::Json));
                }
                let ty = self.nullable_ref(
                    value,
                    &child(pointer, "additionalProperties"),
                    &format!("{hint}Value"),
                );
                TypeRef::Map(Box::new(ty))
            }
            _ => TypeRef::Json,
        }
    }

    /// The kind of a named type (component or inline) for schema `s`.
    pub(super) fn named_kind(&mut self, s: SRef<'_>, pointer: &str, name: &str) -> TypeKind {
        let schema = match s {
            SRef::Ref(_) => return TypeKind::Alias(self.type_ref(s, pointer, name)),
            SRef::Item(schema) => schema,
        };
        self.check_secret_marking(schema, pointer);
        match classify(schema) {
            Shape::Object(view) if !view.props.is_empty() => {
                let mut acc = StructAcc::default();
                self.add_object(&mut acc, &view, pointer, name);
                acc.finish()
            }
            Shape::StrEnum(values) => string_enum(&values),
            Shape::IntEnum(int, values) => integer_enum(schema, int, &values),
            Shape::Union { members, keyword } => {
                self.union_kind(schema, members, keyword, pointer, name)
            }
            Shape::AllOf { members, own } => {
                if own.is_none() && self.all_of_is_one_value(members) {
                    return TypeKind::Alias(self.type_ref(s, pointer, name));
                }
                let mut acc = StructAcc::default();
                for (i, member) in members.iter().enumerate() {
                    let member_pointer = index(&child(pointer, "allOf"), i);
                    self.merge_member(&mut acc, SRef::of(member), &member_pointer, name, 0);
                }
                if let Some(own) = own {
                    self.add_object(&mut acc, &own, pointer, name);
                }
                acc.finish()
            }
            _ => TypeKind::Alias(self.type_ref(s, pointer, name)),
        }
    }
}

/// An integer enum; variant names come from `x-enum-varnames` (the common extension)
/// when it names every value.
fn integer_enum(schema: &Schema, int: IntType, values: &[i64]) -> TypeKind {
    let given: Option<Vec<&str>> = schema
        .schema_data
        .extensions
        .get("x-enum-varnames")
        .and_then(serde_json::Value::as_array)
        .and_then(|names| names.iter().map(serde_json::Value::as_str).collect())
        .filter(|names: &Vec<&str>| names.len() == values.len());
    let mut names = NameSet::new();
    let variants = values
        .iter()
        .enumerate()
        .map(|(i, &value)| {
            let base = match given.as_ref().and_then(|g| g.get(i)) {
                Some(name) => pascal_ident(name),
                None if value < 0 => format!("Minus{}", value.unsigned_abs()),
                None => format!("N{value}"),
            };
            IntegerVariant {
                rust_name: names.claim(&base),
                wire_value: value,
            }
        })
        .collect();
    TypeKind::IntegerEnum { int, variants }
}

pub(super) fn string_enum(values: &[String]) -> TypeKind {
    let mut names = NameSet::new();
    TypeKind::StringEnum {
        variants: values
            .iter()
            .map(|v| EnumVariant {
                rust_name: names.claim(&pascal_ident(v)),
                wire_value: v.clone(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::default_fits;
    use crate::model::{Format, IntType, TypeRef};
    use serde_json::json;

    #[test]
    fn defaults_fit_by_json_kind() {
        let string = TypeRef::String;
        let int = TypeRef::Integer(IntType::U64);
        let list = TypeRef::Array(Box::new(TypeRef::String));
        let cases = [
            (json!("Silver"), &string, true),
            (json!(20), &string, false),
            (json!("2024-03-01"), &TypeRef::Format(Format::Date), true),
            (json!(20), &int, true),
            (json!(u64::MAX), &int, true),
            (json!(2.5), &int, false),
            (json!("eval"), &list, false),
            (json!(["eval"]), &list, true),
            (json!("active"), &TypeRef::Named("Status".into()), true),
        ];
        for (value, ty, fits) in cases {
            assert_eq!(default_fits(&value, ty), fits, "{value} as {ty:?}");
        }
    }
}
