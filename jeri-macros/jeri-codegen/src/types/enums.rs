//! Enums with hand-written serde impls: open string enums and tagged unions.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::model::TypeRef;
use crate::model::{EnumVariant, IntType, IntegerVariant, UNKNOWN_VARIANT, UnionVariant};
use crate::rust::type_ref::{Scope, ident, type_ref, unraw};

/// A string enum that keeps values the spec does not list in `Unknown`, so a server adding
/// a value does not break decoding: one invocation of the runtime's `open_enum!`, which
/// writes the methods and trait impls once for every enum. `attrs` are the enum's own
/// (docs, `deprecated`): attributes outside a macro invocation would not reach the enum.
pub(crate) fn string_enum(
    name: &Ident,
    attrs: &TokenStream,
    variants: &[EnumVariant],
    runtime: &syn::Path,
) -> TokenStream {
    let unknown = ident(UNKNOWN_VARIANT);
    let names = variants.iter().map(|variant| ident(&variant.rust_name));
    let wires = variants.iter().map(|variant| variant.wire_value.as_str());
    let docs = variants
        .iter()
        .map(|variant| format!(" `{}`", variant.wire_value.replace('`', "'")));
    quote! {
        #runtime::open_enum! {
            #attrs
            pub enum #name: string, unknown #unknown {
                #(#[doc = #docs] #names = #wires,)*
            }
        }
    }
}

/// A string schema with one allowed value: the runtime's `Constant`, which accepts only
/// that value, so an untagged union whose alternatives it tags takes the alternative the
/// value names. The value lives on a hidden uninhabited marker type, `__{Name}` (no
/// generated name starts with `_`).
pub(crate) fn constant(
    name: &Ident,
    attrs: &TokenStream,
    value: &str,
    runtime: &syn::Path,
) -> TokenStream {
    let marker = format_ident!("__{}", unraw(&name.to_string()));
    let doc = format!(
        " Always `{}`: another value does not decode as this type.",
        value.replace('`', "'")
    );
    quote! {
        #attrs
        #[doc = ""]
        #[doc = #doc]
        pub type #name = #runtime::Constant<#marker>;

        #[doc(hidden)]
        pub enum #marker {}

        impl #runtime::ConstantValue for #marker {
            const VALUE: &'static str = #value;
        }
    }
}

/// An integer enum that keeps values the spec does not list, like [`string_enum`].
pub(crate) fn integer_enum(
    name: &Ident,
    attrs: &TokenStream,
    int: IntType,
    variants: &[IntegerVariant],
    runtime: &syn::Path,
) -> TokenStream {
    let unknown = ident(UNKNOWN_VARIANT);
    let int = type_ref(&TypeRef::Integer(int), Scope::Types);
    let names = variants.iter().map(|v| ident(&v.rust_name));
    let values = variants
        .iter()
        .map(|v| proc_macro2::Literal::i64_unsuffixed(v.wire_value));
    let docs = variants.iter().map(|v| format!(" `{}`", v.wire_value));
    quote! {
        #runtime::open_enum! {
            #attrs
            pub enum #name: integer #int, unknown #unknown {
                #(#[doc = #docs] #names = #values,)*
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
