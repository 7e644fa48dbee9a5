//! Document → [`Validation`]: the constraints of every component schema, parameter and
//! JSON request body, read from the same `openapiv3` document the type model comes from.

use openapiv3::{
    AdditionalProperties, OpenAPI, Parameter, ReferenceOr, RequestBody, Schema, SchemaKind,
    StringFormat, Type, VariantOrUnknownOrEmpty,
};
use serde_json::Value;

use super::{
    Additional, ArrayRule, Bound, Check, ComponentCheck, Format, IntegerRule, NumberRule,
    ObjectRule, OperationChecks, Rule, StringRule, Validation,
};
use crate::diagnostics::{Diagnostics, child, index};
use crate::model::{Api, Operation, ParamLocation};

/// An object schema's `properties`, in document order.
type Props<'d> = Vec<(&'d String, &'d ReferenceOr<Box<Schema>>)>;

/// Reads the checks of every component schema and of every operation of `api` (which
/// must come from `doc`). Patterns the server cannot compile are reported in `diag`.
pub fn build(doc: &OpenAPI, api: &Api, diag: &mut Diagnostics<'_>) -> Validation {
    let keys: Vec<String> = doc
        .components
        .as_ref()
        .map(|c| c.schemas.keys().cloned().collect())
        .unwrap_or_default();
    let mut reader = Reader { keys: &keys, diag };
    let components = keys
        .iter()
        .map(|key| {
            let pointer = child("components.schemas", key);
            let check = doc
                .components
                .as_ref()
                .and_then(|c| c.schemas.get(key))
                .map_or_else(Check::any, |s| reader.node(node_of(s), &pointer));
            ComponentCheck {
                key: key.clone(),
                check,
            }
        })
        .collect();
    let operations = api
        .operations
        .iter()
        .map(|op| reader.operation(doc, op))
        .collect();
    Validation {
        components,
        operations,
    }
}

/// A schema or a reference to one.
#[derive(Clone, Copy)]
enum Node<'d> {
    Ref(&'d str),
    Item(&'d Schema),
}

fn node_of(s: &ReferenceOr<Schema>) -> Node<'_> {
    match s {
        ReferenceOr::Reference { reference } => Node::Ref(reference),
        ReferenceOr::Item(schema) => Node::Item(schema),
    }
}

fn boxed_node(s: &ReferenceOr<Box<Schema>>) -> Node<'_> {
    match s {
        ReferenceOr::Reference { reference } => Node::Ref(reference),
        ReferenceOr::Item(schema) => Node::Item(schema),
    }
}

/// Follows `#/components/<section>/<name>` references (the model builder has reported bad
/// ones already).
fn resolved<'d, T>(
    mut item: &'d ReferenceOr<T>,
    section: &str,
    lookup: impl Fn(&str) -> Option<&'d ReferenceOr<T>>,
) -> Option<&'d T> {
    for _ in 0..16 {
        match item {
            ReferenceOr::Item(t) => return Some(t),
            ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix(&format!("#/components/{section}/"))?;
                item = lookup(&name.replace("~1", "/").replace("~0", "~"))?;
            }
        }
    }
    None
}

/// The constraints of a schema, whichever way `openapiv3` parsed it (typed, or as a
/// loose `AnySchema` when keywords of several types mix).
#[derive(Default)]
struct Keywords<'d> {
    typ: Option<&'d str>,
    format: Option<&'d str>,
    pattern: Option<&'d str>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    minimum: Option<f64>,
    maximum: Option<f64>,
    exclusive_minimum: bool,
    exclusive_maximum: bool,
    multiple_of: Option<f64>,
    values: Vec<Value>,
    properties: Option<Props<'d>>,
    required: &'d [String],
    additional: Option<&'d AdditionalProperties>,
    min_properties: Option<usize>,
    max_properties: Option<usize>,
    items: Option<&'d ReferenceOr<Box<Schema>>>,
    min_items: Option<usize>,
    max_items: Option<usize>,
    unique_items: bool,
    one_of: &'d [ReferenceOr<Schema>],
    all_of: &'d [ReferenceOr<Schema>],
    any_of: &'d [ReferenceOr<Schema>],
}

fn format_text<T: std::fmt::Debug>(format: &VariantOrUnknownOrEmpty<T>) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(item) => Some(format!("{item:?}").to_ascii_lowercase()),
        VariantOrUnknownOrEmpty::Unknown(text) => Some(text.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

fn int_to_f64(value: i64) -> f64 {
    value as f64
}

/// The range of an integer `format` (the generated type's range; no format is `int64`).
fn format_range(format: Option<&str>) -> (i128, i128) {
    match format.unwrap_or("int64") {
        "int8" => (i8::MIN.into(), i8::MAX.into()),
        "int16" => (i16::MIN.into(), i16::MAX.into()),
        "int32" => (i32::MIN.into(), i32::MAX.into()),
        "uint8" => (0, u8::MAX.into()),
        "uint16" => (0, u16::MAX.into()),
        "uint32" => (0, u32::MAX.into()),
        "uint64" => (0, u64::MAX.into()),
        _ => (i64::MIN.into(), i64::MAX.into()),
    }
}

/// A number as the spec would write it: `1`, not `1.0`.
fn number_text(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

fn json_texts(values: &[Value]) -> Option<Vec<String>> {
    let texts: Vec<String> = values
        .iter()
        .filter(|value| !value.is_null())
        .map(|value| match value {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        })
        .collect();
    (!texts.is_empty()).then_some(texts)
}

struct Reader<'k, 'a, 'b> {
    keys: &'k [String],
    diag: &'b mut Diagnostics<'a>,
}

impl Reader<'_, '_, '_> {
    fn operation(&mut self, doc: &OpenAPI, op: &Operation) -> OperationChecks {
        let item = doc
            .paths
            .paths
            .get(&op.path)
            .and_then(|item| resolved(item, "pathItems", |_| None));
        let oa_op = item.and_then(|item| crate::model_builder::method_op(item, op.method));
        let components = doc.components.as_ref();
        let lookup_param = |name: &str| components.and_then(|c| c.parameters.get(name));
        let mut declared: Vec<(&Parameter, String)> = Vec::new();
        let path_level = item.map(|i| i.parameters.as_slice()).unwrap_or_default();
        let op_level = oa_op.map(|o| o.parameters.as_slice()).unwrap_or_default();
        let path_pointer = child("paths", &op.path);
        for (base, list) in [
            (child(&path_pointer, "parameters"), path_level),
            (child(&op.origin, "parameters"), op_level),
        ] {
            for (i, param) in list.iter().enumerate() {
                if let Some(param) = resolved(param, "parameters", lookup_param) {
                    declared.push((param, index(&base, i)));
                }
            }
        }
        let params = op
            .params
            .iter()
            .map(|param| {
                // Operation-level parameters override path-level ones: the last match wins.
                let found = declared.iter().rev().find(|(declared, _)| {
                    let data = declared.parameter_data_ref();
                    data.name == param.wire_name && location(declared) == Some(param.location)
                });
                match found {
                    Some((declared, pointer)) => match &declared.parameter_data_ref().format {
                        openapiv3::ParameterSchemaOrContent::Schema(schema) => {
                            self.node(node_of(schema), &child(pointer, "schema"))
                        }
                        openapiv3::ParameterSchemaOrContent::Content(_) => Check::any(),
                    },
                    None => Check::any(),
                }
            })
            .collect();
        let body = op.body.as_ref().and_then(|_| {
            let lookup = |name: &str| components.and_then(|c| c.request_bodies.get(name));
            let body: &RequestBody =
                resolved(oa_op?.request_body.as_ref()?, "requestBodies", lookup)?;
            // The schema of the media type the model chose: JSON, or a multipart form,
            // whose fields the server checks as an object.
            let multipart = op
                .body
                .as_ref()
                .is_some_and(|body| body.media == crate::model::BodyMedia::Multipart);
            let (media, content) = body.content.iter().find(|(media, _)| {
                if multipart {
                    media
                        .trim_start()
                        .to_ascii_lowercase()
                        .starts_with("multipart/")
                } else {
                    crate::model_builder::is_json(media)
                }
            })?;
            let pointer = child(&child(&child(&op.origin, "requestBody"), "content"), media);
            Some(match &content.schema {
                Some(schema) => self.node(node_of(schema), &child(&pointer, "schema")),
                None => Check::any(),
            })
        });
        OperationChecks { params, body }
    }

    fn node(&mut self, node: Node<'_>, pointer: &str) -> Check {
        match node {
            Node::Ref(reference) => {
                let key = reference
                    .strip_prefix("#/components/schemas/")
                    .map(|k| k.replace("~1", "/").replace("~0", "~"));
                match key.and_then(|key| self.keys.iter().position(|k| *k == key)) {
                    Some(found) => Check {
                        nullable: false,
                        rule: Rule::Component(found),
                    },
                    None => Check::any(),
                }
            }
            Node::Item(schema) => self.schema(schema, pointer),
        }
    }

    fn schema(&mut self, schema: &Schema, pointer: &str) -> Check {
        let mut words = Keywords::default();
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                words.typ = Some("string");
                words.format = match &s.format {
                    VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Some("date-time"),
                    VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Some("date"),
                    VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => Some("byte"),
                    VariantOrUnknownOrEmpty::Unknown(text) => Some(text.as_str()),
                    _ => None,
                };
                words.pattern = s.pattern.as_deref();
                words.min_length = s.min_length;
                words.max_length = s.max_length;
                words.values = s
                    .enumeration
                    .iter()
                    .flatten()
                    .map(|v| Value::from(v.as_str()))
                    .collect();
            }
            SchemaKind::Type(Type::Integer(i)) => {
                words.typ = Some("integer");
                words.minimum = i.minimum.map(int_to_f64);
                words.maximum = i.maximum.map(int_to_f64);
                words.exclusive_minimum = i.exclusive_minimum;
                words.exclusive_maximum = i.exclusive_maximum;
                words.multiple_of = i.multiple_of.map(int_to_f64);
                let values: Vec<Value> = i
                    .enumeration
                    .iter()
                    .flatten()
                    .map(|v| Value::from(*v))
                    .collect();
                return self.finish_integer(
                    schema,
                    &words,
                    &values,
                    format_text(&i.format).as_deref(),
                );
            }
            SchemaKind::Type(Type::Number(n)) => {
                words.typ = Some("number");
                words.minimum = n.minimum;
                words.maximum = n.maximum;
                words.exclusive_minimum = n.exclusive_minimum;
                words.exclusive_maximum = n.exclusive_maximum;
                words.multiple_of = n.multiple_of;
                words.values = n
                    .enumeration
                    .iter()
                    .flatten()
                    .map(|v| Value::from(*v))
                    .collect();
            }
            SchemaKind::Type(Type::Boolean(b)) => {
                words.typ = Some("boolean");
                words.values = b
                    .enumeration
                    .iter()
                    .flatten()
                    .map(|v| Value::from(*v))
                    .collect();
            }
            SchemaKind::Type(Type::Object(o)) => {
                words.typ = Some("object");
                words.properties = Some(o.properties.iter().collect());
                words.required = &o.required;
                words.additional = o.additional_properties.as_ref();
                words.min_properties = o.min_properties;
                words.max_properties = o.max_properties;
            }
            SchemaKind::Type(Type::Array(a)) => {
                words.typ = Some("array");
                words.items = a.items.as_ref();
                words.min_items = a.min_items;
                words.max_items = a.max_items;
                words.unique_items = a.unique_items;
            }
            SchemaKind::OneOf { one_of } => words.one_of = one_of,
            SchemaKind::AllOf { all_of } => words.all_of = all_of,
            SchemaKind::AnyOf { any_of } => words.any_of = any_of,
            SchemaKind::Not { .. } => {}
            SchemaKind::Any(any) => {
                words.typ = any.typ.as_deref();
                words.format = any.format.as_deref();
                words.pattern = any.pattern.as_deref();
                words.min_length = any.min_length;
                words.max_length = any.max_length;
                words.minimum = any.minimum;
                words.maximum = any.maximum;
                words.exclusive_minimum = any.exclusive_minimum.unwrap_or(false);
                words.exclusive_maximum = any.exclusive_maximum.unwrap_or(false);
                words.multiple_of = any.multiple_of;
                words.values = any.enumeration.clone();
                words.properties =
                    (!any.properties.is_empty()).then(|| any.properties.iter().collect());
                words.required = &any.required;
                words.additional = any.additional_properties.as_ref();
                words.min_properties = any.min_properties;
                words.max_properties = any.max_properties;
                words.items = any.items.as_ref();
                words.min_items = any.min_items;
                words.max_items = any.max_items;
                words.unique_items = any.unique_items.unwrap_or(false);
                words.one_of = &any.one_of;
                words.all_of = &any.all_of;
                words.any_of = &any.any_of;
                if words.typ == Some("integer") {
                    let own = self.finish_integer(schema, &words, &words.values, words.format);
                    return self.combine(schema, vec![own], &words, pointer);
                }
            }
        }
        let own = self.own_rule(&words, pointer);
        let mut parts: Vec<Check> = own
            .into_iter()
            .map(|rule| Check {
                nullable: false,
                rule,
            })
            .collect();
        if parts.is_empty() && words.values.iter().any(|v| !v.is_null()) {
            parts.push(Check {
                nullable: false,
                rule: Rule::Values(json_texts(&words.values).unwrap_or_default()),
            });
        }
        self.combine(schema, parts, &words, pointer)
    }

    /// The schema's own rule (from `type` and the keywords of that type).
    fn own_rule(&mut self, words: &Keywords<'_>, pointer: &str) -> Option<Rule> {
        let typ = words.typ.or_else(|| {
            if words.properties.is_some()
                || words.additional.is_some()
                || !words.required.is_empty()
            {
                Some("object")
            } else if words.items.is_some() {
                Some("array")
            } else {
                None
            }
        })?;
        Some(match typ {
            "string" => {
                if let Some(pattern) = words.pattern
                    && let Err(error) = regex_syntax::Parser::new().parse(pattern)
                {
                    self.diag.error(
                        &child(pointer, "pattern"),
                        format!("`pattern: '{pattern}'` cannot be checked by the generated server: {error}"),
                        "write the pattern without look-around and backreferences (the Rust `regex` syntax), or remove it",
                    );
                }
                Rule::String(StringRule {
                    min_length: words.min_length.map(|n| n as u64),
                    max_length: words.max_length.map(|n| n as u64),
                    pattern: words.pattern.map(str::to_owned),
                    format: words.format.and_then(Format::from_spec),
                    values: json_texts(&words.values),
                })
            }
            "number" => Rule::Number(NumberRule {
                minimum: words.minimum.map(|value| Bound {
                    value,
                    text: number_text(value),
                    exclusive: words.exclusive_minimum,
                }),
                maximum: words.maximum.map(|value| Bound {
                    value,
                    text: number_text(value),
                    exclusive: words.exclusive_maximum,
                }),
                multiple_of: words.multiple_of,
                values: json_texts(&words.values),
            }),
            "boolean" => match json_texts(&words.values) {
                Some(values) => Rule::Values(values),
                None => Rule::Boolean,
            },
            "object" => {
                let mut properties = Vec::new();
                let mut read_only = Vec::new();
                for (name, property) in words.properties.iter().flatten() {
                    let at = child(&child(pointer, "properties"), name);
                    if let ReferenceOr::Item(schema) = property
                        && schema.schema_data.read_only
                    {
                        read_only.push((*name).clone());
                    }
                    properties.push(((*name).clone(), self.node(boxed_node(property), &at)));
                }
                let additional = match words.additional {
                    None | Some(AdditionalProperties::Any(true)) => Additional::Any,
                    Some(AdditionalProperties::Any(false)) => Additional::Closed,
                    Some(AdditionalProperties::Schema(schema)) => Additional::Schema(Box::new(
                        self.node(node_of(schema), &child(pointer, "additionalProperties")),
                    )),
                };
                Rule::Object(ObjectRule {
                    properties,
                    required: words
                        .required
                        .iter()
                        .filter(|name| !read_only.contains(name))
                        .cloned()
                        .collect(),
                    additional,
                    min_properties: words.min_properties.map(|n| n as u64),
                    max_properties: words.max_properties.map(|n| n as u64),
                })
            }
            "array" => Rule::Array(ArrayRule {
                items: words
                    .items
                    .map(|items| Box::new(self.node(boxed_node(items), &child(pointer, "items")))),
                min_items: words.min_items.map(|n| n as u64),
                max_items: words.max_items.map(|n| n as u64),
                unique: words.unique_items,
            }),
            _ => return None,
        })
    }

    fn finish_integer(
        &mut self,
        schema: &Schema,
        words: &Keywords<'_>,
        values: &[Value],
        format: Option<&str>,
    ) -> Check {
        let (low, high) = format_range(format);
        let minimum = match words.minimum {
            Some(value) if (value.ceil() as i128) > low => Bound {
                value: value.ceil() as i128,
                text: number_text(value),
                exclusive: words.exclusive_minimum,
            },
            _ => Bound {
                value: low,
                text: low.to_string(),
                exclusive: false,
            },
        };
        let maximum = match words.maximum {
            Some(value) if (value.floor() as i128) < high => Bound {
                value: value.floor() as i128,
                text: number_text(value),
                exclusive: words.exclusive_maximum,
            },
            _ => Bound {
                value: high,
                text: high.to_string(),
                exclusive: false,
            },
        };
        Check {
            nullable: schema.schema_data.nullable,
            rule: Rule::Integer(IntegerRule {
                minimum: Some(minimum),
                maximum: Some(maximum),
                multiple_of: words.multiple_of.map(|m| m as i128).filter(|m| *m != 0),
                values: json_texts(values),
            }),
        }
    }

    /// The schema's own parts plus its `allOf`/`oneOf`/`anyOf`, as one check.
    fn combine(
        &mut self,
        schema: &Schema,
        mut parts: Vec<Check>,
        words: &Keywords<'_>,
        pointer: &str,
    ) -> Check {
        for (i, member) in words.all_of.iter().enumerate() {
            let at = index(&child(pointer, "allOf"), i);
            parts.push(self.node(node_of(member), &at));
        }
        if !words.one_of.is_empty() {
            let alternatives = self.alternatives(words.one_of, &child(pointer, "oneOf"));
            parts.push(Check {
                nullable: false,
                rule: Rule::OneOf(alternatives),
            });
        }
        if !words.any_of.is_empty() {
            let alternatives = self.alternatives(words.any_of, &child(pointer, "anyOf"));
            parts.push(Check {
                nullable: false,
                rule: Rule::AnyOf(alternatives),
            });
        }
        // `nullable` on the schema lets `null` through whatever its parts say.
        let nullable = schema.schema_data.nullable;
        let rule = match parts.len() {
            0 => Rule::Any,
            1 => parts.pop().map_or(Rule::Any, |only| {
                if only.nullable {
                    Rule::AllOf(vec![only])
                } else {
                    only.rule
                }
            }),
            _ => Rule::AllOf(parts),
        };
        Check { nullable, rule }
    }

    fn alternatives(
        &mut self,
        list: &[ReferenceOr<Schema>],
        pointer: &str,
    ) -> Vec<(String, Check)> {
        list.iter()
            .enumerate()
            .map(|(i, member)| {
                let name = match member {
                    ReferenceOr::Reference { reference } => {
                        reference.rsplit('/').next().unwrap_or(reference).to_owned()
                    }
                    ReferenceOr::Item(schema) => schema
                        .schema_data
                        .title
                        .clone()
                        .unwrap_or_else(|| format!("alternative {}", i + 1)),
                };
                (name, self.node(node_of(member), &index(pointer, i)))
            })
            .collect()
    }
}

fn location(param: &Parameter) -> Option<ParamLocation> {
    match param {
        Parameter::Path { .. } => Some(ParamLocation::Path),
        Parameter::Query { .. } => Some(ParamLocation::Query),
        Parameter::Header { .. } => Some(ParamLocation::Header),
        Parameter::Cookie { .. } => Some(ParamLocation::Cookie),
    }
}
