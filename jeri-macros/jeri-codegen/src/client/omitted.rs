//! `OMITTED_OPERATIONS`: what an `only(...)` setting left out of a subset client, so
//! nothing is dropped without a trace in the generated code and its docs.

use proc_macro2::TokenStream;
use quote::quote;

use crate::rust::docs::DocText;
use crate::select::Omitted;

/// `pub const OMITTED_OPERATIONS`, listing `omitted` in its docs and as
/// `(operationId, method, path)` triples.
pub(crate) fn omitted_const(omitted: &[Omitted]) -> TokenStream {
    let list = omitted
        .iter()
        .map(|op| {
            format!(
                "- `{}`: `{} {}`",
                op.id.replace('`', "'"),
                op.method.as_str(),
                op.path.replace('`', "'")
            )
        })
        .collect();
    let summary = match omitted.len() {
        0 => "The `only(...)` setting of `generate!` chose every operation of the spec: none \
              is left out."
            .to_owned(),
        n => format!(
            "The {n} operations of the spec that the `only(...)` setting of `generate!` left \
             out of this client, as `(operationId, method, path)` in document order. Types \
             that only these operations use are left out too, and problems the spec has only \
             in these operations or types are not reported; add a selector to generate one."
        ),
    };
    let docs = DocText::default().line(summary).lines(list).attrs();
    let entries = omitted.iter().map(|op| {
        let (id, method, path) = (&op.id, op.method.as_str(), &op.path);
        quote!((#id, #method, #path))
    });
    quote! {
        #docs
        pub const OMITTED_OPERATIONS: &[(
            &::core::primitive::str,
            &::core::primitive::str,
            &::core::primitive::str,
        )] = &[#(#entries),*];
    }
}
