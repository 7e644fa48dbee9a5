//! Server mode: `pub mod server` with the `Server` trait (one method per operation, each
//! answering 501 until implemented), a request struct and a response enum per operation,
//! one handler per operation that reads, checks and decodes the request, and `router`.

mod handler;
pub(crate) mod responses;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::model::{Api, BodyMedia, Method, Operation, TypeRef};
use crate::rust::checks::Checker;
use crate::rust::docs::{DocText, inline_text};
use crate::rust::type_ref::{Scope, ident, type_ref, unraw};

/// `pub mod server`, or nothing when `runtime` is `None`.
pub fn server(api: &Api, runtime: &syn::Path) -> TokenStream {
    let checker = Checker::server(&api.rules, runtime);
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

/// The trait method's name for an operation (the build stage keeps it clear of the
/// trait's own methods).
fn method_ident(op: &Operation) -> Ident {
    ident(&op.fn_name)
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

/// The signature of `op`'s `Server` method, its request and response types named
/// through `path` (empty inside `server`, `super::server::` beside it): one text for the
/// trait and for implementations the generator writes, so they cannot drift apart.
pub(crate) fn method_signature(
    op: &Operation,
    runtime: &syn::Path,
    path: &TokenStream,
) -> TokenStream {
    let name = method_ident(op);
    let request = request_ident(op);
    let response = response_ident(op);
    quote! {
        fn #name(
            &self,
            request: #path #request,
        ) -> impl ::core::future::Future<Output = #runtime::Reply<#path #response>> + ::core::marker::Send
    }
}

fn trait_method(op: &Operation, runtime: &syn::Path) -> TokenStream {
    let signature = method_signature(op, runtime, &TokenStream::new());
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
        #signature {
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
    let handler = handler::handler(api, op, checker, runtime);
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
