//! The `application/x-www-form-urlencoded` request body.

use serde::Serialize;
use serde_json::Value;

/// The bytes of a form body (`application/x-www-form-urlencoded`): `value`
/// must serialize as an object. Scalars are `name=value`, arrays of scalars
/// repeat the field (`tag=a&tag=b`, the OpenAPI default for form bodies),
/// nested objects and arrays go in brackets (`metadata[order]=7`,
/// `items[0][price]=p1`, as Stripe-style APIs read them), and `null` fields
/// are left out.
pub(crate) fn form_encode<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, String> {
    let value = serde_json::to_value(value)
        .map_err(|error| format!("the request body cannot be serialized: {error}"))?;
    let Value::Object(fields) = value else {
        return Err(format!(
            "a form body must be an object of fields, not {}",
            kind(&value)
        ));
    };
    let mut pairs = Vec::new();
    super::brackets::push_fields(&fields, &mut pairs);
    let mut form = url::form_urlencoded::Serializer::new(String::new());
    form.extend_pairs(pairs);
    Ok(form.finish().into_bytes())
}

pub(crate) fn kind(value: &Value) -> &'static str {
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
    fn form_bodies_nest_in_brackets_and_must_be_objects() {
        let encoded = form_encode(&serde_json::json!({"a": {"b": 1}, "c": [[1]], "d": ["x", "y"]}))
            .unwrap_or_default();
        assert_eq!(
            String::from_utf8_lossy(&encoded),
            "a%5Bb%5D=1&c%5B0%5D%5B0%5D=1&d=x&d=y"
        );
        for body in [serde_json::json!(["a"]), serde_json::json!("text")] {
            let error = form_encode(&body).expect_err("not an object");
            assert!(error.contains("form"), "{error}");
        }
    }
}
