//! `pub mod requests`: one request value per operation, sent through the runtime.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use crate::client::bodies::{self, default_bytes_type, has_enum, is_range};
use crate::client::decode::Outcome;
use crate::client::encode::{Args, body_check, encode_args, operation_info, param_ident};
use crate::model::{Api, Body, BodyMedia, Operation, Param, ParamLocation, PathPart};
use crate::rust::checks::Checker;
use crate::rust::docs::{DocText, deprecated_attr};
use crate::rust::type_ref::{Scope, arg_type, type_ref};

/// `pub mod requests`: one request value per operation, calling `runtime`.
pub(crate) fn requests_module(api: &Api, runtime: &syn::Path) -> TokenStream {
    let allow = crate::rust::allow_deprecated_types(api);
    let checker = Checker::client(&api.rules, runtime);
    let bodies: Vec<_> = api.operations.iter().filter_map(body_check).collect();
    let checks = checker.module_reached_from(api, &bodies);
    let items = api
        .operations
        .iter()
        .map(|op| request_item(api, op, runtime, &checker));
    quote! {
        #[doc = " One request value per operation: holds the arguments, setters for optional"]
        #[doc = " ones, `send()` and `IntoFuture`."]
        #allow
        // Checks nest one `if` per schema level.
        #[allow(clippy::collapsible_if)]
        pub mod requests {
            #(#items)*
            #checks
        }
    }
}

/// The Rust type of a request body, as seen from `scope`.
pub(crate) fn body_type(body: &Body, scope: Scope, runtime: &syn::Path) -> TokenStream {
    match body.media {
        BodyMedia::Multipart => quote!(#runtime::Multipart),
        _ => type_ref(&body.ty, scope),
    }
}

/// One required argument of a request constructor or client method.
pub(crate) struct Arg {
    pub(crate) name: Ident,
    /// The parameter type in the signature.
    pub(crate) ty: TokenStream,
    /// Whether the value goes through `Into::into` before it is stored.
    pub(crate) into: bool,
}

/// The required arguments, body last, with types as seen from `scope` (and the runtime
/// reached through `runtime` from there).
pub(crate) fn required_args(op: &Operation, scope: Scope, runtime: &syn::Path) -> Vec<Arg> {
    let mut args: Vec<Arg> = op
        .params
        .iter()
        .filter(|param| param.required)
        .map(|param| {
            let (ty, into) = arg_type(&param.ty, scope);
            Arg {
                name: param_ident(param),
                ty,
                into,
            }
        })
        .collect();
    if let Some(body) = op.body.as_ref().filter(|body| body.required) {
        args.push(if has_enum(body) {
            let ty = bodies::enum_type(op, scope);
            Arg {
                name: format_ident!("body"),
                ty: quote!(impl ::core::convert::Into<#ty>),
                into: true,
            }
        } else {
            Arg {
                name: format_ident!("body"),
                ty: body_type(body, scope, runtime),
                into: false,
            }
        });
    }
    args
}

/// The request value a client method returns: the constructor `request!` declares,
/// given the client's transport and each required argument (converted where it is taken
/// through `Into`).
pub(crate) fn request_construction(op: &Operation, args: &[Arg]) -> TokenStream {
    let name = format_ident!("{}Request", op.type_name);
    let values = args.iter().map(|arg| {
        let name = &arg.name;
        if arg.into {
            quote!(#name.into())
        } else {
            quote!(#name)
        }
    });
    if is_prepared(op) {
        let marker = marker_ident(op);
        return quote!(self::requests::#name::new(
            &self.transport,
            (#(#values,)*),
            self::requests::#marker(()),
        ));
    }
    quote!(self::requests::#name::new(&self.transport, #(#values),*))
}

/// The required arguments as the request holds them, in the client method's order: the
/// field's name and its type seen from `requests`.
fn required_fields(op: &Operation, runtime: &syn::Path) -> Vec<(Ident, TokenStream)> {
    op.params
        .iter()
        .filter(|param| param.required)
        .map(|param| (param_ident(param), type_ref(&param.ty, Scope::Requests)))
        .chain(
            op.body
                .iter()
                .filter(|body| body.required)
                .map(|body| (format_ident!("body"), request_body_type(op, body, runtime))),
        )
        .collect()
}

/// The type a request holds its body in: the media enum when the body has one.
fn request_body_type(op: &Operation, body: &Body, runtime: &syn::Path) -> TokenStream {
    if has_enum(body) {
        bodies::enum_type(op, Scope::Requests)
    } else {
        body_type(body, Scope::Requests, runtime)
    }
}

/// `{Operation}Operation`: the marker type of a [`Prepared`](is_prepared) request.
fn marker_ident(op: &Operation) -> Ident {
    format_ident!("{}Operation", op.type_name)
}

fn request_item(
    api: &Api,
    op: &Operation,
    runtime: &syn::Path,
    checker: &Checker<'_>,
) -> TokenStream {
    let name = format_ident!("{}Request", op.type_name);
    let doc = format!(
        " Request for `{}` (`{} {}`), built by the client; send it with `.await`.",
        op.id,
        op.method.as_str(),
        op.path.replace('`', "'")
    );
    let outcome = Outcome::new(op, runtime);
    let output = outcome.output_type();
    let response_enum = outcome.response_enum();
    let body_items = op
        .body
        .as_ref()
        .filter(|body| has_enum(body))
        .map(|body| bodies::body_items(api, op, body, runtime));
    if is_prepared(op) {
        let item = prepared_item(api, op, runtime, checker, &outcome, &doc);
        return quote! {
            #response_enum
            #body_items
            #item
        };
    }

    let required = required_fields(op, runtime)
        .into_iter()
        .map(|(field, ty)| quote!(#field: #ty,));
    let bytes_body = op
        .body
        .as_ref()
        .filter(|body| body.media == BodyMedia::Bytes && !has_enum(body));
    let content_type_setter = bytes_body.map(|body| {
        let default = default_bytes_type(body);
        let within = if is_range(&body.content_type) {
            "; one media type within it, checked before sending"
        } else {
            ""
        };
        let doc = format!(
            " Sets the body's media type (the spec names `{}`{within}; sent as `{default}` unless set).",
            body.content_type.replace('`', "'")
        );
        quote! {
            #[doc = #doc]
            content_type(impl ::core::convert::Into<::std::string::String>): ::std::string::String,
        }
    });
    let body_setter = op.body.as_ref().filter(|body| !body.required).map(|body| {
        let mut docs = DocText::from_docs(&body.docs);
        if docs.is_empty() {
            docs.line("Sets the request body.");
        }
        let docs = docs.notes(&body.docs).attrs();
        let ty = request_body_type(op, body, runtime);
        let arg = if has_enum(body) {
            quote!(impl ::core::convert::Into<#ty>)
        } else {
            ty.clone()
        };
        quote! {
            #docs
            body(#arg): #ty,
        }
    });
    let optional: Vec<TokenStream> = op
        .params
        .iter()
        .filter(|param| !param.required)
        .map(param_setter)
        .chain(body_setter)
        .chain(content_type_setter)
        .collect();
    let optional = (!optional.is_empty()).then(|| quote!(optional { #(#optional)* }));
    let max_items = op.body.as_ref().and_then(|body| body.max_items).map(|max| {
        let max = Literal::u64_unsuffixed(max);
        quote! {
            impl #name {
                #[doc = " The most items the body may hold; split longer lists across calls."]
                pub const BODY_MAX_ITEMS: usize = #max;
            }
        }
    });
    let send = send_fn(api, op, runtime, checker, &outcome);
    let paging = crate::client::pages::paging(api, op, runtime)
        .map(|paging| paging.request_methods(op, &name, runtime));

    quote! {
        #response_enum

        #body_items

        #runtime::request! {
            #[doc = #doc]
            pub struct #name => #output {
                #(#required)*
            }
            #optional
        }

        #max_items

        #send

        #paging
    }
}

/// One entry of the `optional { .. }` list of `request!`: the setter's docs, its
/// argument type and the field's type.
fn param_setter(param: &Param) -> TokenStream {
    let field = param_ident(param);
    let mut docs = DocText::from_docs(&param.docs);
    if docs.is_empty() {
        docs.line(format!(
            "Sets the `{}` {} parameter.",
            param.wire_name.replace('`', "'"),
            param.location.as_str()
        ));
    }
    let docs = docs.notes(&param.docs).attrs();
    let deprecated = deprecated_attr(&param.docs);
    let (arg, _) = arg_type(&param.ty, Scope::Requests);
    let ty = type_ref(&param.ty, Scope::Requests);
    quote! {
        #docs
        #deprecated
        #field(#arg): #ty,
    }
}

fn send_fn(
    api: &Api,
    op: &Operation,
    runtime: &syn::Path,
    checker: &Checker<'_>,
    outcome: &Outcome,
) -> TokenStream {
    let info = operation_info(api, op, runtime);
    let encode = encode_args(api, op, runtime, checker, Args::Fields);
    let output = outcome.output_type();
    let decode = outcome.decode_body();
    let name = format_ident!("{}Request", op.type_name);
    // `prepare` and `decode` are `#[inline]`, like every per-operation function, so
    // that an operation is compiled to machine code in the crate that calls it, when it
    // calls it, rather than every operation with the client: a service calling five of a
    // spec's operations builds five. Neither is an async state machine: the only future
    // per operation is the small one the runtime's `execute` returns. What does not
    // depend on the operation (`send`, `send_with_response`, `options`, `IntoFuture`)
    // comes from the runtime's `request!`.
    quote! {
        impl #runtime::Request for #name {
            type Output = #output;

            #[inline]
            fn prepare(self) -> #runtime::Result<#runtime::Call> {
                static OPERATION: #runtime::OperationInfo = #info;
                let mut call = self.__base.call(&OPERATION);
                #encode
                ::core::result::Result::Ok(call)
            }

            #[inline]
            fn decode(received: #runtime::Received) -> #runtime::Result<Self::Output> {
                #decode
            }
        }
    }
}

/// Whether the operation's request is the runtime's `Prepared`: every argument is
/// required, so the request needs no setters and no struct of its own (nor a constant of
/// its own, such as `BODY_MAX_ITEMS`).
pub(crate) fn is_prepared(op: &Operation) -> bool {
    let bytes_body = op
        .body
        .as_ref()
        .is_some_and(|body| body.media == BodyMedia::Bytes && !has_enum(body));
    op.params.iter().all(|param| param.required)
        && op
            .body
            .as_ref()
            .is_none_or(|body| body.required && body.max_items.is_none())
        && !bytes_body
}

/// An operation whose arguments are all required: a marker type implementing the
/// runtime's `Operation`, and the request named as an alias of `Prepared<Marker>`, whose
/// methods (`send`, `options`, `IntoFuture`, …) the runtime writes once for every such
/// operation. The marker's field is visible only to the module around `requests`, where
/// the client's methods make it to build the request.
fn prepared_item(
    api: &Api,
    op: &Operation,
    runtime: &syn::Path,
    checker: &Checker<'_>,
    outcome: &Outcome,
    doc: &str,
) -> TokenStream {
    let name = format_ident!("{}Request", op.type_name);
    let marker = marker_ident(op);
    let marker_doc = format!(
        " The `{}` operation (`{} {}`): how [`{name}`] encodes its arguments and decodes \
         the response.",
        op.id,
        op.method.as_str(),
        op.path.replace('`', "'")
    );
    let (fields, types): (Vec<TokenStream>, Vec<TokenStream>) = required_fields(op, runtime)
        .into_iter()
        .map(|(field, ty)| (Args::Locals.get(&field), ty))
        .unzip();
    // A path parameter the template does not name is not sent (the checks report it).
    let unused = op.params.iter().any(|param| {
        param.location == ParamLocation::Path
            && !op
                .path_parts
                .iter()
                .any(|part| matches!(part, PathPart::Param(wire) if *wire == param.wire_name))
    });
    let allow = unused.then(|| quote!(#[allow(unused_variables)]));
    let info = operation_info(api, op, runtime);
    let encode = encode_args(api, op, runtime, checker, Args::Locals);
    let output = outcome.output_type();
    let decode = outcome.decode_body();
    quote! {
        #[doc = #doc]
        pub type #name = #runtime::Prepared<#marker>;

        #[doc = #marker_doc]
        pub struct #marker(pub(super) ());

        impl #runtime::Operation for #marker {
            type Args = (#(#types,)*);
            type Output = #output;
            const OPERATION: &'static #runtime::OperationInfo = &#info;

            #[inline]
            #allow
            fn encode(
                call: &mut #runtime::Call,
                (#(#fields,)*): Self::Args,
            ) -> #runtime::Result<()> {
                #encode
                ::core::result::Result::Ok(())
            }

            #[inline]
            fn decode(received: #runtime::Received) -> #runtime::Result<Self::Output> {
                #decode
            }
        }
    }
}
