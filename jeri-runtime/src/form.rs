//! The `application/x-www-form-urlencoded` request body.

use serde::Serialize;
use serde_json::Value;

/// The bytes of a form body (`application/x-www-form-urlencoded`): `value`
/// must serialize as an object whose values are scalars or arrays of
/// scalars. Arrays repeat the field (`tag=a&tag=b`), the OpenAPI default for
/// form bodies; `null` fields are left out. Nested objects have no standard
/// form encoding, so they are refused.
pub(crate) fn form_encode<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, String> {
    let value = serde_json::to_value(value)
        .map_err(|error| format!("the request body cannot be serialized: {error}"))?;
    let Value::Object(fields) = value else {
        return Err(format!(
            "a form body must be an object of fields, not {}",
            kind(&value)
        ));
    };
    let mut form = url::form_urlencoded::Serializer::new(String::new());
    for (name, field) in &fields {
        match field {
            Value::Array(items) => {
                for item in items {
                    let text = scalar(item).ok_or_else(|| nested(name, item))?;
                    if let Some(text) = text {
                        form.append_pair(name, &text);
                    }
                }
            }
            _ => {
                if let Some(text) = scalar(field).ok_or_else(|| nested(name, field))? {
                    form.append_pair(name, &text);
                }
            }
        }
    }
    Ok(form.finish().into_bytes())
}

/// The text of a scalar (`None` for `null`), or `None` outside for anything nested.
fn scalar(value: &Value) -> Option<Option<String>> {
    match value {
        Value::Null => Some(None),
        Value::Bool(flag) => Some(Some(flag.to_string())),
        Value::Number(number) => Some(Some(number.to_string())),
        Value::String(text) => Some(Some(text.clone())),
        Value::Array(_) | Value::Object(_) => None,
    }
}

fn nested(name: &str, value: &Value) -> String {
    format!(
        "form field `{name}` is {}; a form body holds only strings, numbers, booleans and arrays of them",
        kind(value)
    )
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::form_encode;

    #[test]
    fn form_bodies_encode_scalars_and_repeat_arrays() {
        let body = serde_json::json!({
            "name": "Ana María",
            "points": 12,
            "vip": true,
            "tags": ["a&b", "c"],
            "note": null
        });
        let encoded = form_encode(&body).expect("flat");
        // Field order follows serde_json's map, which depends on its features;
        // only the order of a repeated field is fixed.
        let mut pairs: Vec<(String, String)> =
            url::form_urlencoded::parse(&encoded).into_owned().collect();
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        let expected = [
            ("name", "Ana María"),
            ("points", "12"),
            ("tags", "a&b"),
            ("tags", "c"),
            ("vip", "true"),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect();
        assert_eq!(pairs, expected);
        let text = String::from_utf8(encoded).expect("ascii");
        assert!(text.contains("name=Ana+Mar%C3%ADa"), "{text}");
        assert!(text.contains("tags=a%26b&tags=c"), "{text}");
    }

    #[test]
    fn form_bodies_refuse_nesting() {
        for body in [
            serde_json::json!({"a": {"b": 1}}),
            serde_json::json!({"a": [[1]]}),
            serde_json::json!(["a"]),
            serde_json::json!("text"),
        ] {
            let error = form_encode(&body).expect_err("nested");
            assert!(error.contains("form"), "{error}");
        }
    }
}
