//! [`Credentials`]: the credentials a request carries for an operation's security schemes.

use crate::incoming::Incoming;

/// Where a security scheme's credential is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carrier {
    /// An API key in this header (`type: apiKey`, `in: header`).
    Header(&'static str),
    /// An API key in this query parameter (`type: apiKey`, `in: query`).
    Query(&'static str),
    /// `Authorization: Bearer <token>` (`type: http`, `scheme: bearer`).
    Bearer,
}

/// The credentials found for the schemes an operation accepts: scheme name (its key in
/// `components.securitySchemes`) and value. Finding them says nothing about whether they
/// are valid; that is the implementation's call.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Credentials {
    found: Vec<(&'static str, String)>,
}

impl Credentials {
    /// Looks for each scheme's credential in the request. An empty value does not count.
    pub fn read(incoming: &Incoming, schemes: &[(&'static str, Carrier)]) -> Self {
        let mut found = Vec::new();
        for (scheme, carrier) in schemes {
            let value = match carrier {
                Carrier::Header(name) => incoming
                    .headers()
                    .get(*name)
                    .and_then(|value| value.to_str().ok()),
                Carrier::Query(name) => incoming.query(name),
                Carrier::Bearer => incoming
                    .headers()
                    .get(axum::http::header::AUTHORIZATION)
                    .and_then(|value| value.to_str().ok())
                    .and_then(|value| {
                        let (kind, token) = value.split_once(' ')?;
                        kind.eq_ignore_ascii_case("bearer").then(|| token.trim())
                    }),
            };
            if let Some(value) = value.filter(|value| !value.is_empty()) {
                found.push((*scheme, value.to_owned()));
            }
        }
        Credentials { found }
    }

    /// The credential sent for `scheme`.
    pub fn get(&self, scheme: &str) -> Option<&str> {
        self.found
            .iter()
            .find(|(name, _)| *name == scheme)
            .map(|(_, value)| value.as_str())
    }

    /// Whether every scheme of at least one alternative has a credential (OpenAPI's
    /// `security`: a list of alternatives, each a set of schemes that all apply). No
    /// alternatives, or an empty one, needs nothing.
    pub fn satisfy(&self, alternatives: &[&[&str]]) -> bool {
        alternatives.is_empty()
            || alternatives
                .iter()
                .any(|schemes| schemes.iter().all(|scheme| self.get(scheme).is_some()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Bytes;
    use axum::http::{HeaderMap, HeaderValue};

    fn incoming(headers: &[(&'static str, &'static str)], query: &[(&str, &str)]) -> Incoming {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, HeaderValue::from_static(value));
        }
        let query = query
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Incoming::new(Vec::new(), query, map, Bytes::new())
    }

    const SCHEMES: &[(&str, Carrier)] = &[
        ("apiKey", Carrier::Header("api-key")),
        ("token", Carrier::Bearer),
        ("queryKey", Carrier::Query("key")),
    ];

    #[test]
    fn each_carrier_is_read() {
        let found = Credentials::read(
            &incoming(
                &[("api-key", "k1"), ("authorization", "bearer  t1 ")],
                &[("key", "q1")],
            ),
            SCHEMES,
        );
        assert_eq!(found.get("apiKey"), Some("k1"));
        assert_eq!(found.get("token"), Some("t1"));
        assert_eq!(found.get("queryKey"), Some("q1"));
        let none = Credentials::read(
            &incoming(&[("api-key", ""), ("authorization", "Basic x")], &[]),
            SCHEMES,
        );
        assert_eq!(none, Credentials::default());
    }

    #[test]
    fn alternatives() {
        let key_only = Credentials::read(&incoming(&[("api-key", "k")], &[]), SCHEMES);
        assert!(key_only.satisfy(&[]));
        assert!(key_only.satisfy(&[&["token"], &["apiKey"]]));
        assert!(!key_only.satisfy(&[&["token"], &["apiKey", "queryKey"]]));
        assert!(key_only.satisfy(&[&["token"], &[]]));
    }
}
