//! The typed intermediate model: what the generators read.
//!
//! The build stage turns a loaded document into an [`Api`]: its types, its operations and
//! the rules (constraints) of its schemas, each read once; the generators read only this
//! model, never the document. Every name here is already a valid, collision-free Rust
//! identifier.

mod format;
mod media;
mod rules;

pub use format::Format;
pub use media::{essence, is_json, is_text};
pub use rules::{
    Additional, ArrayRule, BadPattern, Bound, Check, ComponentRule, IntegerRule, NumberRule,
    ObjectRule, Rule, Rules, StringRule,
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

/// A named Rust type to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// PascalCase Rust name, unique across the API.
    pub name: String,
    /// Where the schema sits in the spec, e.g. `components.schemas.Customer` or
    /// `paths./v1/x.post.requestBody.content.application/json.schema`.
    pub origin: String,
    /// Docs from the schema.
    pub docs: Docs,
    /// What the type is.
    pub kind: TypeKind,
}

/// The shape of a generated type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// An object (with `allOf` members already merged in).
    Struct {
        /// Properties, in document order.
        fields: Vec<Field>,
        /// `additionalProperties` as a schema: extra keys are kept in a flattened map
        /// with this value type. `None` when the spec does not allow extra properties
        /// or leaves them unspecified.
        additional_properties: Option<TypeRef>,
        /// `additionalProperties: false`: decoding refuses properties the spec does not
        /// list (next to a flattened member too: then the generated `Deserialize` checks
        /// the keys). An object that says nothing ignores them instead.
        closed: bool,
    },
    /// A string enum; decoding accepts values not listed here (kept in the catch-all
    /// variant, [`UNKNOWN_VARIANT`]).
    StringEnum {
        /// The listed values.
        variants: Vec<EnumVariant>,
    },
    /// An integer enum; decoding accepts values not listed here (kept in the catch-all
    /// variant, [`UNKNOWN_VARIANT`]).
    IntegerEnum {
        /// The Rust type of the values.
        int: IntType,
        /// The listed values.
        variants: Vec<IntegerVariant>,
    },
    /// `oneOf` / `anyOf`.
    Union {
        /// `discriminator.propertyName`: internally tagged on this property when set,
        /// untagged otherwise.
        tag: Option<String>,
        /// The alternatives, in document order.
        variants: Vec<UnionVariant>,
    },
    /// Any other schema given a name (arrays, maps, primitives): a type alias.
    Alias(TypeRef),
    /// An array or map that contains itself (`Tree: {type: array, items: {$ref: Tree}}`):
    /// a type alias cannot refer to itself, so it is a struct around the value, the
    /// same on the wire (`#[serde(transparent)]`).
    Newtype(TypeRef),
}

/// One property of a struct.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// snake_case Rust name (keywords escaped as raw identifiers or suffixed).
    pub rust_name: String,
    /// The property name on the wire.
    pub wire_name: String,
    /// The value type (without the `Option` that `required`/`nullable` add).
    pub ty: TypeRef,
    /// Listed in `required`, and neither `readOnly` nor `writeOnly`: a request never has to
    /// carry a property the server assigns, and a response never carries one only the
    /// client sends, so such a property is optional in the shared type.
    pub required: bool,
    /// `nullable: true` (or the referenced schema is nullable).
    pub nullable: bool,
    /// Not a property but an `allOf` member that is a union (`oneOf`/`anyOf`): its
    /// properties sit next to the struct's own on the wire (`#[serde(flatten)]`), and
    /// [`Field::wire_name`] is the member's place, such as `allOf[1]`.
    pub flatten: bool,
    /// The value is a credential: the property schema (or the schema it references) has
    /// `format: password` or `x-jeri-secret: true`. The struct's `Debug` hides it.
    pub secret: bool,
    /// The schema's `default` (or that of the schema it references), as JSON: an optional
    /// property left out of a response decodes as this value.
    pub default: Option<serde_json::Value>,
    /// Docs from the property schema.
    pub docs: Docs,
}

/// The name of an enum's catch-all variant, which holds a value the spec does not list.
/// The trailing `_` keeps it apart from every listed value's name: those are PascalCase
/// words, so a documented `UNKNOWN` is `Unknown`.
pub const UNKNOWN_VARIANT: &str = "Unknown_";

/// One value of a string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    /// PascalCase Rust name, unique within the enum.
    pub rust_name: String,
    /// The value on the wire.
    pub wire_value: String,
}

/// One value of an integer enum.
#[derive(Debug, Clone, PartialEq)]
pub struct IntegerVariant {
    /// PascalCase Rust name, unique within the enum: from `x-enum-varnames` when the
    /// schema has it, else `N<value>` (`Minus<value>` below zero).
    pub rust_name: String,
    /// The value on the wire.
    pub wire_value: i64,
}

/// One alternative of a union.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// PascalCase Rust name, unique within the union.
    pub rust_name: String,
    /// The alternative's type.
    pub ty: TypeRef,
    /// With a discriminator: the tag value that selects this variant (from
    /// `discriminator.mapping`, else the referenced schema's name).
    pub tag_value: Option<String>,
}

/// A reference to a Rust type, as used in fields, parameters, bodies and responses.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    /// A generated type, by its [`TypeDef::name`].
    Named(String),
    /// `String`: a string without a format we map to a type (and every string with the
    /// `formats = strings` setting).
    String,
    /// A string whose `format` has a Rust type of its own (`date-time`, `date`, `uuid`,
    /// `byte`: [`Format::has_rust_type`]), reached through the runtime's re-exports.
    Format(Format),
    /// `bool`.
    Bool,
    /// An integer of the given Rust type.
    Integer(IntType),
    /// A floating point number of the given Rust type.
    Number(FloatType),
    /// `Vec<T>`.
    Array(Box<TypeRef>),
    /// `BTreeMap<String, T>` (`additionalProperties` on an object without properties).
    Map(Box<TypeRef>),
    /// `serde_json::Value`: free-form objects, schemas without a type, `{}`.
    Json,
    /// `Box<T>`: a reference that closes a cycle of types.
    Boxed(Box<TypeRef>),
    /// `Option<T>`: an array item, map value or union member that may be `null`
    /// (`nullable: true`). `None` is sent and read as `null`.
    Nullable(Box<TypeRef>),
}

/// Rust integer types for OpenAPI integer formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntType {
    /// `i8`
    I8,
    /// `i16`
    I16,
    /// `i32` (`format: int32`)
    I32,
    /// `i64` (`format: int64`, and no format)
    I64,
    /// `u8`
    U8,
    /// `u16`
    U16,
    /// `u32` (`format: uint32`)
    U32,
    /// `u64` (`format: uint64`)
    U64,
}

/// Rust float types for OpenAPI number formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FloatType {
    /// `f32` (`format: float`)
    F32,
    /// `f64` (`format: double`, and no format)
    F64,
}

/// One HTTP operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The `operationId`, or one derived from method and path.
    pub id: String,
    /// snake_case method name (from `id`).
    pub fn_name: String,
    /// PascalCase prefix for the operation's own types (`{prefix}Request`,
    /// `{prefix}Response`), from `id`.
    pub type_name: String,
    /// Where the operation sits in the spec: `paths./v1/x.get`.
    pub origin: String,
    /// The HTTP method.
    pub method: Method,
    /// The path template as written in the spec, e.g. `/v1/programs/{programId}`.
    pub path: String,
    /// The path template split into literal text and parameters.
    pub path_parts: Vec<PathPart>,
    /// `tags`, in document order.
    pub tags: Vec<String>,
    /// Docs: summary, description, assumptions, deprecation.
    pub docs: Docs,
    /// Parameters (path-level and operation-level merged), required ones first, each
    /// group in document order.
    pub params: Vec<Param>,
    /// The JSON request body, if any.
    pub body: Option<Body>,
    /// Documented responses, in the order: explicit status codes ascending, then ranges
    /// (`2XX`…), then `default`.
    pub responses: Vec<Response>,
    /// Security alternatives: the operation may be called with any one inner list, whose
    /// schemes (by [`SecurityScheme::name`]) all apply. Empty: no credentials at all.
    pub security: Vec<Vec<String>>,
}

/// HTTP methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// GET
    Get,
    /// PUT
    Put,
    /// POST
    Post,
    /// DELETE
    Delete,
    /// OPTIONS
    Options,
    /// HEAD
    Head,
    /// PATCH
    Patch,
    /// TRACE
    Trace,
}

impl Operation {
    /// The path template with its parameters numbered in order (`/a/{p0}/b/{p1}`): what
    /// a server routes by, so two operations of one shape and method are one route.
    pub fn route_shape(&self) -> String {
        let mut out = String::new();
        let mut position = 0;
        for part in &self.path_parts {
            match part {
                PathPart::Literal(text) => out.push_str(text),
                PathPart::Param(_) => {
                    out.push_str(&format!("{{p{position}}}"));
                    position += 1;
                }
            }
        }
        out
    }
}

impl Method {
    /// Every method, in the order operations are read from a path item.
    pub const ALL: [Method; 8] = [
        Method::Get,
        Method::Put,
        Method::Post,
        Method::Delete,
        Method::Options,
        Method::Head,
        Method::Patch,
        Method::Trace,
    ];

    /// The method as HTTP writes it: `GET`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }

    /// The method as a path item's key: `get`.
    pub fn key(self) -> &'static str {
        match self {
            Method::Get => "get",
            Method::Put => "put",
            Method::Post => "post",
            Method::Delete => "delete",
            Method::Options => "options",
            Method::Head => "head",
            Method::Patch => "patch",
            Method::Trace => "trace",
        }
    }

    /// The method as a Rust variant name: `Get`.
    pub fn variant(self) -> &'static str {
        match self {
            Method::Get => "Get",
            Method::Put => "Put",
            Method::Post => "Post",
            Method::Delete => "Delete",
            Method::Options => "Options",
            Method::Head => "Head",
            Method::Patch => "Patch",
            Method::Trace => "Trace",
        }
    }
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    /// Literal text, sent as written.
    Literal(String),
    /// A `{name}` placeholder: the wire name of a path parameter.
    Param(String),
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// In the path template.
    Path,
    /// In the query string (arrays are sent as repeated keys).
    Query,
    /// A request header.
    Header,
    /// A cookie, sent in the `Cookie` header.
    Cookie,
}

impl ParamLocation {
    /// The location as the spec's `in` writes it: `path`, `query`, `header`, `cookie`.
    pub fn as_str(self) -> &'static str {
        match self {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
        }
    }
}

/// How a parameter value is written on the wire (`style`, `explode` and `content`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamStyle {
    /// `simple` (path and header default): arrays joined with `,`.
    Simple,
    /// `form` (query and cookie default): with `explode`, an array repeats the key and an
    /// object sends one key per property; without, both are joined with `,`.
    Form {
        /// `explode` (default `true` for `form`).
        explode: bool,
    },
    /// `spaceDelimited`: array items joined with a space.
    SpaceDelimited,
    /// `pipeDelimited`: array items joined with `|`.
    PipeDelimited,
    /// `deepObject`: `name[prop]=value`, nested objects and arrays as `name[a][b]` and
    /// `name[a][]`.
    DeepObject,
    /// Defined with `content` `application/json`: the value is sent as JSON text.
    Json,
}

/// One parameter of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// snake_case Rust name, unique within the operation (and distinct from `body`).
    pub rust_name: String,
    /// The name on the wire.
    pub wire_name: String,
    /// Where it goes.
    pub location: ParamLocation,
    /// Its type: a primitive, a string enum, an array of those, or (for `deepObject`,
    /// exploded `form` and `content` parameters) any serializable type.
    pub ty: TypeRef,
    /// How the value is written.
    pub style: ParamStyle,
    /// Sent through its serialized form (`deepObject`, exploded `form` objects, `content`
    /// JSON) rather than as text: any serializable type.
    pub structured: bool,
    /// Required (path parameters always are).
    pub required: bool,
    /// Docs from the parameter.
    pub docs: Docs,
    /// What its value must be (the rules of its schema, `$ref`s followed through
    /// [`Api::rules`]): what a generated server checks.
    pub check: Check,
    /// The limits of its schema the client checks before sending (see [`Limit`]), from
    /// [`Param::check`].
    pub limits: Vec<Limit>,
}

/// A limit of a parameter's schema, checked before a request is sent: a value outside
/// it is `Error::InvalidInput` and nothing goes out. `pattern` is not among them (it is
/// stated in the docs, and left to the server).
#[derive(Debug, Clone, PartialEq)]
pub enum Limit {
    /// `minimum` of a number (`exclusiveMinimum` makes it strict).
    Minimum {
        /// The bound.
        bound: f64,
        /// Whether the value must be greater, not equal.
        exclusive: bool,
    },
    /// `maximum` of a number (`exclusiveMaximum` makes it strict).
    Maximum {
        /// The bound.
        bound: f64,
        /// Whether the value must be less, not equal.
        exclusive: bool,
    },
    /// `minLength` of a string, in characters.
    MinLength(usize),
    /// `maxLength` of a string, in characters.
    MaxLength(usize),
    /// `minItems` of an array.
    MinItems(usize),
    /// `maxItems` of an array.
    MaxItems(usize),
    /// `enum` of a string or an integer: the generated enum's catch-all variant (a value
    /// the spec does not list) is refused.
    Listed(Vec<String>),
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// The body type.
    pub ty: TypeRef,
    /// `requestBody.required`.
    pub required: bool,
    /// `maxItems` when the body is an array: batch helpers split by it.
    pub max_items: Option<u64>,
    /// What the body must be, from the schema of the media type chosen (`media`):
    /// what a generated server checks. `None` for text and bytes.
    pub check: Option<Check>,
    /// Docs from the request body.
    pub docs: Docs,
    /// How the body is encoded. `ty` is the body's schema type for `Json` and
    /// `FormUrlEncoded`, `Vec<u8>` (`Array(Integer(U8))`) for `Bytes`, `String` for
    /// `Text`, and the runtime's multipart form for `Multipart` (then `ty` is `Json` and
    /// unused).
    pub media: BodyMedia,
    /// The media type as the spec names it (`application/graphql`, `image/*`, `*/*`).
    pub content_type: String,
    /// The typed form when `media` is `Multipart` and the schema is an object (inline or
    /// a reference); `None` leaves the body the runtime's untyped multipart form.
    pub form: Option<MultipartForm>,
    /// When the body is documented in several media types: every one of them, the
    /// preferred one (`ty`, `media`, `content_type`, `form`) first, then by kind and
    /// document order. The caller picks one per call. Empty when there is one.
    pub alternatives: Vec<BodyAlternative>,
}

impl Body {
    /// Every type the body may be sent as: `ty`, each alternative's, and the value
    /// fields of typed forms.
    pub fn types(&self) -> impl Iterator<Item = &TypeRef> {
        let forms = self
            .form
            .iter()
            .chain(self.alternatives.iter().filter_map(|a| a.form.as_ref()));
        std::iter::once(&self.ty)
            .chain(self.alternatives.iter().map(|a| &a.ty))
            .chain(forms.flat_map(MultipartForm::value_types))
    }

    /// [`Body::types`], for rewriting.
    pub fn types_mut(&mut self) -> impl Iterator<Item = &mut TypeRef> {
        let Body {
            ty,
            form,
            alternatives,
            ..
        } = self;
        let mut out: Vec<&mut TypeRef> = vec![ty];
        if let Some(form) = form {
            out.extend(form.value_types_mut());
        }
        for alternative in alternatives {
            out.push(&mut alternative.ty);
            if let Some(form) = &mut alternative.form {
                out.extend(form.value_types_mut());
            }
        }
        out.into_iter()
    }
}

/// One media type a request body may be sent in, when it is documented in several.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyAlternative {
    /// The variant name in the operation's body enum: the kind (`Json`, `Form`,
    /// `Multipart`, `Text`, `Bytes`), or, when a kind is documented more than once, the
    /// media type (`application/merge-patch+json` → `ApplicationMergePatchJson`).
    pub variant: String,
    /// How the body is encoded.
    pub media: BodyMedia,
    /// The body type, as for [`Body::ty`].
    pub ty: TypeRef,
    /// The media type as the spec names it.
    pub content_type: String,
    /// The typed form of a `multipart/*` alternative whose schema is an object.
    pub form: Option<MultipartForm>,
}

/// A `multipart/form-data` body whose schema is an object: one field per property.
#[derive(Debug, Clone, PartialEq)]
pub struct MultipartForm {
    /// PascalCase name of the form struct (`{Operation}Form`), unique in `requests`.
    pub name: String,
    /// The properties, in document order.
    pub fields: Vec<FormField>,
}

impl MultipartForm {
    fn value_types(&self) -> impl Iterator<Item = &TypeRef> {
        self.fields.iter().filter_map(|field| match &field.kind {
            FormFieldKind::Value(ty) => Some(ty),
            FormFieldKind::File | FormFieldKind::Files => None,
        })
    }

    fn value_types_mut(&mut self) -> impl Iterator<Item = &mut TypeRef> {
        self.fields
            .iter_mut()
            .filter_map(|field| match &mut field.kind {
                FormFieldKind::Value(ty) => Some(ty),
                FormFieldKind::File | FormFieldKind::Files => None,
            })
    }
}

/// One property of a typed multipart form.
#[derive(Debug, Clone, PartialEq)]
pub struct FormField {
    /// snake_case Rust name, unique within the form.
    pub rust_name: String,
    /// The part name on the wire (the property name).
    pub wire_name: String,
    /// What the part holds.
    pub kind: FormFieldKind,
    /// Listed in `required`.
    pub required: bool,
    /// `encoding.<property>.contentType`, when the media type gives one.
    pub content_type: Option<String>,
    /// Docs from the property schema.
    pub docs: Docs,
}

/// What one multipart property holds.
#[derive(Debug, Clone, PartialEq)]
pub enum FormFieldKind {
    /// A file (`type: string` with `format: binary` or `byte`): the runtime's file part.
    File,
    /// An array of files: one part per file, all under the property's name.
    Files,
    /// Any other value: primitives sent as text, objects as JSON (OpenAPI 3.0's defaults),
    /// arrays one part per item, unless the encoding names a content type.
    Value(TypeRef),
}

/// The encoding of a request body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyMedia {
    /// `application/json`, `application/*+json` (also with parameters such as `charset`),
    /// and any other media type whose schema is an object, array or `$ref` (such as
    /// `application/graphql`): the body type serialized as JSON text.
    Json,
    /// `application/x-www-form-urlencoded`: the body type serialized as form fields,
    /// nested objects and arrays in brackets (`a[b]=c`, `a[]=c`).
    FormUrlEncoded,
    /// `multipart/form-data` (and other `multipart/*`): the runtime's multipart form, with
    /// text fields and file parts.
    Multipart,
    /// `text/*`: a string sent as is.
    Text,
    /// `application/octet-stream`, `image/*`, `*/*` and every other media type: raw bytes.
    Bytes,
}

/// Which statuses a response covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusMatch {
    /// One status code.
    Code(u16),
    /// `1XX`…`5XX`: the hundreds digit.
    Range(u16),
    /// `default`.
    Default,
}

impl StatusMatch {
    /// The statuses as the spec writes them: `200`, `4XX`, `default`.
    pub fn label(self) -> String {
        match self {
            StatusMatch::Code(code) => code.to_string(),
            StatusMatch::Range(hundreds) => format!("{hundreds}XX"),
            StatusMatch::Default => "default".to_owned(),
        }
    }
}

/// One documented response.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// The statuses it covers.
    pub status: StatusMatch,
    /// The body type; `None` when the response has no content. `String` for `text/*`
    /// bodies, `Vec<u8>` (`Array(Integer(U8))`) for other non-JSON bodies.
    pub ty: Option<TypeRef>,
    /// How the body is read.
    pub media: ResponseMedia,
    /// The media type a server answers with: as the spec names it, or
    /// `text/plain` / `application/octet-stream` when it names a range (`text/*`,
    /// `*/*`); `None` without content.
    pub content_type: Option<String>,
    /// Every media type (or range, such as `image/*`) the spec documents the body in, as
    /// written and in the order written, which the client asks for in `Accept`; empty
    /// without content.
    pub accept: Vec<String>,
    /// When the body is documented in media types of different kinds (JSON, text,
    /// bytes; or JSON of different schemas): each kind the client decodes by the
    /// response's `Content-Type`, the preferred one (`ty`, `media`) first, then in
    /// kind order (JSON, text, bytes) and document order. Empty otherwise: the body is
    /// read as `media` says whatever its `Content-Type`.
    pub alternatives: Vec<MediaAlternative>,
    /// The response's description.
    pub description: String,
}

impl Response {
    /// Every body type it may be read as: `ty` and each alternative's.
    pub fn body_types(&self) -> impl Iterator<Item = &TypeRef> {
        self.ty
            .iter()
            .chain(self.alternatives.iter().map(|alternative| &alternative.ty))
    }

    /// [`Response::body_types`], for rewriting.
    pub fn body_types_mut(&mut self) -> impl Iterator<Item = &mut TypeRef> {
        self.ty.iter_mut().chain(
            self.alternatives
                .iter_mut()
                .map(|alternative| &mut alternative.ty),
        )
    }
}

/// One way a response documented in several media types may come back.
#[derive(Debug, Clone, PartialEq)]
pub struct MediaAlternative {
    /// The variant name: `Json`, `Text` or `Bytes`; when several JSON schemas are
    /// documented, each JSON variant is named after its first media type
    /// (`application/vnd.api+json` → `ApplicationVndApiJson`).
    pub variant: String,
    /// How the body is read: `Json`, `Text` or `Bytes`.
    pub media: ResponseMedia,
    /// The body type (`String` for text, `Vec<u8>` for bytes).
    pub ty: TypeRef,
    /// The documented media types (or ranges) read this way, as written.
    pub media_types: Vec<String>,
}

/// How a response body is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseMedia {
    /// No content documented.
    Empty,
    /// JSON (`application/json`, `*/*+json`), decoded as the type.
    Json,
    /// `text/*`: the text.
    Text,
    /// Any other media type: the bytes.
    Bytes,
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
