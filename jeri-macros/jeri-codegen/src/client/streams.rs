//! Streamed success bodies in the client: the stream types an operation returns
//! (`EventStream<T>`, `JsonLines<T>`), how its decoder makes them, and the call setting
//! that leaves their bodies unread until then.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Operation, StreamBody, StreamKind, TypeRef};
use crate::rust::type_ref::{Scope, type_ref};

/// The Rust type of a streamed body, seen from `requests`.
pub(crate) fn stream_type(stream: &StreamBody, runtime: &syn::Path) -> TokenStream {
    let item = type_ref(&stream.item, Scope::Requests);
    match stream.kind {
        StreamKind::Events => quote!(#runtime::EventStream<#item>),
        StreamKind::JsonLines => quote!(#runtime::JsonLines<#item>),
    }
}

/// The stream's type as the docs name it (`EventStream<types::CompletionChunk>`).
pub(crate) fn stream_doc(stream: &StreamBody, item_doc: String) -> String {
    match stream.kind {
        StreamKind::Events => format!("EventStream<{item_doc}>"),
        StreamKind::JsonLines => format!("JsonLines<{item_doc}>"),
    }
}

/// The decoder's expression that hands the body out as the stream: events ending at
/// the end marker (`stream_end`), their data JSON or, for a `String` item, the text;
/// or JSON Lines.
pub(crate) fn stream_read(stream: &StreamBody, end: Option<&str>) -> TokenStream {
    let end = match end {
        Some(end) => quote!(::core::option::Option::Some(#end)),
        None => quote!(::core::option::Option::None),
    };
    let item = type_ref(&stream.item, Scope::Requests);
    match (stream.kind, &stream.item) {
        (StreamKind::Events, TypeRef::String) => quote!(received.text_events(#end)),
        (StreamKind::Events, _) => quote!(received.events::<#item>(#end)),
        (StreamKind::JsonLines, _) => quote!(received.json_lines::<#item>()),
    }
}

/// Whether a success of `op` may be a stream.
pub(crate) fn streams(op: &Operation) -> bool {
    op.responses.iter().any(|response| {
        response.stream.is_some()
            || response
                .alternatives
                .iter()
                .any(|alternative| alternative.stream.is_some())
    })
}

/// `call.stream_success();` for an operation with a streamed success, so that its body
/// reaches the decoder unread.
pub(crate) fn stream_call(op: &Operation) -> TokenStream {
    if streams(op) {
        quote!(call.stream_success();)
    } else {
        TokenStream::new()
    }
}
