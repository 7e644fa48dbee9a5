//! Operations and their parameters.

use super::{Body, Check, Docs, Response, TypeRef};

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
    /// schemes (by [`SecurityScheme::name`](super::SecurityScheme::name)) all apply. Empty: no credentials at all.
    pub security: Vec<Vec<String>>,
    /// How the operation pages, when the document or a setting says.
    pub pagination: Option<super::Pagination>,
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
    /// [`Api::rules`](super::Api::rules)): what a generated server checks.
    pub check: Check,
    /// The limits of its schema the client checks before sending (see [`Limit`]), from
    /// [`Param::check`].
    pub limits: Vec<Limit>,
    /// The spec's example value: the parameter's `example`, its first `examples` entry,
    /// or its (inline) schema's `example` or `default`. What example calls send.
    pub example: Option<serde_json::Value>,
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
