//! Choosing and applying credentials for an operation.

use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderName, HeaderValue};

use super::{Credentials, Error, OperationInfo, SecurityRequirement};

/// Credentials to add to one request.
#[derive(Default)]
pub(crate) struct Applied {
    pub(crate) headers: HeaderMap,
    /// Query parameters carrying a secret; their presence means the URL must
    /// never be shown.
    pub(crate) query: Vec<(&'static str, String)>,
}

/// Applies the first security alternative of `operation` the credentials
/// satisfy completely.
pub(crate) fn apply(
    credentials: &Credentials,
    operation: &OperationInfo,
) -> Result<Applied, Error> {
    if operation.security.is_empty() {
        return Ok(Applied::default());
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
    let mut applied = Applied::default();
    for requirement in alternative.iter() {
        match (
            requirement,
            credentials.api_key_secret(),
            credentials.bearer_token_secret(),
        ) {
            (SecurityRequirement::ApiKeyHeader(name), Some(key), _) => {
                let name =
                    HeaderName::from_bytes(name.as_bytes()).map_err(|_| Error::InvalidInput {
                        operation: operation.id,
                        message: format!(
                            "the security scheme's header name {name:?} is not a valid header name"
                        ),
                    })?;
                applied
                    .headers
                    .insert(name, sensitive(key.expose(), "API key", operation)?);
            }
            (SecurityRequirement::ApiKeyQuery(name), Some(key), _) => {
                applied.query.push((name, key.expose().to_owned()));
            }
            (SecurityRequirement::Bearer, _, Some(token)) => {
                let value = format!("Bearer {}", token.expose());
                applied
                    .headers
                    .insert(AUTHORIZATION, sensitive(&value, "bearer token", operation)?);
            }
            // `find` above only picks alternatives whose requirements are all met.
            _ => {
                return Err(Error::MissingCredentials {
                    operation: operation.id,
                });
            }
        }
    }
    Ok(applied)
}

fn satisfiable(credentials: &Credentials, requirement: &SecurityRequirement) -> bool {
    match requirement {
        SecurityRequirement::ApiKeyHeader(_) | SecurityRequirement::ApiKeyQuery(_) => {
            credentials.api_key_secret().is_some()
        }
        SecurityRequirement::Bearer => credentials.bearer_token_secret().is_some(),
    }
}

/// A header value that HTTP/2 never indexes and that no formatting shows.
fn sensitive(value: &str, what: &str, operation: &OperationInfo) -> Result<HeaderValue, Error> {
    let mut value = HeaderValue::from_str(value).map_err(|_| Error::InvalidInput {
        operation: operation.id,
        message: format!("the {what} contains characters that cannot be sent in an HTTP header"),
    })?;
    value.set_sensitive(true);
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::Method;

    const KEY: SecurityRequirement = SecurityRequirement::ApiKeyHeader("api-key");

    fn operation(security: &'static [&'static [SecurityRequirement]]) -> OperationInfo {
        OperationInfo {
            id: "op",
            method: Method::Get,
            path: "/",
            security,
        }
    }

    #[test]
    fn first_satisfiable_alternative_wins() {
        let both = Credentials::api_key("key").with_bearer_token("jwt");
        let applied = apply(&both, &operation(&[&[KEY], &[SecurityRequirement::Bearer]]));
        let headers = applied.map(|a| a.headers).unwrap_or_default();
        assert_eq!(headers.get("api-key").map(|v| v.is_sensitive()), Some(true));
        assert!(headers.get(AUTHORIZATION).is_none());

        let bearer = Credentials::bearer("jwt");
        let applied = apply(
            &bearer,
            &operation(&[&[KEY], &[SecurityRequirement::Bearer]]),
        );
        let headers = applied.map(|a| a.headers).unwrap_or_default();
        assert_eq!(
            headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()),
            Some("Bearer jwt")
        );
        assert!(headers.get("api-key").is_none());
    }

    #[test]
    fn every_requirement_of_an_alternative_is_needed() {
        let key_only = Credentials::api_key("key");
        let result = apply(
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
        assert!(apply(&none, &operation(&[])).is_ok_and(|a| a.headers.is_empty()));
        assert!(apply(&none, &operation(&[&[KEY], &[]])).is_ok_and(|a| a.headers.is_empty()));
        assert!(matches!(
            apply(&none, &operation(&[&[KEY]])),
            Err(Error::MissingCredentials { .. })
        ));
    }

    #[test]
    fn api_key_in_query() {
        let key = Credentials::api_key("key");
        let applied = apply(
            &key,
            &operation(&[&[SecurityRequirement::ApiKeyQuery("api_key")]]),
        );
        assert_eq!(
            applied.map(|a| a.query).ok(),
            Some(vec![("api_key", "key".to_owned())])
        );
    }
}
