//! Parameter encodings beyond plain text: cookies, JSON values (`content`
//! parameters), `deepObject` and exploded `form` objects.

use std::fmt::Display;

use serde::Serialize;
use serde_json::Value;

use super::brackets::{push_exploded, push_fields, push_nested};
use super::{Call, Error, auth};

impl Call {
    /// Adds a cookie parameter to the `Cookie` header; a value that cannot be
    /// sent in a header fails with [`Error::InvalidInput`].
    pub fn cookie(&mut self, name: &'static str, value: &dyn Display) -> Result<(), Error> {
        let value = value.to_string();
        auth::append_cookie(&mut self.headers, name, &value).ok_or_else(|| {
            self.invalid(format!(
                "cookie `{name}` contains characters that cannot be sent in an HTTP header"
            ))
        })
    }

    /// The JSON text of a parameter defined with `content: application/json`,
    /// to be sent in a path, header or cookie.
    pub fn json_text<T: Serialize + ?Sized>(&self, name: &str, value: &T) -> Result<String, Error> {
        serde_json::to_string(value).map_err(|error| {
            self.invalid(format!(
                "parameter `{name}` cannot be serialized as JSON: {error}"
            ))
        })
    }

    /// Adds a query parameter defined with `content: application/json`: the
    /// value's JSON text, form-encoded.
    pub fn query_json<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
    ) -> Result<(), Error> {
        let text = self.json_text(name, value)?;
        self.query(name, &text);
        Ok(())
    }

    /// Adds a `deepObject` query parameter: `name[prop]=value` for each
    /// property, nested objects and arrays in further brackets
    /// (`name[a][b]=value`, `name[a][0]=value`); a scalar is `name=value`.
    pub fn query_deep_object<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
    ) -> Result<(), Error> {
        self.query_pairs(name, value, |value, pairs| {
            push_nested(name.to_owned(), value, pairs);
        })
    }

    /// Adds an exploded `form` query parameter: an object becomes one
    /// `prop=value` pair per property (nested values in brackets), an array
    /// repeats `name`, a scalar is `name=value`.
    pub fn query_exploded<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
    ) -> Result<(), Error> {
        self.query_pairs(name, value, |value, pairs| match value {
            Value::Object(fields) => push_fields(fields, pairs),
            other => push_exploded(name, other, pairs),
        })
    }

    /// Serializes `value`, turns it into pairs with `encode` and appends them.
    fn query_pairs<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
        encode: impl FnOnce(&Value, &mut Vec<(String, String)>),
    ) -> Result<(), Error> {
        let value = serde_json::to_value(value).map_err(|error| {
            self.invalid(format!("parameter `{name}` cannot be serialized: {error}"))
        })?;
        let mut pairs = Vec::new();
        encode(&value, &mut pairs);
        self.append_query_pairs(&pairs);
        Ok(())
    }
}
