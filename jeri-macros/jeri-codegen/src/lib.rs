//! The pipeline behind jeri-macros: an OpenAPI document (YAML or JSON; 3.0, 3.1 or Swagger
//! 2.0) in, Rust tokens and located spec errors out.
//!
//! Stages: [`load`] (text → `openapiv3::OpenAPI`, version checks; 3.1 and 2.0 converted
//! into the 3.0 form) → [`model_builder`]
//! (→ [`model::Api`]) → [`checks`] (rules over the model) → [`select`] (the `only(...)`
//! subset) → `gen_types` and `gen_operations` (→ tokens). Every stage collects errors instead of stopping, and code
//! is still generated for whatever checked out.
#![deny(missing_docs)]

pub mod checks;
pub mod diagnostics;
pub mod formats;
mod gen_bodies;
mod gen_builders;
pub mod gen_clients;
mod gen_docs;
mod gen_enums;
mod gen_omitted;
pub mod gen_operations;
mod gen_prepare;
mod gen_responses;
pub mod gen_server;
mod gen_server_checks;
mod gen_server_responses;
mod gen_type_ref;
pub mod gen_types;
mod lenient;
pub mod load;
pub mod locate;
pub mod model;
pub mod model_builder;
pub mod naming;
pub mod path_template;
pub mod pointer_refs;
pub mod select;
pub mod settings;
pub mod skip;
pub mod validation;

pub use diagnostics::{SpecError, render_error};
pub use settings::{Scope, Selector, Settings};

use diagnostics::Diagnostics;

/// What [`generate`] produced.
#[derive(Debug, Clone)]
pub struct Output {
    /// The generated items: `pub mod types`; unless `types_only`, `pub mod requests` and
    /// the clients, or with `server`, `pub mod server`; with `only(...)` the
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
    let Some(mut doc) = load::load(source, &mut diag) else {
        return Output {
            tokens: proc_macro2::TokenStream::new(),
            errors: diag.into_errors(),
        };
    };
    let skipped = skip::apply(&mut doc, &settings.skip, &mut diag);
    let built = model_builder::build(&doc, &mut diag);
    let mut skip = checks::run(&built, &mut diag);
    check_scopes(&built.api, settings, &mut diag);
    select::check(&built.api, &settings.only, &mut diag);
    let chosen = select::chosen(&built.api, &settings.only);
    let omitted = select::omitted(&built.api, &chosen);
    let mut api = built.api;
    if settings.formats == settings::Formats::Strings {
        formats::keep_strings(&mut api);
    }
    // Problems only in what a subset leaves out are not reported: see `select`.
    let mut left_out: Vec<String> = skipped;
    if !settings.only.is_empty() {
        left_out.extend(omitted.iter().map(|op| op.origin.clone()));
        left_out.extend(select::prune_types(&mut api, &chosen));
    }
    skip.extend(
        chosen
            .iter()
            .enumerate()
            .filter(|(_, c)| !**c)
            .map(|(i, _)| i),
    );
    model_builder::without_failed(&mut api, &built.ops, &skip);
    let serde = if settings.server.is_some() {
        gen_types::SerdeImpls::Derived
    } else {
        gen_types::SerdeImpls::Runtime
    };
    let mut tokens = gen_types::types_module_with(&api, &settings.runtime, serde);
    if let Some(runtime) = &settings.server {
        gen_server::check_routes(&api, &mut diag);
        let validation = validation::build(&doc, &api, &mut diag);
        tokens.extend(gen_server::server(&api, &validation, runtime));
    } else if !settings.types_only {
        tokens.extend(gen_clients::operations(&api, settings));
    }
    if !settings.only.is_empty() {
        tokens.extend(gen_omitted::omitted_const(&omitted));
    }
    let errors = diag.into_errors_where(|pointer| !select::within(pointer, &left_out));
    Output { tokens, errors }
}

/// Each `scope(...)` setting must name a security scheme the spec defines.
fn check_scopes(api: &model::Api, settings: &Settings, diag: &mut Diagnostics<'_>) {
    for scope in &settings.scopes {
        if api.security_schemes.iter().any(|s| s.name == scope.scheme) {
            continue;
        }
        let known = api
            .security_schemes
            .iter()
            .map(|s| format!("`{}`", s.name))
            .collect::<Vec<_>>();
        let help = if known.is_empty() {
            "the spec defines no usable security scheme under `components.securitySchemes`"
                .to_owned()
        } else {
            format!("use one of: {}", known.join(", "))
        };
        diag.error(
            "components.securitySchemes",
            format!(
                "`scope({} = \"{}\")` names a security scheme that the spec does not define",
                scope.client_name, scope.scheme
            ),
            help,
        );
    }
}
