//! Encoding an operation's arguments into a call: the body of its `prepare`, shared by
//! request structs (arguments in fields) and prepared requests (arguments in a tuple).

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use crate::client::bodies::{self, default_bytes_type, has_enum, is_range, media_call};
use crate::model::Check;
use crate::model::{
    Api, Body, BodyMedia, Limit, Operation, Param, ParamLocation, ParamStyle, PathPart,
    SecurityKind, TypeRef,
};
use crate::rust::checks::Checker;
use crate::rust::type_ref::{ident, unraw};

/// Where the code that encodes the arguments finds them.
#[derive(Clone, Copy)]
pub(crate) enum Args {
    /// Fields of the request struct: `self.name`.
    Fields,
    /// Local bindings of the same names, taken out of the arguments tuple.
    Locals,
}

impl Args {
    /// The argument of that field name: `self.name`, or the local `arg_name` (prefixed so
    /// that no parameter's name can be taken for a local of `prepare`, such as `call`).
    pub(crate) fn get(self, name: &Ident) -> TokenStream {
        match self {
            Args::Fields => quote!(self.#name),
            Args::Locals => {
                let local = format_ident!("arg_{}", unraw(&name.to_string()));
                quote!(#local)
            }
        }
    }
}

/// The field (and setter, and argument) name of a parameter.
pub(crate) fn param_ident(param: &Param) -> Ident {
    let name = unraw(&param.rust_name);
    if crate::rust::reserved::REQUEST_NAMES.contains(&name) {
        format_ident!("{}_param", name)
    } else {
        ident(&param.rust_name)
    }
}

/// The operation's `OperationInfo` value: id, method, path template and security.
pub(crate) fn operation_info(api: &Api, op: &Operation, runtime: &syn::Path) -> TokenStream {
    let id = &op.id;
    let path = &op.path;
    let method = format_ident!("{}", op.method.variant());
    let security = security(api, op, runtime);
    quote! {
        #runtime::OperationInfo {
            id: #id,
            method: #runtime::Method::#method,
            path: #path,
            security: #security,
        }
    }
}

/// The statements that encode every argument into `call`: the path, the other
/// parameters, the body and the `Accept` header.
pub(crate) fn encode_args(
    api: &Api,
    op: &Operation,
    runtime: &syn::Path,
    checker: &Checker<'_>,
    args: Args,
) -> TokenStream {
    let limit_checks = op.params.iter().map(|param| limit_checks(param, args));
    let path_calls = path_calls(op, args);
    let other_calls = op
        .params
        .iter()
        .filter(|param| param.location != ParamLocation::Path)
        .map(|param| param_call(param, args));
    let check = body_check(op)
        .map(|check| checker.check(check))
        .filter(|code| !code.is_empty());
    let body_call = op.body.as_ref().map(|body| {
        let set = |value: TokenStream| {
            if has_enum(body) {
                return bodies::enum_send(api, op, body, value, runtime);
            }
            let setter = body_setter_call(body, value.clone(), args);
            match &check {
                Some(code) => quote! {
                    call.check_body(#value, |v, p| { #code })?;
                    #setter
                },
                None => setter,
            }
        };
        let field = args.get(&format_ident!("body"));
        if body.required {
            set(quote!(&#field))
        } else {
            let inner = set(quote!(body));
            quote! {
                if let ::core::option::Option::Some(body) = &#field {
                    #inner
                }
            }
        }
    });
    let accept_call = accept_call(op);
    let stream_call = crate::client::streams::stream_call(op);
    quote! {
        #(#limit_checks)*
        #path_calls
        #(#other_calls)*
        #body_call
        #accept_call
        #stream_call
    }
}

/// The rules a body is checked against before it is sent: those of a JSON or form body
/// documented in one media type (a body sent as one of several is checked by the server
/// alone, as are text, bytes and multipart bodies).
pub(crate) fn body_check(op: &Operation) -> Option<&Check> {
    let body = op.body.as_ref()?;
    let checked = matches!(body.media, BodyMedia::Json | BodyMedia::FormUrlEncoded);
    (checked && !has_enum(body)).then_some(body.check.as_ref())?
}

/// The `call.check_limit(..)` statements for a parameter's [`Limit`]s that apply to its
/// type (bounds to numbers, lengths to strings, item counts to arrays); an optional
/// parameter is checked when set.
fn limit_checks(param: &Param, args: Args) -> TokenStream {
    let wire = &param.wire_name;
    let value = quote!(value);
    let checks: Vec<TokenStream> = param
        .limits
        .iter()
        .filter_map(|limit| {
            let (measured, within, words) = limit_check(limit, &value)?;
            Some(quote!(call.check_limit(#wire, #measured, #within, #words)?;))
        })
        .collect();
    if checks.is_empty() {
        return TokenStream::new();
    }
    let field = args.get(&param_ident(param));
    if param.required {
        quote! {
            {
                let value = &#field;
                #(#checks)*
            }
        }
    } else {
        quote! {
            if let ::core::option::Option::Some(value) = &#field {
                #(#checks)*
            }
        }
    }
}

const CHARACTERS: [&str; 2] = ["character long", "characters long"];
const ITEMS: [&str; 2] = ["item", "items"];

/// What one limit measures of `value` (a reference; the measure is one too), the
/// comparison, and the limit in words; `None` for a bound that is not a finite number.
/// The build stage keeps only the limits that fit the parameter's type.
fn limit_check(limit: &Limit, value: &TokenStream) -> Option<(TokenStream, TokenStream, String)> {
    let shown = |bound: f64| {
        if bound.fract() == 0.0 && bound.abs() < 1e15 {
            format!("{}", bound as i64)
        } else {
            bound.to_string()
        }
    };
    let bound_check = |bound: f64, strict: bool, below: bool| {
        let literal = Literal::f64_unsuffixed(bound);
        let (within, words) = match (below, strict) {
            (false, true) => (quote!((*#value as f64) > #literal), "greater than"),
            (false, false) => (quote!((*#value as f64) >= #literal), "at least"),
            (true, true) => (quote!((*#value as f64) < #literal), "less than"),
            (true, false) => (quote!((*#value as f64) <= #literal), "at most"),
        };
        (quote!(#value), within, format!("{words} {}", shown(bound)))
    };
    let count_check = |measured: TokenStream, n: usize, below: bool, unit: [&str; 2]| {
        let literal = Literal::usize_unsuffixed(n);
        let (within, words) = if below {
            (quote!(#measured <= #literal), "at most")
        } else {
            (quote!(#measured >= #literal), "at least")
        };
        let unit = if n == 1 { unit[0] } else { unit[1] };
        (quote!(&#measured), within, format!("{words} {n} {unit}"))
    };
    let chars = quote!(#value.chars().count());
    let items = quote!(#value.len());
    Some(match *limit {
        Limit::Minimum { bound, exclusive } if bound.is_finite() => {
            bound_check(bound, exclusive, false)
        }
        Limit::Maximum { bound, exclusive } if bound.is_finite() => {
            bound_check(bound, exclusive, true)
        }
        Limit::Minimum { .. } | Limit::Maximum { .. } => return None,
        Limit::MinLength(n) => count_check(chars, n, false, CHARACTERS),
        Limit::MaxLength(n) => count_check(chars, n, true, CHARACTERS),
        Limit::MinItems(n) => count_check(items, n, false, ITEMS),
        Limit::MaxItems(n) => count_check(items, n, true, ITEMS),
        Limit::Listed(ref values) => {
            let listed: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
            let words = format!("one of {}", listed.join(", "));
            (quote!(#value), quote!(!#value.is_unknown()), words)
        }
    })
}

/// The statements that append the path. When the template is plain (its parameters
/// are all declared, and parsing it gives back its text), one `call.path_params(..)`
/// walks the operation's template at run time with the values in template order;
/// otherwise each piece is appended by itself.
fn path_calls(op: &Operation, args: Args) -> TokenStream {
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
                        let value = args.get(&field);
                        values.push(quote!(&#value));
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
            Some(param) => param_call(param, args),
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
fn body_setter_call(body: &Body, value: TokenStream, args: Args) -> TokenStream {
    let content_type = args.get(&format_ident!("content_type"));
    if body.media != BodyMedia::Bytes {
        return media_call(body.media, &body.content_type, value);
    }
    let default = default_bytes_type(body);
    if is_range(&body.content_type) {
        let range = body.content_type.as_str();
        quote! {
            match &#content_type {
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
                #content_type.as_deref().unwrap_or(#default),
            )?;
        }
    }
}

/// The `call.*` statement that sends one parameter. Exploded `form` query arrays repeat
/// the key; other arrays are joined with the style's delimiter (`,` for `simple` and
/// unexploded `form`, space, `|`). Structured values go through the runtime's encoders.
fn param_call(param: &Param, args: Args) -> TokenStream {
    let field = param_ident(param);
    let value = args.get(&field);
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
        send(quote!(&#value))
    } else if param.location == ParamLocation::Query && !param.structured && !is_array {
        quote!(call.query_optional(#wire, &#value);)
    } else {
        let inner = send(quote!(value));
        quote! {
            if let ::core::option::Option::Some(value) = &#value {
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
