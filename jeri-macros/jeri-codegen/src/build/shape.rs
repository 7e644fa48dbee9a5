//! What a schema is: the ways openapiv3 can spell a schema, normalized into one [`Shape`].

use std::collections::HashSet;

use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaKind,
    StringFormat, Type, VariantOrUnknownOrEmpty,
};

use crate::model::{FloatType, Format, IntType};

/// A schema or a reference to one.
#[derive(Debug, Clone, Copy)]
pub(super) enum SRef<'s> {
    Ref(&'s str),
    Item(&'s Schema),
}

impl<'s> SRef<'s> {
    pub(super) fn of(r: &'s ReferenceOr<Schema>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => Self::Ref(reference),
            ReferenceOr::Item(s) => Self::Item(s),
        }
    }

    pub(super) fn of_boxed(r: &'s ReferenceOr<Box<Schema>>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => Self::Ref(reference),
            ReferenceOr::Item(s) => Self::Item(s),
        }
    }
}

/// An object's parts, whichever way the schema spelled it.
#[derive(Debug, Clone)]
pub(super) struct ObjectView<'s> {
    pub(super) props: Vec<(&'s str, SRef<'s>)>,
    pub(super) required: &'s [String],
    pub(super) additional: Option<&'s AdditionalProperties>,
}

/// What a schema is, normalized over the ways openapiv3 represents it.
#[derive(Debug, Clone)]
pub(super) enum Shape<'s> {
    /// A string, with the format that gives it a Rust type of its own.
    Str(Option<Format>),
    StrEnum(Vec<String>),
    Int(IntType),
    IntEnum(IntType, Vec<i64>),
    Float(FloatType),
    Bool,
    Array(Option<SRef<'s>>),
    Object(ObjectView<'s>),
    Union {
        members: &'s [ReferenceOr<Schema>],
        keyword: &'static str,
    },
    AllOf {
        members: &'s [ReferenceOr<Schema>],
        own: Option<ObjectView<'s>>,
    },
    Any,
    Not,
    UnknownType(&'s str),
}

fn int_type(format: Option<&str>) -> IntType {
    match format {
        Some("int8") => IntType::I8,
        Some("int16") => IntType::I16,
        Some("int32") => IntType::I32,
        Some("uint8") => IntType::U8,
        Some("uint16") => IntType::U16,
        Some("uint32") => IntType::U32,
        Some("uint64") => IntType::U64,
        _ => IntType::I64,
    }
}

/// The string formats with a Rust type of their own; see [`Format`].
fn string_format(format: Option<&str>) -> Option<Format> {
    Format::from_spec(format?).filter(|format| format.has_rust_type())
}

fn float_type(format: Option<&str>) -> FloatType {
    if format == Some("float") {
        FloatType::F32
    } else {
        FloatType::F64
    }
}

fn string_values<'v>(values: impl IntoIterator<Item = Option<&'v str>>) -> Vec<String> {
    let mut seen = HashSet::new();
    values
        .into_iter()
        .flatten()
        .filter(|v| seen.insert(*v))
        .map(str::to_owned)
        .collect()
}

fn int_shape(int: IntType, values: impl IntoIterator<Item = Option<i64>>) -> Shape<'static> {
    let mut seen = HashSet::new();
    let values: Vec<i64> = values
        .into_iter()
        .flatten()
        .filter(|v| seen.insert(*v))
        .collect();
    if values.is_empty() {
        Shape::Int(int)
    } else {
        Shape::IntEnum(int, values)
    }
}

/// An enum of dates or UUIDs stays a string enum: its listed values are what matter.
fn str_shape(values: Vec<String>, format: Option<&str>) -> Shape<'static> {
    if values.is_empty() {
        Shape::Str(string_format(format))
    } else {
        Shape::StrEnum(values)
    }
}

/// Classifies a schema.
pub(super) fn classify(schema: &Schema) -> Shape<'_> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => str_shape(
            string_values(s.enumeration.iter().map(Option::as_deref)),
            match &s.format {
                VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Some("date-time"),
                VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Some("date"),
                VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => Some("byte"),
                VariantOrUnknownOrEmpty::Unknown(f) => Some(f.as_str()),
                _ => None,
            },
        ),
        SchemaKind::Type(Type::Integer(i)) => int_shape(
            match &i.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => IntType::I32,
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64) => IntType::I64,
                VariantOrUnknownOrEmpty::Unknown(f) => int_type(Some(f)),
                VariantOrUnknownOrEmpty::Empty => IntType::I64,
            },
            i.enumeration.iter().copied(),
        ),
        SchemaKind::Type(Type::Number(n)) => Shape::Float(match &n.format {
            VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => FloatType::F32,
            VariantOrUnknownOrEmpty::Unknown(f) => float_type(Some(f)),
            _ => FloatType::F64,
        }),
        SchemaKind::Type(Type::Boolean(_)) => Shape::Bool,
        SchemaKind::Type(Type::Array(a)) => Shape::Array(a.items.as_ref().map(SRef::of_boxed)),
        SchemaKind::Type(Type::Object(o)) => Shape::Object(ObjectView {
            props: o
                .properties
                .iter()
                .map(|(k, v)| (k.as_str(), SRef::of_boxed(v)))
                .collect(),
            required: &o.required,
            additional: o.additional_properties.as_ref(),
        }),
        SchemaKind::OneOf { one_of } => Shape::Union {
            members: one_of,
            keyword: "oneOf",
        },
        SchemaKind::AnyOf { any_of } => Shape::Union {
            members: any_of,
            keyword: "anyOf",
        },
        SchemaKind::AllOf { all_of } => Shape::AllOf {
            members: all_of,
            own: None,
        },
        SchemaKind::Not { .. } => Shape::Not,
        SchemaKind::Any(any) => {
            let has_object_parts = !any.properties.is_empty()
                || !any.required.is_empty()
                || any.additional_properties.is_some();
            let object = || ObjectView {
                props: any
                    .properties
                    .iter()
                    .map(|(k, v)| (k.as_str(), SRef::of_boxed(v)))
                    .collect(),
                required: &any.required,
                additional: any.additional_properties.as_ref(),
            };
            if !any.all_of.is_empty() {
                return Shape::AllOf {
                    members: &any.all_of,
                    own: has_object_parts.then(object),
                };
            }
            if !any.one_of.is_empty() {
                return Shape::Union {
                    members: &any.one_of,
                    keyword: "oneOf",
                };
            }
            if !any.any_of.is_empty() {
                return Shape::Union {
                    members: &any.any_of,
                    keyword: "anyOf",
                };
            }
            if any.not.is_some() {
                return Shape::Not;
            }
            let format = any.format.as_deref();
            match any.typ.as_deref() {
                Some("object") => Shape::Object(object()),
                None if has_object_parts => Shape::Object(object()),
                Some("array") => Shape::Array(any.items.as_ref().map(SRef::of_boxed)),
                None if any.items.is_some() => Shape::Array(any.items.as_ref().map(SRef::of_boxed)),
                Some("string") => str_shape(
                    string_values(any.enumeration.iter().map(serde_json::Value::as_str)),
                    format,
                ),
                Some("integer") => int_shape(
                    int_type(format),
                    any.enumeration.iter().map(serde_json::Value::as_i64),
                ),
                Some("number") => Shape::Float(float_type(format)),
                Some("boolean") => Shape::Bool,
                None if !any.enumeration.is_empty()
                    && any.enumeration.iter().all(serde_json::Value::is_string) =>
                {
                    str_shape(
                        string_values(any.enumeration.iter().map(serde_json::Value::as_str)),
                        None,
                    )
                }
                None => Shape::Any,
                Some(other) => Shape::UnknownType(other),
            }
        }
    }
}

/// The component key of a local schema reference: `#/components/schemas/A~1B` → `A/B`.
pub(super) fn component_key(reference: &str) -> Option<String> {
    let key = reference.strip_prefix("#/components/schemas/")?;
    if key.is_empty() || key.contains('/') {
        return None;
    }
    Some(key.replace("~1", "/").replace("~0", "~"))
}
