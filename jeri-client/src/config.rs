//! Creating clients: API key, environment, timeouts, retries.

use std::env::{self, VarError};
use std::time::Duration;

use crate::runtime::{Credentials, Error, RetryPolicy, Secret, TransportBuilder};
use crate::{AuthToken, Client, CustomerClient, Environment};

/// The environment variable [`Client::from_env`] reads the API key from.
pub const API_KEY_VAR: &str = "JERI_API_KEY";
/// The environment variable [`Client::from_env`] reads an optional base URL from.
pub const BASE_URL_VAR: &str = "JERI_BASE_URL";

impl Client {
    /// A client for the production API with default settings.
    ///
    /// Fails with [`Error::Config`] when the key is empty or cannot be sent in
    /// a header.
    pub fn new(api_key: impl Into<Secret>) -> Result<Client, Error> {
        Client::builder().api_key(api_key).build()
    }

    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client configured from the environment: the API key from
    /// `JERI_API_KEY` (required, surrounding whitespace ignored) and the base
    /// URL from `JERI_BASE_URL` (optional; production when unset or empty).
    pub fn from_env() -> Result<Client, Error> {
        from_vars(env::var(API_KEY_VAR), env::var(BASE_URL_VAR))
    }

    /// A client acting as one customer: the same base URL, HTTP client,
    /// timeouts and retries, authenticated only by the customer's `auth`
    /// token as a bearer token.
    ///
    /// Only an [`AuthToken`] is accepted (from
    /// [`customer_auth_token`](Client::customer_auth_token), or
    /// [`AuthToken::new`] over the `accessToken` of an `auth`
    /// [`get_customer_token`](Client::get_customer_token)), so a download
    /// token or any other string cannot become a bearer credential by mistake.
    pub fn as_customer(&self, token: AuthToken) -> CustomerClient {
        CustomerClient::from_transport(
            self.transport()
                .with_credentials(Credentials::bearer(token.into_exposed())),
        )
    }
}

fn from_vars(
    api_key: Result<String, VarError>,
    base_url: Result<String, VarError>,
) -> Result<Client, Error> {
    let api_key = match api_key {
        Ok(key) if !key.trim().is_empty() => key.trim().to_owned(),
        Ok(_) => return Err(Error::Config(format!("{API_KEY_VAR} is set but empty"))),
        Err(VarError::NotPresent) => {
            return Err(Error::Config(format!(
                "{API_KEY_VAR} is not set; set it to the program's API key (Settings > Technical > API Keys)"
            )));
        }
        Err(VarError::NotUnicode(_)) => {
            return Err(Error::Config(format!("{API_KEY_VAR} is not valid UTF-8")));
        }
    };
    let mut builder = Client::builder().api_key(api_key);
    match base_url {
        Ok(url) if !url.trim().is_empty() => builder = builder.base_url(url.trim()),
        Ok(_) | Err(VarError::NotPresent) => {}
        Err(VarError::NotUnicode(_)) => {
            return Err(Error::Config(format!("{BASE_URL_VAR} is not valid UTF-8")));
        }
    }
    builder.build()
}

/// Builds a [`Client`]; only the API key is required.
///
/// ```no_run
/// use std::time::Duration;
/// use jeri_client::{Client, Environment, RetryPolicy};
///
/// let client = Client::builder()
///     .api_key("sk_live_…")
///     .environment(Environment::Staging)
///     .timeout(Duration::from_secs(10))
///     .retry_policy(RetryPolicy::new().max_attempts(5))
///     .build()?;
/// # let _ = client;
/// # Ok::<(), jeri_client::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct ClientBuilder {
    transport: TransportBuilder,
    api_key: Option<Secret>,
}

/// The `User-Agent` a [`Client`] sends unless told otherwise.
const USER_AGENT: &str = concat!("jeri-client/", env!("CARGO_PKG_VERSION"));

impl Default for ClientBuilder {
    fn default() -> Self {
        Self {
            // The spec's first server is production; the user agent names this crate.
            transport: Client::transport_builder().user_agent(USER_AGENT),
            api_key: None,
        }
    }
}

impl ClientBuilder {
    /// The program's API key (required).
    pub fn api_key(mut self, key: impl Into<Secret>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// Talk to this deployment (default: production).
    pub fn environment(mut self, environment: Environment) -> Self {
        self.transport = self.transport.base_url(environment.as_str());
        self
    }

    /// Talk to this base URL, such as a local sandbox (checked by
    /// [`build`](Self::build)).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.transport = self.transport.base_url(url);
        self
    }

    /// Time allowed to establish a connection (default 10 s; not applied to
    /// a client given to [`http_client`](Self::http_client)).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.transport = self.transport.connect_timeout(timeout);
        self
    }

    /// Total time allowed for each attempt, response body included (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.transport = self.transport.timeout(timeout);
        self
    }

    /// The `User-Agent` header (default `jeri-client/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.transport = self.transport.user_agent(user_agent);
        self
    }

    /// Send through this `reqwest::Client` (its TLS, proxy, pool and redirect
    /// settings apply).
    ///
    /// reqwest's default redirect policy follows redirects to other hosts and
    /// only strips `Authorization` on the way, so it would hand the `api-key`
    /// header to whatever host a redirect names; give such a client
    /// `reqwest::redirect::Policy::none()`.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.transport = self.transport.http_client(client);
        self
    }

    /// The retry policy (default [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.transport = self.transport.retry_policy(policy);
        self
    }

    /// The largest success body read, in bytes (default 32 MiB).
    pub fn max_body_size(mut self, bytes: usize) -> Self {
        self.transport = self.transport.max_body_size(bytes);
        self
    }

    /// Checks the settings and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let api_key = self.api_key.ok_or_else(|| {
            Error::Config(format!(
                "an API key is required: pass one to `ClientBuilder::api_key`, or set {API_KEY_VAR} and use `Client::from_env`"
            ))
        })?;
        let transport = self.transport.api_key(api_key).build()?;
        Ok(Client::from_transport(transport))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config_message(result: Result<Client, Error>) -> String {
        match result {
            Err(Error::Config(message)) => message,
            other => format!("unexpected: {other:?}"),
        }
    }

    #[test]
    fn new_targets_production() {
        let client = Client::new("sk_live_key").map(|c| c.transport().base_url().to_string());
        assert_eq!(
            client.ok().as_deref(),
            Some("https://api.jericommerce.com/")
        );
    }

    #[test]
    fn empty_or_missing_keys_are_configuration_errors() {
        assert!(config_message(Client::new("")).contains("empty"));
        assert!(config_message(Client::builder().build()).contains("API key is required"));
    }

    #[test]
    fn from_vars_requires_a_non_empty_key() {
        let unset = from_vars(Err(VarError::NotPresent), Err(VarError::NotPresent));
        assert!(config_message(unset).contains("JERI_API_KEY is not set"));
        let blank = from_vars(Ok("  ".into()), Err(VarError::NotPresent));
        assert!(config_message(blank).contains("JERI_API_KEY is set but empty"));
    }

    #[test]
    fn from_vars_reads_the_base_url() {
        let client = from_vars(Ok(" sk_key\n".into()), Ok("http://127.0.0.1:8080".into()));
        let url = client.map(|c| c.transport().base_url().to_string());
        assert_eq!(url.ok().as_deref(), Some("http://127.0.0.1:8080/"));
        let default = from_vars(Ok("sk_key".into()), Ok(String::new()));
        let url = default.map(|c| c.transport().base_url().to_string());
        assert_eq!(url.ok().as_deref(), Some("https://api.jericommerce.com/"));
        let bad = from_vars(Ok("sk_key".into()), Ok("not a url".into()));
        assert!(config_message(bad).contains("invalid base URL"));
    }

    #[test]
    fn customers_get_only_their_token() {
        let client = Client::builder()
            .api_key("sk_live_TOPSECRET")
            .timeout(Duration::from_secs(7))
            .build()
            .expect("a valid configuration builds");
        let customer = client.as_customer(AuthToken::new("eyJ.TOPSECRET.jwt").expect("a token"));
        let transport = customer.transport();
        assert!(transport.credentials().api_key_secret().is_none());
        assert_eq!(
            transport
                .credentials()
                .bearer_token_secret()
                .map(Secret::expose),
            Some("eyJ.TOPSECRET.jwt")
        );
        assert_eq!(transport.timeout(), Duration::from_secs(7));
        for shown in [
            format!("{client:?}"),
            format!("{customer:?}"),
            format!("{:?}", Client::builder().api_key("TOPSECRET")),
        ] {
            assert!(!shown.contains("TOPSECRET"), "{shown}");
        }
    }
}
