//! `pub mod examples` (the `example_calls` setting): for every operation a function that
//! builds its request from example arguments, `CALLS` to send each one, and `LEFT_OUT`,
//! the operations without one and why.
//!
//! The values are the spec's examples where it gives them (a parameter's or a body's
//! `example`), else the smallest the schemas allow (the `value` module); each is written into the
//! generated code as JSON text and decoded into the argument's Rust type when the
//! function runs (the built value when the spec's example does not decode), so a value
//! the type does not take is an `Error::InvalidInput` naming the operation, not a
//! compile error. Reads only the model, like the other generators.

pub mod answers;
mod pattern;
pub(crate) mod value;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::client::method_ident;
use crate::client::requests::body_type;
use crate::model::{Api, Body, BodyMedia, FormFieldKind, MultipartForm, Operation};
use crate::rust::type_ref::{Scope, ident, runtime_from_child, type_ref};
use crate::settings::Settings;
use value::Builder;

/// One required argument as the example function passes it.
struct ExampleArg {
    /// The argument's name, for the docs.
    name: String,
    /// The value, for the docs (JSON text, or a description of bytes).
    shown: String,
    /// The expression building it.
    expr: TokenStream,
}

/// `pub mod examples`, or nothing when the setting is off.
pub fn examples_module(api: &Api, settings: &Settings) -> TokenStream {
    if !settings.example_calls || settings.types_only || settings.server.is_some() {
        return TokenStream::new();
    }
    let runtime = runtime_from_child(&settings.runtime);
    let builder = Builder::new(api);
    let mut functions = Vec::new();
    let mut calls = Vec::new();
    let mut left_out = Vec::new();
    for op in &api.operations {
        match example_args(&builder, op, &runtime) {
            Ok(args) => {
                let name = method_ident(op);
                calls.push((op.id.clone(), name.clone()));
                functions.push(example_fn(op, &name, &args, &runtime));
            }
            Err(why) => left_out.push((op.id.clone(), why)),
        }
    }
    let call_entries = calls
        .iter()
        .map(|(id, name)| quote!((#id, |client| __send(#name(client)))));
    let left_entries = left_out.iter().map(|(id, why)| quote!((#id, #why)));
    // Deprecated operations (and types) are called too: they are still part of the API.
    quote! {
        #[doc = " Example calls (the `example_calls` setting): for every operation a function"]
        #[doc = " building its request from example arguments, the smallest values the spec's"]
        #[doc = " schemas allow for the required ones; `CALLS` sends each, `LEFT_OUT` names the"]
        #[doc = " operations without one and why. A smoke test of an integration against a"]
        #[doc = " staging server or a mock: `for (id, send) in CALLS { send(&client).await }`."]
        #[allow(deprecated)]
        pub mod examples {
            /// Decodes one example argument into the argument's type from the first of its
            /// JSON texts that decodes: the spec's example (when it gives one), then the
            /// value built from the schema.
            fn __example<T: ::serde::de::DeserializeOwned>(
                operation: &'static str,
                argument: &str,
                texts: &[&str],
            ) -> ::core::result::Result<T, #runtime::Error> {
                let mut last = ::std::string::String::from("no example value");
                for text in texts {
                    match ::serde_json::from_str(text) {
                        ::core::result::Result::Ok(value) => {
                            return ::core::result::Result::Ok(value);
                        }
                        ::core::result::Result::Err(error) => last = error.to_string(),
                    }
                }
                ::core::result::Result::Err(#runtime::Error::InvalidInput {
                    operation,
                    message: ::std::format!(
                        "the example value of `{argument}` does not decode: {last}"
                    ),
                })
            }

            /// Sends a built request; the decoded response is dropped.
            fn __send<R: #runtime::Request>(
                built: ::core::result::Result<R, #runtime::Error>,
            ) -> #runtime::BoxFuture<::core::result::Result<(), #runtime::Error>> {
                let sent = #runtime::execute(
                    built.and_then(<R as #runtime::Request>::prepare),
                    <R as #runtime::Request>::decode,
                );
                ::std::boxed::Box::pin(async move { sent.await.map(|_| ()) })
            }

            /// Sends one example call: `Ok` when the response was a documented success
            /// and decoded.
            pub type ExampleCall = fn(
                &super::Client,
            ) -> #runtime::BoxFuture<::core::result::Result<(), #runtime::Error>>;

            /// Every example call: the `operationId` and the function sending it.
            pub const CALLS: &[(&str, ExampleCall)] = &[#(#call_entries),*];

            /// The operations without an example call: the `operationId` and why no
            /// valid argument could be built.
            pub const LEFT_OUT: &[(&str, &str)] = &[#(#left_entries),*];

            #(#functions)*
        }
    }
}

fn example_fn(
    op: &Operation,
    name: &proc_macro2::Ident,
    args: &[ExampleArg],
    runtime: &syn::Path,
) -> TokenStream {
    let request = format_ident!("{}Request", op.type_name);
    let mut doc = format!(
        " `{}` (`{} {}`) with example arguments",
        op.id,
        op.method.as_str(),
        op.path.replace('`', "'")
    );
    if args.is_empty() {
        doc.push_str(" (it has no required ones).");
    } else {
        doc.push(':');
    }
    let lines = args.iter().map(|arg| {
        let shown: String = arg.shown.chars().take(200).collect();
        format!(" - `{}`: `{}`", arg.name, shown.replace('`', "'"))
    });
    let exprs = args.iter().map(|arg| &arg.expr);
    quote! {
        #[doc = #doc]
        #(#[doc = #lines])*
        pub fn #name(
            client: &super::Client,
        ) -> ::core::result::Result<super::requests::#request, #runtime::Error> {
            ::core::result::Result::Ok(client.#name(#(#exprs),*))
        }
    }
}

/// The required arguments, in the client method's order, or why one has no value.
fn example_args(
    builder: &Builder<'_>,
    op: &Operation,
    runtime: &syn::Path,
) -> Result<Vec<ExampleArg>, String> {
    let id = op.id.as_str();
    let mut args = Vec::new();
    for param in op.params.iter().filter(|param| param.required) {
        let built = builder.value(&param.ty, Some(&param.check)).map_err(|why| {
            format!(
                "{} parameter `{}`: {why}",
                param.location.as_str(),
                param.wire_name
            )
        });
        let ty = type_ref(&param.ty, Scope::Requests);
        args.push(decoded(
            id,
            &param.wire_name,
            param.example.as_ref(),
            built,
            ty,
        )?);
    }
    if let Some(body) = op.body.as_ref().filter(|body| body.required) {
        args.push(body_arg(builder, op, body, runtime)?);
    }
    Ok(args)
}

/// `__example::<T>(id, name, &[texts])?`: the spec's example first, when it gives one,
/// then the value built from the schema; at least one of them.
fn decoded(
    id: &str,
    name: &str,
    spec: Option<&serde_json::Value>,
    built: Result<serde_json::Value, String>,
    ty: TokenStream,
) -> Result<ExampleArg, String> {
    let texts: Vec<String> = spec
        .map(serde_json::Value::to_string)
        .into_iter()
        .chain(match (&built, spec) {
            (Ok(value), _) => Some(value.to_string()),
            (Err(_), Some(_)) => None,
            (Err(why), None) => return Err(why.clone()),
        })
        .collect();
    let literals = texts.iter().map(|text| Literal::string(text));
    Ok(ExampleArg {
        name: name.to_owned(),
        shown: texts.first().cloned().unwrap_or_default(),
        expr: quote!(__example::<#ty>(#id, #name, &[#(#literals),*])?),
    })
}

/// The body argument: the preferred media type's value (the first alternative when the
/// body is documented in several).
fn body_arg(
    builder: &Builder<'_>,
    op: &Operation,
    body: &Body,
    runtime: &syn::Path,
) -> Result<ExampleArg, String> {
    let id = op.id.as_str();
    let why = |what: &str| format!("the request body is {what}, which has no example value");
    let json = |ty: &crate::model::TypeRef, rust: TokenStream| {
        let built = builder
            .value(ty, body.check.as_ref())
            .map_err(|why| format!("the request body: {why}"));
        decoded(id, "body", body.example.as_ref(), built, rust)
    };
    let bytes = || ExampleArg {
        name: "body".into(),
        shown: "example (bytes)".into(),
        expr: quote!(::std::vec::Vec::from(&b"example"[..])),
    };
    let text = || match &body.check {
        _ if body
            .example
            .as_ref()
            .is_some_and(serde_json::Value::is_string) =>
        {
            Ok(body
                .example
                .as_ref()
                .and_then(serde_json::Value::as_str)
                .unwrap_or_default()
                .to_owned())
        }
        Some(check) => builder
            .value(&crate::model::TypeRef::String, Some(check))
            .map(|value| value.as_str().unwrap_or("example").to_owned())
            .map_err(|why| format!("the request body: {why}")),
        None => Ok("example".to_owned()),
    };
    let form = body
        .alternatives
        .first()
        .map_or(body.form.as_ref(), |first| first.form.as_ref());
    if let Some(form) = form {
        return form_arg(builder, id, form, runtime);
    }
    if let Some(first) = body.alternatives.first() {
        let content = crate::client::bodies::enum_type(op, Scope::Requests);
        let variant = ident(&first.variant);
        let mut arg = match first.media {
            BodyMedia::Json | BodyMedia::FormUrlEncoded => {
                json(&first.ty, type_ref(&first.ty, Scope::Requests))?
            }
            BodyMedia::Text => text_arg(text()?),
            BodyMedia::Bytes if crate::client::bodies::is_range(&first.content_type) => {
                return Err(why("raw bytes under a media range"));
            }
            BodyMedia::Bytes => bytes(),
            BodyMedia::Multipart => empty_form(runtime),
        };
        let inner = arg.expr;
        arg.expr = quote!(super::requests::#content::#variant(#inner));
        return Ok(arg);
    }
    match body.media {
        BodyMedia::Json | BodyMedia::FormUrlEncoded => {
            json(&body.ty, body_type(body, Scope::Requests, runtime))
        }
        BodyMedia::Text => Ok(text_arg(text()?)),
        BodyMedia::Bytes => Ok(bytes()),
        BodyMedia::Multipart => Ok(empty_form(runtime)),
    }
}

/// A typed multipart form with its required parts: a small text file for each file, the
/// example value of each other part. The body enum takes the form through `Into`.
fn form_arg(
    builder: &Builder<'_>,
    id: &str,
    form: &MultipartForm,
    runtime: &syn::Path,
) -> Result<ExampleArg, String> {
    let name = format_ident!("{}", form.name);
    let file = quote!(#runtime::FilePart::bytes("example.txt", "text/plain", &b"example"[..]));
    let mut parts = Vec::new();
    let mut shown = Vec::new();
    for field in form.fields.iter().filter(|field| field.required) {
        let wire = field.wire_name.as_str();
        let (expr, text) = match &field.kind {
            FormFieldKind::File => (file.clone(), "a file".to_owned()),
            FormFieldKind::Files => (quote!(::std::vec![#file]), "one file".to_owned()),
            FormFieldKind::Value(ty) => {
                let built = builder
                    .value(ty, None)
                    .map_err(|why| format!("the request body's part `{wire}`: {why}"));
                let arg = decoded(id, wire, None, built, type_ref(ty, Scope::Requests))?;
                (arg.expr, arg.shown)
            }
        };
        parts.push(expr);
        shown.push(format!("{wire}: {text}"));
    }
    Ok(ExampleArg {
        name: "body".into(),
        shown: format!("a multipart form ({})", shown.join(", ")),
        expr: quote!(super::requests::#name::new(#(#parts),*)),
    })
}

/// A text body.
fn text_arg(text: String) -> ExampleArg {
    ExampleArg {
        name: "body".into(),
        expr: quote!(::std::string::String::from(#text)),
        shown: text,
    }
}

/// An untyped multipart body (its schema is not an object, so it names no parts).
fn empty_form(runtime: &syn::Path) -> ExampleArg {
    ExampleArg {
        name: "body".into(),
        shown: "an empty multipart form".into(),
        expr: quote!(#runtime::Multipart::new()),
    }
}

#[cfg(test)]
mod tests;
