//! Identifiers and type references as tokens, shared by the generators.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::{FloatType, Format, IntType, TypeRef};
use crate::rust::naming::{NOT_RAW, RAW_ESCAPABLE};

/// Where generated code refers to the `types` module from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Inside `types` itself: named types are written bare.
    Types,
    /// Inside `requests`: `super::types::X`.
    Requests,
    /// At the invocation site, next to `types`: `self::types::X`.
    Root,
}

/// The name under which the `types` module re-exports the runtime (`pub(crate)`, hidden),
/// so that a date, UUID or Base64 type is reached the same way from every generated
/// module: `types::__runtime::chrono::NaiveDate`. The runtime re-exports chrono and uuid,
/// so the user of generated code needs no dependency of their own.
pub(crate) const RUNTIME_ALIAS: &str = "__runtime";

/// An identifier from a model name. The model promises valid names; this still never
/// panics on a bad one: invalid characters become `_`, keywords become raw identifiers.
pub(crate) fn ident(name: &str) -> Ident {
    let bare = name.strip_prefix("r#").unwrap_or(name);
    let mut cleaned: String = bare
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if cleaned.is_empty() || cleaned.starts_with(|c: char| c.is_ascii_digit()) {
        cleaned.insert(0, '_');
    }
    if NOT_RAW.contains(&cleaned.as_str()) {
        cleaned.push('_');
    }
    if RAW_ESCAPABLE.contains(&cleaned.as_str()) {
        Ident::new_raw(&cleaned, Span::call_site())
    } else {
        Ident::new(&cleaned, Span::call_site())
    }
}

/// The name without a raw prefix: what the identifier reads as.
pub(crate) fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// A type reference as a Rust type, with named types reached from `scope`.
pub(crate) fn type_ref(ty: &TypeRef, scope: Scope) -> TokenStream {
    match ty {
        TypeRef::Named(name) => {
            let name = ident(name);
            match scope {
                Scope::Types => quote!(#name),
                Scope::Requests => quote!(super::types::#name),
                Scope::Root => quote!(self::types::#name),
            }
        }
        TypeRef::String => quote!(::std::string::String),
        TypeRef::Format(format) => {
            let runtime = Ident::new(RUNTIME_ALIAS, Span::call_site());
            let runtime = match scope {
                Scope::Types => quote!(self::#runtime),
                Scope::Requests => quote!(super::types::#runtime),
                Scope::Root => quote!(self::types::#runtime),
            };
            match format {
                Format::DateTime => {
                    quote!(#runtime::chrono::DateTime<#runtime::chrono::Utc>)
                }
                Format::Date => quote!(#runtime::chrono::NaiveDate),
                Format::Uuid => quote!(#runtime::uuid::Uuid),
                Format::Byte => quote!(#runtime::Base64),
                // The build stage gives only formats with a Rust type their own `TypeRef`.
                Format::Email | Format::Uri | Format::Ipv4 | Format::Ipv6 | Format::Hostname => {
                    quote!(::std::string::String)
                }
            }
        }
        TypeRef::Bool => quote!(bool),
        TypeRef::Integer(int) => int_type(*int),
        TypeRef::Number(FloatType::F32) => quote!(f32),
        TypeRef::Number(FloatType::F64) => quote!(f64),
        TypeRef::Array(item) => {
            let item = type_ref(item, scope);
            quote!(::std::vec::Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = type_ref(value, scope);
            quote!(::std::collections::BTreeMap<::std::string::String, #value>)
        }
        TypeRef::Json => quote!(::serde_json::Value),
        TypeRef::Boxed(inner) => {
            let inner = type_ref(inner, scope);
            quote!(::std::boxed::Box<#inner>)
        }
        TypeRef::Nullable(inner) => {
            let inner = type_ref(inner, scope);
            quote!(::core::option::Option<#inner>)
        }
    }
}

fn int_type(int: IntType) -> TokenStream {
    match int {
        IntType::I8 => quote!(i8),
        IntType::I16 => quote!(i16),
        IntType::I32 => quote!(i32),
        IntType::I64 => quote!(i64),
        IntType::U8 => quote!(u8),
        IntType::U16 => quote!(u16),
        IntType::U32 => quote!(u32),
        IntType::U64 => quote!(u64),
    }
}

/// The type a caller passes for a value of `ty` (a request argument or setter, a body
/// type's constructor or setter): plain strings as `impl Into<String>`, everything else
/// as it is held; and whether the value then goes through `Into::into`.
pub(crate) fn arg_type(ty: &TypeRef, scope: Scope) -> (TokenStream, bool) {
    match ty {
        TypeRef::String => (
            quote!(impl ::core::convert::Into<::std::string::String>),
            true,
        ),
        other => (type_ref(other, scope), false),
    }
}

/// The runtime path as seen from a module one level below the invocation site: a
/// relative path gains a `super::`.
pub(crate) fn runtime_from_child(runtime: &syn::Path) -> syn::Path {
    let first = runtime
        .segments
        .first()
        .map(|segment| segment.ident.to_string());
    if runtime.leading_colon.is_some() || first.as_deref() == Some("crate") {
        return runtime.clone();
    }
    let mut path = runtime.clone();
    if first.as_deref() == Some("self") {
        if let Some(segment) = path.segments.first_mut() {
            segment.ident = Ident::new("super", Span::call_site());
        }
        return path;
    }
    let mut segments = syn::punctuated::Punctuated::new();
    segments.push(syn::PathSegment::from(Ident::new(
        "super",
        Span::call_site(),
    )));
    segments.extend(path.segments);
    path.segments = segments;
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_never_panic() {
        let cases = [
            ("name", "name"),
            ("r#type", "r#type"),
            ("type", "r#type"),
            ("self", "self_"),
            ("r#self", "self_"),
            ("9lives", "_9lives"),
            ("a-b", "a_b"),
            ("", "__"),
            ("_", "__"),
        ];
        for (input, expected) in cases {
            assert_eq!(ident(input).to_string(), expected, "{input}");
        }
    }

    #[test]
    fn relative_runtime_paths_gain_super() {
        let cases = [
            ("::jeri_client::runtime", "::jeri_client::runtime"),
            ("crate::runtime", "crate::runtime"),
            ("self::runtime", "super::runtime"),
            ("runtime", "super::runtime"),
            ("super::runtime", "super::super::runtime"),
        ];
        for (input, expected) in cases {
            let path: syn::Path = syn::parse_str(input).expect("valid path");
            let adjusted = runtime_from_child(&path);
            assert_eq!(
                quote!(#adjusted).to_string().replace(' ', ""),
                expected,
                "{input}"
            );
        }
    }
}
