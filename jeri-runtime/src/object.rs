//! Objects: the one serde implementation behind every struct `jeri_macros::generate!`
//! emits for an object schema.
//!
//! serde's derives write, for every struct, a field-name enum with its own visitor, a
//! sequence visitor, a map visitor with a duplicate check and a missing-field branch per
//! field, and a serializer computing the field count as a chain of `if skip { 0 } else
//! { 1 }`. On specs with thousands of object schemas, checking those bodies was most of
//! the time the compiler spent on a generated client. Generated code instead invokes
//! [`object!`](crate::object!) with each property's member, wire name and presence rule;
//! what it expands to is a few lines per property, each a call into the generic
//! functions here, written and checked once.
//!
//! The JSON is what the derives read and write: properties in declaration order, an
//! absent optional property left out, duplicate and missing required properties
//! refused with serde's own messages (`missing field `name``), unknown properties
//! skipped (refused for a closed object). An object is written through
//! `serialize_map` with no length given, so a format that needs the length up front
//! (bincode) cannot write it; JSON, form bodies and every self-describing format can.

/// Writing one property, by its presence rule.
pub mod ser {
    use serde::Serialize;
    use serde::ser::SerializeMap;

    use crate::Nullable;

    /// A required property: always written (`null` for a required nullable `None`).
    pub fn required<M: SerializeMap, T: Serialize + ?Sized>(
        map: &mut M,
        key: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        map.serialize_entry(key, value)
    }

    /// A required, nullable property (`Option<T>`): always written, `None` as `null`.
    pub fn required_nullable<M: SerializeMap, T: Serialize>(
        map: &mut M,
        key: &'static str,
        value: &Option<T>,
    ) -> Result<(), M::Error> {
        required(map, key, value)
    }

    /// An optional property (`Option<T>`): left out when `None`.
    pub fn optional<M: SerializeMap, T: Serialize>(
        map: &mut M,
        key: &'static str,
        value: &Option<T>,
    ) -> Result<(), M::Error> {
        match value {
            Some(value) => map.serialize_entry(key, value),
            None => Ok(()),
        }
    }

    /// An optional, nullable property ([`Nullable<T>`](crate::Nullable)): left out when absent, `null`
    /// when null.
    pub fn optional_nullable<M: SerializeMap, T: Serialize>(
        map: &mut M,
        key: &'static str,
        value: &Nullable<T>,
    ) -> Result<(), M::Error> {
        match value {
            Nullable::Absent => Ok(()),
            Nullable::Null => map.serialize_entry(key, &()),
            Nullable::Value(value) => map.serialize_entry(key, value),
        }
    }
}

/// Reading properties: keys to member indexes, values into slots, slots into members.
pub mod de {
    use std::fmt;

    use serde::Deserialize;
    use serde::de::{DeserializeSeed, Error, IgnoredAny, MapAccess, Visitor};

    use crate::Nullable;

    /// The next key of `map` as the index of the member it names in `names`;
    /// `usize::MAX` for a key no member has (refused with serde's `unknown field`
    /// error when the object is `closed`), `None` after the last key.
    pub fn next_key<'de, A: MapAccess<'de>>(
        map: &mut A,
        names: &'static [&'static str],
        closed: bool,
    ) -> Result<Option<usize>, A::Error> {
        map.next_key_seed(Key { names, closed })
    }

    /// Reads the value of a member's key into its slot; a key seen twice is serde's
    /// `duplicate field` error.
    pub fn value<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
        map: &mut A,
        slot: &mut Option<T>,
        name: &'static str,
    ) -> Result<(), A::Error> {
        if slot.is_some() {
            return Err(A::Error::duplicate_field(name));
        }
        *slot = Some(map.next_value()?);
        Ok(())
    }

    /// Skips the value of a key no member has.
    pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
        map.next_value::<IgnoredAny>().map(|_| ())
    }

    /// A required property: its value, or serde's `missing field` error.
    pub fn required<T, E: Error>(
        slot: Option<T>,
        name: &'static str,
        _default: Option<fn() -> T>,
    ) -> Result<T, E> {
        slot.ok_or_else(|| E::missing_field(name))
    }

    /// A required, nullable property: `None` when it is `null` or, as serde's derive
    /// reads a missing `Option`, when it is left out.
    pub fn required_nullable<T, E: Error>(
        slot: Option<Option<T>>,
        _name: &'static str,
        _default: Option<fn() -> Option<T>>,
    ) -> Result<Option<T>, E> {
        Ok(slot.flatten())
    }

    /// An optional property: its value, else the spec's default, else `None`.
    pub fn optional<T, E: Error>(
        slot: Option<Option<T>>,
        _name: &'static str,
        default: Option<fn() -> Option<T>>,
    ) -> Result<Option<T>, E> {
        Ok(match (slot, default) {
            (Some(value), _) => value,
            (None, Some(default)) => default(),
            (None, None) => None,
        })
    }

    /// An optional, nullable property: its value or `null`, else the spec's default,
    /// else absent.
    pub fn optional_nullable<T, E: Error>(
        slot: Option<Nullable<T>>,
        _name: &'static str,
        default: Option<fn() -> Nullable<T>>,
    ) -> Result<Nullable<T>, E> {
        Ok(match (slot, default) {
            (Some(value), _) => value,
            (None, Some(default)) => default(),
            (None, None) => Nullable::Absent,
        })
    }

    /// The visitor's `expecting` text: `struct Name`, as serde's derive writes it.
    pub fn expecting(formatter: &mut fmt::Formatter<'_>, name: &str) -> fmt::Result {
        write!(formatter, "struct {name}")
    }

    /// A key, read as the index of the member it names.
    struct Key {
        names: &'static [&'static str],
        closed: bool,
    }

    impl Key {
        fn index<E: Error>(&self, key: &str) -> Result<usize, E> {
            match self.names.iter().position(|name| *name == key) {
                Some(index) => Ok(index),
                None if self.closed => Err(E::unknown_field(key, self.names)),
                None => Ok(usize::MAX),
            }
        }
    }

    impl<'de> DeserializeSeed<'de> for Key {
        type Value = usize;

        fn deserialize<D: serde::Deserializer<'de>>(
            self,
            deserializer: D,
        ) -> Result<usize, D::Error> {
            deserializer.deserialize_identifier(self)
        }
    }

    impl<'de> Visitor<'de> for Key {
        type Value = usize;

        fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
            formatter.write_str("a property name")
        }

        fn visit_str<E: Error>(self, key: &str) -> Result<usize, E> {
            self.index(key)
        }

        fn visit_bytes<E: Error>(self, key: &[u8]) -> Result<usize, E> {
            match std::str::from_utf8(key) {
                Ok(key) => self.index(key),
                // No member has a name that is not UTF-8.
                Err(_) if self.closed => {
                    Err(E::unknown_field(&String::from_utf8_lossy(key), self.names))
                }
                Err(_) => Ok(usize::MAX),
            }
        }
    }
}

/// Implements `Serialize` and `Deserialize` for a struct generated from an object
/// schema.
///
/// Each property: its index, its member, its wire name, its presence rule and,
/// optionally, the function giving the spec's default:
///
/// ```
/// #[derive(Debug, PartialEq)]
/// pub struct Pet {
///     pub name: String,
///     pub tag: Option<String>,
///     pub owner: Option<String>,
///     pub nickname: jeri_runtime::Nullable<String>,
///     pub size: Option<i64>,
/// }
/// fn default_size() -> Option<i64> {
///     Some(3)
/// }
/// jeri_runtime::object! {
///     Pet, open {
///         0 name: "name" required,
///         1 tag: "tag" optional,
///         2 owner: "ownerName" required_nullable,
///         3 nickname: "nickname" optional_nullable,
///         4 size: "size" optional = default_size,
///     }
/// }
///
/// let pet: Pet = serde_json::from_str(r#"{"name":"Rex","ownerName":null,"extra":1}"#).unwrap();
/// assert_eq!(pet.size, Some(3));
/// assert_eq!(
///     serde_json::to_string(&pet).unwrap(),
///     r#"{"name":"Rex","ownerName":null,"size":3}"#
/// );
/// ```
///
/// Presence rules: `required` (a `T`, always written, an error when missing),
/// `required_nullable` (an `Option<T>`, always written), `optional` (an `Option<T>`,
/// left out when `None`), `optional_nullable` (a [`Nullable<T>`](crate::Nullable)). `open` skips
/// properties the struct does not have; `closed` refuses them (`additionalProperties:
/// false`).
#[doc(hidden)]
#[macro_export]
macro_rules! object {
    (
        $name:ident, $policy:ident {
            $($index:literal $member:ident: $wire:literal $rule:ident $(= $default:path)?,)*
        }
    ) => {
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                let mut map = $crate::__private::serde::Serializer::serialize_map(
                    serializer,
                    ::core::option::Option::None,
                )?;
                $($crate::object::ser::$rule(&mut map, $wire, &self.$member)?;)*
                $crate::__private::serde::ser::SerializeMap::end(map)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                const NAMES: &[&str] = &[$($wire),*];
                struct Fields;
                impl<'de> $crate::__private::serde::de::Visitor<'de> for Fields {
                    type Value = $name;

                    fn expecting(
                        &self,
                        formatter: &mut ::core::fmt::Formatter<'_>,
                    ) -> ::core::fmt::Result {
                        $crate::object::de::expecting(formatter, ::core::stringify!($name))
                    }

                    fn visit_map<A: $crate::__private::serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> ::core::result::Result<$name, A::Error> {
                        $(let mut $member = ::core::option::Option::None;)*
                        while let ::core::option::Option::Some(index) = $crate::object::de::next_key(
                            &mut map,
                            NAMES,
                            $crate::object!(@closed $policy),
                        )? {
                            match index {
                                $($index => $crate::object::de::value(&mut map, &mut $member, $wire)?,)*
                                _ => $crate::object::de::skip(&mut map)?,
                            }
                        }
                        ::core::result::Result::Ok($name {
                            $($member: $crate::object::de::$rule(
                                $member,
                                $wire,
                                $crate::object!(@default $($default)?),
                            )?,)*
                        })
                    }
                }
                $crate::__private::serde::Deserializer::deserialize_struct(
                    deserializer,
                    ::core::stringify!($name),
                    NAMES,
                    Fields,
                )
            }
        }
    };
    (@closed open) => { false };
    (@closed closed) => { true };
    (@default) => { ::core::option::Option::None };
    (@default $default:path) => { ::core::option::Option::Some($default) };
}

#[cfg(test)]
mod tests {
    use crate::Nullable;

    #[derive(Debug, PartialEq)]
    struct Pet {
        name: String,
        r#type: Option<String>,
        owner: Option<String>,
        nickname: Nullable<String>,
        size: Option<i64>,
    }

    fn default_size() -> Option<i64> {
        Some(3)
    }

    crate::object! {
        Pet, open {
            0 name: "name" required,
            1 r#type: "type" optional,
            2 owner: "ownerName" required_nullable,
            3 nickname: "nickname" optional_nullable,
            4 size: "size" optional = default_size,
        }
    }

    #[derive(Debug, PartialEq)]
    struct Closed {
        id: i64,
    }

    crate::object! {
        Closed, closed {
            0 id: "id" required,
        }
    }

    fn pet(json: &str) -> Result<Pet, String> {
        serde_json::from_str(json).map_err(|error| error.to_string())
    }

    #[test]
    fn reads_every_presence_rule() {
        let full =
            pet(r#"{"name":"Rex","type":"dog","ownerName":"Ann","nickname":"R","size":5,"x":[1]}"#)
                .unwrap();
        assert_eq!(
            full,
            Pet {
                name: "Rex".into(),
                r#type: Some("dog".into()),
                owner: Some("Ann".into()),
                nickname: Nullable::Value("R".into()),
                size: Some(5),
            }
        );
        let sparse = pet(r#"{"name":"Rex","nickname":null}"#).unwrap();
        assert_eq!(sparse.r#type, None);
        assert_eq!(sparse.owner, None);
        assert_eq!(sparse.nickname, Nullable::Null);
        assert_eq!(sparse.size, Some(3), "the default applies when left out");
        let absent = pet(r#"{"name":"Rex","size":null}"#).unwrap();
        assert_eq!(absent.nickname, Nullable::Absent);
        assert_eq!(absent.size, None, "an explicit null is not the default");
    }

    #[test]
    fn refuses_what_the_derive_refuses() {
        assert!(
            pet(r#"{"type":"dog"}"#)
                .unwrap_err()
                .contains("missing field `name`")
        );
        assert!(
            pet(r#"{"name":"a","name":"b"}"#)
                .unwrap_err()
                .contains("duplicate field `name`")
        );
        assert!(
            pet(r#"["Rex"]"#)
                .unwrap_err()
                .contains("expected struct Pet")
        );
        assert!(
            pet(r#"{"name":5}"#)
                .unwrap_err()
                .contains("expected a string")
        );
        let closed: Result<Closed, _> = serde_json::from_str(r#"{"id":1,"other":2}"#);
        assert!(
            closed
                .unwrap_err()
                .to_string()
                .contains("unknown field `other`, expected `id`")
        );
        let closed: Closed = serde_json::from_str(r#"{"id":1}"#).unwrap();
        assert_eq!(closed, Closed { id: 1 });
    }

    #[test]
    fn writes_what_the_derive_writes() {
        let value = Pet {
            name: "Rex".into(),
            r#type: None,
            owner: None,
            nickname: Nullable::Null,
            size: Some(4),
        };
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            r#"{"name":"Rex","ownerName":null,"nickname":null,"size":4}"#
        );
        let value = Pet {
            nickname: Nullable::Absent,
            r#type: Some("cat".into()),
            ..value
        };
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            r#"{"name":"Rex","type":"cat","ownerName":null,"size":4}"#
        );
    }

    #[test]
    fn reads_from_a_buffered_value_and_borrowed_keys() {
        // Untagged unions hand their alternatives a buffered value; keys then arrive
        // as owned strings.
        let value = serde_json::json!({"name": "Rex", "type": "dog"});
        let from_value: Pet = serde_json::from_value(value).unwrap();
        assert_eq!(from_value.r#type.as_deref(), Some("dog"));
        let from_bytes: Pet = serde_json::from_slice(br#"{"name":"Rex"}"#).unwrap();
        assert_eq!(from_bytes.name, "Rex");
    }
}
