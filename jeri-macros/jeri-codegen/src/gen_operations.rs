//! `pub mod requests`: one request value per operation, sent through the runtime.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use crate::gen_docs::{DocText, deprecated_attr};
use crate::gen_responses::Outcome;
use crate::gen_type_ref::{Scope, ident, type_ref, unraw};
use crate::model::{
    Api, BodyMedia, Method, Operation, Param, ParamLocation, PathPart, SecurityKind, TypeRef,
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
    "into_call",
    "new",
    "into_future",
    "body",
];

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

/// The required arguments, body last, with types as seen from `scope`.
pub(crate) fn required_args(op: &Operation, scope: Scope) -> Vec<Arg> {
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
        args.push(Arg {
            name: format_ident!("body"),
            ty: type_ref(&body.ty, scope),
            into: false,
        });
    }
    args
}

/// Strings are taken as `impl Into<String>`; everything else as is.
fn arg_type(ty: &TypeRef, scope: Scope) -> (TokenStream, bool) {
    match ty {
        TypeRef::String => (
            quote!(impl ::core::convert::Into<::std::string::String>),
            true,
        ),
        other => (type_ref(other, scope), false),
    }
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

    let param_fields = op.params.iter().map(|param| {
        let field = param_ident(param);
        let ty = type_ref(&param.ty, Scope::Requests);
        if param.required {
            quote!(#field: #ty,)
        } else {
            quote!(#field: ::core::option::Option<#ty>,)
        }
    });
    let body_field = op.body.as_ref().map(|body| {
        let ty = type_ref(&body.ty, Scope::Requests);
        if body.required {
            quote!(body: #ty,)
        } else {
            quote!(body: ::core::option::Option<#ty>,)
        }
    });

    let args = required_args(op, Scope::Requests);
    let arg_decls = args.iter().map(|Arg { name, ty, .. }| quote!(#name: #ty));
    let inits = op
        .params
        .iter()
        .map(|param| (param_ident(param), param.required))
        .chain(
            op.body
                .as_ref()
                .map(|body| (format_ident!("body"), body.required)),
        )
        .map(|(field, required)| {
            let into = args.iter().any(|arg| arg.name == field && arg.into);
            match (required, into) {
                (true, true) => quote!(#field: ::core::convert::Into::into(#field),),
                (true, false) => quote!(#field,),
                (false, _) => quote!(#field: ::core::option::Option::None,),
            }
        });
    let many_args = (args.len() > 6).then(|| quote!(#[allow(clippy::too_many_arguments)]));

    let max_items = op.body.as_ref().and_then(|body| body.max_items).map(|max| {
        let max = Literal::u64_unsuffixed(max);
        quote! {
            #[doc = " The most items the body may hold; split longer lists across calls."]
            pub const BODY_MAX_ITEMS: usize = #max;
        }
    });
    let setters = op
        .params
        .iter()
        .filter(|param| !param.required)
        .map(param_setter);
    let body_setter = op.body.as_ref().filter(|body| !body.required).map(|body| {
        let ty = type_ref(&body.ty, Scope::Requests);
        let mut docs = DocText::from_docs(&body.docs);
        if docs.is_empty() {
            docs.line("Sets the request body.");
        }
        let docs = docs.assumptions(&body.docs).attrs();
        quote! {
            #docs
            pub fn body(mut self, value: #ty) -> Self {
                self.body = ::core::option::Option::Some(value);
                self
            }
        }
    });
    let send = send_fn(api, op, runtime, &outcome);

    quote! {
        #response_enum

        #[doc = #doc]
        #[derive(::core::fmt::Debug, ::core::clone::Clone)]
        #[must_use = "a request does nothing until it is sent or awaited"]
        pub struct #name {
            transport: #runtime::Transport,
            options: #runtime::CallOptions,
            #(#param_fields)*
            #body_field
        }

        impl #name {
            #max_items

            #many_args
            pub(crate) fn new(transport: #runtime::Transport, #(#arg_decls),*) -> Self {
                Self {
                    transport,
                    options: ::core::default::Default::default(),
                    #(#inits)*
                }
            }

            #(#setters)*
            #body_setter

            #[doc = " Per-call options (retries, timeout) for this request."]
            pub fn options(mut self, options: #runtime::CallOptions) -> Self {
                self.options = options;
                self
            }

            #send
        }

        impl ::core::future::IntoFuture for #name {
            type Output = ::core::result::Result<#output, #runtime::Error>;
            type IntoFuture = #runtime::BoxFuture<Self::Output>;

            fn into_future(self) -> Self::IntoFuture {
                self.send()
            }
        }
    }
}

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
    let docs = docs.assumptions(&param.docs).attrs();
    let deprecated = deprecated_attr(&param.docs);
    let (ty, into) = arg_type(&param.ty, Scope::Requests);
    let value = if into {
        quote!(::core::convert::Into::into(value))
    } else {
        quote!(value)
    };
    quote! {
        #docs
        #deprecated
        pub fn #field(mut self, value: #ty) -> Self {
            self.#field = ::core::option::Option::Some(#value);
            self
        }
    }
}

fn send_fn(api: &Api, op: &Operation, runtime: &syn::Path, outcome: &Outcome) -> TokenStream {
    let id = &op.id;
    let path = &op.path;
    let method = format_ident!("{}", method_variant(op.method));
    let security = security(api, op, runtime);
    let path_calls = op.path_parts.iter().map(|part| match part {
        PathPart::Literal(text) => quote!(call.path_literal(#text);),
        PathPart::Param(wire) => match op
            .params
            .iter()
            .find(|param| param.location == ParamLocation::Path && &param.wire_name == wire)
        {
            Some(param) => param_call(param),
            // The checks stage reports a template name without a parameter; send it as
            // written rather than invent a value.
            None => {
                let text = format!("{{{wire}}}");
                quote!(call.path_literal(#text);)
            }
        },
    });
    let other_calls = op
        .params
        .iter()
        .filter(|param| param.location != ParamLocation::Path)
        .map(param_call);
    let body_call = op.body.as_ref().map(|body| {
        let setter = match body.media {
            BodyMedia::Json => format_ident!("json_body"),
            BodyMedia::FormUrlEncoded => format_ident!("form_body"),
            BodyMedia::OctetStream => format_ident!("bytes_body"),
            BodyMedia::Text => format_ident!("text_body"),
        };
        if body.required {
            quote!(call.#setter(&request.body)?;)
        } else {
            quote! {
                if let ::core::option::Option::Some(body) = &request.body {
                    call.#setter(body)?;
                }
            }
        }
    });
    let output = outcome.output_type();
    let arms = outcome.match_arms();
    let name = format_ident!("{}Request", op.type_name);
    // `prepare` and `decode` are plain functions nested in `into_call`, not methods: a
    // method could clash with a parameter's setter, and neither is an async state machine,
    // so the only future per operation is the small one `execute` returns.
    quote! {
        #[doc = " Sends the request and decodes the response."]
        #[doc = ""]
        #[doc = " The arguments are encoded now; an argument that cannot be sent fails the"]
        #[doc = " returned future with `Error::InvalidInput` and nothing is sent. The request"]
        #[doc = " goes out when the future is awaited. The future is boxed and owns what it"]
        #[doc = " needs, so it can be stored or spawned; awaiting the request itself"]
        #[doc = " (`IntoFuture`) returns this same future."]
        pub fn send(self) -> #runtime::BoxFuture<::core::result::Result<#output, #runtime::Error>> {
            let (call, decode) = self.into_call();
            #runtime::execute(call, decode)
        }

        #[doc = " Like [`send`](Self::send), also keeping the response's HTTP status and"]
        #[doc = " headers (request ids, rate limits) next to the decoded value."]
        #[inline]
        pub fn send_with_response(
            self,
        ) -> #runtime::BoxFuture<::core::result::Result<#runtime::ResponseValue<#output>, #runtime::Error>> {
            let (call, decode) = self.into_call();
            #runtime::execute_with_response(call, decode)
        }

        #[allow(clippy::type_complexity)]
        fn into_call(
            self,
        ) -> (
            ::core::result::Result<#runtime::Call, #runtime::Error>,
            fn(#runtime::Received) -> ::core::result::Result<#output, #runtime::Error>,
        ) {
            fn prepare(request: #name) -> ::core::result::Result<#runtime::Call, #runtime::Error> {
                static OPERATION: #runtime::OperationInfo = #runtime::OperationInfo {
                    id: #id,
                    method: #runtime::Method::#method,
                    path: #path,
                    security: #security,
                };
                let mut call = #runtime::Call::new(&request.transport, &OPERATION, request.options);
                #(#path_calls)*
                #(#other_calls)*
                #body_call
                ::core::result::Result::Ok(call)
            }
            fn decode(received: #runtime::Received) -> ::core::result::Result<#output, #runtime::Error> {
                match received.status() {
                    #arms
                }
            }
            (prepare(self), decode)
        }
    }
}

/// The `call.*` statement that sends one parameter. Query arrays repeat the key; path and
/// header arrays are joined with commas (OpenAPI's `simple` style).
fn param_call(param: &Param) -> TokenStream {
    let field = param_ident(param);
    let wire = &param.wire_name;
    let is_array = matches!(param.ty, TypeRef::Array(_));
    let send_one = |value: TokenStream| match param.location {
        ParamLocation::Path => quote!(call.path_param(#wire, #value)?;),
        ParamLocation::Header => quote!(call.header(#wire, #value)?;),
        ParamLocation::Query => quote!(call.query(#wire, #value);),
    };
    let send = |values: TokenStream| match (is_array, param.location) {
        (false, _) => send_one(values),
        (true, ParamLocation::Query) => {
            let one = send_one(quote!(value));
            quote!(for value in #values { #one })
        }
        (true, _) => {
            let one = send_one(quote!(&joined));
            quote! {
                let joined = ::core::iter::IntoIterator::into_iter(#values)
                    .map(::std::string::ToString::to_string)
                    .collect::<::std::vec::Vec<_>>()
                    .join(",");
                #one
            }
        }
    };
    if param.required {
        send(quote!(&request.#field))
    } else {
        let inner = send(quote!(value));
        quote! {
            if let ::core::option::Option::Some(value) = &request.#field {
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
                Some(match &scheme.kind {
                    SecurityKind::ApiKeyHeader(header) => {
                        quote!(#runtime::SecurityRequirement::ApiKeyHeader(#header))
                    }
                    SecurityKind::ApiKeyQuery(query) => {
                        quote!(#runtime::SecurityRequirement::ApiKeyQuery(#query))
                    }
                    SecurityKind::Bearer => quote!(#runtime::SecurityRequirement::Bearer),
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
