//! Server mode: `pub mod server` with the `Server` trait (one method per operation, each
//! answering 501 until implemented), a request struct and a response enum per operation,
//! one handler per operation that reads, checks and decodes the request, and `router`.

pub(crate) mod responses;
pub(crate) mod validate;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::model::{
    Api, BodyMedia, Method, Operation, ParamLocation, PathPart, SecurityKind, TypeRef,
};
use crate::rust::docs::{DocText, inline_text};
use crate::rust::type_ref::{Scope, ident, type_ref, unraw};
use crate::server::validate::Checker;

/// Method names of the `Server` trait and its `Answers` supertrait; an operation whose
/// method would take one of them gets a suffix.
const TRAIT_METHODS: &[&str] = &[
    "authorize",
    "bad_request",
    "unauthorized",
    "not_implemented",
    "payload_too_large",
    "internal_error",
    "no_route",
    "answer",
];

/// `pub mod server`, or nothing when `runtime` is `None`.
pub fn server(api: &Api, runtime: &syn::Path) -> TokenStream {
    let checker = Checker::new(&api.rules, runtime);
    let checks = checker.module(api);
    let allow = crate::rust::allow_deprecated_types(api);
    let methods = api.operations.iter().map(|op| trait_method(op, runtime));
    let items = api
        .operations
        .iter()
        .map(|op| operation_items(api, op, &checker, runtime));
    let router = router(api, runtime);
    let trait_doc = format!(
        " The operations of {} {}, one method each. Every method answers `501 Not \
         Implemented` until it is implemented, so an operation added to the spec never breaks \
         an implementation.",
        inline_text(&api.title),
        inline_text(&api.version)
    );
    quote! {
        #[doc = " A server for the spec: implement [`Server`] and serve [`router`]."]
        #[doc = ""]
        #[doc = " Each request is checked against the spec before its method runs: credentials"]
        #[doc = " first (`401` when no security alternative is complete), then every parameter and"]
        #[doc = " the body, all problems together in one `400`; both are shaped by the"]
        #[doc = " implementation's `Answers`."]
        #allow
        // Response enums hold the spec's bodies as they are, whatever their sizes; checks
        // nest one `if` per schema level.
        #[allow(clippy::large_enum_variant, clippy::collapsible_if)]
        pub mod server {
            #[doc = #trait_doc]
            pub trait Server: #runtime::Answers {
                /// Whether the credentials found for `operation` are accepted; called after
                /// their presence was checked and before the request is (default: yes). A
                /// refusal is answered with `Answers::unauthorized`.
                fn authorize(&self, operation: &'static str, credentials: &#runtime::Credentials) -> bool {
                    let _ = (operation, credentials);
                    true
                }

                #(#methods)*
            }

            #router
            #(#items)*
            #checks
        }
    }
}

/// The trait method's name for an operation.
fn method_ident(op: &Operation) -> Ident {
    let name = unraw(&op.fn_name);
    if TRAIT_METHODS.contains(&name) {
        format_ident!("{}_operation", name)
    } else {
        ident(&op.fn_name)
    }
}

fn request_ident(op: &Operation) -> Ident {
    format_ident!("{}Request", op.type_name)
}

pub(crate) fn response_ident(op: &Operation) -> Ident {
    format_ident!("{}Response", op.type_name)
}

fn handler_ident(op: &Operation) -> Ident {
    format_ident!("handle_{}", unraw(&op.fn_name))
}

fn trait_method(op: &Operation, runtime: &syn::Path) -> TokenStream {
    let name = method_ident(op);
    let request = request_ident(op);
    let response = response_ident(op);
    let mut docs = DocText::from_docs(&op.docs);
    docs.line(format!(
        "`{}` (`{} {}`).",
        op.id,
        op.method.as_str(),
        op.path.replace('`', "'")
    ));
    let docs = docs.notes(&op.docs).attrs();
    quote! {
        #docs
        fn #name(
            &self,
            request: #request,
        ) -> impl ::core::future::Future<Output = #runtime::Reply<#response>> + ::core::marker::Send {
            let _ = request;
            async { ::core::result::Result::Err(#runtime::Answer::NotImplemented) }
        }
    }
}

/// The request struct, the response enum and the handler of one operation.
fn operation_items(
    api: &Api,
    op: &Operation,
    checker: &Checker<'_>,
    runtime: &syn::Path,
) -> TokenStream {
    let request = request_struct(op, runtime);
    let response = crate::server::responses::response_enum(op, &response_ident(op), runtime);
    let handler = handler(api, op, checker, runtime);
    quote!(#request #response #handler)
}

/// The field name of a parameter in the request struct.
fn field_ident(rust_name: &str) -> Ident {
    if matches!(unraw(rust_name), "credentials" | "body") {
        format_ident!("{}_param", unraw(rust_name))
    } else {
        ident(rust_name)
    }
}

fn body_type(media: BodyMedia, ty: &TypeRef, runtime: &syn::Path) -> TokenStream {
    match media {
        BodyMedia::Json | BodyMedia::FormUrlEncoded => type_ref(ty, Scope::Requests),
        BodyMedia::Multipart => quote!(#runtime::Form),
        BodyMedia::Bytes => quote!(::std::vec::Vec<u8>),
        BodyMedia::Text => quote!(::std::string::String),
    }
}

fn request_struct(op: &Operation, runtime: &syn::Path) -> TokenStream {
    let name = request_ident(op);
    let doc = format!(
        " The inputs of `{}`, checked against the spec and decoded.",
        op.id
    );
    let fields = op.params.iter().map(|param| {
        let field = field_ident(&param.rust_name);
        let ty = type_ref(&param.ty, Scope::Requests);
        let ty = if param.required {
            ty
        } else {
            quote!(::core::option::Option<#ty>)
        };
        let mut docs = DocText::from_docs(&param.docs);
        let place = param.location.as_str();
        docs.line(format!(
            "The {place} parameter `{}`.",
            param.wire_name.replace('`', "'")
        ));
        let docs = docs.attrs();
        quote!(#docs pub #field: #ty,)
    });
    let body = op.body.as_ref().map(|body| {
        let ty = body_type(body.media, &body.ty, runtime);
        let ty = if body.required {
            ty
        } else {
            quote!(::core::option::Option<#ty>)
        };
        let mut docs = DocText::from_docs(&body.docs);
        docs.line(format!(
            "The request body (`{}`).",
            body.content_type.replace('`', "'")
        ));
        let docs = docs.attrs();
        quote!(#docs pub body: #ty,)
    });
    quote! {
        #[doc = #doc]
        #[derive(::core::fmt::Debug, ::core::clone::Clone)]
        pub struct #name {
            #(#fields)*
            #body
            /// The credentials found for the operation's security schemes.
            pub credentials: #runtime::Credentials,
        }
    }
}

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

fn handler(api: &Api, op: &Operation, checker: &Checker<'_>, runtime: &syn::Path) -> TokenStream {
    let body_check = op.body.as_ref().and_then(|body| body.check.as_ref());
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
                    .unwrap_or(path_position);
                path_position += 1;
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
                    (
                        quote!(Query),
                        quote!(incoming.query_array(#wire, #scalar, #required, p)),
                    )
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
        reads.push(quote! {
            p.parameter(#rt::Place::#place, #wire);
            let #value = #read;
            #checked
        });
        let ty = type_ref(&param.ty, Scope::Requests);
        decodes.push(decode(
            &value,
            &ty,
            required,
            quote!(p.parameter(#rt::Place::#place, #wire);),
            runtime,
        ));
        let field = field_ident(&param.rust_name);
        fields.push(quote!(#field: #value,));
    }
    let body = op.body.as_ref().map(|body| {
        let required = body.required;
        let value = format_ident!("value_body");
        let read = match body.media {
            BodyMedia::Json if crate::model::is_json(&body.content_type) => {
                quote!(incoming.json_body(#required, p))
            }
            // A JSON document under a name that is not JSON's (`application/graphql`).
            BodyMedia::Json => {
                let media = crate::model::essence(&body.content_type);
                quote!(incoming.json_body_as(#media, #required, p))
            }
            BodyMedia::FormUrlEncoded => quote!(incoming.form_body(#required, p)),
            BodyMedia::Text => quote!(incoming.text_body(#required, p)),
            BodyMedia::Bytes => quote!(incoming.bytes_body(#required, p)),
            BodyMedia::Multipart => {
                let fields = body_check
                    .map(|check| checker.form_fields(check))
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(name, scalar, array)| quote!((#name, #scalar, #array)));
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
                (!code.is_empty()).then(
                    || quote!(if let ::core::option::Option::Some((v, _)) = &#value { #code }),
                )
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
    });
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

/// The route of an operation for axum: parameters named by position (`{p0}`), so two
/// paths that name the same segment differently cannot conflict.
fn method_filter(method: Method) -> TokenStream {
    let name = format_ident!("{}", method.as_str());
    quote!(#name)
}

fn router(api: &Api, runtime: &syn::Path) -> TokenStream {
    let rt = runtime;
    let mut routes: Vec<(String, Vec<&Operation>)> = Vec::new();
    for op in &api.operations {
        let path = op.route_shape();
        match routes.iter_mut().find(|(p, _)| *p == path) {
            Some((_, ops)) => ops.push(op),
            None => routes.push((path, vec![op])),
        }
    }
    let routes = routes.iter().map(|(path, ops)| {
        let methods = ops.iter().map(|op| {
            let filter = method_filter(op.method);
            let handler = handler_ident(op);
            quote!(.on(#rt::axum::routing::MethodFilter::#filter, #handler::<S>))
        });
        quote!(.route(#path, #rt::axum::routing::MethodRouter::new() #(#methods)*))
    });
    quote! {
        /// Every operation of the spec as an axum `Router`: literal path segments win over
        /// templated ones; any other path or method is answered by `Answers::no_route`.
        pub fn router<S: Server>(server: S) -> #rt::axum::Router {
            #rt::axum::Router::new()
                #(#routes)*
                .fallback(#rt::no_route::<S>)
                .method_not_allowed_fallback(#rt::no_route::<S>)
                .with_state(::std::sync::Arc::new(server))
        }
    }
}
