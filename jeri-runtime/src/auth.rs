//! Choosing and applying credentials for an operation.

use base64::Engine as _;
use reqwest::header::{AUTHORIZATION, COOKIE, HeaderMap, HeaderName, HeaderValue};

use super::{Credentials, Error, OperationInfo, SchemeCredential, Secret, SecurityRequirement};

/// The credentials as ready-made header values, built once per transport so
/// that a request only clones them (a reference count, not a copy).
#[derive(Clone, Default)]
pub(crate) struct CredentialHeaders {
    api_key: Option<HeaderValue>,
    bearer: Option<HeaderValue>,
    basic: Option<HeaderValue>,
    authorization: Option<HeaderValue>,
    /// Per named scheme: the header value for each way the scheme may send it.
    by_scheme: Vec<(String, CredentialHeaders)>,
}

impl CredentialHeaders {
    /// Header values for `credentials`; a secret that cannot be a header value
    /// is left out here and reported by [`apply`] when an operation needs it.
    pub(crate) fn new(credentials: &Credentials) -> Self {
        let by_scheme = credentials
            .scheme_names()
            .filter_map(|name| {
                let prepared = match credentials.scheme(name)? {
                    SchemeCredential::Secret(secret) => Self::secret(secret),
                    SchemeCredential::Basic(user, password) => Self {
                        basic: basic_value(user, password),
                        ..Self::default()
                    },
                };
                Some((name.to_owned(), prepared))
            })
            .collect();
        Self {
            api_key: credentials
                .api_key_secret()
                .and_then(|key| sensitive(key.expose())),
            bearer: credentials
                .bearer_token_secret()
                .and_then(|token| sensitive(&format!("Bearer {}", token.expose()))),
            basic: credentials
                .basic()
                .and_then(|(user, password)| basic_value(user, password)),
            authorization: credentials
                .authorization_secret()
                .and_then(|value| sensitive(value.expose())),
            by_scheme,
        }
    }

    /// One secret given for a named scheme, ready to be sent as an API key, a
    /// bearer token or a raw `Authorization` value, whichever the scheme is.
    fn secret(secret: &Secret) -> Self {
        let raw = sensitive(secret.expose());
        Self {
            api_key: raw.clone(),
            bearer: sensitive(&format!("Bearer {}", secret.expose())),
            authorization: raw,
            ..Self::default()
        }
    }

    fn for_scheme(&self, scheme: &str) -> Option<&CredentialHeaders> {
        self.by_scheme
            .iter()
            .find(|(name, _)| name == scheme)
            .map(|(_, prepared)| prepared)
    }
}

fn basic_value(user: &str, password: &Secret) -> Option<HeaderValue> {
    let pair = format!("{user}:{}", password.expose());
    let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
    sensitive(&format!("Basic {encoded}"))
}

/// Adds the first security alternative of `operation` the credentials satisfy
/// completely: headers into `headers`, secret query parameters into `query`
/// (a non-empty `query` means the URL must never be shown). Fails with
/// [`Error::MissingCredentials`] when no alternative can be satisfied.
///
/// A credential given for the requirement's scheme by name wins over the
/// transport's credential of the same kind.
pub(crate) fn apply(
    credentials: &Credentials,
    prepared: &CredentialHeaders,
    operation: &OperationInfo,
    headers: &mut HeaderMap,
    query: &mut Vec<(&'static str, Secret)>,
) -> Result<(), Error> {
    if operation.security.is_empty() {
        return Ok(());
    }
    let alternative = operation
        .security
        .iter()
        .find(|alternative| {
            alternative
                .iter()
                .all(|requirement| secret_for(credentials, requirement).is_some())
        })
        .ok_or(Error::MissingCredentials {
            operation: operation.id,
        })?;
    for requirement in alternative.iter() {
        let prepared = if named_fit(credentials, requirement).is_some() {
            prepared
                .for_scheme(requirement.scheme())
                .unwrap_or(prepared)
        } else {
            prepared
        };
        match *requirement {
            SecurityRequirement::ApiKeyHeader { header, .. } => {
                let value = prepared
                    .api_key
                    .clone()
                    .ok_or_else(|| unsendable("API key", operation))?;
                headers.insert(header_name(header, operation)?, value);
            }
            SecurityRequirement::ApiKeyQuery { parameter, .. } => {
                if let Some(Needed::Secret(key)) = secret_for(credentials, requirement) {
                    query.push((parameter, key.clone()));
                }
            }
            SecurityRequirement::Bearer { .. } => {
                let value = prepared
                    .bearer
                    .clone()
                    .ok_or_else(|| unsendable("bearer token", operation))?;
                headers.insert(AUTHORIZATION, value);
            }
            SecurityRequirement::Basic { .. } => {
                let value = prepared
                    .basic
                    .clone()
                    .ok_or_else(|| unsendable("username or password", operation))?;
                headers.insert(AUTHORIZATION, value);
            }
            SecurityRequirement::Authorization { .. } => {
                let value = prepared
                    .authorization
                    .clone()
                    .ok_or_else(|| unsendable("Authorization value", operation))?;
                headers.insert(AUTHORIZATION, value);
            }
            SecurityRequirement::ApiKeyCookie { cookie, .. } => {
                let Some(Needed::Secret(key)) = secret_for(credentials, requirement) else {
                    return Err(Error::MissingCredentials {
                        operation: operation.id,
                    });
                };
                append_cookie(headers, cookie, key.expose())
                    .ok_or_else(|| unsendable("API key", operation))?;
            }
        }
    }
    Ok(())
}

/// The credential given for the requirement's scheme by name, when it has the
/// shape the requirement sends (a username and password for `basic`, a secret
/// for every other kind).
fn named_fit<'c>(
    credentials: &'c Credentials,
    requirement: &SecurityRequirement,
) -> Option<&'c SchemeCredential> {
    let named = credentials.scheme(requirement.scheme())?;
    let basic = matches!(requirement, SecurityRequirement::Basic { .. });
    (basic == matches!(named, SchemeCredential::Basic(..))).then_some(named)
}

/// What a requirement would send.
enum Needed<'c> {
    Secret(&'c Secret),
    Basic,
}

/// The credential a requirement would send: the one given for its scheme by
/// name when that has the right shape, else the transport's one of that kind.
fn secret_for<'c>(
    credentials: &'c Credentials,
    requirement: &SecurityRequirement,
) -> Option<Needed<'c>> {
    match named_fit(credentials, requirement) {
        Some(SchemeCredential::Secret(secret)) => return Some(Needed::Secret(secret)),
        Some(SchemeCredential::Basic(..)) => return Some(Needed::Basic),
        None => {}
    }
    match requirement {
        SecurityRequirement::Basic { .. } => credentials.basic().map(|_| Needed::Basic),
        SecurityRequirement::Bearer { .. } => credentials.bearer_token_secret().map(Needed::Secret),
        SecurityRequirement::Authorization { .. } => {
            credentials.authorization_secret().map(Needed::Secret)
        }
        SecurityRequirement::ApiKeyHeader { .. }
        | SecurityRequirement::ApiKeyQuery { .. }
        | SecurityRequirement::ApiKeyCookie { .. } => {
            credentials.api_key_secret().map(Needed::Secret)
        }
    }
}

/// Adds `name=value` to the request's `Cookie` header (one header, pairs
/// joined by `; `, as RFC 6265 asks of clients). `None` when the pair cannot
/// be sent in a header.
pub(crate) fn append_cookie(headers: &mut HeaderMap, name: &str, value: &str) -> Option<()> {
    let pair = format!("{name}={value}");
    let joined = match headers.get(COOKIE).and_then(|v| v.to_str().ok()) {
        Some(existing) => format!("{existing}; {pair}"),
        None => pair,
    };
    let mut value = HeaderValue::from_str(&joined).ok()?;
    value.set_sensitive(true);
    headers.insert(COOKIE, value);
    Some(())
}

/// The header name of a security scheme. Lower-case names (the usual case)
/// are used as static strings; others are checked and lower-cased.
fn header_name(name: &'static str, operation: &OperationInfo) -> Result<HeaderName, Error> {
    let plain = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if plain {
        return Ok(HeaderName::from_static(name));
    }
    HeaderName::from_bytes(name.as_bytes()).map_err(|_| Error::InvalidInput {
        operation: operation.id,
        message: format!("the security scheme's header name {name:?} is not a valid header name"),
    })
}

/// A header value that HTTP/2 never indexes and that no formatting shows.
fn sensitive(value: &str) -> Option<HeaderValue> {
    let mut value = HeaderValue::from_str(value).ok()?;
    value.set_sensitive(true);
    Some(value)
}

fn unsendable(what: &str, operation: &OperationInfo) -> Error {
    Error::InvalidInput {
        operation: operation.id,
        message: format!("the {what} contains characters that cannot be sent in an HTTP header"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Method;

    const KEY: SecurityRequirement = SecurityRequirement::ApiKeyHeader {
        scheme: "apiKey",
        header: "api-key",
    };
    const BEARER: SecurityRequirement = SecurityRequirement::Bearer { scheme: "bearer" };
    const BASIC: SecurityRequirement = SecurityRequirement::Basic { scheme: "basic" };

    fn operation(security: &'static [&'static [SecurityRequirement]]) -> OperationInfo {
        OperationInfo {
            id: "op",
            method: Method::Get,
            path: "/",
            security,
        }
    }

    type SecretQuery = Vec<(&'static str, Secret)>;

    fn run(
        credentials: &Credentials,
        operation: &OperationInfo,
    ) -> Result<(HeaderMap, SecretQuery), Error> {
        let mut headers = HeaderMap::new();
        let mut query = Vec::new();
        let prepared = CredentialHeaders::new(credentials);
        apply(credentials, &prepared, operation, &mut headers, &mut query)?;
        Ok((headers, query))
    }

    #[test]
    fn first_satisfiable_alternative_wins() {
        let both = Credentials::api_key("key").with_bearer_token("jwt");
        let (headers, _) = run(&both, &operation(&[&[KEY], &[BEARER]])).unwrap_or_default();
        assert_eq!(headers.get("api-key").map(|v| v.is_sensitive()), Some(true));
        assert!(headers.get(AUTHORIZATION).is_none());

        let bearer = Credentials::bearer("jwt");
        let (headers, _) = run(&bearer, &operation(&[&[KEY], &[BEARER]])).unwrap_or_default();
        assert_eq!(
            headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()),
            Some("Bearer jwt")
        );
        assert_eq!(
            headers.get(AUTHORIZATION).map(|v| v.is_sensitive()),
            Some(true)
        );
        assert!(headers.get("api-key").is_none());
    }

    #[test]
    fn every_requirement_of_an_alternative_is_needed() {
        let key_only = Credentials::api_key("key");
        let result = run(&key_only, &operation(&[&[KEY, BEARER]]));
        assert!(matches!(
            result,
            Err(Error::MissingCredentials { operation: "op" })
        ));
    }

    #[test]
    fn no_security_and_empty_alternatives_need_nothing() {
        let none = Credentials::none();
        assert!(run(&none, &operation(&[])).is_ok_and(|(h, _)| h.is_empty()));
        assert!(run(&none, &operation(&[&[KEY], &[]])).is_ok_and(|(h, _)| h.is_empty()));
        assert!(matches!(
            run(&none, &operation(&[&[KEY]])),
            Err(Error::MissingCredentials { .. })
        ));
    }

    #[test]
    fn basic_cookie_and_raw_authorization() {
        let basic = Credentials::none().with_basic("ada", "pa:ss");
        let (headers, _) = run(&basic, &operation(&[&[KEY], &[BASIC]])).unwrap_or_default();
        // base64("ada:pa:ss")
        assert_eq!(
            headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()),
            Some("Basic YWRhOnBhOnNz")
        );
        let key = Credentials::api_key("k1");
        let (headers, _) = run(
            &key,
            &operation(&[&[
                SecurityRequirement::ApiKeyCookie {
                    scheme: "session",
                    cookie: "session",
                },
                SecurityRequirement::ApiKeyCookie {
                    scheme: "csrf",
                    cookie: "csrf",
                },
            ]]),
        )
        .unwrap_or_default();
        assert_eq!(
            headers.get(COOKIE).and_then(|v| v.to_str().ok()),
            Some("session=k1; csrf=k1")
        );
        let raw = Credentials::none().with_authorization("Digest username=\"ada\"");
        let (headers, _) = run(
            &raw,
            &operation(&[&[SecurityRequirement::Authorization { scheme: "digest" }]]),
        )
        .unwrap_or_default();
        assert_eq!(
            headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()),
            Some("Digest username=\"ada\"")
        );
        assert!(matches!(
            run(&key, &operation(&[&[BASIC]])),
            Err(Error::MissingCredentials { .. })
        ));
    }

    #[test]
    fn api_key_in_query() {
        let key = Credentials::api_key("key");
        let (_, query) = run(
            &key,
            &operation(&[&[SecurityRequirement::ApiKeyQuery {
                scheme: "query",
                parameter: "api_key",
            }]]),
        )
        .unwrap_or_default();
        let query: Vec<_> = query.iter().map(|(n, v)| (*n, v.expose())).collect();
        assert_eq!(query, vec![("api_key", "key")]);
    }

    #[test]
    fn header_names_in_any_case() {
        let key = Credentials::api_key("key");
        let (headers, _) = run(
            &key,
            &operation(&[&[SecurityRequirement::ApiKeyHeader {
                scheme: "odd",
                header: "X-Api_Key",
            }]]),
        )
        .unwrap_or_default();
        assert!(headers.get("x-api_key").is_some());
        let bad = run(
            &key,
            &operation(&[&[SecurityRequirement::ApiKeyHeader {
                scheme: "bad",
                header: "bad header",
            }]]),
        );
        assert!(matches!(bad, Err(Error::InvalidInput { .. })));
    }

    #[test]
    fn unsendable_secrets_fail_before_sending() {
        let key = Credentials::api_key("line\nbreak");
        assert!(matches!(
            run(&key, &operation(&[&[KEY]])),
            Err(Error::InvalidInput { .. })
        ));
    }

    #[test]
    fn a_credential_given_by_scheme_name_wins_for_that_scheme_only() {
        const ADMIN: SecurityRequirement = SecurityRequirement::ApiKeyHeader {
            scheme: "adminKey",
            header: "x-admin-key",
        };
        const OAUTH: SecurityRequirement = SecurityRequirement::Bearer { scheme: "oauth" };
        let credentials = Credentials::api_key("general")
            .with_bearer_token("general-token")
            .with_scheme("adminKey", SchemeCredential::Secret("admin".into()))
            .with_scheme("oauth", SchemeCredential::Secret("oauth-token".into()))
            .with_scheme("basic", SchemeCredential::Basic("ada".into(), "pw".into()));
        let header = |security: &'static [&'static [SecurityRequirement]], name: &str| {
            run(&credentials, &operation(security))
                .ok()
                .and_then(|(headers, _)| headers.get(name)?.to_str().ok().map(str::to_owned))
        };
        assert_eq!(header(&[&[ADMIN]], "x-admin-key").as_deref(), Some("admin"));
        assert_eq!(header(&[&[KEY]], "api-key").as_deref(), Some("general"));
        assert_eq!(
            header(&[&[OAUTH]], "authorization").as_deref(),
            Some("Bearer oauth-token")
        );
        assert_eq!(
            header(&[&[BEARER]], "authorization").as_deref(),
            Some("Bearer general-token")
        );
        // base64("ada:pw")
        assert_eq!(
            header(&[&[BASIC]], "authorization").as_deref(),
            Some("Basic YWRhOnB3")
        );
        // A named secret of the wrong shape does not satisfy a basic scheme.
        let wrong = Credentials::none().with_scheme("basic", SchemeCredential::Secret("x".into()));
        assert!(matches!(
            run(&wrong, &operation(&[&[BASIC]])),
            Err(Error::MissingCredentials { .. })
        ));
        // The named one alone satisfies its scheme; an empty one is no credential.
        let only_admin =
            Credentials::none().with_scheme("adminKey", SchemeCredential::Secret("a".into()));
        assert!(run(&only_admin, &operation(&[&[ADMIN]])).is_ok());
        assert!(matches!(
            run(&only_admin, &operation(&[&[KEY]])),
            Err(Error::MissingCredentials { .. })
        ));
        let emptied = only_admin.with_scheme("adminKey", SchemeCredential::Secret("".into()));
        assert!(emptied.scheme("adminKey").is_none());
    }
}
