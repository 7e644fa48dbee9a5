//! What is known of a request that ended in a transport error.

use std::fmt;

use url::Url;

use super::{Method, OperationInfo, Outcome, SecurityRequirement};

/// The request a [`Error::Transport`](super::Error::Transport) ended: its method and
/// path template, the status when the response had begun to arrive (the failure was in
/// reading its body), what is known of its [`Outcome`], and its URL.
///
/// `Debug` and `Display` show the method and the path template, never the URL: a
/// filled-in path or query holds the caller's data (a customer's email), and every
/// service logs its errors. The URL is there for who asks for it, with [`url`](Self::url).
#[derive(Clone)]
pub struct FailedRequest {
    operation: &'static OperationInfo,
    status: Option<u16>,
    outcome: Outcome,
    url: Option<Box<Url>>,
}

impl FailedRequest {
    pub(crate) fn new(
        operation: &'static OperationInfo,
        status: Option<u16>,
        outcome: Outcome,
        url: Option<Box<Url>>,
    ) -> Self {
        Self {
            operation,
            status,
            outcome,
            url,
        }
    }

    /// The HTTP method.
    pub fn method(&self) -> Method {
        self.operation.method
    }

    /// The operation's path template (`/v1/programs/{programId}/customers/{email}`).
    pub fn path_template(&self) -> &'static str {
        self.operation.path
    }

    /// The response status, when the response had begun to arrive before the failure.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// Whether the request took effect, as far as is known.
    pub fn outcome(&self) -> Outcome {
        self.outcome
    }

    /// The request URL with its path and query filled in, without any credential sent
    /// in the query; `None` when the failure came before there was one.
    pub fn url(&self) -> Option<&Url> {
        self.url.as_deref()
    }
}

impl fmt::Debug for FailedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FailedRequest")
            .field("method", &self.operation.method)
            .field("path_template", &self.operation.path)
            .field("status", &self.status)
            .field("outcome", &self.outcome)
            .finish_non_exhaustive()
    }
}

/// `GET /v1/programs/{programId}`: the method and the path template.
impl FailedRequest {
    /// What an error's message adds about the request's effect: nothing when it certainly
    /// did not take effect, else whether it did or may have.
    pub(crate) fn outcome_note(&self) -> &'static str {
        match self.outcome {
            Outcome::NotApplied => "",
            Outcome::Applied => " (the request took effect)",
            Outcome::Unknown => " (the request may have taken effect: outcome unknown)",
        }
    }
}

impl fmt::Display for FailedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}",
            self.operation.method.as_str(),
            self.operation.path
        )
    }
}

/// `url` as an error may keep it: when a credential travels in the query
/// (`secret_in_query`), the query parameters the operation's security requirements name
/// are taken out.
pub(crate) fn keepable_url(
    url: &Url,
    operation: &OperationInfo,
    secret_in_query: bool,
) -> Box<Url> {
    let mut url = url.clone();
    if secret_in_query {
        let secret = |name: &str| {
            operation.security.iter().flat_map(|all| all.iter()).any(|requirement| {
                matches!(requirement, SecurityRequirement::ApiKeyQuery { parameter, .. } if *parameter == name)
            })
        };
        let kept: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(name, _)| !secret(name))
            .map(|(name, value)| (name.into_owned(), value.into_owned()))
            .collect();
        if kept.is_empty() {
            url.set_query(None);
        } else {
            url.query_pairs_mut().clear().extend_pairs(kept);
        }
    }
    Box::new(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    static KEYED: OperationInfo = OperationInfo {
        id: "keyed",
        method: Method::Get,
        path: "/v1/things",
        security: &[&[SecurityRequirement::ApiKeyQuery {
            scheme: "apiKey",
            parameter: "api_key",
        }]],
    };

    #[test]
    fn only_the_credential_leaves_the_query() {
        let url = Url::parse("http://h/v1/things?page=2&api_key=TOPSECRET").expect("url");
        let kept = keepable_url(&url, &KEYED, true);
        assert_eq!(kept.as_str(), "http://h/v1/things?page=2");
        let alone = Url::parse("http://h/v1/things?api_key=TOPSECRET").expect("url");
        assert_eq!(
            keepable_url(&alone, &KEYED, true).as_str(),
            "http://h/v1/things"
        );
        assert_eq!(keepable_url(&url, &KEYED, false).as_str(), url.as_str());
    }
}
