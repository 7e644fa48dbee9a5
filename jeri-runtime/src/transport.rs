//! The configured connection to the API that every call goes through.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderValue;
use url::Url;

use super::auth::CredentialHeaders;
use super::layer::HttpService;
use super::{Credentials, Hook, RetryPolicy};

/// The base URL, HTTP client, credentials and policies shared by every call.
///
/// Cheap to clone (the configuration sits behind an [`Arc`]). `Debug` shows
/// the configuration with credentials redacted.
#[derive(Clone)]
pub struct Transport {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) base_url: Url,
    pub(crate) client: reqwest::Client,
    /// The client inside the caller's tower layers, when there are any.
    pub(crate) layers: Option<HttpService>,
    pub(crate) user_agent: HeaderValue,
    pub(crate) credentials: Credentials,
    pub(crate) credential_headers: CredentialHeaders,
    pub(crate) retry: RetryPolicy,
    pub(crate) timeout: Duration,
    /// The HTTP client applies `timeout` itself (it is one this crate built),
    /// so requests only set a timeout when a call overrides it.
    pub(crate) client_applies_timeout: bool,
    pub(crate) max_body_size: usize,
    pub(crate) hooks: Arc<[Arc<dyn Hook>]>,
}

impl Transport {
    /// The same configuration and HTTP client (sharing its connection pool)
    /// with other credentials, for example a customer's bearer token.
    pub fn with_credentials(&self, credentials: Credentials) -> Transport {
        let inner = &self.inner;
        Transport {
            inner: Arc::new(Inner {
                base_url: inner.base_url.clone(),
                client: inner.client.clone(),
                layers: inner.layers.clone(),
                user_agent: inner.user_agent.clone(),
                credential_headers: CredentialHeaders::new(&credentials),
                credentials,
                retry: inner.retry.clone(),
                timeout: inner.timeout,
                client_applies_timeout: inner.client_applies_timeout,
                max_body_size: inner.max_body_size,
                hooks: inner.hooks.clone(),
            }),
        }
    }

    /// The base URL operation paths are appended to.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// The credentials sent with calls.
    pub fn credentials(&self) -> &Credentials {
        &self.inner.credentials
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    /// The total time allowed for one attempt.
    pub fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// The largest success body read, in bytes.
    pub fn max_body_size(&self) -> usize {
        self.inner.max_body_size
    }

    /// The `User-Agent` sent with every request.
    pub fn user_agent(&self) -> &str {
        self.inner.user_agent.to_str().unwrap_or_default()
    }
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        // The reqwest client is left out: its Debug shows default headers,
        // which a caller-provided client may use for credentials.
        f.debug_struct("Transport")
            .field("base_url", &inner.base_url.as_str())
            .field("user_agent", &inner.user_agent)
            .field("credentials", &inner.credentials)
            .field("retry", &inner.retry)
            .field("timeout", &inner.timeout)
            .field("max_body_size", &inner.max_body_size)
            .field("hooks", &inner.hooks.len())
            .field("layered", &inner.layers.is_some())
            .finish_non_exhaustive()
    }
}
