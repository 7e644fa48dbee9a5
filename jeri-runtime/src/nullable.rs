//! [`Nullable`]: a property that may be absent, `null`, or a value.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The value of an optional property whose schema is `nullable: true`: the spec allows
/// three things, and they can mean three things (for `UsersPayload.phone`: leave the
/// phone as it is, clear it, set it).
///
/// A struct field of this type is left out of the JSON when [`Nullable::Absent`], sent
/// as `null` when [`Nullable::Null`], and sent as the value otherwise; decoding gives
/// back the same three cases. `Option<T>` converts into it (`None` is `Null`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Nullable<T> {
    /// The property is not in the JSON object.
    #[default]
    Absent,
    /// The property is there, as `null`.
    Null,
    /// The property is there, with a value.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether the property is absent; generated structs use it to leave the key out.
    pub fn is_absent(&self) -> bool {
        matches!(self, Self::Absent)
    }

    /// Whether the property is present as `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }

    /// The value, when there is one (absent and `null` are both `None`).
    pub fn value(&self) -> Option<&T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Absent | Self::Null => None,
        }
    }

    /// The value dereferenced, when there is one, as [`Option::as_deref`] gives it
    /// (`&str` for a `Nullable<String>`).
    pub fn as_deref(&self) -> Option<&T::Target>
    where
        T: std::ops::Deref,
    {
        self.value().map(|value| &**value)
    }

    /// The value, when there is one (absent and `null` are both `None`).
    pub fn into_option(self) -> Option<T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Absent | Self::Null => None,
        }
    }

    /// The same case, borrowing the value.
    pub fn as_ref(&self) -> Nullable<&T> {
        match self {
            Self::Absent => Nullable::Absent,
            Self::Null => Nullable::Null,
            Self::Value(value) => Nullable::Value(value),
        }
    }

    /// The same case, with `f` applied to the value.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Nullable<U> {
        match self {
            Self::Absent => Nullable::Absent,
            Self::Null => Nullable::Null,
            Self::Value(value) => Nullable::Value(f(value)),
        }
    }
}

impl<T> From<Option<T>> for Nullable<T> {
    /// `Some` is a value and `None` is `null`: an `Option` says nothing about absence.
    fn from(value: Option<T>) -> Self {
        value.map_or(Self::Null, Self::Value)
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            // Reached only outside a struct that skips absent fields: `null` is the
            // closest JSON has.
            Self::Absent | Self::Null => serializer.serialize_none(),
            Self::Value(value) => serializer.serialize_some(value),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    /// Reads `null` or a value; absence is the field's `#[serde(default)]`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(Self::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Payload {
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        phone: Nullable<String>,
    }

    #[test]
    fn absent_null_and_a_value_round_trip() {
        let cases = [
            ("{}", Nullable::Absent),
            (r#"{"phone":null}"#, Nullable::Null),
            (
                r#"{"phone":"+34600000000"}"#,
                Nullable::Value("+34600000000".to_owned()),
            ),
        ];
        for (json, phone) in cases {
            let decoded: Payload = serde_json::from_str(json).expect("decodes");
            assert_eq!(
                decoded,
                Payload {
                    phone: phone.clone()
                },
                "{json}"
            );
            assert_eq!(serde_json::to_string(&decoded).expect("encodes"), json);
        }
    }

    #[test]
    fn a_wrong_value_is_an_error() {
        let err = serde_json::from_str::<Payload>(r#"{"phone":5}"#).expect_err("refused");
        assert!(
            err.to_string().contains("invalid type: integer `5`"),
            "{err}"
        );
    }

    #[test]
    fn helpers_keep_the_case() {
        let value = Nullable::Value(2);
        assert_eq!(value.map(|v| v * 2), Nullable::Value(4));
        assert_eq!(value.as_ref().value(), Some(&&2));
        assert_eq!(Nullable::Value("a".to_owned()).as_deref(), Some("a"));
        assert_eq!(Nullable::<i32>::Null.map(|v| v * 2), Nullable::Null);
        assert_eq!(Nullable::<i32>::Absent.into_option(), None);
        assert!(Nullable::<i32>::from(None).is_null());
        assert_eq!(Nullable::from(Some(1)), Nullable::Value(1));
        assert!(Nullable::<i32>::default().is_absent());
    }
}
