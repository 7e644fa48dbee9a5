//! The typed intermediate model: what the generators read.
//!
//! The build stage turns a loaded document into an [`Api`]: its types, its operations and
//! the rules (constraints) of its schemas, each read once; the generators read only this
//! model, never the document. Every name here is already a valid, collision-free Rust
//! identifier.

mod body;
mod format;
mod media;
mod operation;
mod pagination;
mod response;
mod rules;
mod types;
mod webhook;

pub use body::{Body, BodyAlternative, BodyMedia, FormField, FormFieldKind, MultipartForm};
pub use format::Format;
pub use media::{essence, is_json, is_text, stream_kind};
pub use operation::{Limit, Method, Operation, Param, ParamLocation, ParamStyle, PathPart};
pub use pagination::{NextRule, Pagination};
pub use response::{
    MediaAlternative, Response, ResponseMedia, StatusMatch, StreamBody, StreamKind,
};
pub use rules::{
    Additional, ArrayRule, BadPattern, Bound, Check, ComponentRule, IntegerRule, NumberRule,
    ObjectRule, Rule, Rules, StringRule, rust_pattern,
};
pub use types::{
    EnumVariant, Field, FloatType, IntType, IntegerVariant, TypeDef, TypeKind, TypeRef,
    UNKNOWN_VARIANT, UnionVariant,
};
pub use webhook::{
    DigestEncoding, EventTypeLocation, SecretEncoding, SignatureScheme, Webhook, WebhookSignature,
};

/// The whole API, ready for code generation.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// `info.description` and friends.
    pub docs: Docs,
    /// Every named type: component schemas first (in document order), then inline schemas
    /// in the order they were met.
    pub types: Vec<TypeDef>,
    /// Every operation, in document order (path order, then method order
    /// get, put, post, delete, options, head, patch, trace).
    pub operations: Vec<Operation>,
    /// `components.securitySchemes` that the runtime can apply.
    pub security_schemes: Vec<SecurityScheme>,
    /// `servers`, in document order.
    pub servers: Vec<Server>,
    /// The rules of every component schema, which parameters' and bodies' checks refer to.
    pub rules: Rules,
    /// The webhooks (OpenAPI 3.1 `webhooks`, `x-webhooks` in 3.0), in document order.
    pub webhooks: Vec<Webhook>,
    /// How the webhooks are signed, where the document says or uses Standard Webhooks.
    pub webhook_signature: Option<WebhookSignature>,
}

impl Api {
    /// Whether any type of the API uses a [`TypeRef::Format`] (so generated code needs the
    /// runtime's chrono, uuid or `Base64`).
    pub fn uses_formats(&self) -> bool {
        let in_types = self.types.iter().any(|def| match &def.kind {
            TypeKind::Struct {
                fields,
                additional_properties,
                ..
            } => {
                fields.iter().any(|field| has_format(&field.ty))
                    || additional_properties.as_ref().is_some_and(has_format)
            }
            TypeKind::Union { variants, .. } => {
                variants.iter().any(|variant| has_format(&variant.ty))
            }
            TypeKind::Alias(ty) | TypeKind::Newtype(ty) => has_format(ty),
            TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. } => false,
        });
        in_types
            || self.operations.iter().any(|op| {
                op.params.iter().any(|param| has_format(&param.ty))
                    || op.body.iter().flat_map(Body::types).any(has_format)
                    || op
                        .responses
                        .iter()
                        .flat_map(Response::body_types)
                        .any(has_format)
            })
            || self.webhooks.iter().any(|hook| has_format(&hook.payload))
    }
}

fn has_format(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Format(_) => true,
        TypeRef::Array(inner)
        | TypeRef::Map(inner)
        | TypeRef::Boxed(inner)
        | TypeRef::Nullable(inner) => has_format(inner),
        TypeRef::Named(_)
        | TypeRef::String
        | TypeRef::Bool
        | TypeRef::Integer(_)
        | TypeRef::Number(_)
        | TypeRef::Json => false,
    }
}

/// Documentation gathered from a spec node.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Docs {
    /// `summary` (operations) or `title` (schemas).
    pub summary: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// Every `x-jeri-assumption` on the node, shown as a warning in rustdoc.
    pub assumptions: Vec<String>,
    /// The schema's limits in words (`from 1 to 100`, `at most 64 characters`, `matching
    /// `^[a-z]+$``), when it sets any.
    pub limits: Option<String>,
    /// `deprecated: true`.
    pub deprecated: bool,
}

/// A server from `servers`.
#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    /// The URL as written (variables are not substituted).
    pub url: String,
    /// `description`.
    pub description: Option<String>,
}

/// A security scheme the runtime can apply.
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityScheme {
    /// Its key in `components.securitySchemes`.
    pub name: String,
    /// How it is sent.
    pub kind: SecurityKind,
    /// Docs from the scheme's description.
    pub docs: Docs,
}

/// How a credential is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecurityKind {
    /// An API key in the named header.
    ApiKeyHeader(String),
    /// An API key in the named query parameter.
    ApiKeyQuery(String),
    /// An API key in the named cookie.
    ApiKeyCookie(String),
    /// `Authorization: Bearer <token>`: http `bearer`, and `oauth2` and `openIdConnect`
    /// (the caller supplies the access token).
    Bearer,
    /// `Authorization: Basic base64(username:password)`: http `basic`.
    Basic,
    /// Any other http scheme (`digest`, `hoba`, …), named as in the spec: the caller
    /// supplies the whole `Authorization` value.
    Authorization(String),
}

/// Small model values for unit tests of the stages that read or rewrite the model.
#[cfg(test)]
pub(crate) mod test_values {
    use super::{Docs, Field, TypeDef, TypeKind, TypeRef};

    /// A component schema type named `name`.
    pub(crate) fn def(name: &str, kind: TypeKind) -> TypeDef {
        TypeDef {
            name: name.into(),
            origin: format!("components.schemas.{name}"),
            docs: Docs::default(),
            kind,
        }
    }

    /// An optional field `f` of type `ty`.
    pub(crate) fn field(ty: TypeRef) -> Field {
        Field {
            flatten: false,
            rust_name: "f".into(),
            wire_name: "f".into(),
            ty,
            required: false,
            nullable: false,
            secret: false,
            default: None,
            docs: Docs::default(),
        }
    }

    /// A reference to the generated type `name`.
    pub(crate) fn named(name: &str) -> TypeRef {
        TypeRef::Named(name.into())
    }
}
