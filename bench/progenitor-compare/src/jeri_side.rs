//! The jeri-codegen side: the same call the `generate!` macro makes.

use proc_macro2::TokenStream;

/// Spec text to tokens with the settings the compile-cost scratch crate uses
/// (`runtime = ::jeri_client::runtime`, client mode).
pub fn generate(text: &str) -> Result<TokenStream, String> {
    let settings = jeri_codegen::Settings {
        runtime: syn::parse_quote!(::jeri_client::runtime),
        types_only: false,
        ..jeri_codegen::Settings::default()
    };
    let output = jeri_codegen::generate(text, &settings);
    match output.errors.first() {
        None => Ok(output.tokens),
        Some(error) => Err(jeri_codegen::render_error("spec", error)),
    }
}
