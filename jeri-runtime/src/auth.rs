//! Choosing and applying credentials for an operation.

use base64::Engine as _;
use reqwest::header::{AUTHORIZATION, COOKIE, HeaderMap, HeaderName, HeaderValue};

use super::{Credentials, Error, OperationInfo, Secret, SecurityRequirement};

/// The credentials as ready-made header values, built once per transport so
/// that a request only clones them (a reference count, not a copy).
#[derive(Clone, Default)]
pub(crate) struct CredentialHeaders {
    api_key: Option<HeaderValue>,
    bearer: Option<HeaderValue>,
    basic: Option<HeaderValue>,
    authorization: Option<HeaderValue>,
}

impl CredentialHeaders {
    /// Header values for `credentials`; a secret that cannot be a header value
    /// is left out here and reported by [`apply`] when an operation needs it.
    pub(crate) fn new(credentials: &Credentials) -> Self {
        Self {
            api_key: credentials
                .api_key_secret()
                .and_then(|key| sensitive(key.expose())),
            bearer: credentials
                .bearer_token_secret()
                .and_then(|token| sensitive(&format!("Bearer {}", token.expose()))),
            basic: credentials.basic().and_then(|(user, password)| {
                let pair = format!("{user}:{}", password.expose());
                let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
                sensitive(&format!("Basic {encoded}"))
            }),
            authorization: credentials
                .authorization_secret()
                .and_then(|value| sensitive(value.expose())),
        }
    }
}

/// Adds the first security alternative of `operation` the credentials satisfy
/// completely: headers into `headers`, secret query parameters into `query`
/// (their presence means the URL must never be shown). Returns whether any
/// secret went into the query.
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
                .all(|requirement| satisfiable(credentials, requirement))
        })
        .ok_or(Error::MissingCredentials {
            operation: operation.id,
        })?;
    for requirement in alternative.iter() {
        match requirement {
            SecurityRequirement::ApiKeyHeader(name) => {
                let value = prepared
                    .api_key
                    .clone()
                    .ok_or_else(|| unsendable("API key", operation))?;
                headers.insert(header_name(name, operation)?, value);
            }
            SecurityRequirement::ApiKeyQuery(name) => {
                if let Some(key) = credentials.api_key_secret() {
                    query.push((name, key.clone()));
                }
            }
            SecurityRequirement::Bearer => {
                let value = prepared
                    .bearer
                    .clone()
                    .ok_or_else(|| unsendable("bearer token", operation))?;
                headers.insert(AUTHORIZATION, value);
            }
            SecurityRequirement::Basic => {
                let value = prepared
                    .basic
                    .clone()
                    .ok_or_else(|| unsendable("username or password", operation))?;
                headers.insert(AUTHORIZATION, value);
            }
            SecurityRequirement::Authorization => {
                let value = prepared
                    .authorization
                    .clone()
                    .ok_or_else(|| unsendable("Authorization value", operation))?;
                headers.insert(AUTHORIZATION, value);
            }
            SecurityRequirement::ApiKeyCookie(name) => {
                let key = credentials
                    .api_key_secret()
                    .ok_or(Error::MissingCredentials {
                        operation: operation.id,
                    })?;
                append_cookie(headers, name, key.expose())
                    .ok_or_else(|| unsendable("API key", operation))?;
            }
        }
    }
    Ok(())
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

fn satisfiable(credentials: &Credentials, requirement: &SecurityRequirement) -> bool {
    match requirement {
        SecurityRequirement::ApiKeyHeader(_)
        | SecurityRequirement::ApiKeyQuery(_)
        | SecurityRequirement::ApiKeyCookie(_) => credentials.api_key_secret().is_some(),
        SecurityRequirement::Bearer => credentials.bearer_token_secret().is_some(),
        SecurityRequirement::Basic => credentials.basic().is_some(),
        SecurityRequirement::Authorization => credentials.authorization_secret().is_some(),
    }
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

    const KEY: SecurityRequirement = SecurityRequirement::ApiKeyHeader("api-key");

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
        let (headers, _) =
            run(&both, &operation(&[&[KEY], &[SecurityRequirement::Bearer]])).unwrap_or_default();
        assert_eq!(headers.get("api-key").map(|v| v.is_sensitive()), Some(true));
        assert!(headers.get(AUTHORIZATION).is_none());

        let bearer = Credentials::bearer("jwt");
        let (headers, _) = run(
            &bearer,
            &operation(&[&[KEY], &[SecurityRequirement::Bearer]]),
        )
        .unwrap_or_default();
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
        let result = run(
            &key_only,
            &operation(&[&[KEY, SecurityRequirement::Bearer]]),
        );
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
        let (headers, _) =
            run(&basic, &operation(&[&[KEY], &[SecurityRequirement::Basic]])).unwrap_or_default();
        // base64("ada:pa:ss")
        assert_eq!(
            headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()),
            Some("Basic YWRhOnBhOnNz")
        );
        let key = Credentials::api_key("k1");
        let (headers, _) = run(
            &key,
            &operation(&[&[
                SecurityRequirement::ApiKeyCookie("session"),
                SecurityRequirement::ApiKeyCookie("csrf"),
            ]]),
        )
        .unwrap_or_default();
        assert_eq!(
            headers.get(COOKIE).and_then(|v| v.to_str().ok()),
            Some("session=k1; csrf=k1")
        );
        let raw = Credentials::none().with_authorization("Digest username=\"ada\"");
        let (headers, _) =
            run(&raw, &operation(&[&[SecurityRequirement::Authorization]])).unwrap_or_default();
        assert_eq!(
            headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()),
            Some("Digest username=\"ada\"")
        );
        assert!(matches!(
            run(&key, &operation(&[&[SecurityRequirement::Basic]])),
            Err(Error::MissingCredentials { .. })
        ));
    }

    #[test]
    fn api_key_in_query() {
        let key = Credentials::api_key("key");
        let (_, query) = run(
            &key,
            &operation(&[&[SecurityRequirement::ApiKeyQuery("api_key")]]),
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
            &operation(&[&[SecurityRequirement::ApiKeyHeader("X-Api_Key")]]),
        )
        .unwrap_or_default();
        assert!(headers.get("x-api_key").is_some());
        let bad = run(
            &key,
            &operation(&[&[SecurityRequirement::ApiKeyHeader("bad header")]]),
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
}
