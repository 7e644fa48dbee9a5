//! Docs from spec nodes: summary, description, `x-jeri-assumption`, deprecation.

use openapiv3::{Schema, SchemaKind, Type};
use serde_json::Value;

use crate::diagnostics::{Diagnostics, child};
use crate::model::{Docs, Limit};

/// The extension that records an assumption the spec makes where the API is undocumented.
const ASSUMPTION: &str = "x-jeri-assumption";

/// Docs from the parts of a spec node; `x-jeri-assumption` must be a string (or a list of
/// strings).
pub(crate) fn docs_from<'e>(
    diag: &mut Diagnostics<'_>,
    pointer: &str,
    summary: Option<&str>,
    description: Option<&str>,
    extensions: impl IntoIterator<Item = (&'e String, &'e Value)>,
    deprecated: bool,
) -> Docs {
    Docs {
        summary: non_blank(summary),
        description: non_blank(description),
        assumptions: assumptions(diag, pointer, extensions),
        deprecated,
        limits: None,
    }
}

fn non_blank(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// Every `x-jeri-assumption` value of a node.
pub(crate) fn assumptions<'e>(
    diag: &mut Diagnostics<'_>,
    pointer: &str,
    extensions: impl IntoIterator<Item = (&'e String, &'e Value)>,
) -> Vec<String> {
    let mut found = Vec::new();
    for (key, value) in extensions {
        if key != ASSUMPTION {
            continue;
        }
        match value {
            Value::String(text) => found.push(text.clone()),
            Value::Array(items) if items.iter().all(Value::is_string) => {
                found.extend(items.iter().filter_map(Value::as_str).map(str::to_owned));
            }
            _ => diag.error(
                &child(pointer, ASSUMPTION),
                format!("`{ASSUMPTION}` must be a string"),
                "write the assumption as one sentence in a string",
            ),
        }
    }
    found
}

/// Docs from a schema: `title` as summary, `description`, assumptions, `deprecated`, and
/// its limits.
pub(crate) fn schema_docs(diag: &mut Diagnostics<'_>, pointer: &str, schema: &Schema) -> Docs {
    let data = &schema.schema_data;
    Docs {
        limits: limits(schema),
        ..docs_from(
            diag,
            pointer,
            data.title.as_deref(),
            data.description.as_deref(),
            &data.extensions,
            data.deprecated,
        )
    }
}

/// A schema's limits in words: bounds of numbers, lengths and `pattern` of strings,
/// sizes of arrays. `None` when it sets none.
pub(crate) fn limits(schema: &Schema) -> Option<String> {
    let SchemaKind::Type(ty) = &schema.schema_kind else {
        return None;
    };
    let mut parts = Vec::new();
    match ty {
        Type::Integer(int) => parts.extend(bounds(
            int.minimum.map(|n| n.to_string()),
            int.exclusive_minimum,
            int.maximum.map(|n| n.to_string()),
            int.exclusive_maximum,
        )),
        Type::Number(number) => parts.extend(bounds(
            number.minimum.map(|n| n.to_string()),
            number.exclusive_minimum,
            number.maximum.map(|n| n.to_string()),
            number.exclusive_maximum,
        )),
        Type::String(string) => {
            parts.extend(counted(string.min_length, string.max_length, "character"));
            if let Some(pattern) = string.pattern.as_deref().filter(|p| !p.is_empty()) {
                parts.push(format!("matching `{}`", pattern.replace('`', "'")));
            }
        }
        Type::Array(array) => parts.extend(counted(array.min_items, array.max_items, "item")),
        Type::Object(_) | Type::Boolean(_) => {}
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// The limits of a parameter's schema the client checks (see [`Limit`]): number bounds
/// for a number, lengths for a string, item counts for an array.
pub(crate) fn checked_limits(schema: &Schema) -> Vec<Limit> {
    let SchemaKind::Type(ty) = &schema.schema_kind else {
        return Vec::new();
    };
    let number = |min: Option<f64>, exclusive_min, max: Option<f64>, exclusive_max| {
        let min = min.map(|bound| Limit::Minimum {
            bound,
            exclusive: exclusive_min,
        });
        let max = max.map(|bound| Limit::Maximum {
            bound,
            exclusive: exclusive_max,
        });
        min.into_iter().chain(max).collect()
    };
    let counts = |min: Option<usize>,
                  max: Option<usize>,
                  low: fn(usize) -> Limit,
                  high: fn(usize) -> Limit| {
        min.map(low).into_iter().chain(max.map(high)).collect()
    };
    match ty {
        Type::Integer(int) => number(
            int.minimum.map(|n| n as f64),
            int.exclusive_minimum,
            int.maximum.map(|n| n as f64),
            int.exclusive_maximum,
        ),
        Type::Number(n) => number(
            n.minimum,
            n.exclusive_minimum,
            n.maximum,
            n.exclusive_maximum,
        ),
        Type::String(string) => counts(
            string.min_length,
            string.max_length,
            Limit::MinLength,
            Limit::MaxLength,
        ),
        Type::Array(array) => counts(
            array.min_items,
            array.max_items,
            Limit::MinItems,
            Limit::MaxItems,
        ),
        Type::Object(_) | Type::Boolean(_) => Vec::new(),
    }
}

fn bounds(
    min: Option<String>,
    exclusive_min: bool,
    max: Option<String>,
    exclusive_max: bool,
) -> Option<String> {
    let low = |min: String| {
        if exclusive_min {
            format!("greater than {min}")
        } else {
            format!("at least {min}")
        }
    };
    let high = |max: String| {
        if exclusive_max {
            format!("less than {max}")
        } else {
            format!("at most {max}")
        }
    };
    match (min, max) {
        (Some(min), Some(max)) if !exclusive_min && !exclusive_max => {
            Some(format!("from {min} to {max}"))
        }
        (Some(min), Some(max)) => Some(format!("{}, {}", low(min), high(max))),
        (Some(min), None) => Some(low(min)),
        (None, Some(max)) => Some(high(max)),
        (None, None) => None,
    }
}

fn counted(min: Option<usize>, max: Option<usize>, unit: &str) -> Option<String> {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    match (min.filter(|&n| n > 0), max) {
        (Some(min), Some(max)) if min == max => {
            Some(format!("exactly {min} {unit}{}", plural(min)))
        }
        (Some(min), Some(max)) => Some(format!("{min} to {max} {unit}s")),
        (Some(min), None) => Some(format!("at least {min} {unit}{}", plural(min))),
        (None, Some(max)) => Some(format!("at most {max} {unit}{}", plural(max))),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{checked_limits, limits};
    use crate::model::Limit;

    fn limits_of(yaml: &str) -> Option<String> {
        let schema: openapiv3::Schema = serde_yaml::from_str(yaml).expect("a schema");
        limits(&schema)
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
