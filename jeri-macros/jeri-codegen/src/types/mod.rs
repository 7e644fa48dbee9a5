//! `pub mod types`: one Rust item per [`TypeDef`].

pub(crate) mod builders;
pub(crate) mod enums;

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Api, Field, TypeDef, TypeKind, TypeRef, UnionVariant};
use crate::rust::docs::{DocText, deprecated_attr};
use crate::rust::type_ref::{RUNTIME_ALIAS, Scope, ident, runtime_from_child, type_ref, unraw};
use crate::types::builders::{builder_impl, constants, request_structs};
use crate::types::enums::{constant, integer_enum, string_enum, tagged_union};

/// How the structs of the `types` module implement serde's traits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SerdeImpls {
    /// Through the runtime's `object!`, which checks much faster than the derives (a
    /// client: the crate depends on the runtime).
    Runtime,
    /// Through serde's derives, for code that does not reach the client runtime (a
    /// server, whose crate depends on `jeri-server` instead).
    Derived,
}

/// The `types` module: every type of the API, in model order. `runtime` is the runtime
/// path as seen from the invocation site.
pub fn types_module(api: &Api, runtime: &syn::Path) -> TokenStream {
    types_module_with(api, runtime, SerdeImpls::Runtime)
}

/// [`types_module`], choosing how structs implement serde.
pub fn types_module_with(api: &Api, runtime: &syn::Path, serde: SerdeImpls) -> TokenStream {
    let runtime = runtime_from_child(runtime);
    let in_requests = request_structs(api);
    let constants = constants(api);
    let items = api.types.iter().map(|def| {
        let builder = in_requests.contains(&def.name).then_some(&constants);
        type_item(def, &runtime, builder, serde)
    });
    // Generated items refer to each other; a deprecated one would warn at each such use.
    let allow = uses_deprecated(api).then(|| quote!(#[allow(deprecated)]));
    // The one import of generated code: what date, UUID and Base64 types are reached
    // through from every module (see `RUNTIME_ALIAS`), only when the API has them.
    let alias = api.uses_formats().then(|| {
        let alias = proc_macro2::Ident::new(RUNTIME_ALIAS, proc_macro2::Span::call_site());
        quote! {
            #[doc(hidden)]
            pub(crate) use #runtime as #alias;
        }
    });
    quote! {
        #[doc = " Types from the spec."]
        #allow
        pub mod types {
            #alias
            #(#items)*
        }
    }
}

fn uses_deprecated(api: &Api) -> bool {
    api.types.iter().any(|def| {
        def.docs.deprecated
            || matches!(&def.kind, TypeKind::Struct { fields, .. } if fields.iter().any(|field| field.docs.deprecated))
    })
}

/// `builder` is `Some` for a struct reached from a request body (it gets a constructor
/// and setters), holding the names of the API's constants (which the constructor fills in
/// itself).
fn type_item(
    def: &TypeDef,
    runtime: &syn::Path,
    builder: Option<&BTreeSet<String>>,
    serde: SerdeImpls,
) -> TokenStream {
    let mut docs = DocText::from_docs(&def.docs);
    if docs.is_empty() {
        docs.line(format!(
            "Generated from `{}`.",
            def.origin.replace('`', "'")
        ));
    }
    let docs = docs.notes(&def.docs).attrs();
    let deprecated = deprecated_attr(&def.docs);
    let name = ident(&def.name);
    let body = match &def.kind {
        TypeKind::Struct {
            fields,
            additional_properties,
            closed,
        } => {
            let item = struct_item(
                &name,
                fields,
                additional_properties.as_ref(),
                *closed,
                runtime,
                serde,
            );
            let builder = builder.map(|constants| {
                let extra = additional_properties
                    .as_ref()
                    .map(|_| extra_field_name(fields));
                builder_impl(&name, fields, extra.as_ref(), constants, runtime)
            });
            quote!(#item #builder)
        }
        TypeKind::StringEnum { variants } => {
            let attrs = quote!(#docs #deprecated);
            return match def.kind.constant_value() {
                Some(value) => constant(&name, &attrs, value, runtime),
                None => string_enum(&name, &attrs, variants, runtime),
            };
        }
        TypeKind::IntegerEnum { int, variants } => {
            return integer_enum(&name, &quote!(#docs #deprecated), *int, variants, runtime);
        }
        TypeKind::Union {
            tag: Some(tag),
            variants,
        } => tagged_union(&name, tag, variants),
        TypeKind::Union {
            tag: None,
            variants,
        } => untagged_union(&name, variants),
        TypeKind::Alias(ty) => {
            let ty = type_ref(ty, Scope::Types);
            quote!(pub type #name = #ty;)
        }
        TypeKind::Newtype(ty) => {
            let ty = type_ref(ty, Scope::Types);
            quote! {
                #[derive(
                    ::core::fmt::Debug,
                    ::core::clone::Clone,
                    ::core::cmp::PartialEq,
                    ::core::default::Default,
                    ::serde::Serialize,
                    ::serde::Deserialize,
                )]
                #[serde(transparent)]
                pub struct #name(pub #ty);
            }
        }
    };
    quote! {
        #docs
        #deprecated
        #body
    }
}

/// How a field maps to Rust:
/// - required, not nullable: `T`;
/// - required and nullable: `Option<T>`, always sent (`None` as `null`);
/// - optional, not nullable: `Option<T>`, left out when `None`;
/// - optional and nullable: the runtime's `Nullable<T>`, as absence, `null` and a value
///   can mean three things (a `null` phone clears it, an absent one leaves it).
fn struct_item(
    name: &proc_macro2::Ident,
    fields: &[Field],
    additional_properties: Option<&TypeRef>,
    closed: bool,
    runtime: &syn::Path,
    serde: SerdeImpls,
) -> TokenStream {
    // serde's derives also stay where their attributes do work the runtime's `object!`
    // does not: flattened members and a map of the properties not listed.
    let derived = serde == SerdeImpls::Derived
        || additional_properties.is_some()
        || fields.iter().any(|field| field.flatten);
    let field_items = fields
        .iter()
        .map(|field| field_item(name, field, runtime, derived));
    let default_fns = fields
        .iter()
        .filter_map(|field| default_fn(name, field, runtime));
    let extra_name = additional_properties.map(|_| extra_field_name(fields));
    let extra = additional_properties
        .zip(extra_name.as_ref())
        .map(|(value, field_name)| {
            let value = type_ref(value, Scope::Types);
            quote! {
                #[doc = " Properties not listed in the spec, by name."]
                #[serde(flatten)]
                pub #field_name: ::std::collections::BTreeMap<::std::string::String, #value>,
            }
        });
    let all_optional = fields.iter().all(|field| !field.required || field.nullable);
    let default = all_optional.then(|| quote!(::core::default::Default,));
    let has_secret = fields.iter().any(|field| field.secret);
    let derive_debug = (!has_secret).then(|| quote!(::core::fmt::Debug,));
    let redacted_debug = has_secret.then(|| redacted_debug(name, fields, extra_name.as_ref()));
    // serde's `deny_unknown_fields` does not work next to a flattened member: such a
    // closed struct gets a `Deserialize` of its own that checks the keys afterwards.
    let checked_keys = closed && fields.iter().any(|field| field.flatten);
    // Also what lets an untagged union tell a closed alternative from the next one.
    let deny_unknown =
        (derived && closed && !checked_keys).then(|| quote!(#[serde(deny_unknown_fields)]));
    let derive_serde = derived.then(|| quote!(::serde::Serialize,));
    let derive_deserialize = (derived && !checked_keys).then(|| quote!(::serde::Deserialize,));
    let object = (!derived).then(|| object_serde(name, fields, closed, runtime));
    let field_items: Vec<TokenStream> = field_items.collect();
    let closed_deserialize =
        checked_keys.then(|| closed_deserialize(name, fields, &field_items, runtime));
    quote! {
        #[derive(
            #derive_debug
            ::core::clone::Clone,
            ::core::cmp::PartialEq,
            #default
            #derive_serde
            #derive_deserialize
        )]
        #deny_unknown
        pub struct #name {
            #(#field_items)*
            #extra
        }
        #object
        #closed_deserialize
        #redacted_debug
        #(#default_fns)*
    }
}

/// `Serialize` and `Deserialize` through the runtime's `object!`: one line per property
/// (member, wire name, presence rule, default) instead of what serde's derives write.
fn object_serde(
    name: &proc_macro2::Ident,
    fields: &[Field],
    closed: bool,
    runtime: &syn::Path,
) -> TokenStream {
    let policy = if closed { quote!(closed) } else { quote!(open) };
    let properties = fields.iter().enumerate().map(|(index, field)| {
        let index = proc_macro2::Literal::usize_unsuffixed(index);
        let member = ident(&field.rust_name);
        let wire = &field.wire_name;
        let rule = match (field.required, field.nullable) {
            (true, false) => quote!(required),
            (true, true) => quote!(required_nullable),
            (false, false) => quote!(optional),
            (false, true) => quote!(optional_nullable),
        };
        let default = applies_default(field).map(|_| {
            let default = default_fn_name(name, field);
            quote!(= #default)
        });
        quote!(#index #member: #wire #rule #default,)
    });
    quote! {
        #runtime::object! {
            #name, #policy {
                #(#properties)*
            }
        }
    }
}

/// `Deserialize` for a closed struct with flattened members: decode the object as an
/// open copy of the struct, then refuse a key that neither the struct's own properties
/// nor a flattened member took (see the runtime's `refuse_unknown_properties`).
fn closed_deserialize(
    name: &proc_macro2::Ident,
    fields: &[Field],
    field_items: &[TokenStream],
    runtime: &syn::Path,
) -> TokenStream {
    let members: Vec<proc_macro2::Ident> =
        fields.iter().map(|field| ident(&field.rust_name)).collect();
    let own: Vec<&str> = fields
        .iter()
        .filter(|field| !field.flatten)
        .map(|field| field.wire_name.as_str())
        .collect();
    let flattened = fields
        .iter()
        .filter(|field| field.flatten)
        .map(|field| ident(&field.rust_name));
    quote! {
        const _: () = {
            #[derive(::serde::Deserialize)]
            struct Open {
                #(#field_items)*
            }
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> ::core::result::Result<Self, D::Error> {
                    let input = <::serde_json::Map<::std::string::String, ::serde_json::Value>
                        as ::serde::Deserialize>::deserialize(deserializer)?;
                    let open: Open = ::serde_json::from_value(::serde_json::Value::Object(input.clone()))
                        .map_err(<D::Error as ::serde::de::Error>::custom)?;
                    let value = #name { #(#members: open.#members),* };
                    let flattened = [#(::serde_json::to_value(&value.#flattened)
                        .map_err(<D::Error as ::serde::de::Error>::custom)?),*];
                    #runtime::refuse_unknown_properties(&input, &[#(#own),*], &flattened)
                        .map_err(<D::Error as ::serde::de::Error>::custom)?;
                    ::core::result::Result::Ok(value)
                }
            }
        };
    }
}

/// The spec's `default` applies to a property a response leaves out: only optional
/// properties have one here (a required one is always there).
fn applies_default(field: &Field) -> Option<&serde_json::Value> {
    field
        .default
        .as_ref()
        .filter(|_| !field.required && !field.flatten)
}

/// The function serde calls for a property left out, `__default_<Type>_<field>`: one per
/// defaulted field, next to its struct in `types`.
fn default_fn_name(type_name: &proc_macro2::Ident, field: &Field) -> proc_macro2::Ident {
    quote::format_ident!(
        "__default_{}_{}",
        unraw(&type_name.to_string()),
        unraw(&field.rust_name)
    )
}

/// The default as the field's value: the spec's JSON decoded as the type. The generator
/// checked the JSON kind; a value that still does not decode (a date that is no date)
/// leaves the property absent, as if the spec had no default.
fn default_fn(
    type_name: &proc_macro2::Ident,
    field: &Field,
    runtime: &syn::Path,
) -> Option<TokenStream> {
    let json = applies_default(field)?.to_string();
    let fn_name = default_fn_name(type_name, field);
    let ty = type_ref(&field.ty, Scope::Types);
    let (field_ty, body) = if field.nullable {
        (
            quote!(#runtime::Nullable<#ty>),
            quote! {
                ::serde_json::from_str::<#ty>(#json)
                    .map_or(#runtime::Nullable::Absent, #runtime::Nullable::Value)
            },
        )
    } else {
        (
            quote!(::core::option::Option<#ty>),
            quote!(::serde_json::from_str::<#ty>(#json).ok()),
        )
    };
    Some(quote! {
        #[doc(hidden)]
        #[allow(non_snake_case)]
        fn #fn_name() -> #field_ty {
            #body
        }
    })
}

/// `Debug` for a struct with secret fields: what the derive would print, except that a
/// secret field shows `[REDACTED]` (an optional one `Some([REDACTED])` or `None`, as
/// whether a credential is present is not itself secret and helps debugging).
fn redacted_debug(
    name: &proc_macro2::Ident,
    fields: &[Field],
    extra_name: Option<&proc_macro2::Ident>,
) -> TokenStream {
    let type_name = unraw(&name.to_string()).to_owned();
    let field_calls = fields.iter().map(|field| {
        let member = ident(&field.rust_name);
        let label = unraw(&member.to_string()).to_owned();
        let is_option = !field.required || field.nullable;
        let value = match (field.secret, is_option) {
            (false, _) => quote!(&self.#member),
            (true, false) => quote!(&::core::format_args!("[REDACTED]")),
            (true, true) => quote! {
                &self.#member.as_ref().map(|_| ::core::format_args!("[REDACTED]"))
            },
        };
        quote!(.field(#label, #value))
    });
    let extra_call = extra_name.map(|member| {
        let label = member.to_string();
        quote!(.field(#label, &self.#member))
    });
    quote! {
        impl ::core::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#type_name)
                    #(#field_calls)*
                    #extra_call
                    .finish()
            }
        }
    }
}

fn extra_field_name(fields: &[Field]) -> proc_macro2::Ident {
    let mut name = String::from("additional_properties");
    while fields.iter().any(|field| unraw(&field.rust_name) == name) {
        name.push('_');
    }
    ident(&name)
}

/// A struct member with its docs; with serde's attributes when the struct's serde impls
/// are `derived` (else the runtime's `object!` has the wire name and presence rule).
fn field_item(
    type_name: &proc_macro2::Ident,
    field: &Field,
    runtime: &syn::Path,
    derived: bool,
) -> TokenStream {
    let mut docs = DocText::from_docs(&field.docs);
    if field.flatten {
        docs.line(format!(
            "The properties of the `{}` member: one of its alternatives, sent alongside the other properties.",
            field.wire_name.replace('`', "'")
        ));
    } else if docs.is_empty() {
        docs.line(format!(
            "The `{}` property.",
            field.wire_name.replace('`', "'")
        ));
    }
    if !field.required && field.nullable {
        docs.line("Absent (left out), `null` and a value are three different things here.");
    }
    if field.secret {
        docs.line("A credential: the struct's `Debug` output shows `[REDACTED]` instead.");
    }
    let default_fn = applies_default(field).map(|value| {
        docs.line(format!(
            "Default: `{}`, what a response that leaves the property out decodes as (and what the server assumes when a request leaves it out).",
            value.to_string().replace('`', "'")
        ));
        default_fn_name(type_name, field).to_string()
    });
    docs.notes(&field.docs);
    let docs = docs.attrs();
    let deprecated = deprecated_attr(&field.docs);
    let name = ident(&field.rust_name);
    let ty = type_ref(&field.ty, Scope::Types);
    let ty = match (field.required, field.nullable) {
        (true, false) => ty,
        (true, true) | (false, false) => quote!(::core::option::Option<#ty>),
        (false, true) => quote!(#runtime::Nullable<#ty>),
    };
    let serde = derived.then(|| serde_attrs(field, default_fn.as_deref(), runtime));
    quote! {
        #docs
        #deprecated
        #serde
        pub #name: #ty,
    }
}

/// serde's attributes for a field of a struct whose serde impls are derived: the wire
/// name, flattening, and the presence rules `object!` otherwise applies.
fn serde_attrs(field: &Field, default_fn: Option<&str>, runtime: &syn::Path) -> TokenStream {
    if field.flatten {
        return quote!(#[serde(flatten)]);
    }
    let rename = rename_attr(&field.rust_name, &field.wire_name);
    let default = match default_fn {
        Some(default) => quote!(default = #default),
        None => quote!(default),
    };
    let presence = match (field.required, field.nullable) {
        (true, _) => TokenStream::new(),
        (false, false) => {
            quote!(#[serde(#default, skip_serializing_if = "::core::option::Option::is_none")])
        }
        (false, true) => {
            let is_absent = format!("{}::Nullable::is_absent", path_text(runtime));
            quote!(#[serde(#default, skip_serializing_if = #is_absent)])
        }
    };
    quote!(#rename #presence)
}

/// A path as serde's string attributes take it: `::jeri_runtime`, `super::runtime`.
fn path_text(path: &syn::Path) -> String {
    quote!(#path).to_string().replace(' ', "")
}

/// `#[serde(rename = "...")]` when the wire name differs from the Rust name.
pub(crate) fn rename_attr(rust_name: &str, wire_name: &str) -> TokenStream {
    if unraw(rust_name) == wire_name {
        TokenStream::new()
    } else {
        quote!(#[serde(rename = #wire_name)])
    }
}

fn untagged_union(name: &proc_macro2::Ident, variants: &[UnionVariant]) -> TokenStream {
    let variants = variants.iter().map(|variant| {
        let doc = format!(" The `{}` alternative.", unraw(&variant.rust_name));
        let variant_name = ident(&variant.rust_name);
        let ty = type_ref(&variant.ty, Scope::Types);
        quote! {
            #[doc = #doc]
            #variant_name(#ty),
        }
    });
    quote! {
        #[derive(
            ::core::fmt::Debug,
            ::core::clone::Clone,
            ::core::cmp::PartialEq,
            ::serde::Serialize,
            ::serde::Deserialize,
        )]
        #[serde(untagged)]
        pub enum #name {
            #(#variants)*
        }
    }
}
