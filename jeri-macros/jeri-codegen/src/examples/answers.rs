//! `pub mod examples` of a server (the `example_answers` setting): `ExampleServer`, an
//! implementation of the generated `server::Server` answering every operation with its
//! first documented success (or redirect, when it documents no success), and `LEFT_OUT`,
//! the operations it leaves at `501` and why.
//!
//! Bodies are built as example calls build arguments (the `value` module): the smallest value
//! the schema allows, written into the generated code as JSON text and decoded into the
//! body's Rust type when the method runs; a text that does not decode is a `500` naming
//! the operation, never a panic.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::value::Builder;
use crate::model::{Api, Operation, Response, ResponseMedia, StatusMatch};
use crate::rust::status_variant;
use crate::rust::type_ref::{Scope, type_ref};
use crate::server::{method_signature, response_ident};

/// `pub mod examples` with `ExampleServer`, for a server generated with `runtime`.
pub fn answers_module(api: &Api, runtime: &syn::Path) -> TokenStream {
    let builder = Builder::new(api);
    let mut methods = Vec::new();
    let mut left_out = Vec::new();
    for op in &api.operations {
        match answer(&builder, op) {
            Ok(body) => methods.push(method(op, &body, runtime)),
            Err(why) => left_out.push((op.id.clone(), why)),
        }
    }
    let left_entries = left_out.iter().map(|(id, why)| quote!((#id, #why)));
    quote! {
        #[doc = " An example implementation of [`server::Server`](super::server::Server) (the"]
        #[doc = " `example_answers` setting): every operation answers its first documented"]
        #[doc = " success, its body the smallest value the spec's schemas allow; `LEFT_OUT`"]
        #[doc = " names the operations left at `501 Not Implemented` and why."]
        #[allow(deprecated)]
        pub mod examples {
            /// Answers every operation with an example of its first documented success.
            #[derive(Debug, Clone, Copy, Default)]
            pub struct ExampleServer;

            impl #runtime::Answers for ExampleServer {}

            /// Decodes the example body of `operation`'s answer; a text the type does
            /// not take is a `500` naming the operation.
            fn __body<T: ::serde::de::DeserializeOwned>(
                operation: &'static str,
                text: &str,
            ) -> ::core::result::Result<T, #runtime::Answer> {
                #runtime::serde_json::from_str(text).map_err(|error| {
                    #runtime::Answer::Internal(::std::format!(
                        "the example answer of `{operation}` does not decode: {error}"
                    ))
                })
            }

            impl super::server::Server for ExampleServer {
                #(#methods)*
            }

            /// The operations `ExampleServer` leaves at `501 Not Implemented`: the
            /// `operationId` and why no answer could be built.
            pub const LEFT_OUT: &[(&str, &str)] = &[#(#left_entries),*];
        }
    }
}

/// The response `op` answers with: its first documented `2XX` code, else its first
/// `2XX` range, else `default`, else its first redirect (`3XX` code); or why none.
fn success(op: &Operation) -> Result<&Response, String> {
    let code = |response: &&Response| matches!(response.status, StatusMatch::Code(code) if (200..300).contains(&code));
    let range = |response: &&Response| matches!(response.status, StatusMatch::Range(2));
    let default = |response: &&Response| matches!(response.status, StatusMatch::Default);
    let redirect = |response: &&Response| matches!(response.status, StatusMatch::Code(code) if (300..400).contains(&code));
    let found = op
        .responses
        .iter()
        .find(code)
        .or_else(|| op.responses.iter().find(range))
        .or_else(|| op.responses.iter().find(default))
        .or_else(|| op.responses.iter().find(redirect));
    if let Some(found) = found {
        return Ok(found);
    }
    let upgrade = op
        .responses
        .iter()
        .any(|response| response.status == StatusMatch::Code(101));
    Err(if op.responses.is_empty() {
        "the spec documents no response".to_owned()
    } else if upgrade {
        "it answers `101 Switching Protocols` (a protocol upgrade such as a WebSocket), which a handler performs itself".to_owned()
    } else {
        "no documented success or redirect".to_owned()
    })
}

/// The expression answering `op` (a `Result<Response, Answer>`), or why there is none.
fn answer(builder: &Builder<'_>, op: &Operation) -> Result<TokenStream, String> {
    let response = success(op)?;
    if response.stream.is_some() {
        return Err("its success is a stream, which a handler writes itself".to_owned());
    }
    let name = response_ident(op);
    let variant = status_variant(response.status);
    let status = match response.status {
        StatusMatch::Code(_) => None,
        StatusMatch::Range(hundreds) => Some(hundreds * 100),
        StatusMatch::Default => Some(200),
    };
    let id = op.id.as_str();
    let decoded = match (&response.ty, response.media) {
        (None, _) => None,
        (Some(_), ResponseMedia::Text) => {
            // The text of the value the schema allows (`false` for `type: boolean`).
            let text = match response.check.as_ref() {
                Some(check) => match builder.value(&crate::model::TypeRef::Json, Some(check)) {
                    Ok(serde_json::Value::String(text)) => text,
                    Ok(other) => other.to_string(),
                    Err(why) => {
                        return Err(format!("the `{}` body: {why}", response.status.label()));
                    }
                },
                None => "example".to_owned(),
            };
            Some(quote!(::core::result::Result::Ok(::std::string::String::from(#text))))
        }
        (Some(_), ResponseMedia::Bytes) => Some(quote!(::core::result::Result::Ok(
            ::std::vec::Vec::from(&b"example"[..])
        ))),
        (Some(ty), _) => {
            let value = builder
                .value(ty, response.check.as_ref())
                .map_err(|why| format!("the `{}` body: {why}", response.status.label()))?;
            let text = Literal::string(&value.to_string());
            let rust = type_ref(ty, Scope::Requests);
            Some(quote!(__body::<#rust>(#id, #text)))
        }
    };
    let response = quote!(super::server::#name::#variant);
    Ok(match (status, decoded) {
        (None, None) => quote!(::core::result::Result::Ok(#response)),
        (None, Some(decoded)) => quote!(#decoded.map(#response)),
        (Some(status), None) => quote!(::core::result::Result::Ok(#response { status: #status })),
        (Some(status), Some(decoded)) => {
            quote!(#decoded.map(|body| #response { status: #status, body }))
        }
    })
}

fn method(op: &Operation, body: &TokenStream, runtime: &syn::Path) -> TokenStream {
    let signature = method_signature(op, runtime, &quote!(super::server::));
    quote! {
        #signature {
            let _ = request;
            async move { #body }
        }
    }
}
