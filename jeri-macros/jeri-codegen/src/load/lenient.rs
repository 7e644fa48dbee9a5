//! Reading YAML into a value without refusing integers beyond 64 bits.
//!
//! `serde_yaml::Value` holds numbers in 64 bits and fails on the whole document when one
//! does not fit (openai's `minimum: -9223372036854776000`). This reads the same tree but
//! keeps such an integer as the nearest floating-point number, which is how a JSON reader
//! sees it; the loader then treats it as an out-of-range bound.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_yaml::{Mapping, Number, Value};

/// A YAML value read with 128-bit integers accepted.
pub(crate) struct Lenient(pub(crate) Value);

impl<'de> Deserialize<'de> for Lenient {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LenientVisitor).map(Lenient)
    }
}

struct LenientVisitor;

impl<'de> Visitor<'de> for LenientVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(Value::Number(match i64::try_from(v) {
            Ok(small) => small.into(),
            Err(_) => Number::from(v as f64),
        }))
    }

    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(Value::Number(match u64::try_from(v) {
            Ok(small) => small.into(),
            Err(_) => Number::from(v as f64),
        }))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        Lenient::deserialize(deserializer).map(|l| l.0)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Lenient(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Sequence(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Mapping::new();
        while let Some((Lenient(key), Lenient(value))) = map.next_entry()? {
            out.insert(key, value);
        }
        Ok(Value::Mapping(out))
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, _data: A) -> Result<Value, A::Error> {
        Err(de::Error::custom(
            "YAML tags (`!name`) are not part of OpenAPI; remove the tag",
        ))
    }
}

/// The keywords whose value is a number.
const NUMERIC: &[&str] = &[
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
];

/// Number keywords as the numbers they are: an integral float (`maximum: 5E+6`, read as
/// 5000000.0) becomes an integer, which an `integer` schema's bound must be (it was
/// dropped before: talon-one), and number text (`'1'`) becomes a number. Only number
/// keywords are touched; examples, defaults, enums and extensions are left as written.
pub(crate) fn numeric_keywords(value: &mut Value) {
    match value {
        Value::Mapping(map) => {
            for (key, child) in map.iter_mut() {
                let Some(key) = key.as_str() else { continue };
                if matches!(key, "example" | "examples" | "default" | "enum" | "const")
                    || key.starts_with("x-")
                {
                    continue;
                }
                let number = match &*child {
                    Value::String(text) => text.trim().parse::<f64>().ok(),
                    // `5E+6` read as a float: integral, so an integer's bound can hold it.
                    Value::Number(number) if !number.is_i64() && !number.is_u64() => {
                        number.as_f64()
                    }
                    _ => None,
                };
                if NUMERIC.contains(&key)
                    && let Some(number) = number
                    && number.is_finite()
                    && (child.is_string() || number.fract() == 0.0)
                {
                    *child = if number.fract() == 0.0 && number.abs() < 9.0e15 {
                        Value::Number(Number::from(number as i64))
                    } else {
                        Value::Number(Number::from(number))
                    };
                    continue;
                }
                numeric_keywords(child);
            }
        }
        Value::Sequence(items) => items.iter_mut().for_each(numeric_keywords),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_keywords_written_as_yaml_1_1_text_are_numbers() {
        let mut value = serde_yaml::from_str::<Lenient>(
            "n: {type: integer, maximum: 5E+6, minimum: '1', example: '5E+6'}\ns: {maximum: big}",
        )
        .map(|l| l.0)
        .unwrap_or(Value::Null);
        numeric_keywords(&mut value);
        assert_eq!(value["n"]["maximum"].as_i64(), Some(5_000_000));
        assert_eq!(value["n"]["minimum"].as_i64(), Some(1));
        assert_eq!(value["n"]["example"].as_str(), Some("5E+6"));
        assert_eq!(value["s"]["maximum"].as_str(), Some("big"));
    }

    #[test]
    fn huge_integers_become_floats_and_the_rest_is_kept() {
        let text = "a: -9223372036854776000\nb: 18446744073709551616\nc: [1, x, true, ~]\nd: &x {e: 1}\nf: *x\n";
        let Ok(Lenient(value)) = serde_yaml::from_str::<Lenient>(text) else {
            panic!("reads");
        };
        assert_eq!(value["a"].as_f64(), Some(-9223372036854776000.0));
        assert_eq!(value["b"].as_f64(), Some(18446744073709551616.0));
        assert_eq!(value["c"][0].as_i64(), Some(1));
        assert_eq!(value["c"][3], Value::Null);
        assert_eq!(value["f"]["e"].as_i64(), Some(1));
    }
}
