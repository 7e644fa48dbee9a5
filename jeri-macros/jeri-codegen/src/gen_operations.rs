//! `pub mod requests`: one request value per operation, sent through the runtime.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use crate::gen_bodies::{self, default_bytes_type, has_enum, is_range, media_call};
use crate::gen_docs::{DocText, deprecated_attr};
use crate::gen_responses::Outcome;
use crate::gen_type_ref::{Scope, arg_type, ident, type_ref, unraw};
use crate::model::{
    Api, Body, BodyMedia, Method, Operation, Param, ParamLocation, ParamStyle, PathPart,
    SecurityKind, TypeRef,
};

/// `#[allow(deprecated)]` for code that names the spec's types, when one of them is
/// deprecated: the warning belongs at the user's uses, not inside generated code.
pub(crate) fn allow_deprecated_types(api: &Api) -> TokenStream {
    if api.types.iter().any(|def| def.docs.deprecated) {
        quote!(#[allow(deprecated)])
    } else {
        TokenStream::new()
    }
}

/// `pub mod requests`: one request value per operation, calling `runtime`.
pub(crate) fn requests_module(api: &Api, runtime: &syn::Path) -> TokenStream {
    let allow = allow_deprecated_types(api);
    let items = api
        .operations
        .iter()
        .map(|op| request_item(api, op, runtime));
    quote! {
        #[doc = " One request value per operation: holds the arguments, setters for optional"]
        #[doc = " ones, `send()` and `IntoFuture`."]
        #allow
        pub mod requests {
            #(#items)*
        }
    }
}

/// Names the request struct uses for itself; a parameter with one of them gets a suffix.
const RESERVED: &[&str] = &[
    "transport",
    "options",
    "send",
    "send_with_response",
    "send_streaming",
    "into_call",
    "new",
    "into_future",
    "body",
    "content_type",
];

/// The Rust type of a request body, as seen from `scope`.
pub(crate) fn body_type(body: &Body, scope: Scope, runtime: &syn::Path) -> TokenStream {
    match body.media {
        BodyMedia::Multipart => quote!(#runtime::Multipart),
        _ => type_ref(&body.ty, scope),
    }
}

/// The field (and setter, and argument) name of a parameter.
pub(crate) fn param_ident(param: &Param) -> Ident {
    let name = unraw(&param.rust_name);
    if RESERVED.contains(&name) {
        format_ident!("{}_param", name)
    } else {
        ident(&param.rust_name)
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
            let ty = gen_bodies::enum_type(op, scope);
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
    quote!(self::requests::#name::new(&self.transport, #(#values),*))
}

fn request_item(api: &Api, op: &Operation, runtime: &syn::Path) -> TokenStream {
    let name = format_ident!("{}Request", op.type_name);
    let doc = format!(
        " Request for `{}` (`{} {}`), built by the client; send it with `.await`.",
        op.id,
        method_name(op.method),
        op.path.replace('`', "'")
    );
    let outcome = Outcome::new(op);
    let output = outcome.output_type();
    let response_enum = outcome.response_enum();

    let body_ty = |body: &Body| {
        if has_enum(body) {
            gen_bodies::enum_type(op, Scope::Requests)
        } else {
            body_type(body, Scope::Requests, runtime)
        }
    };
    let required = op
        .params
        .iter()
        .filter(|param| param.required)
        .map(|param| {
            let field = param_ident(param);
            let ty = type_ref(&param.ty, Scope::Requests);
            quote!(#field: #ty,)
        })
        .chain(op.body.as_ref().filter(|body| body.required).map(|body| {
            let ty = body_ty(body);
            quote!(body: #ty,)
        }));
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
        let ty = body_ty(body);
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
    let body_items = op
        .body
        .as_ref()
        .filter(|body| has_enum(body))
        .map(|body| gen_bodies::body_items(api, op, body, runtime));
    let send = send_fn(api, op, runtime, &outcome);

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
            location_name(param.location)
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

fn send_fn(api: &Api, op: &Operation, runtime: &syn::Path, outcome: &Outcome) -> TokenStream {
    let id = &op.id;
    let path = &op.path;
    let method = format_ident!("{}", method_variant(op.method));
    let security = security(api, op, runtime);
    let accept_call = accept_call(op);
    let path_calls = path_calls(op);
    let other_calls = op
        .params
        .iter()
        .filter(|param| param.location != ParamLocation::Path)
        .map(param_call);
    let body_call = op.body.as_ref().map(|body| {
        let set = |value: TokenStream| {
            if has_enum(body) {
                gen_bodies::enum_send(api, op, body, value, runtime)
            } else {
                body_setter_call(body, value)
            }
        };
        if body.required {
            set(quote!(&self.body))
        } else {
            let inner = set(quote!(body));
            quote! {
                if let ::core::option::Option::Some(body) = &self.body {
                    #inner
                }
            }
        }
    });
    let output = outcome.output_type();
    let arms = outcome.match_arms();
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
                static OPERATION: #runtime::OperationInfo = #runtime::OperationInfo {
                    id: #id,
                    method: #runtime::Method::#method,
                    path: #path,
                    security: #security,
                };
                let mut call = self.__base.call(&OPERATION);
                #path_calls
                #(#other_calls)*
                #body_call
                #accept_call
                ::core::result::Result::Ok(call)
            }

            #[inline]
            fn decode(received: #runtime::Received) -> #runtime::Result<Self::Output> {
                match received.status() {
                    #arms
                }
            }
        }
    }
}

/// The statements that append the path. When the template is plain (its parameters
/// are all declared, and parsing it gives back its text), one `call.path_params(..)`
/// walks the operation's template at run time with the values in template order;
/// otherwise each piece is appended by itself.
fn path_calls(op: &Operation) -> TokenStream {
    let param = |wire: &str| {
        op.params
            .iter()
            .find(|param| param.location == ParamLocation::Path && param.wire_name == wire)
    };
    let mut text = String::new();
    let mut values = Vec::new();
    let mut plain = true;
    for part in &op.path_parts {
        match part {
            PathPart::Literal(literal) => text.push_str(literal),
            PathPart::Param(wire) => {
                text.push_str(&format!("{{{wire}}}"));
                match param(wire) {
                    Some(param) if is_plain_path_value(param) => {
                        let field = param_ident(param);
                        values.push(quote!(&self.#field));
                    }
                    _ => plain = false,
                }
            }
        }
    }
    if plain && text == op.path {
        if values.is_empty() {
            let path = &op.path;
            return quote!(call.path_literal(#path););
        }
        return quote!(call.path_params(&[#(#values),*])?;);
    }
    let calls = op.path_parts.iter().map(|part| match part {
        PathPart::Literal(text) => quote!(call.path_literal(#text);),
        PathPart::Param(wire) => match param(wire) {
            Some(param) => param_call(param),
            // The checks stage reports a template name without a parameter; send it as
            // written rather than invent a value.
            None => {
                let text = format!("{{{wire}}}");
                quote!(call.path_literal(#text);)
            }
        },
    });
    quote!(#(#calls)*)
}

/// Whether a path parameter is sent as one value's text (required, and not an array or
/// a structured value, which [`param_call`] encodes).
fn is_plain_path_value(param: &Param) -> bool {
    param.required && !param.structured && !matches!(param.ty, TypeRef::Array(_))
}

/// `call.accept(..)` with the media types of the operation's documented responses, in
/// the order documented, when they are not just JSON (the runtime's default `Accept`):
/// a server that negotiates then answers in the media type the decoder reads.
fn accept_call(op: &Operation) -> TokenStream {
    let mut media: Vec<&str> = Vec::new();
    for accept in op.responses.iter().flat_map(|r| &r.accept) {
        let valid = !accept.is_empty() && accept.bytes().all(|b| (b' '..=b'~').contains(&b));
        if valid && !media.iter().any(|known| known.eq_ignore_ascii_case(accept)) {
            media.push(accept);
        }
    }
    match media.as_slice() {
        [] => TokenStream::new(),
        [only] if only.eq_ignore_ascii_case("application/json") => TokenStream::new(),
        _ => {
            let value = media.join(", ");
            quote!(call.accept(#value);)
        }
    }
}

/// The `call.*` statement that sets a single-media body from `value` (a reference). A
/// bytes body goes out as the media type the caller set, which must lie within the
/// spec's range when it names one, or else as the spec's.
fn body_setter_call(body: &Body, value: TokenStream) -> TokenStream {
    if body.media != BodyMedia::Bytes {
        return media_call(body.media, &body.content_type, value);
    }
    let default = default_bytes_type(body);
    if is_range(&body.content_type) {
        let range = body.content_type.as_str();
        quote! {
            match &self.content_type {
                ::core::option::Option::Some(content_type) => {
                    call.bytes_body_within(#value, content_type, #range)?;
                }
                ::core::option::Option::None => call.bytes_body_as(#value, #default)?,
            }
        }
    } else {
        quote! {
            call.bytes_body_as(
                #value,
                self.content_type.as_deref().unwrap_or(#default),
            )?;
        }
    }
}

/// The `call.*` statement that sends one parameter. Exploded `form` query arrays repeat
/// the key; other arrays are joined with the style's delimiter (`,` for `simple` and
/// unexploded `form`, space, `|`). Structured values go through the runtime's encoders.
fn param_call(param: &Param) -> TokenStream {
    let field = param_ident(param);
    let wire = &param.wire_name;
    let is_array = matches!(param.ty, TypeRef::Array(_));
    let send_one = |value: TokenStream| match param.location {
        ParamLocation::Path => quote!(call.path_param(#wire, #value)?;),
        ParamLocation::Header => quote!(call.header(#wire, #value)?;),
        ParamLocation::Query => quote!(call.query(#wire, #value);),
        ParamLocation::Cookie => quote!(call.cookie(#wire, #value)?;),
    };
    let repeat = param.location == ParamLocation::Query
        && param.style == (ParamStyle::Form { explode: true });
    let delimiter = match param.style {
        ParamStyle::SpaceDelimited => " ",
        ParamStyle::PipeDelimited => "|",
        _ => ",",
    };
    let send = |values: TokenStream| match (param.structured, param.style) {
        (true, ParamStyle::Json) => match param.location {
            ParamLocation::Query => quote!(call.query_json(#wire, #values)?;),
            _ => {
                let one = send_one(quote!(&text));
                quote! {
                    let text = call.json_text(#wire, #values)?;
                    #one
                }
            }
        },
        (true, ParamStyle::DeepObject) => quote!(call.query_deep_object(#wire, #values)?;),
        (true, _) => quote!(call.query_exploded(#wire, #values)?;),
        (false, _) if !is_array => send_one(values),
        (false, _) if repeat => {
            let one = send_one(quote!(value));
            quote!(for value in #values { #one })
        }
        (false, _) => {
            let one = send_one(quote!(&joined));
            quote! {
                let joined = ::core::iter::IntoIterator::into_iter(#values)
                    .map(::std::string::ToString::to_string)
                    .collect::<::std::vec::Vec<_>>()
                    .join(#delimiter);
                #one
            }
        }
    };
    if param.required {
        send(quote!(&self.#field))
    } else if param.location == ParamLocation::Query && !param.structured && !is_array {
        quote!(call.query_optional(#wire, &self.#field);)
    } else {
        let inner = send(quote!(value));
        quote! {
            if let ::core::option::Option::Some(value) = &self.#field {
                #inner
            }
        }
    }
}

/// `&[&[..], ..]`: the security alternatives. An alternative naming a scheme the runtime
/// cannot apply is left out, since the client could never satisfy it.
fn security(api: &Api, op: &Operation, runtime: &syn::Path) -> TokenStream {
    let alternatives = op.security.iter().filter_map(|alternative| {
        let requirements = alternative
            .iter()
            .map(|name| {
                let scheme = api.security_schemes.iter().find(|s| &s.name == name)?;
                let name = name.as_str();
                Some(match &scheme.kind {
                    SecurityKind::ApiKeyHeader(header) => quote!(
                        #runtime::SecurityRequirement::ApiKeyHeader { scheme: #name, header: #header }
                    ),
                    SecurityKind::ApiKeyQuery(query) => quote!(
                        #runtime::SecurityRequirement::ApiKeyQuery { scheme: #name, parameter: #query }
                    ),
                    SecurityKind::ApiKeyCookie(cookie) => quote!(
                        #runtime::SecurityRequirement::ApiKeyCookie { scheme: #name, cookie: #cookie }
                    ),
                    SecurityKind::Bearer => {
                        quote!(#runtime::SecurityRequirement::Bearer { scheme: #name })
                    }
                    SecurityKind::Basic => {
                        quote!(#runtime::SecurityRequirement::Basic { scheme: #name })
                    }
                    SecurityKind::Authorization(_) => {
                        quote!(#runtime::SecurityRequirement::Authorization { scheme: #name })
                    }
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(quote!(&[#(#requirements),*]))
    });
    quote!(&[#(#alternatives),*])
}

fn location_name(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}

/// `GET`, `POST`, ...
pub(crate) fn method_name(method: Method) -> &'static str {
    match method {
        Method::Get => "GET",
        Method::Put => "PUT",
        Method::Post => "POST",
        Method::Delete => "DELETE",
        Method::Options => "OPTIONS",
        Method::Head => "HEAD",
        Method::Patch => "PATCH",
        Method::Trace => "TRACE",
    }
}

fn method_variant(method: Method) -> &'static str {
    match method {
        Method::Get => "Get",
        Method::Put => "Put",
        Method::Post => "Post",
        Method::Delete => "Delete",
        Method::Options => "Options",
        Method::Head => "Head",
        Method::Patch => "Patch",
        Method::Trace => "Trace",
    }
}
