//! The handler of one operation: credentials, then every parameter and the body read,
//! checked against the model's rules and decoded, all problems together, then the
//! implementation.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::{field_ident, handler_ident, method_ident, request_ident};
use crate::model::{
    Api, Body, BodyMedia, Operation, Param, ParamLocation, ParamStyle, PathPart, SecurityKind,
    TypeRef,
};
use crate::rust::checks::Checker;
use crate::rust::type_ref::{Scope, type_ref};

fn scheme_carrier(kind: &SecurityKind, runtime: &syn::Path) -> TokenStream {
    match kind {
        SecurityKind::ApiKeyHeader(name) => {
            let name = name.to_ascii_lowercase();
            quote!(#runtime::Carrier::Header(#name))
        }
        SecurityKind::ApiKeyQuery(name) => quote!(#runtime::Carrier::Query(#name)),
        SecurityKind::ApiKeyCookie(name) => quote!(#runtime::Carrier::Cookie(#name)),
        SecurityKind::Bearer => quote!(#runtime::Carrier::Bearer),
        SecurityKind::Basic => quote!(#runtime::Carrier::Basic),
        SecurityKind::Authorization(_) => quote!(#runtime::Carrier::Authorization),
    }
}

pub(super) fn handler(
    api: &Api,
    op: &Operation,
    checker: &Checker<'_>,
    runtime: &syn::Path,
) -> TokenStream {
    let name = handler_ident(op);
    let method = method_ident(op);
    let request = request_ident(op);
    let id = &op.id;
    let rt = runtime;

    let mut schemes: Vec<&String> = Vec::new();
    for name in op.security.iter().flatten() {
        if !schemes.contains(&name) {
            schemes.push(name);
        }
    }
    let carriers = schemes.iter().filter_map(|scheme| {
        let found = api.security_schemes.iter().find(|s| &s.name == *scheme)?;
        let carrier = scheme_carrier(&found.kind, runtime);
        Some(quote!((#scheme, #carrier)))
    });
    let alternatives = op
        .security
        .iter()
        .map(|alternative| quote!(&[#(#alternative),*]));
    let credentials = if op.security.is_empty() {
        quote!(let credentials = #rt::Credentials::default();)
    } else {
        quote! {
            let credentials = #rt::Credentials::read(&incoming, &[#(#carriers),*]);
            if !credentials.satisfy(&[#(#alternatives),*]) || !server.authorize(OPERATION, &credentials) {
                return server.unauthorized(OPERATION);
            }
        }
    };

    let mut path_position = 0usize;
    let mut reads = Vec::new();
    let mut decodes = Vec::new();
    let mut fields = Vec::new();
    for (i, param) in op.params.iter().enumerate() {
        let (read, decode, field) = param_input(op, i, param, &mut path_position, checker, runtime);
        reads.push(read);
        decodes.push(decode);
        fields.push(field);
    }
    let body = op
        .body
        .as_ref()
        .map(|body| body_input(body, checker, runtime));
    let (body_read, body_decode, body_field, body_value) = match body {
        Some((read, decoded, field, value)) => (read, decoded, field, Some(value)),
        None => (
            TokenStream::new(),
            TokenStream::new(),
            TokenStream::new(),
            None,
        ),
    };
    let values: Vec<Ident> = (0..op.params.len())
        .map(|i| format_ident!("value_{}", i))
        .chain(body_value)
        .collect();
    let somes = values
        .iter()
        .map(|value| quote!(::core::option::Option::Some(#value)));
    // Every input decoded, or a problem recorded for the one that did not.
    let unwrap = (!values.is_empty()).then(|| {
        quote! {
            let (#(#somes,)*) = (#(#values,)*) else {
                return server.bad_request(OPERATION, problems.into_vec());
            };
        }
    });
    let oversized = op.body.is_some().then(|| {
        quote! {
            if let ::core::option::Option::Some(reason) = incoming.oversized() {
                return server.payload_too_large(OPERATION, reason);
            }
        }
    });
    // Path parameters are moved out of the request as they are read.
    let incoming_binding = if op.params.iter().any(|p| p.location == ParamLocation::Path) {
        quote!(mut incoming)
    } else {
        quote!(incoming)
    };
    let doc =
        format!(" Reads, checks and decodes a `{id}` request, then calls the implementation.");
    quote! {
        #[doc = #doc]
        async fn #name<S: Server>(
            #rt::axum::extract::State(server): #rt::axum::extract::State<::std::sync::Arc<S>>,
            #incoming_binding: #rt::Incoming,
        ) -> #rt::axum::response::Response {
            const OPERATION: &str = #id;
            #credentials
            #oversized
            let mut problems = #rt::Problems::new();
            let p = &mut problems;
            #(#reads)*
            #body_read
            if !p.is_empty() {
                return server.bad_request(OPERATION, problems.into_vec());
            }
            #(#decodes)*
            #body_decode
            #unwrap
            let request = #request {
                #(#fields)*
                #body_field
                credentials,
            };
            match server.#method(request).await {
                ::core::result::Result::Ok(response) => #rt::axum::response::IntoResponse::into_response(response),
                ::core::result::Result::Err(answer) => server.answer(OPERATION, answer),
            }
        }
    }
}

/// How each property of a form body (`urlencoded` or `multipart`) is read:
/// `(name, scalar, is_array)`.
fn form_fields(check: Option<&crate::model::Check>, checker: &Checker<'_>) -> Vec<TokenStream> {
    check
        .map(|check| checker.form_fields(check))
        .unwrap_or_default()
        .into_iter()
        .map(|(name, scalar, array)| quote!((#name, #scalar, #array)))
        .collect()
}

/// How the text of an array parameter's items is read when its schema does not say
/// (a `oneOf` of a value and a list of values): from the Rust item type.
fn scalar_of_type(item: &TypeRef, runtime: &syn::Path) -> TokenStream {
    let kind = match item {
        TypeRef::String => quote!(String),
        TypeRef::Integer(_) => quote!(Integer),
        TypeRef::Number(_) => quote!(Number),
        TypeRef::Bool => quote!(Boolean),
        _ => quote!(Any),
    };
    quote!(#runtime::Scalar::#kind)
}

/// Decodes a checked value: `Option<T>` for a required input (`None` after a problem),
/// `Option<Option<T>>` for an optional one.
fn decode(
    value: &Ident,
    ty: &TokenStream,
    required: bool,
    locate: TokenStream,
    runtime: &syn::Path,
) -> TokenStream {
    if required {
        quote! {
            #locate
            let #value: ::core::option::Option<#ty> = match #value {
                ::core::option::Option::Some(v) => #runtime::decode(v, p),
                ::core::option::Option::None => ::core::option::Option::None,
            };
        }
    } else {
        quote! {
            #locate
            let #value: ::core::option::Option<::core::option::Option<#ty>> = match #value {
                ::core::option::Option::Some(v) => #runtime::decode(v, p).map(::core::option::Option::Some),
                ::core::option::Option::None => ::core::option::Option::Some(::core::option::Option::None),
            };
        }
    }
}

/// The statements that read and check one parameter (into `value_{i}`), the one that
/// decodes it, and its field of the request struct.
fn param_input(
    op: &Operation,
    i: usize,
    param: &Param,
    path_position: &mut usize,
    checker: &Checker<'_>,
    runtime: &syn::Path,
) -> (TokenStream, TokenStream, TokenStream) {
    let rt = runtime;
    let check = &param.check;
    let value = format_ident!("value_{}", i);
    let wire = &param.wire_name;
    let required = param.required;
    let (place, read) = match param.location {
        ParamLocation::Path => {
            let position = op
                .path_parts
                .iter()
                .filter(|part| matches!(part, PathPart::Param(_)))
                .position(|part| *part == PathPart::Param(param.wire_name.clone()))
                .unwrap_or(*path_position);
            *path_position += 1;
            let scalar = checker.scalar(check);
            (
                quote!(Path),
                quote!(incoming.path_value(#position, #scalar, p)),
            )
        }
        ParamLocation::Query => match &param.ty {
            TypeRef::Array(item) => {
                let scalar = match checker.items(check) {
                    Some(items) => checker.scalar(items),
                    None => scalar_of_type(item, runtime),
                };
                let separator = match param.style {
                    ParamStyle::Form { explode: false } => Some(','),
                    ParamStyle::SpaceDelimited => Some(' '),
                    ParamStyle::PipeDelimited => Some('|'),
                    _ => None,
                };
                let read = match separator {
                    Some(separator) => quote! {
                        incoming.query_array_joined(#wire, #separator, #scalar, #required, p)
                    },
                    None => quote!(incoming.query_array(#wire, #scalar, #required, p)),
                };
                (quote!(Query), read)
            }
            _ => {
                let scalar = checker.scalar(check);
                (
                    quote!(Query),
                    quote!(incoming.query_value(#wire, #scalar, #required, p)),
                )
            }
        },
        ParamLocation::Cookie => {
            let scalar = checker.scalar(check);
            (
                quote!(Cookie),
                quote!(incoming.cookie_value(#wire, #scalar, #required, p)),
            )
        }
        ParamLocation::Header => {
            let scalar = checker.scalar(check);
            let lower = wire.to_ascii_lowercase();
            (
                quote!(Header),
                quote!(incoming.header_value(#lower, #scalar, #required, p)),
            )
        }
    };
    let body = checker.check(check);
    let checked = (!body.is_empty())
        .then(|| quote!(if let ::core::option::Option::Some(v) = &#value { #body }));
    let read = quote! {
        p.parameter(#rt::Place::#place, #wire);
        let #value = #read;
        #checked
    };
    let ty = type_ref(&param.ty, Scope::Requests);
    let decode = decode(
        &value,
        &ty,
        required,
        quote!(p.parameter(#rt::Place::#place, #wire);),
        runtime,
    );
    let field = field_ident(&param.rust_name);
    (read, decode, quote!(#field: #value,))
}

/// The statements that read and check the body (into `value_body`), the one that decodes
/// it, its field of the request struct, and the variable holding it.
fn body_input(
    body: &Body,
    checker: &Checker<'_>,
    runtime: &syn::Path,
) -> (TokenStream, TokenStream, TokenStream, Ident) {
    let body_check = body.check.as_ref();
    let required = body.required;
    let value = format_ident!("value_body");
    // A JSON body also documented as a form of the same schema is read as the form when
    // sent as one (petstore's `POST /pet`).
    let form_too = body.media == BodyMedia::Json
        && body
            .alternatives
            .iter()
            .any(|alt| alt.media == BodyMedia::FormUrlEncoded && alt.ty == body.ty);
    let read = match body.media {
        BodyMedia::Json if form_too && crate::model::is_json(&body.content_type) => {
            let fields = form_fields(body_check, checker);
            quote! {
                if incoming.sent_media_is("application/x-www-form-urlencoded") {
                    incoming.form_body(#required, &[#(#fields),*], p)
                } else {
                    incoming.json_body(#required, p)
                }
            }
        }
        BodyMedia::Json if crate::model::is_json(&body.content_type) => {
            quote!(incoming.json_body(#required, p))
        }
        // A JSON document under a name that is not JSON's (`application/graphql`).
        BodyMedia::Json => {
            let media = crate::model::essence(&body.content_type);
            quote!(incoming.json_body_as(#media, #required, p))
        }
        BodyMedia::FormUrlEncoded => {
            let fields = form_fields(body_check, checker);
            quote!(incoming.form_body(#required, &[#(#fields),*], p))
        }
        BodyMedia::Text => quote!(incoming.text_body(#required, p)),
        BodyMedia::Bytes => quote!(incoming.bytes_body(#required, p)),
        BodyMedia::Multipart => {
            let fields = form_fields(body_check, checker);
            quote!(incoming.multipart_body(#required, &[#(#fields),*], p).await)
        }
    };
    let checked = match (body.media, body_check) {
        (BodyMedia::Json | BodyMedia::FormUrlEncoded, Some(check)) => {
            let code = checker.check(check);
            (!code.is_empty())
                .then(|| quote!(if let ::core::option::Option::Some(v) = &#value { #code }))
        }
        // The form's fields are checked as the object of the body's schema.
        (BodyMedia::Multipart, Some(check)) => {
            let code = checker.check(check);
            (!code.is_empty())
                .then(|| quote!(if let ::core::option::Option::Some((v, _)) = &#value { #code }))
        }
        _ => None,
    };
    let ty = type_ref(&body.ty, Scope::Requests);
    let decoded = match body.media {
        BodyMedia::Json | BodyMedia::FormUrlEncoded => {
            decode(&value, &ty, required, quote!(p.body();), runtime)
        }
        BodyMedia::Multipart if required => {
            quote!(let #value = #value.map(|(_, form)| form);)
        }
        BodyMedia::Multipart => quote! {
            let #value = ::core::option::Option::Some(#value.map(|(_, form)| form));
        },
        // Text and bytes are read as their Rust type already.
        BodyMedia::Text | BodyMedia::Bytes => {
            if required {
                quote!()
            } else {
                quote!(let #value = ::core::option::Option::Some(#value);)
            }
        }
    };
    (
        quote! {
            p.body();
            let #value = #read;
            #checked
        },
        decoded,
        quote!(body: #value,),
        value,
    )
}
