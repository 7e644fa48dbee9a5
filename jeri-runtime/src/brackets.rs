//! Structured values as `key=value` pairs: exploded `form` fields (one key per property)
//! and bracketed nesting (`a[b]=c`, `a[0]=c`), the encoding of OpenAPI's `deepObject`
//! and of nested form bodies as Stripe and Rails-style servers read them.

use serde_json::{Map, Value};

/// Appends the fields of an object: scalars as `name=value`, arrays of scalars as one
/// pair per item (`tag=a&tag=b`), and anything nested in brackets under the field name.
/// `null` values are left out, as an absent optional field.
pub(crate) fn push_fields(fields: &Map<String, Value>, out: &mut Vec<(String, String)>) {
    for (name, value) in fields {
        push_exploded(name, value, out);
    }
}

/// Appends one exploded value under `name`: a scalar once, an array of scalars once
/// per item, anything nested in brackets.
pub(crate) fn push_exploded(name: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Array(items) if items.iter().all(is_scalar) => {
            for item in items {
                push_nested(name.to_owned(), item, out);
            }
        }
        _ => push_nested(name.to_owned(), value, out),
    }
}

/// Appends `value` under `prefix` with brackets for every level: `prefix[key]` for
/// object properties, `prefix[index]` for array items.
pub(crate) fn push_nested(prefix: String, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Bool(flag) => out.push((prefix, flag.to_string())),
        Value::Number(number) => out.push((prefix, number.to_string())),
        Value::String(text) => out.push((prefix, text.clone())),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                push_nested(format!("{prefix}[{index}]"), item, out);
            }
        }
        Value::Object(fields) => {
            for (key, item) in fields {
                push_nested(format!("{prefix}[{key}]"), item, out);
            }
        }
    }
}

fn is_scalar(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pairs(value: Value) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if let Value::Object(fields) = &value {
            push_fields(fields, &mut out);
        }
        out
    }

    #[test]
    fn scalars_arrays_and_nesting() {
        let got = pairs(json!({
            "amount": 5,
            "tag": ["a", "b"],
            "gone": null,
            "metadata": {"order": "7", "flag": true},
            "items": [{"price": "p1", "quantity": 2}],
            "expand": [["x"]],
        }));
        let want = [
            ("amount", "5"),
            ("tag", "a"),
            ("tag", "b"),
            ("metadata[order]", "7"),
            ("metadata[flag]", "true"),
            ("items[0][price]", "p1"),
            ("items[0][quantity]", "2"),
            ("expand[0][0]", "x"),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let mut got = got;
        let mut want = want;
        got.sort();
        want.sort();
        assert_eq!(got, want);
    }

    #[test]
    fn deep_object() {
        let mut out = Vec::new();
        push_nested("created".into(), &json!({"gt": 1, "lte": 9}), &mut out);
        assert_eq!(
            out,
            [
                ("created[gt]".to_owned(), "1".to_owned()),
                ("created[lte]".to_owned(), "9".to_owned())
            ]
        );
        let mut out = Vec::new();
        push_nested("created".into(), &json!(5), &mut out);
        assert_eq!(out, [("created".to_owned(), "5".to_owned())]);
    }
}
