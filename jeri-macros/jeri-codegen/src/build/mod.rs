//! OpenAPI document → [`model::Api`](crate::model::Api), collecting every problem.
//!
//! Parts that have errors are still modelled as far as possible (a broken schema becomes
//! `serde_json::Value`) so that code generation can go on and the user sees the real
//! errors only. Operations with errors are marked and left out by the caller.

mod all_of;
mod cycles;
mod docs;
mod form;
mod media;
mod operation;
mod pagination;
pub mod path_template;
mod request_body;
mod rules;
mod schema;
mod shape;
mod stream;
mod union;
mod webhooks;

use std::collections::HashMap;

use openapiv3::{OpenAPI, ReferenceOr, SecurityScheme as OaScheme};

use crate::diagnostics::{Diagnostics, child};
use crate::model::{Api, Rules, SecurityKind, SecurityScheme, Server, TypeDef, TypeKind};
use crate::rust::naming::{NameSet, pascal_ident};

pub(crate) use docs::docs_from;

/// The model plus what the checks need to know about where things came from.
#[derive(Debug)]
pub struct Built {
    /// The model (operations include the ones with errors; see `ops`).
    pub api: Api,
    /// One entry per `api.operations` item, in the same order.
    pub ops: Vec<OpSource>,
    /// Component schema keys and their pointers, in document order.
    pub components: Vec<(String, String)>,
}

/// Facts about one operation that the model does not keep.
#[derive(Debug, Clone)]
pub struct OpSource {
    /// The pointer of each parameter, parallel to `Operation::params`.
    pub param_pointers: Vec<String>,
    /// The operation had errors while being modelled and must not be generated.
    pub failed: bool,
}

/// Builds the model of `doc`, recording problems in `diag`.
pub fn build(doc: &OpenAPI, diag: &mut Diagnostics<'_>) -> Built {
    let mut builder = Builder::new(doc, diag);
    // Rules first: parameters' limits follow references into them.
    if let Some(c) = &doc.components {
        for (key, schema) in &c.schemas {
            let pointer = child("components.schemas", key);
            let rule = builder.reader.component(key, &pointer, schema);
            builder.rules.components.push(rule);
        }
    }
    for index in 0..builder.components.len() {
        builder.component_kind(index);
    }
    let security_schemes = builder.security_schemes();
    let (operations, ops) = builder.operations(&security_schemes);
    let (webhooks, webhook_signature) = builder.webhooks();
    let mut types: Vec<TypeDef> = std::mem::take(&mut builder.components)
        .into_iter()
        .map(|c| TypeDef {
            name: c.rust_name,
            origin: c.pointer,
            docs: c.docs,
            kind: match c.state {
                State::Done(kind) => kind,
                State::Pending | State::InProgress => TypeKind::Alias(crate::model::TypeRef::Json),
            },
        })
        .collect();
    let components = builder.component_keys.clone();
    let mut rules = std::mem::take(&mut builder.rules);
    rules.bad_patterns = builder.reader.take_bad_patterns();
    types.extend(std::mem::take(&mut builder.inline).into_iter().flatten());
    cycles::break_alias_cycles(&mut types, builder.diag);
    cycles::box_recursive_fields(&mut types);
    let mut built = Built {
        api: Api {
            title: doc.info.title.clone(),
            version: doc.info.version.clone(),
            docs: api_docs(doc, builder.diag),
            types,
            operations,
            security_schemes,
            servers: doc
                .servers
                .iter()
                .map(|s| Server {
                    url: s.url.clone(),
                    description: s.description.clone(),
                })
                .collect(),
            rules,
            webhooks,
            webhook_signature,
        },
        ops,
        components,
    };
    operation::check_param_types(&mut built, builder.diag);
    built
}

/// `info.description` and its assumptions, then those of each shared response
/// (`components.responses`), stated here once rather than on every operation using it.
fn api_docs(doc: &OpenAPI, diag: &mut Diagnostics<'_>) -> crate::model::Docs {
    let mut docs = docs_from(
        diag,
        "info",
        None,
        doc.info.description.as_deref(),
        &doc.info.extensions,
        false,
    );
    for (name, response) in doc.components.iter().flat_map(|c| &c.responses) {
        if let ReferenceOr::Item(response) = response {
            let pointer = child("components.responses", name);
            for assumption in docs::assumptions(diag, &pointer, &response.extensions) {
                docs.assumptions
                    .push(format!("Shared response `{name}`: {assumption}"));
            }
        }
    }
    docs
}

/// Where a component schema's build stands (allOf merging builds them on demand).
#[derive(Debug)]
enum State {
    Pending,
    InProgress,
    Done(TypeKind),
}

#[derive(Debug)]
struct Component {
    rust_name: String,
    pointer: String,
    docs: crate::model::Docs,
    state: State,
}

struct Builder<'d, 'a, 'b> {
    doc: &'d OpenAPI,
    diag: &'b mut Diagnostics<'a>,
    type_names: NameSet,
    /// Component schemas, in document order.
    components: Vec<Component>,
    component_keys: Vec<(String, String)>,
    by_key: HashMap<String, usize>,
    /// Inline types; `None` while a slot is being filled.
    inline: Vec<Option<TypeDef>>,
    /// Reads the rules of parameters and bodies.
    reader: rules::Reader,
    /// The component schemas' rules, read before anything else.
    rules: Rules,
}

impl<'d, 'a, 'b> Builder<'d, 'a, 'b> {
    fn new(doc: &'d OpenAPI, diag: &'b mut Diagnostics<'a>) -> Self {
        let mut type_names = NameSet::new();
        let mut components = Vec::new();
        let mut component_keys = Vec::new();
        let mut by_key = HashMap::new();
        if let Some(c) = &doc.components {
            for (key, schema) in &c.schemas {
                let pointer = child("components.schemas", key);
                let rust_name = type_names.claim(&pascal_ident(key));
                let docs = match schema {
                    ReferenceOr::Item(s) => docs::schema_docs(diag, &pointer, s),
                    ReferenceOr::Reference { .. } => Default::default(),
                };
                by_key.insert(key.clone(), components.len());
                component_keys.push((key.clone(), pointer.clone()));
                components.push(Component {
                    rust_name,
                    pointer,
                    docs,
                    state: State::Pending,
                });
            }
        }
        Self {
            doc,
            diag,
            type_names,
            components,
            component_keys,
            reader: rules::Reader::new(by_key.clone()),
            rules: Rules::default(),
            by_key,
            inline: Vec::new(),
        }
    }

    /// `components.securitySchemes`, in document order.
    fn security_schemes(&mut self) -> Vec<SecurityScheme> {
        let Some(components) = &self.doc.components else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (name, scheme) in &components.security_schemes {
            let pointer = child("components.securitySchemes", name);
            let ReferenceOr::Item(scheme) = scheme else {
                self.diag.error(
                    &pointer,
                    format!("security scheme `{name}` is a `$ref`, which is not supported"),
                    "define the scheme inline under `components.securitySchemes`",
                );
                continue;
            };
            let (kind, description, extensions) = match scheme {
                OaScheme::APIKey {
                    location,
                    name: key,
                    description,
                    extensions,
                } => {
                    let kind = match location {
                        openapiv3::APIKeyLocation::Header => {
                            SecurityKind::ApiKeyHeader(key.clone())
                        }
                        openapiv3::APIKeyLocation::Query => SecurityKind::ApiKeyQuery(key.clone()),
                        openapiv3::APIKeyLocation::Cookie => {
                            SecurityKind::ApiKeyCookie(key.clone())
                        }
                    };
                    (kind, description, extensions)
                }
                OaScheme::HTTP {
                    scheme,
                    description,
                    extensions,
                    ..
                } => {
                    let kind = if scheme.eq_ignore_ascii_case("bearer") {
                        SecurityKind::Bearer
                    } else if scheme.eq_ignore_ascii_case("basic") {
                        SecurityKind::Basic
                    } else {
                        SecurityKind::Authorization(scheme.clone())
                    };
                    (kind, description, extensions)
                }
                // The client does not run OAuth flows or OpenID discovery: the caller gets
                // an access token however it likes and the client sends it as a bearer
                // token, which is what both schemes put on the wire.
                OaScheme::OAuth2 {
                    description,
                    extensions,
                    ..
                }
                | OaScheme::OpenIDConnect {
                    description,
                    extensions,
                    ..
                } => (SecurityKind::Bearer, description, extensions),
            };
            let docs = docs_from(
                self.diag,
                &pointer,
                None,
                description.as_deref(),
                extensions,
                false,
            );
            out.push(SecurityScheme {
                name: name.clone(),
                kind,
                docs,
            });
        }
        out
    }

    /// Records an inline type and returns its name. The slot is reserved before `build`
    /// runs so that a type comes before the types nested in it.
    fn add_inline(
        &mut self,
        hint: &str,
        pointer: &str,
        docs: crate::model::Docs,
        build: impl FnOnce(&mut Self, &str) -> TypeKind,
    ) -> String {
        let name = self.type_names.claim(&pascal_ident(hint));
        let slot = self.inline.len();
        self.inline.push(None);
        let kind = build(self, &name);
        if let Some(entry) = self.inline.get_mut(slot) {
            *entry = Some(TypeDef {
                name: name.clone(),
                origin: pointer.to_owned(),
                docs,
                kind,
            });
        }
        name
    }

    /// Builds component `index` if needed; `None` while it is being built (a cycle).
    fn component_kind(&mut self, index: usize) -> Option<TypeKind> {
        let component = self.components.get_mut(index)?;
        match &component.state {
            State::Done(kind) => return Some(kind.clone()),
            State::InProgress => return None,
            State::Pending => component.state = State::InProgress,
        }
        let (key, pointer) = self.component_keys.get(index)?.clone();
        let name = self.components.get(index)?.rust_name.clone();
        let schema = self
            .doc
            .components
            .as_ref()
            .and_then(|c| c.schemas.get(&key))?;
        let kind = self.named_kind(schema::SRef::of(schema), &pointer, &name);
        if let Some(component) = self.components.get_mut(index) {
            component.state = State::Done(kind.clone());
        }
        Some(kind)
    }
}
