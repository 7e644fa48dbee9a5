//! Enums with hand-written serde impls: open string enums and tagged unions.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::gen_type_ref::{Scope, ident, type_ref, unraw};
use crate::model::TypeRef;
use crate::model::{EnumVariant, IntType, IntegerVariant, UNKNOWN_VARIANT, UnionVariant};

/// A string enum that keeps values the spec does not list in `Unknown`, so a server adding
/// a value does not break decoding.
pub(crate) fn string_enum(name: &Ident, variants: &[EnumVariant]) -> TokenStream {
    let unknown = ident(UNKNOWN_VARIANT);
    let names: Vec<Ident> = variants
        .iter()
        .map(|variant| ident(&variant.rust_name))
        .collect();
    let wires: Vec<&str> = variants
        .iter()
        .map(|variant| variant.wire_value.as_str())
        .collect();
    // With no listed values a `match` would have only its catch-all arm.
    let from_string = if variants.is_empty() {
        quote!(Self::#unknown(value))
    } else {
        quote! {
            match value.as_str() {
                #(#wires => Self::#names,)*
                _ => Self::#unknown(value),
            }
        }
    };
    let variant_docs = wires.iter().map(|wire| {
        let doc = format!(" `{}`", wire.replace('`', "'"));
        quote!(#[doc = #doc])
    });
    quote! {
        #[derive(
            ::core::fmt::Debug,
            ::core::clone::Clone,
            ::core::cmp::PartialEq,
            ::core::cmp::Eq,
            ::core::hash::Hash,
        )]
        pub enum #name {
            #(#variant_docs #names,)*
            #[doc = " A value the spec does not list, as received."]
            #unknown(::std::string::String),
        }

        impl #name {
            #[doc = " The value on the wire."]
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#names => #wires,)*
                    Self::#unknown(value) => value.as_str(),
                }
            }

            #[doc = " Whether this is a value the spec does not list."]
            pub fn is_unknown(&self) -> bool {
                ::core::matches!(self, Self::#unknown(_))
            }
        }

        impl ::core::convert::From<::std::string::String> for #name {
            fn from(value: ::std::string::String) -> Self {
                #from_string
            }
        }

        impl ::core::str::FromStr for #name {
            type Err = ::core::convert::Infallible;

            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(::core::convert::From::from(
                    ::std::string::String::from(value),
                ))
            }
        }

        impl ::core::fmt::Display for #name {
            fn fmt(&self, formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                formatter.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                <::std::string::String as ::serde::Deserialize<'de>>::deserialize(deserializer)
                    .map(::core::convert::From::from)
            }
        }
    }
}

/// An integer enum that keeps values the spec does not list, like [`string_enum`].
pub(crate) fn integer_enum(name: &Ident, int: IntType, variants: &[IntegerVariant]) -> TokenStream {
    let unknown = ident(UNKNOWN_VARIANT);
    let int = type_ref(&TypeRef::Integer(int), Scope::Types);
    let names: Vec<Ident> = variants.iter().map(|v| ident(&v.rust_name)).collect();
    let values: Vec<proc_macro2::Literal> = variants
        .iter()
        .map(|v| proc_macro2::Literal::i64_unsuffixed(v.wire_value))
        .collect();
    let variant_docs = variants.iter().map(|v| {
        let doc = format!(" `{}`", v.wire_value);
        quote!(#[doc = #doc])
    });
    quote! {
        #[derive(
            ::core::fmt::Debug,
            ::core::clone::Clone,
            ::core::marker::Copy,
            ::core::cmp::PartialEq,
            ::core::cmp::Eq,
            ::core::hash::Hash,
        )]
        pub enum #name {
            #(#variant_docs #names,)*
            #[doc = " A value the spec does not list, as received."]
            #unknown(#int),
        }

        impl #name {
            #[doc = " The value on the wire."]
            pub fn value(&self) -> #int {
                match self {
                    #(Self::#names => #values,)*
                    Self::#unknown(value) => *value,
                }
            }
        }

        impl ::core::convert::From<#int> for #name {
            fn from(value: #int) -> Self {
                match value {
                    #(#values => Self::#names,)*
                    _ => Self::#unknown(value),
                }
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                ::serde::Serialize::serialize(&self.value(), serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                <#int as ::serde::Deserialize<'de>>::deserialize(deserializer)
                    .map(::core::convert::From::from)
            }
        }
    }
}

/// A union tagged by a property of its alternatives (`discriminator`).
///
/// Not `#[serde(tag = ...)]`: OpenAPI requires the tag property in every alternative's
/// schema, and serde's internal tagging hides the tag from the alternative on decode (a
/// required field then goes missing) and writes it twice on encode. Going through
/// `serde_json::Value` lets each alternative keep its own tag field.
pub(crate) fn tagged_union(name: &Ident, tag: &str, variants: &[UnionVariant]) -> TokenStream {
    let names: Vec<Ident> = variants
        .iter()
        .map(|variant| ident(&variant.rust_name))
        .collect();
    let tags: Vec<String> = variants
        .iter()
        .map(|variant| {
            variant
                .tag_value
                .clone()
                .unwrap_or_else(|| unraw(&variant.rust_name).to_string())
        })
        .collect();
    let types = variants
        .iter()
        .map(|variant| type_ref(&variant.ty, Scope::Types));
    let variant_docs = tags.iter().map(|value| {
        let doc = format!(" `{tag}` is `{value}`.").replace("``", "` `");
        quote!(#[doc = #doc])
    });
    quote! {
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
        pub enum #name {
            #(#variant_docs #names(#types),)*
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                let (tag, value) = match self {
                    #(Self::#names(value) => (#tags, ::serde_json::to_value(value)),)*
                };
                let mut value = value.map_err(::serde::ser::Error::custom)?;
                if let ::serde_json::Value::Object(map) = &mut value {
                    map.insert(
                        ::std::string::String::from(#tag),
                        ::serde_json::Value::String(::std::string::String::from(tag)),
                    );
                }
                ::serde::Serialize::serialize(&value, serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let value =
                    <::serde_json::Value as ::serde::Deserialize<'de>>::deserialize(deserializer)?;
                let tag = value
                    .get(#tag)
                    .and_then(::serde_json::Value::as_str)
                    .ok_or_else(|| ::serde::de::Error::missing_field(#tag))?;
                match tag {
                    #(#tags => ::serde_json::from_value(value).map(Self::#names),)*
                    other => {
                        return ::core::result::Result::Err(::serde::de::Error::unknown_variant(
                            other,
                            &[#(#tags),*],
                        ));
                    }
                }
                .map_err(::serde::de::Error::custom)
            }
        }
    }
}
