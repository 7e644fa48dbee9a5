//! Constructors and setters for the types a request body is built from, so that a caller
//! who builds one with them keeps compiling when the spec gains an optional property.
//!
//! `new` takes the required properties in document order; each optional property has a
//! setter named after it that consumes and returns the value. Plain strings are taken as
//! `impl Into<String>`, as request setters take them. Removing or renaming a
//! property, or adding a required one, still fails to compile at the caller, naming it.

use std::collections::{BTreeSet, HashMap};

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Api, Body, Field, TypeDef, TypeKind, TypeRef};
use crate::rust::type_ref::{Scope, arg_type, ident, type_ref, unraw};

/// The names of the structs reachable from a request body, in any depth.
pub(crate) fn request_structs(api: &Api) -> BTreeSet<String> {
    let by_name: HashMap<&str, &TypeDef> = api.types.iter().map(|t| (t.name.as_str(), t)).collect();
    let mut seen = BTreeSet::new();
    let mut pending: Vec<&TypeRef> = api
        .operations
        .iter()
        .flat_map(|op| op.body.iter().flat_map(Body::types))
        .collect();
    while let Some(ty) = pending.pop() {
        match ty {
            TypeRef::Named(name) => {
                if !seen.insert(name.clone()) {
                    continue;
                }
                let Some(def) = by_name.get(name.as_str()) else {
                    continue;
                };
                match &def.kind {
                    TypeKind::Struct {
                        fields,
                        additional_properties,
                        ..
                    } => {
                        pending.extend(fields.iter().map(|f| &f.ty));
                        pending.extend(additional_properties);
                    }
                    TypeKind::Union { variants, .. } => {
                        pending.extend(variants.iter().map(|v| &v.ty));
                    }
                    TypeKind::Alias(inner) | TypeKind::Newtype(inner) => pending.push(inner),
                    TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. } => {}
                }
            }
            TypeRef::Array(inner)
            | TypeRef::Map(inner)
            | TypeRef::Boxed(inner)
            | TypeRef::Nullable(inner) => pending.push(inner),
            _ => {}
        }
    }
    seen.retain(|name| {
        by_name
            .get(name.as_str())
            .is_some_and(|def| matches!(def.kind, TypeKind::Struct { .. }))
    });
    seen
}

/// The names of the string schemas with one allowed value (generated as the runtime's
/// `Constant`): a constructor fills such a property in itself.
pub(crate) fn constants(api: &Api) -> BTreeSet<String> {
    api.types
        .iter()
        .filter(|def| def.kind.constant_value().is_some())
        .map(|def| def.name.clone())
        .collect()
}

/// `impl Name { new(…), setters }` for one struct. A required property whose type is one
/// of `constants` is not an argument: it can hold one value only.
pub(crate) fn builder_impl(
    name: &proc_macro2::Ident,
    fields: &[Field],
    has_extra: Option<&proc_macro2::Ident>,
    constants: &BTreeSet<String>,
    runtime: &syn::Path,
) -> TokenStream {
    let is_constant =
        |field: &Field| matches!(&field.ty, TypeRef::Named(name) if constants.contains(name));
    // An argument of `new`: required, and not a constant (a nullable one may be `null`).
    let is_arg = |field: &Field| field.required && (field.nullable || !is_constant(field));
    let required: Vec<&Field> = fields.iter().filter(|f| is_arg(f)).collect();
    let params = required.iter().map(|field| {
        let member = ident(&field.rust_name);
        let (ty, _) = param_type(field);
        quote!(#member: #ty)
    });
    let inits = fields.iter().map(|field| {
        let member = ident(&field.rust_name);
        match is_arg(field).then(|| param_type(field).1) {
            None => quote!(#member: ::core::default::Default::default()),
            Some(true) => quote!(#member: #member.into()),
            Some(false) => quote!(#member),
        }
    });
    let extra_init = has_extra.map(|member| quote!(#member: ::core::default::Default::default(),));
    let names = |fields: &[&Field]| {
        fields
            .iter()
            .map(|f| format!("`{}`", f.wire_name.replace('`', "'")))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let has_optional = fields.iter().any(|f| !f.required);
    let mut new_doc = match (required.is_empty(), has_optional) {
        (true, true) => {
            " A value with every optional property left out; set them with the methods named \
             after them."
                .to_owned()
        }
        (true, false) => " The value.".to_owned(),
        (false, true) => format!(
            " A value with the required properties ({}) and every optional one left out; set \
             those with the methods named after them.",
            names(&required)
        ),
        (false, false) => format!(" A value with its properties ({}).", names(&required)),
    };
    let filled: Vec<&Field> = fields.iter().filter(|f| f.required && !is_arg(f)).collect();
    if !filled.is_empty() {
        new_doc.push_str(&format!(
            " {} hold their one allowed value.",
            names(&filled)
        ));
    }
    let setters = fields
        .iter()
        .filter(|f| !f.required)
        .map(|field| setter(field, runtime));
    let many = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        impl #name {
            #[doc = #new_doc]
            #many
            #[inline]
            pub fn new(#(#params),*) -> Self {
                Self {
                    #(#inits,)*
                    #extra_init
                }
            }
            #(#setters)*
        }
    }
}

/// The type of a required field as a constructor parameter, and whether it goes through
/// `Into::into`: as [`arg_type`] says for a value, `Option` of it when it may be `null`.
fn param_type(field: &Field) -> (TokenStream, bool) {
    if field.nullable {
        let ty = type_ref(&field.ty, Scope::Types);
        return (quote!(::core::option::Option<#ty>), false);
    }
    arg_type(&field.ty, Scope::Types)
}

fn setter(field: &Field, runtime: &syn::Path) -> TokenStream {
    let member = ident(&field.rust_name);
    let method = if unraw(&field.rust_name) == "new" {
        ident("with_new")
    } else {
        member.clone()
    };
    let ty = type_ref(&field.ty, Scope::Types);
    let wire = field.wire_name.replace('`', "'");
    if field.nullable {
        let doc = format!(
            " Sets `{wire}`: a value, `None` or `Nullable::Null` to send `null`, or \
             `Nullable::Absent` to leave it out again."
        );
        quote! {
            #[doc = #doc]
            #[inline]
            pub fn #method(mut self, value: impl ::core::convert::Into<#runtime::Nullable<#ty>>) -> Self {
                self.#member = value.into();
                self
            }
        }
    } else {
        let doc = format!(" Sets `{wire}`.");
        let (arg, into) = arg_type(&field.ty, Scope::Types);
        let value = if into {
            quote!(value.into())
        } else {
            quote!(value)
        };
        quote! {
            #[doc = #doc]
            #[inline]
            pub fn #method(mut self, value: #arg) -> Self {
                self.#member = ::core::option::Option::Some(#value);
                self
            }
        }
    }
}
