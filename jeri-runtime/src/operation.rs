//! What generated code knows about an operation at compile time.

/// The static description of one API operation, emitted once per operation.
#[derive(Debug)]
pub struct OperationInfo {
    /// The spec's `operationId`, used in every error about this operation.
    pub id: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path template, for documentation and errors (`/v1/programs/{programId}`).
    pub path: &'static str,
    /// Security alternatives: the first one the transport can satisfy is
    /// applied; every requirement inside an alternative must be met.
    /// Empty means the operation needs no credentials.
    pub security: &'static [&'static [SecurityRequirement]],
}

/// An HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `GET`
    Get,
    /// `PUT`
    Put,
    /// `POST`
    Post,
    /// `DELETE`
    Delete,
    /// `OPTIONS`
    Options,
    /// `HEAD`
    Head,
    /// `PATCH`
    Patch,
    /// `TRACE`
    Trace,
}

impl Method {
    /// Whether repeating the request has the same effect as sending it once
    /// (RFC 9110 §9.2.2), which is what makes automatic retries safe.
    pub fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post | Method::Patch)
    }

    /// The method's name, such as `GET`.
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

    pub(crate) fn to_reqwest(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Put => reqwest::Method::PUT,
            Method::Post => reqwest::Method::POST,
            Method::Delete => reqwest::Method::DELETE,
            Method::Options => reqwest::Method::OPTIONS,
            Method::Head => reqwest::Method::HEAD,
            Method::Patch => reqwest::Method::PATCH,
            Method::Trace => reqwest::Method::TRACE,
        }
    }
}

/// One credential an operation asks for, with the name of the security scheme
/// (its key in the spec's `components.securitySchemes`) that asks for it.
///
/// A credential given for that scheme by name
/// ([`TransportBuilder::scheme_secret`](super::TransportBuilder::scheme_secret),
/// [`TransportBuilder::scheme_basic_auth`](super::TransportBuilder::scheme_basic_auth))
/// is sent; otherwise the transport's credential of that kind (its API key, bearer
/// token, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecurityRequirement {
    /// The API key in the named request header.
    ApiKeyHeader {
        /// The security scheme's name.
        scheme: &'static str,
        /// The header name.
        header: &'static str,
    },
    /// The API key in the named query parameter.
    ApiKeyQuery {
        /// The security scheme's name.
        scheme: &'static str,
        /// The query parameter name.
        parameter: &'static str,
    },
    /// The API key in the named cookie.
    ApiKeyCookie {
        /// The security scheme's name.
        scheme: &'static str,
        /// The cookie name.
        cookie: &'static str,
    },
    /// The bearer token in `Authorization: Bearer <token>` (http `bearer`, and the
    /// access token of `oauth2` and `openIdConnect` schemes).
    Bearer {
        /// The security scheme's name.
        scheme: &'static str,
    },
    /// The username and password in `Authorization: Basic base64(username:password)`.
    Basic {
        /// The security scheme's name.
        scheme: &'static str,
    },
    /// The whole `Authorization` value, for other http schemes (`digest`, …).
    Authorization {
        /// The security scheme's name.
        scheme: &'static str,
    },
}

impl SecurityRequirement {
    /// The name of the security scheme that asks for this credential.
    pub fn scheme(&self) -> &'static str {
        match *self {
            Self::ApiKeyHeader { scheme, .. }
            | Self::ApiKeyQuery { scheme, .. }
            | Self::ApiKeyCookie { scheme, .. }
            | Self::Bearer { scheme }
            | Self::Basic { scheme }
            | Self::Authorization { scheme } => scheme,
        }
    }
}
