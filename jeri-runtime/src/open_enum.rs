//! Open enums: the one implementation behind every enum `jeri_macros::generate!` emits for
//! a schema with `enum` values.
//!
//! A generated enum has one variant per listed value and `Unknown(..)` for any other
//! value, so a server that adds a value does not break decoding. Sending is stricter: an
//! `Unknown` value in a parameter or a request body is refused before sending
//! (`Error::InvalidInput`), since the spec the client was built from does not allow it;
//! regenerate from the newer spec to send a new value. The generated code
//! invokes [`open_enum!`](crate::open_enum!) with the variants and their wire values; the
//! macro declares the enum, implements [`OpenEnum`], and adds the methods and trait impls
//! users see, each a call into the generic functions here. Once per
//! program instead of about seventy lines per enum: on specs with thousands of enums
//! (Stripe's, Klaviyo's) those lines were a large share of what the compiler checked.

use std::borrow::Borrow;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An enum generated from a schema's `enum`: its listed values and its `Unknown` variant.
///
/// Implemented by [`open_enum!`](crate::open_enum!), with the methods users call
/// (`as_str`, `value`, `is_unknown`, `From`, `FromStr`, `Display`, serde).
pub trait OpenEnum: Sized + PartialEq + 'static {
    /// How one value is written on the wire: `str` for a string enum, the integer type
    /// (`i32`, `i64`, …) for an integer enum.
    type Wire: ?Sized + PartialEq + ToOwned + 'static;

    /// Every listed variant with its wire value, in the spec's order.
    const LISTED: &'static [(Self, &'static Self::Wire)];

    /// The variant for a value the spec does not list: `Unknown(value)`.
    fn unknown(value: <Self::Wire as ToOwned>::Owned) -> Self;

    /// The value held by `Unknown`, or `None` for a listed variant.
    fn unknown_value(&self) -> Option<&Self::Wire>;
}

/// The wire value of `value`: the listed value for a listed variant, the value as
/// received for `Unknown`.
pub fn wire<E: OpenEnum>(value: &E) -> &E::Wire {
    if let Some(unknown) = value.unknown_value() {
        return unknown;
    }
    match E::LISTED.iter().find(|(variant, _)| variant == value) {
        Some((_, wire)) => wire,
        // Generated code lists every variant but `Unknown`, which returned above.
        None => unreachable!("an open enum variant missing from `OpenEnum::LISTED`"),
    }
}

/// The variant for a received wire value: the listed one it equals, else `Unknown`.
pub fn from_wire<E: OpenEnum + Clone>(value: <E::Wire as ToOwned>::Owned) -> E {
    let wire: &E::Wire = value.borrow();
    match E::LISTED.iter().find(|(_, listed)| *listed == wire) {
        Some((variant, _)) => variant.clone(),
        None => E::unknown(value),
    }
}

/// Writes the wire value (a JSON string or number).
pub fn serialize<E, S>(value: &E, serializer: S) -> Result<S::Ok, S::Error>
where
    E: OpenEnum,
    E::Wire: Serialize,
    S: Serializer,
{
    wire(value).serialize(serializer)
}

/// Reads a wire value; a value the spec does not list becomes `Unknown`, never an error.
pub fn deserialize<'de, E, D>(deserializer: D) -> Result<E, D::Error>
where
    E: OpenEnum + Clone,
    <E::Wire as ToOwned>::Owned: Deserialize<'de>,
    D: Deserializer<'de>,
{
    <<E::Wire as ToOwned>::Owned as Deserialize<'de>>::deserialize(deserializer).map(from_wire)
}

/// Declares an open enum: the enum, its [`OpenEnum`] impl, and the methods and trait
/// impls users see.
///
/// ```
/// jeri_runtime::open_enum! {
///     /// A colour.
///     pub enum Colour: string, unknown Unknown {
///         /// `red`
///         Red = "red",
///         /// `dark-blue`
///         DarkBlue = "dark-blue",
///     }
/// }
/// jeri_runtime::open_enum! {
///     pub enum Level: integer i32, unknown Unknown {
///         Low = 1,
///         High = -5,
///     }
/// }
///
/// assert_eq!(Colour::DarkBlue.as_str(), "dark-blue");
/// assert_eq!("green".parse::<Colour>(), Ok(Colour::Unknown("green".to_owned())));
/// assert_eq!(Level::from(-5), Level::High);
/// assert_eq!(Level::Unknown(7).value(), 7);
/// ```
///
/// - `string`: `Unknown(String)`; derives `Debug`, `Clone`, `PartialEq`, `Eq`, `Hash`;
///   `as_str`, `is_unknown`, `From<String>`, `FromStr` (never fails), `Display` (the wire
///   value), `Serialize` and `Deserialize` as a JSON string.
/// - `integer T`: `Unknown(T)`; derives the same and `Copy`; `value`, `is_unknown`,
///   `From<T>`, `Serialize` and `Deserialize` as a JSON number.
///
/// Generated code invokes it, once per enum; the implementation behind it is the generic
/// functions of [`open_enum`](mod@crate::open_enum), written once.
#[doc(hidden)]
#[macro_export]
macro_rules! open_enum {
    (
        $(#[$attr:meta])*
        pub enum $name:ident: string, unknown $unknown:ident {
            $($(#[$variant_attr:meta])* $variant:ident = $wire:literal,)*
        }
    ) => {
        $(#[$attr])*
        #[derive(
            ::core::fmt::Debug,
            ::core::clone::Clone,
            ::core::cmp::PartialEq,
            ::core::cmp::Eq,
            ::core::hash::Hash,
        )]
        pub enum $name {
            $($(#[$variant_attr])* $variant,)*
            /// A value the spec does not list, as received.
            $unknown(::std::string::String),
        }

        $crate::open_enum!(@trait $name, str, ::std::string::String, $unknown, $(($variant, $wire))*);

        impl $name {
            /// The value on the wire.
            #[inline]
            pub fn as_str(&self) -> &str {
                $crate::open_enum::wire(self)
            }

            /// Whether this is a value the spec does not list.
            #[inline]
            pub fn is_unknown(&self) -> bool {
                ::core::matches!(self, Self::$unknown(_))
            }
        }

        impl ::core::convert::From<::std::string::String> for $name {
            #[inline]
            fn from(value: ::std::string::String) -> Self {
                $crate::open_enum::from_wire(value)
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;

            #[inline]

            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok($crate::open_enum::from_wire(
                    ::std::string::String::from(value),
                ))
            }
        }

        impl ::core::fmt::Display for $name {
            #[inline]
            fn fmt(&self, formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                formatter.write_str(self.as_str())
            }
        }

        $crate::open_enum!(@serde $name);
    };
    (
        $(#[$attr:meta])*
        pub enum $name:ident: integer $int:ty, unknown $unknown:ident {
            $($(#[$variant_attr:meta])* $variant:ident = $value:literal,)*
        }
    ) => {
        $(#[$attr])*
        #[derive(
            ::core::fmt::Debug,
            ::core::clone::Clone,
            ::core::marker::Copy,
            ::core::cmp::PartialEq,
            ::core::cmp::Eq,
            ::core::hash::Hash,
        )]
        pub enum $name {
            $($(#[$variant_attr])* $variant,)*
            /// A value the spec does not list, as received.
            $unknown($int),
        }

        $crate::open_enum!(@trait $name, $int, $int, $unknown, $(($variant, &$value))*);

        impl $name {
            /// The value on the wire.
            #[inline]
            pub fn value(&self) -> $int {
                *$crate::open_enum::wire(self)
            }

            /// Whether this is a value the spec does not list.
            #[inline]
            pub fn is_unknown(&self) -> bool {
                ::core::matches!(self, Self::$unknown(_))
            }
        }

        impl ::core::convert::From<$int> for $name {
            #[inline]
            fn from(value: $int) -> Self {
                $crate::open_enum::from_wire(value)
            }
        }

        $crate::open_enum!(@serde $name);
    };
    (@trait $name:ident, $wire:ty, $held:ty, $unknown:ident, $(($variant:ident, $listed:expr))*) => {
        impl $crate::OpenEnum for $name {
            type Wire = $wire;
            const LISTED: &'static [(Self, &'static $wire)] = &[$((Self::$variant, $listed)),*];

            #[inline]

            fn unknown(value: $held) -> Self {
                Self::$unknown(value)
            }

            // The catch-all arm is unreachable for an enum without listed values.
            #[allow(unreachable_patterns)]
            #[inline]
            fn unknown_value(&self) -> ::core::option::Option<&$wire> {
                match self {
                    Self::$unknown(value) => ::core::option::Option::Some(value),
                    _ => ::core::option::Option::None,
                }
            }
        }
    };
    (@serde $name:ident) => {
        impl $crate::__private::serde::Serialize for $name {
            #[inline]
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::open_enum::serialize(self, serializer)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            #[inline]
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::open_enum::deserialize(deserializer)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    crate::open_enum! {
        /// A colour.
        pub enum Colour: string, unknown Unknown {
            /// `red`
            Red = "red",
            DarkBlue = "dark-blue",
        }
    }

    crate::open_enum! {
        pub enum Level: integer i32, unknown Unknown {
            Low = 1,
            High = -5,
        }
    }

    crate::open_enum! {
        pub enum Nothing: string, unknown Unknown {}
    }

    #[test]
    fn string_values_round_trip_and_unlisted_ones_are_kept() {
        assert_eq!(Colour::DarkBlue.as_str(), "dark-blue");
        assert_eq!(Colour::from("red".to_owned()), Colour::Red);
        assert_eq!("dark-blue".parse::<Colour>(), Ok(Colour::DarkBlue));
        let unknown: Colour = "green".parse().unwrap_or(Colour::Red);
        assert_eq!(unknown, Colour::Unknown("green".to_owned()));
        assert!(unknown.is_unknown() && !Colour::Red.is_unknown());
        assert_eq!(unknown.to_string(), "green");
        assert_eq!(Colour::Red.to_string(), "red");

        assert_eq!(
            serde_json::to_string(&Colour::DarkBlue).ok().as_deref(),
            Some("\"dark-blue\"")
        );
        let decoded: Vec<Colour> =
            serde_json::from_str(r#"["red","dark-blue","purple"]"#).unwrap_or_default();
        assert_eq!(
            decoded,
            [
                Colour::Red,
                Colour::DarkBlue,
                Colour::Unknown("purple".to_owned())
            ]
        );
        assert!(serde_json::from_str::<Colour>("3").is_err());
    }

    #[test]
    fn integer_values_round_trip_and_unlisted_ones_are_kept() {
        assert_eq!(Level::High.value(), -5);
        assert_eq!(Level::from(1), Level::Low);
        assert_eq!(Level::from(7), Level::Unknown(7));
        assert_eq!(Level::Unknown(7).value(), 7);
        assert!(Level::Unknown(7).is_unknown() && !Level::Low.is_unknown());
        assert_eq!(
            serde_json::to_string(&[Level::Low, Level::High, Level::Unknown(9)])
                .ok()
                .as_deref(),
            Some("[1,-5,9]")
        );
        let decoded: Vec<Level> = serde_json::from_str("[-5, 1, 2]").unwrap_or_default();
        assert_eq!(decoded, [Level::High, Level::Low, Level::Unknown(2)]);
        assert!(serde_json::from_str::<Level>("\"1\"").is_err());
    }

    #[test]
    fn an_enum_without_listed_values_keeps_every_value() {
        let value = Nothing::from("x".to_owned());
        assert_eq!(value, Nothing::Unknown("x".to_owned()));
        assert!(value.is_unknown());
        assert_eq!(value.as_str(), "x");
        assert_eq!(
            serde_json::from_str::<Nothing>("\"y\"").ok(),
            Some(Nothing::Unknown("y".to_owned()))
        );
    }
}
