//! Server mode: the response enum of an operation (one variant per documented status),
//! how each variant is written (JSON serialized; text and bytes as they are, under the
//! documented media type; Server-Sent Events as the handler's stream yields them), and
//! its `WithStatus` impls.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::model::{Operation, Response, ResponseMedia, StatusMatch, StreamKind, TypeRef};
use crate::rust::docs::inline_text;
use crate::rust::status_variant;
use crate::rust::type_ref::{Scope, type_ref};

/// The response enum of `op`, named `name`, with its `IntoResponse` and `WithStatus` impls.
pub(crate) fn response_enum(op: &Operation, name: &Ident, runtime: &syn::Path) -> TokenStream {
    let doc = format!(" The documented responses of `{}`.", op.id);
    let variants = op.responses.iter().map(|response| {
        let variant = status_variant(response.status);
        // Bodies other than JSON are sent under their documented media type; say which.
        let media = match (response.media, &response.content_type) {
            (ResponseMedia::Text | ResponseMedia::Bytes, Some(media)) => {
                format!(" (`{}`)", media.replace('`', "'"))
            }
            _ => String::new(),
        };
        let doc = format!(
            " `{}`{media}: {}",
            response.status.label(),
            inline_text(&response.description)
        );
        let doc = doc.trim_end().to_owned();
        let ty = match events_item(response) {
            Some(item) => {
                let item = type_ref(item, Scope::Requests);
                Some(quote!(#runtime::Events<#item>))
            }
            None => response.ty.as_ref().map(|ty| type_ref(ty, Scope::Requests)),
        };
        match (response.status, ty) {
            (StatusMatch::Code(_), Some(ty)) => quote!(#[doc = #doc] #variant(#ty),),
            (StatusMatch::Code(_), None) => quote!(#[doc = #doc] #variant,),
            (_, Some(ty)) => quote! {
                #[doc = #doc]
                #variant {
                    /// The status to answer with, within the documented ones.
                    status: u16,
                    /// The body.
                    body: #ty,
                },
            },
            (_, None) => quote! {
                #[doc = #doc]
                #variant {
                    /// The status to answer with, within the documented ones.
                    status: u16,
                },
            },
        }
    });
    let arms = op.responses.iter().map(|response| {
        let variant = status_variant(response.status);
        let content_type = response.content_type.as_deref().unwrap_or_default();
        // JSON is serialized; text and bytes are sent as they are, under the documented
        // media type.
        let write = |status: TokenStream| match (events_item(response), response.media) {
            (Some(TypeRef::String), _) => quote!(#runtime::text_events(#status, body)),
            (Some(_), _) => quote!(#runtime::events(#status, body)),
            (None, ResponseMedia::Text) => quote!(#runtime::text(#status, #content_type, body)),
            (None, ResponseMedia::Bytes) => quote!(#runtime::bytes(#status, #content_type, body)),
            // The media type as documented, parameters included: a validating client or
            // proxy compares it with the spec's.
            (None, ResponseMedia::Json | ResponseMedia::Empty)
                if !content_type.is_empty() && content_type != "application/json" =>
            {
                quote!(#runtime::json_as(#status, #content_type, &body))
            }
            (None, ResponseMedia::Json | ResponseMedia::Empty) => {
                quote!(#runtime::json(#status, &body))
            }
        };
        match (response.status, &response.ty) {
            (StatusMatch::Code(code), Some(_)) => {
                let write = write(quote!(#code));
                quote!(Self::#variant(body) => #write,)
            }
            (StatusMatch::Code(code), None) => quote!(Self::#variant => #runtime::empty(#code),),
            (_, Some(_)) => {
                let write = write(quote!(status));
                quote!(Self::#variant { status, body } => #write,)
            }
            (_, None) => quote!(Self::#variant { status } => #runtime::empty(status),),
        }
    });
    let no_match = op
        .responses
        .is_empty()
        .then(|| quote!(_ => #runtime::empty(500),));
    let with_status = with_status_impls(op, name, runtime);
    // A stream of events is answered once: neither it nor its enum is `Clone`.
    let derives = if op.responses.iter().any(|r| events_item(r).is_some()) {
        quote!(#[derive(::core::fmt::Debug)])
    } else {
        quote!(#[derive(::core::fmt::Debug, ::core::clone::Clone)])
    };
    quote! {
        #[doc = #doc]
        #derives
        pub enum #name {
            #(#variants)*
        }

        impl #runtime::axum::response::IntoResponse for #name {
            fn into_response(self) -> #runtime::axum::response::Response {
                #[allow(unreachable_patterns)]
                match self {
                    #(#arms)*
                    #no_match
                }
            }
        }

        #with_status
    }
}

/// `WithStatus<B>` once per body type `B` of the documented responses.
fn with_status_impls(op: &Operation, name: &Ident, runtime: &syn::Path) -> TokenStream {
    let mut body_types: Vec<&TypeRef> = Vec::new();
    let bodies = op.responses.iter().filter(|r| events_item(r).is_none());
    for ty in bodies.filter_map(|r| r.ty.as_ref()) {
        if !body_types.contains(&ty) {
            body_types.push(ty);
        }
    }
    let impls = body_types.into_iter().map(|ty| {
        let with: Vec<&Response> = op
            .responses
            .iter()
            .filter(|r| r.ty.as_ref() == Some(ty) && events_item(r).is_none())
            .collect();
        let arms = with.iter().map(|response| {
            let variant = status_variant(response.status);
            match response.status {
                StatusMatch::Code(code) => {
                    quote!(#code => ::core::result::Result::Ok(Self::#variant(body)),)
                }
                StatusMatch::Range(hundreds) => {
                    let low = hundreds * 100;
                    let high = low + 99;
                    quote!(#low..=#high => ::core::result::Result::Ok(Self::#variant { status, body }),)
                }
                StatusMatch::Default => {
                    quote!(100..=599 => ::core::result::Result::Ok(Self::#variant { status, body }),)
                }
            }
        });
        let ty = type_ref(ty, Scope::Requests);
        quote! {
            impl #runtime::WithStatus<#ty> for #name {
                fn with_status(status: u16, body: #ty) -> ::core::result::Result<Self, #ty> {
                    #[allow(unreachable_patterns, clippy::match_overlapping_arm)]
                    match status {
                        #(#arms)*
                        _ => ::core::result::Result::Err(body),
                    }
                }
            }
        }
    });
    quote!(#(#impls)*)
}

/// The type of an event's data, when the response is answered with Server-Sent Events (a
/// `jeri_server::Events` the handler streams); JSON Lines are answered whole, as bytes.
fn events_item(response: &Response) -> Option<&TypeRef> {
    response
        .stream
        .as_ref()
        .filter(|stream| stream.kind == StreamKind::Events)
        .map(|stream| &stream.item)
}
