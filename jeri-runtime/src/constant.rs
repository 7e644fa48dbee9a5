//! Constants: the type `jeri_macros::generate!` emits for a string schema with exactly one
//! allowed value (`enum: [global_image]`).
//!
//! Such a schema almost always tags an alternative of a union without a `discriminator`
//! (`{"type": "image", …}` against `{"type": "global_image", …}`): the value says which
//! alternative a body is. An open enum would accept any value and so let the first
//! alternative of the right shape take a body that names another; a constant accepts only
//! its value, so decoding moves on to the alternative the value names. It is also one
//! generic type written once here, where an open enum is an enum and a dozen impls per
//! schema: Oxide's nexus spec has 73 of them.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, Unexpected, Visitor};
use serde::{Serialize, Serializer};

/// The one value of a [`Constant`]. Generated code implements it on an uninhabited marker
/// type per schema.
pub trait ConstantValue: 'static {
    /// The value on the wire.
    const VALUE: &'static str;
}

/// A string that can only be `V::VALUE`: sent as that string, and decoded only from it (any
/// other string is a decode error naming the expected value). Build one with
/// [`Constant::new`] or `Default::default()`.
///
/// ```
/// use jeri_runtime::{Constant, ConstantValue};
///
/// enum Image {}
/// impl ConstantValue for Image {
///     const VALUE: &'static str = "image";
/// }
/// type ImageType = Constant<Image>;
///
/// assert_eq!(ImageType::new().as_str(), "image");
/// assert_eq!(serde_json::to_string(&ImageType::new()).ok().as_deref(), Some("\"image\""));
/// assert!(serde_json::from_str::<ImageType>("\"image\"").is_ok());
/// assert!(serde_json::from_str::<ImageType>("\"global_image\"").is_err());
/// ```
pub struct Constant<V>(PhantomData<fn() -> V>);

impl<V: ConstantValue> Constant<V> {
    /// The constant.
    #[inline]
    pub const fn new() -> Self {
        Self(PhantomData)
    }

    /// The value on the wire.
    #[inline]
    pub const fn as_str(&self) -> &'static str {
        V::VALUE
    }
}

impl<V: ConstantValue> Default for Constant<V> {
    #[inline]
    fn default() -> Self {
        Self::new()
    }
}

impl<V: ConstantValue> Clone for Constant<V> {
    #[inline]
    fn clone(&self) -> Self {
        *self
    }
}

impl<V: ConstantValue> Copy for Constant<V> {}

impl<V: ConstantValue> PartialEq for Constant<V> {
    #[inline]
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<V: ConstantValue> Eq for Constant<V> {}

impl<V: ConstantValue> Hash for Constant<V> {
    #[inline]
    fn hash<H: Hasher>(&self, state: &mut H) {
        V::VALUE.hash(state);
    }
}

impl<V: ConstantValue> fmt::Debug for Constant<V> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(V::VALUE, formatter)
    }
}

impl<V: ConstantValue> fmt::Display for Constant<V> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(V::VALUE)
    }
}

impl<V: ConstantValue> Serialize for Constant<V> {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(V::VALUE)
    }
}

impl<'de, V: ConstantValue> Deserialize<'de> for Constant<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Expect<V>(PhantomData<fn() -> V>);

        impl<V: ConstantValue> Visitor<'_> for Expect<V> {
            type Value = Constant<V>;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(formatter, "the string {:?}", V::VALUE)
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
                if value == V::VALUE {
                    Ok(Constant::new())
                } else {
                    Err(E::invalid_value(Unexpected::Str(value), &self))
                }
            }
        }

        deserializer.deserialize_str(Expect(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::{Constant, ConstantValue};

    enum GlobalImage {}
    impl ConstantValue for GlobalImage {
        const VALUE: &'static str = "global_image";
    }
    type GlobalImageType = Constant<GlobalImage>;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    #[serde(untagged)]
    enum Source {
        Image { r#type: Constant<Image> },
        GlobalImage { r#type: GlobalImageType },
    }
    enum Image {}
    impl ConstantValue for Image {
        const VALUE: &'static str = "image";
    }

    #[test]
    fn only_its_value_decodes_and_the_union_takes_the_alternative_it_names() {
        let source: Result<Source, _> = serde_json::from_str(r#"{"type":"global_image"}"#);
        assert_eq!(
            source.ok(),
            Some(Source::GlobalImage {
                r#type: GlobalImageType::new()
            })
        );
        let error = serde_json::from_str::<GlobalImageType>(r#""image""#)
            .err()
            .map(|error| error.to_string());
        assert_eq!(
            error.as_deref(),
            Some(
                "invalid value: string \"image\", expected the string \"global_image\" at line 1 column 7"
            )
        );
        assert!(serde_json::from_str::<GlobalImageType>("1").is_err());
    }

    #[test]
    fn it_is_written_shown_and_compared_as_its_value() {
        let value = GlobalImageType::default();
        assert_eq!(
            serde_json::to_string(&value).ok().as_deref(),
            Some(r#""global_image""#)
        );
        assert_eq!(value.to_string(), "global_image");
        assert_eq!(format!("{value:?}"), r#""global_image""#);
        assert_eq!(value.as_str(), "global_image");
        assert_eq!(value, value.clone());
        let set: HashSet<GlobalImageType> = [value, GlobalImageType::new()].into();
        assert_eq!(set.len(), 1);
    }
}
