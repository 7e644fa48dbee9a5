//! Request validation against the spec's schemas, with NestJS-style messages.
//!
//! serde alone checks shapes but not limits (`minimum`, `maxLength`, `maxItems`, formats)
//! and accepts unlisted enum values, so every body is first checked here as JSON against
//! a transcription of its schema in [`crate::schemas`]. The messages follow
//! class-validator's wording so that the 400 bodies look like the real API's.

use serde_json::Value;

/// A string format the sandbox checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// Any string.
    Any,
    /// `format: email`.
    Email,
    /// `format: date-time` (RFC 3339).
    DateTime,
    /// `format: uri` (absolute URI).
    Uri,
}

/// The subset of JSON Schema the spec's request bodies use.
#[derive(Debug)]
pub(crate) enum Schema {
    /// An object: `(property, schema)` pairs, the required ones, and whether other
    /// properties are refused (`additionalProperties: false`).
    Object {
        /// Properties.
        fields: &'static [(&'static str, Schema)],
        /// Required properties.
        required: &'static [&'static str],
        /// `additionalProperties: false`.
        closed: bool,
    },
    /// A string with length limits (in characters) and a format.
    String {
        /// `minLength`.
        min: usize,
        /// `maxLength`.
        max: Option<usize>,
        /// `format`.
        format: Format,
    },
    /// An integer (`int64`) with an optional `minimum`.
    Integer {
        /// `minimum`.
        min: Option<i64>,
    },
    /// A boolean.
    Bool,
    /// A string enum.
    Enum(&'static [&'static str]),
    /// An array with item count limits.
    Array {
        /// Item schema.
        items: &'static Schema,
        /// `minItems`.
        min: usize,
        /// `maxItems`.
        max: usize,
    },
    /// `oneOf`, with a name per alternative for messages.
    OneOf(&'static [(&'static str, Schema)]),
    /// `nullable: true`.
    Nullable(&'static Schema),
}

/// A plain string, no limits.
pub(crate) const STRING: Schema = Schema::String {
    min: 0,
    max: None,
    format: Format::Any,
};

/// A string with `format: email`.
pub(crate) const EMAIL: Schema = Schema::String {
    min: 0,
    max: None,
    format: Format::Email,
};

/// The path of a child value; children of the body are named without a prefix, as
/// class-validator does.
fn join(path: &str, name: &str) -> String {
    if path.is_empty() || path == "body" {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

/// Every violation of `schema` by `value`; `path` names the value in messages.
pub(crate) fn check(value: &Value, schema: &Schema, path: &str) -> Vec<String> {
    let mut out = Vec::new();
    check_into(value, schema, path, &mut out);
    out
}

fn check_into(value: &Value, schema: &Schema, path: &str, out: &mut Vec<String>) {
    match schema {
        Schema::Nullable(inner) => {
            if !value.is_null() {
                check_into(value, inner, path, out);
            }
        }
        Schema::Object {
            fields,
            required,
            closed,
        } => {
            let Some(object) = value.as_object() else {
                out.push(format!("{path} must be an object"));
                return;
            };
            for name in *required {
                if !object.contains_key(*name) {
                    out.push(format!("{} should not be empty", join(path, name)));
                }
            }
            // Schema order, not the map's alphabetical order, so messages read like the spec.
            for (name, field_schema) in *fields {
                if let Some(field_value) = object.get(*name) {
                    check_into(field_value, field_schema, &join(path, name), out);
                }
            }
            if *closed {
                for name in object.keys() {
                    if !fields.iter().any(|(field, _)| field == name) {
                        out.push(format!("property {} should not exist", join(path, name)));
                    }
                }
            }
        }
        Schema::String { min, max, format } => {
            let Some(text) = value.as_str() else {
                out.push(format!("{path} must be a string"));
                return;
            };
            let length = text.chars().count();
            if length < *min {
                out.push(format!(
                    "{path} must be longer than or equal to {min} characters"
                ));
            }
            if let Some(max) = max
                && length > *max
            {
                out.push(format!(
                    "{path} must be shorter than or equal to {max} characters"
                ));
            }
            let format_message = match format {
                Format::Any => None,
                Format::Email => (!is_email(text)).then_some("must be an email"),
                Format::DateTime => (!crate::clock::is_rfc3339(text))
                    .then_some("must be a valid ISO 8601 date string"),
                Format::Uri => (!is_uri(text)).then_some("must be a URL address"),
            };
            if let Some(message) = format_message {
                out.push(format!("{path} {message}"));
            }
        }
        Schema::Integer { min } => match value.as_i64() {
            Some(number) => {
                if let Some(min) = min
                    && number < *min
                {
                    out.push(format!("{path} must not be less than {min}"));
                }
            }
            None if value.is_u64() => {
                out.push(format!("{path} must not be greater than {}", i64::MAX))
            }
            None => out.push(format!("{path} must be an integer number")),
        },
        Schema::Bool => {
            if !value.is_boolean() {
                out.push(format!("{path} must be a boolean value"));
            }
        }
        Schema::Enum(values) => {
            if !value.as_str().is_some_and(|text| values.contains(&text)) {
                out.push(format!(
                    "{path} must be one of the following values: {}",
                    values.join(", ")
                ));
            }
        }
        Schema::Array { items, min, max } => {
            let Some(array) = value.as_array() else {
                out.push(format!("{path} must be an array"));
                return;
            };
            if array.len() < *min {
                out.push(format!("{path} must contain at least {min} elements"));
            }
            if array.len() > *max {
                out.push(format!("{path} must contain no more than {max} elements"));
            }
            for (index, item) in array.iter().enumerate() {
                check_into(item, items, &join(path, &index.to_string()), out);
            }
        }
        Schema::OneOf(alternatives) => {
            let results: Vec<Vec<String>> = alternatives
                .iter()
                .map(|(_, alternative)| check(value, alternative, path))
                .collect();
            let matching = results.iter().filter(|found| found.is_empty()).count();
            if matching == 1 {
                return;
            }
            let names: Vec<&str> = alternatives.iter().map(|(name, _)| *name).collect();
            out.push(format!(
                "{path} must match exactly one of: {}",
                names.join(", ")
            ));
            // The closest alternative's violations say best what to fix.
            if let Some(closest) = results
                .into_iter()
                .filter(|found| !found.is_empty())
                .min_by_key(Vec::len)
            {
                out.extend(closest);
            }
        }
    }
}

/// Whether `text` is an email address: a dot-atom local part and a domain name with at
/// least two labels (what class-validator's `isEmail` accepts, minus quoted local parts
/// and IP literals).
pub(crate) fn is_email(text: &str) -> bool {
    const LOCAL_SPECIALS: &str = "!#$%&'*+-/=?^_`{|}~.";
    let Some((local, domain)) = text.rsplit_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || LOCAL_SPECIALS.contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| !tld.chars().all(|c| c.is_ascii_digit()));
    local_ok && domain_ok && text.len() <= 254
}

/// Whether `text` is an absolute URI: a scheme, a colon, and printable ASCII after it.
pub(crate) fn is_uri(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let scheme_ok = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    scheme_ok
        && rest.chars().all(|c| {
            c.is_ascii_graphic()
                && !matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`')
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ITEM: Schema = Schema::Object {
        fields: &[
            ("email", EMAIL),
            ("amount", Schema::Integer { min: Some(1) }),
            (
                "note",
                Schema::Nullable(&Schema::String {
                    min: 1,
                    max: Some(3),
                    format: Format::Any,
                }),
            ),
            ("kind", Schema::Enum(&["a", "b"])),
        ],
        required: &["email", "amount"],
        closed: true,
    };
    const BATCH: Schema = Schema::Array {
        items: &ITEM,
        min: 1,
        max: 2,
    };

    #[test]
    fn a_valid_body_has_no_violations() {
        let body = json!([{"email": "a@b.co", "amount": 1, "note": null, "kind": "a"}]);
        assert_eq!(check(&body, &BATCH, "body"), Vec::<String>::new());
    }

    #[test]
    fn each_violation_gets_a_message() {
        let body = json!([
            {"email": "nope", "amount": 0, "note": "long", "kind": "c", "x": 1},
            {"amount": 1.5},
            {"email": "a@b.co", "amount": 1}
        ]);
        assert_eq!(
            check(&body, &BATCH, "body"),
            vec![
                "body must contain no more than 2 elements",
                "0.email must be an email",
                "0.amount must not be less than 1",
                "0.note must be shorter than or equal to 3 characters",
                "0.kind must be one of the following values: a, b",
                "property 0.x should not exist",
                "1.email should not be empty",
                "1.amount must be an integer number",
            ]
        );
        assert_eq!(
            check(&json!([]), &BATCH, "body"),
            vec!["body must contain at least 1 elements"]
        );
        assert_eq!(
            check(&json!({}), &BATCH, "body"),
            vec!["body must be an array"]
        );
    }

    #[test]
    fn one_of_needs_exactly_one_match() {
        const EITHER: Schema =
            Schema::OneOf(&[("Number", Schema::Integer { min: None }), ("Text", STRING)]);
        assert!(check(&json!(3), &EITHER, "v").is_empty());
        assert!(check(&json!("x"), &EITHER, "v").is_empty());
        assert_eq!(
            check(&json!(true), &EITHER, "v")[0],
            "v must match exactly one of: Number, Text"
        );
    }

    #[test]
    fn emails() {
        for good in [
            "jane@example.com",
            "a.b+c@x-y.example.co",
            "!#$%&'*+-/=?^_`{|}~@a.io",
            "A@B.COM",
        ] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "",
            "jane",
            "@example.com",
            "jane@",
            "jane@example",
            "a..b@x.com",
            ".a@x.com",
            "a b@x.com",
            "a@-x.com",
            "a@x.123",
            "a@x..com",
            "ü@x.com",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn uris() {
        assert!(is_uri("https://shop.example.com/offers?x=1#y"));
        assert!(is_uri("mailto:jane@example.com"));
        assert!(!is_uri("shop.example.com"));
        assert!(!is_uri("1http://x"));
        assert!(!is_uri("https://x/a b"));
    }
}
