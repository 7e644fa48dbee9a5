//! Schemas → [`Rules`]: the one reader of constraint keywords (bounds, lengths,
//! `pattern`, `format`, items, properties, `enum`, `nullable`, `allOf`/`oneOf`/`anyOf`).
//!
//! The builder asks it for the check of every component schema (once), of every parameter
//! and of the request body's chosen media type; docs state a schema's limits in words from
//! what it reads (`words`), and clients take their limits from the checks.

use std::collections::HashMap;

use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};
use serde_json::Value;

use super::shape::{SRef, component_key};
use crate::diagnostics::{child, index};
use crate::model::{
    Additional, ArrayRule, BadPattern, Bound, Check, ComponentRule, Format, IntegerRule,
    NumberRule, ObjectRule, Rule, Rules, StringRule,
};

/// An object schema's `properties`, in document order.
type Props<'d> = Vec<(&'d String, &'d ReferenceOr<Box<Schema>>)>;

/// Reads rules; references to component schemas become [`Rule::Component`] indexes.
pub(super) struct Reader {
    /// Component schema keys → their index, in document order.
    keys: HashMap<String, usize>,
    /// Read only the schema itself, not its properties, items or members (for docs).
    shallow: bool,
    bad_patterns: Vec<BadPattern>,
}

impl Reader {
    pub(super) fn new(keys: HashMap<String, usize>) -> Self {
        Reader {
            keys,
            shallow: false,
            bad_patterns: Vec::new(),
        }
    }

    /// The check of a schema or reference found at `pointer`.
    pub(super) fn check(&mut self, s: SRef<'_>, pointer: &str) -> Check {
        match s {
            SRef::Ref(reference) => self.reference(reference),
            SRef::Item(schema) => self.schema(schema, pointer),
        }
    }

    /// The rule of a component schema.
    pub(super) fn component(
        &mut self,
        key: &str,
        pointer: &str,
        schema: &ReferenceOr<Schema>,
    ) -> ComponentRule {
        ComponentRule {
            key: key.to_owned(),
            check: self.check(SRef::of(schema), pointer),
        }
    }

    /// Every `pattern` found unusable so far.
    pub(super) fn take_bad_patterns(&mut self) -> Vec<BadPattern> {
        std::mem::take(&mut self.bad_patterns)
    }
}

/// A schema's limits in words (its own, not those of what it references), `None` when it
/// sets none.
pub(crate) fn words(schema: &Schema) -> Option<String> {
    let mut reader = Reader {
        keys: HashMap::new(),
        shallow: true,
        bad_patterns: Vec::new(),
    };
    let check = reader.schema(schema, "");
    Rules::default().words(&check, false)
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

impl Reader {
    fn reference(&self, reference: &str) -> Check {
        match component_key(reference).and_then(|key| self.keys.get(&key)) {
            Some(found) => Check {
                nullable: false,
                rule: Rule::Component(*found),
            },
            None => Check::any(),
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
        } else if parts.is_empty() && !words.values.is_empty() {
            // `enum: [null]`: `null` and nothing else.
            parts.push(Check {
                nullable: true,
                rule: Rule::Values(Vec::new()),
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
                    && let Err(error) =
                        fancy_regex::Regex::new(&crate::model::rust_pattern(pattern))
                {
                    self.bad_patterns.push(BadPattern {
                        pointer: child(pointer, "pattern"),
                        pattern: pattern.to_owned(),
                        error: error.to_string(),
                    });
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
                    implied: false,
                }),
                maximum: words.maximum.map(|value| Bound {
                    value,
                    text: number_text(value),
                    exclusive: words.exclusive_maximum,
                    implied: false,
                }),
                multiple_of: words.multiple_of,
                values: json_texts(&words.values),
            }),
            "boolean" => match json_texts(&words.values) {
                Some(values) => Rule::Values(values),
                None => Rule::Boolean,
            },
            // Docs state a schema's own limits only; an object has none to state.
            "object" if self.shallow => Rule::Any,
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
                    properties.push(((*name).clone(), self.check(SRef::of_boxed(property), &at)));
                }
                let additional = match words.additional {
                    None | Some(AdditionalProperties::Any(true)) => Additional::Any,
                    Some(AdditionalProperties::Any(false)) => Additional::Closed,
                    Some(AdditionalProperties::Schema(schema)) => Additional::Schema(Box::new(
                        self.check(SRef::of(schema), &child(pointer, "additionalProperties")),
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
                items: words.items.filter(|_| !self.shallow).map(|items| {
                    Box::new(self.check(SRef::of_boxed(items), &child(pointer, "items")))
                }),
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
                implied: false,
            },
            _ => Bound {
                value: low,
                text: low.to_string(),
                exclusive: false,
                implied: words.minimum.is_none(),
            },
        };
        let maximum = match words.maximum {
            Some(value) if (value.floor() as i128) < high => Bound {
                value: value.floor() as i128,
                text: number_text(value),
                exclusive: words.exclusive_maximum,
                implied: false,
            },
            _ => Bound {
                value: high,
                text: high.to_string(),
                exclusive: false,
                implied: words.maximum.is_none(),
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
        // Docs state a schema's own limits only, not its members'.
        let (all_of, one_of, any_of) = if self.shallow {
            (&[][..], &[][..], &[][..])
        } else {
            (words.all_of, words.one_of, words.any_of)
        };
        for (i, member) in all_of.iter().enumerate() {
            let at = index(&child(pointer, "allOf"), i);
            parts.push(self.check(SRef::of(member), &at));
        }
        if !one_of.is_empty() {
            let alternatives = self.alternatives(one_of, &child(pointer, "oneOf"));
            parts.push(Check {
                nullable: false,
                rule: Rule::OneOf(alternatives),
            });
        }
        if !any_of.is_empty() {
            let alternatives = self.alternatives(any_of, &child(pointer, "anyOf"));
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
                (name, self.check(SRef::of(member), &index(pointer, i)))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::{Reader, words};
    use crate::build::shape::SRef;
    use crate::model::{Limit, Rules};

    fn checked_limits(schema: &openapiv3::Schema) -> Vec<Limit> {
        let check = Reader::new(HashMap::new()).check(SRef::Item(schema), "");
        Rules::default().limits(&check)
    }

    fn limits_of(yaml: &str) -> Option<String> {
        let schema: openapiv3::Schema = serde_yaml::from_str(yaml).expect("a schema");
        words(&schema)
    }

    #[test]
    fn limits_in_words() {
        let cases = [
            (
                "{type: integer, minimum: 1, maximum: 100}",
                Some("from 1 to 100"),
            ),
            (
                "{type: integer, minimum: 0, exclusiveMinimum: true, maximum: 5}",
                Some("greater than 0, at most 5"),
            ),
            ("{type: integer, minimum: 0}", Some("at least 0")),
            (
                "{type: number, maximum: 2.5, exclusiveMaximum: true}",
                Some("less than 2.5"),
            ),
            (
                "{type: string, minLength: 1, maxLength: 64}",
                Some("1 to 64 characters"),
            ),
            (
                "{type: string, minLength: 2, maxLength: 2}",
                Some("exactly 2 characters"),
            ),
            ("{type: string, maxLength: 1}", Some("at most 1 character")),
            (
                "{type: string, minLength: 1, pattern: '^[a-z]+$'}",
                Some("at least 1 character; matching `^[a-z]+$`"),
            ),
            (
                "{type: array, items: {type: string}, maxItems: 250}",
                Some("at most 250 items"),
            ),
            ("{type: string, minLength: 0}", None),
            ("{type: boolean}", None),
            ("{type: object}", None),
        ];
        for (schema, expected) in cases {
            assert_eq!(limits_of(schema).as_deref(), expected, "{schema}");
        }
    }

    #[test]
    fn checked_limits_of_each_kind() {
        let of = |yaml: &str| {
            let schema: openapiv3::Schema = serde_yaml::from_str(yaml).expect("a schema");
            checked_limits(&schema)
        };
        assert_eq!(
            of("{type: integer, minimum: -3, maximum: 3, exclusiveMaximum: true}"),
            [
                Limit::Minimum {
                    bound: -3.0,
                    exclusive: false
                },
                Limit::Maximum {
                    bound: 3.0,
                    exclusive: true
                }
            ]
        );
        assert_eq!(
            of("{type: number, minimum: 0.5, exclusiveMinimum: true}"),
            [Limit::Minimum {
                bound: 0.5,
                exclusive: true
            }]
        );
        assert_eq!(
            of("{type: string, minLength: 2, maxLength: 4, pattern: '^a'}"),
            [Limit::MinLength(2), Limit::MaxLength(4)]
        );
        assert_eq!(
            of("{type: array, items: {type: string}, minItems: 1, maxItems: 2}"),
            [Limit::MinItems(1), Limit::MaxItems(2)]
        );
        assert_eq!(of("{type: boolean}"), []);
        assert_eq!(of("{type: object}"), []);
        assert_eq!(of("{oneOf: [{type: string}]}"), []);
    }
}

#[cfg(test)]
mod model_tests {
    use crate::build::media::tests::operation_of;
    use crate::model::{BodyMedia, Limit, Rule, TypeRef};

    const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

    #[test]
    fn a_parameter_through_references_gets_the_limits_of_the_last_schema() {
        let op = operation_of(&format!(
            "{HEAD}paths:\n  /x:\n    get:\n      parameters:\n        - {{name: limit, in: query, schema: {{$ref: '#/components/schemas/Size'}}}}\n        - {{name: code, in: query, schema: {{$ref: '#/components/schemas/Code'}}}}\n      responses: {{'204': {{description: ok}}}}\ncomponents:\n  schemas:\n    Size: {{$ref: '#/components/schemas/PageSize'}}\n    PageSize: {{type: integer, minimum: 1, maximum: 50}}\n    Code: {{type: string, minLength: 2, maxLength: 4, nullable: true}}\n"
        ));
        assert_eq!(
            op.params[0].limits,
            [
                Limit::Minimum {
                    bound: 1.0,
                    exclusive: false
                },
                Limit::Maximum {
                    bound: 50.0,
                    exclusive: false
                }
            ]
        );
        assert_eq!(op.params[0].docs.limits.as_deref(), Some("from 1 to 50"));
        assert_eq!(
            op.params[1].limits,
            [Limit::MinLength(2), Limit::MaxLength(4)]
        );
        assert_eq!(
            op.params[1].docs.limits.as_deref(),
            Some("2 to 4 characters")
        );
    }

    #[test]
    fn only_limits_that_fit_the_rust_type_are_kept_for_the_client() {
        let op = operation_of(&format!(
            "{HEAD}paths:\n  /x:\n    get:\n      parameters:\n        - {{name: at, in: query, schema: {{type: string, format: date-time, minLength: 20}}}}\n        - {{name: level, in: query, schema: {{$ref: '#/components/schemas/Level'}}}}\n        - {{name: filter, in: query, style: deepObject, schema: {{type: object, minProperties: 1, properties: {{a: {{type: string}}}}}}}}\n      responses: {{'204': {{description: ok}}}}\ncomponents:\n  schemas:\n    Level: {{type: integer, enum: [1, 2, 3], minimum: 1}}\n"
        ));
        // A date-time parameter is text the caller writes: its length is checked. An
        // integer enum is sent as its integer: its bounds are checked, and there is no
        // catch-all value to refuse.
        assert_eq!(op.params[0].ty, TypeRef::String);
        assert_eq!(op.params[0].limits, [Limit::MinLength(20)]);
        assert_eq!(
            op.params[1].limits,
            [Limit::Minimum {
                bound: 1.0,
                exclusive: false
            }]
        );
        // A deepObject parameter is sent through its serialized form: no limits.
        assert_eq!(op.params[2].limits, []);
        // The docs still state what the spec says.
        assert_eq!(
            op.params[0].docs.limits.as_deref(),
            Some("at least 20 characters")
        );
        assert_eq!(op.params[1].docs.limits.as_deref(), Some("at least 1"));
    }

    #[test]
    fn the_body_check_is_the_schema_of_the_chosen_media_type() {
        let body = |content: &str| {
            let op = operation_of(&format!(
                "{HEAD}paths:\n  /x:\n    post:\n      requestBody:\n        content:\n{content}      responses: {{'204': {{description: ok}}}}\n"
            ));
            op.body.expect("a body")
        };
        // Form-urlencoded only: checked as its schema.
        let form = body(
            "          application/x-www-form-urlencoded:\n            schema: {type: object, required: [name], properties: {name: {type: string, minLength: 1}}}\n",
        );
        assert_eq!(form.media, BodyMedia::FormUrlEncoded);
        assert!(
            matches!(&form.check.expect("a check").rule, Rule::Object(o) if o.required == ["name"])
        );
        // A structured body under a media name that is not JSON's.
        let graphql = body(
            "          application/graphql:\n            schema: {type: object, required: [query], properties: {query: {type: string}}}\n",
        );
        assert_eq!(graphql.media, BodyMedia::Json);
        assert!(matches!(
            &graphql.check.expect("a check").rule,
            Rule::Object(_)
        ));
        // Text and bytes have no schema rules to check.
        let text =
            body("          text/plain:\n            schema: {type: string, minLength: 3}\n");
        assert_eq!(text.check, None);
        // An array body's maxItems, for the batch helpers, through a reference.
        let op = operation_of(&format!(
            "{HEAD}paths:\n  /x:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: {{$ref: '#/components/schemas/Batch'}}\n      responses: {{'204': {{description: ok}}}}\ncomponents:\n  schemas:\n    Batch: {{type: array, items: {{type: string}}, maxItems: 25}}\n"
        ));
        assert_eq!(op.body.expect("a body").max_items, Some(25));
    }
}
