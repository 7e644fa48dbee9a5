//! Rendering helpers both generators use: identifiers and their escaping, type
//! references as tokens, and doc attributes from spec text.

pub(crate) mod checks;
pub(crate) mod docs;
pub mod naming;
pub(crate) mod reserved;
pub(crate) mod type_ref;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::model::{Api, StatusMatch};

/// `#[allow(deprecated)]` for code that names the spec's types, when one of them is
/// deprecated: the warning belongs at the user's uses, not inside generated code.
pub(crate) fn allow_deprecated_types(api: &Api) -> TokenStream {
    if api.types.iter().any(|def| def.docs.deprecated) {
        quote!(#[allow(deprecated)])
    } else {
        TokenStream::new()
    }
}

/// The variant of a response enum for the statuses: `Status200`, `Status4XX`, `Default`.
pub(crate) fn status_variant(status: StatusMatch) -> Ident {
    match status {
        StatusMatch::Code(code) => format_ident!("Status{}", code),
        StatusMatch::Range(hundreds) => format_ident!("Status{}XX", hundreds),
        StatusMatch::Default => format_ident!("Default"),
    }
}
