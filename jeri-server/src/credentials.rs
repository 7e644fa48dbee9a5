//! [`Credentials`]: the credentials a request carries for an operation's security schemes.

use base64::Engine;
use base64::prelude::BASE64_STANDARD;

use crate::incoming::Incoming;

/// The credential of `Authorization: <kind> <credential>`, the kind in any case.
fn authorization<'a>(incoming: &'a Incoming, kind: &str) -> Option<&'a str> {
    let value = incoming
        .headers()
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (sent, credential) = value.trim_start().split_once(' ')?;
    sent.eq_ignore_ascii_case(kind).then(|| credential.trim())
}

/// Where a security scheme's credential is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carrier {
    /// An API key in this header (`type: apiKey`, `in: header`).
    Header(&'static str),
    /// An API key in this query parameter (`type: apiKey`, `in: query`).
    Query(&'static str),
    /// An API key in this cookie (`type: apiKey`, `in: cookie`).
    Cookie(&'static str),
    /// `Authorization: Bearer <token>` (`type: http`, `scheme: bearer`).
    Bearer,
    /// `Authorization: Basic base64(username:password)` (`type: http`, `scheme: basic`);
    /// the credential is the decoded `username:password`, see [`Credentials::basic`].
    Basic,
    /// The whole `Authorization` value, whatever its scheme (`type: http` with any other
    /// scheme, such as `digest`): checking it is the implementation's call.
    Authorization,
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
                Carrier::Cookie(name) => incoming.cookie(name),
                Carrier::Bearer => authorization(incoming, "bearer"),
                Carrier::Authorization => incoming
                    .headers()
                    .get(axum::http::header::AUTHORIZATION)
                    .and_then(|value| value.to_str().ok())
                    .map(str::trim),
                Carrier::Basic => {
                    // Only a well-formed pair counts: Base64 of UTF-8 with a `:`.
                    let pair = authorization(incoming, "basic")
                        .and_then(|encoded| BASE64_STANDARD.decode(encoded).ok())
                        .and_then(|decoded| String::from_utf8(decoded).ok())
                        .filter(|pair| pair.contains(':'));
                    if let Some(pair) = pair {
                        found.push((*scheme, pair));
                    }
                    continue;
                }
            };
            if let Some(value) = value.filter(|value| !value.is_empty()) {
                found.push((*scheme, value.to_owned()));
            }
        }
        Credentials { found }
    }

    /// The credential sent for `scheme`: the key or token as sent, the whole
    /// `Authorization` value for [`Carrier::Authorization`], and the decoded
    /// `username:password` for [`Carrier::Basic`].
    pub fn get(&self, scheme: &str) -> Option<&str> {
        self.found
            .iter()
            .find(|(name, _)| *name == scheme)
            .map(|(_, value)| value.as_str())
    }

    /// The username and password sent for the http `basic` scheme `scheme` (split at the
    /// first `:`, as RFC 7617 says; the password may contain `:`).
    pub fn basic(&self, scheme: &str) -> Option<(&str, &str)> {
        self.get(scheme)?.split_once(':')
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

    fn incoming(headers: &[(&'static str, &str)], query: &[(&str, &str)]) -> Incoming {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, HeaderValue::from_str(value).expect("visible ASCII"));
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
    fn cookie_basic_and_raw_authorization() {
        const OTHERS: &[(&str, Carrier)] = &[
            ("session", Carrier::Cookie("sid")),
            ("basic", Carrier::Basic),
            ("digest", Carrier::Authorization),
        ];
        // `ada:pa:ss`: the password keeps its colon.
        let found = Credentials::read(
            &incoming(
                &[
                    ("cookie", "theme=dark; sid=\"s-1\""),
                    ("authorization", "Basic YWRhOnBhOnNz"),
                ],
                &[],
            ),
            OTHERS,
        );
        assert_eq!(found.get("session"), Some("s-1"));
        assert_eq!(found.basic("basic"), Some(("ada", "pa:ss")));
        assert_eq!(found.get("digest"), Some("Basic YWRhOnBhOnNz"));
        // Not Base64, or no colon: no basic credential.
        for bad in ["Basic !!!", "Basic YWRh", "Bearer YWRhOnBhOnNz"] {
            let headers = [("authorization", bad)];
            let found = Credentials::read(&incoming(&headers, &[]), OTHERS);
            assert_eq!(found.basic("basic"), None, "{bad}");
        }
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
