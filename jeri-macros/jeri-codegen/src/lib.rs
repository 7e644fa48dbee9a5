//! The pipeline behind jeri-macros: an OpenAPI document (YAML or JSON; 3.0, 3.1 or Swagger
//! 2.0) in, Rust tokens and located spec errors out.
//!
//! Stages, as [`generate`] runs them: [`load`] (text → the document, version checks;
//! OpenAPI 3.1 and Swagger 2.0 converted into the 3.0 form; the `skip(...)` setting) → [`build`] (one walk: document → [`model::Api`], with the rules
//! of its schemas) → [`check`] (rules over the model, one per function) → [`select`]
//! (`only(...)`, `formats = strings`, `stream_end`, `pagination(...)`: the model to
//! generate) → [`types`], then [`client`]
//! or [`server`] (→ tokens), and with `example_calls` [`examples`]. The generators read only the model and share the rendering
//! helpers of `rust`; neither imports the other. Every stage collects errors instead of
//! stopping, and code is still generated for whatever checked out.
#![deny(missing_docs)]

pub mod build;
pub mod check;
pub mod client;
pub mod diagnostics;
pub mod examples;
pub mod load;
pub mod model;
mod rust;
pub mod select;
pub mod server;
pub mod settings;
pub mod types;

pub use diagnostics::{SpecError, render_error};
pub use settings::{Scope, Selector, Settings};

use diagnostics::Diagnostics;

/// What [`generate`] produced.
#[derive(Debug, Clone)]
pub struct Output {
    /// The generated items: `pub mod types`; unless `types_only`, `pub mod requests`, the
    /// clients and (when the document has webhooks) `pub mod webhooks`, or with `server`, `pub mod server`; with `only(...)` the
    /// `OMITTED_OPERATIONS` list.
    pub tokens: proc_macro2::TokenStream,
    /// Every problem found in the spec, in the order found. Non-empty means the tokens
    /// cover only the parts without problems.
    pub errors: Vec<SpecError>,
}

/// Runs the whole pipeline over the spec text. Never panics; problems are returned in
/// [`Output::errors`].
pub fn generate(source: &str, settings: &Settings) -> Output {
    let mut diag = Diagnostics::new(source);
    // 1. load: text → the document.
    let Some(mut doc) = load::load(source, &mut diag) else {
        return Output {
            tokens: proc_macro2::TokenStream::new(),
            errors: diag.into_errors(),
        };
    };
    let skipped = load::skip::apply(&mut doc, &settings.skip, &mut diag);
    if let Some(text) = &settings.webhook_signature {
        load::webhook_signature_setting(&mut doc, text, &mut diag);
    }
    // 2. build: document → model.
    let built = build::build(&doc, &mut diag);
    // 3. check: rules over the model; the operations they fail are left out.
    let failed = check::run(&built, settings, &mut diag);
    // 4. select: the model to generate.
    let mut selection = select::select(built, settings, failed, skipped, &mut diag);
    select::streams::apply(&mut selection.api, settings);
    let api = &selection.api;
    // 5. generate: types, then the client or the server.
    let serde = if settings.server.is_some() {
        types::SerdeImpls::Derived
    } else {
        types::SerdeImpls::Runtime
    };
    let mut tokens = types::types_module_with(api, &settings.runtime, serde);
    if let Some(runtime) = &settings.server {
        check::server::routes(api, &mut diag);
        check::server::patterns(api, &mut diag);
        tokens.extend(server::server(api, runtime));
        if settings.example_answers {
            tokens.extend(examples::answers::answers_module(api, runtime));
        }
    } else if !settings.types_only {
        tokens.extend(client::operations(api, settings));
        tokens.extend(examples::examples_module(api, settings));
    }
    if !settings.only.is_empty() {
        tokens.extend(client::omitted::omitted_const(&selection.omitted));
    }
    let left_out = &selection.left_out;
    let errors = diag.into_errors_where(|pointer| !select::within(pointer, left_out));
    Output { tokens, errors }
}
