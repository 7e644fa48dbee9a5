//! Creating clients: API key, environment, timeouts, retries.

use std::env::{self, VarError};

use crate::runtime::{Credentials, Error, Secret, Transport, TransportBuilder};
use crate::{AuthToken, Client, CustomerClient};

/// The environment variable [`Client::from_env`] reads the API key from.
pub const API_KEY_VAR: &str = "JERI_API_KEY";
/// The environment variable [`Client::from_env`] reads an optional base URL from.
pub const BASE_URL_VAR: &str = "JERI_BASE_URL";
/// The environment variable [`Client::program_from_env`] reads the program id from.
pub const PROGRAM_VAR: &str = "JERI_PROGRAM";
/// The environment variable [`Client::program_from_env`] reads an optional link slug from.
pub const SLUG_VAR: &str = "JERI_SLUG";

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
        client_builder()
    }

    /// A client configured from the environment: the API key from
    /// `JERI_API_KEY` (required, surrounding whitespace ignored) and the base
    /// URL from `JERI_BASE_URL` (optional; production when unset or empty).
    ///
    /// To add timeouts, hooks or a retry policy, start from
    /// [`builder_from_env`](Client::builder_from_env) instead.
    pub fn from_env() -> Result<Client, Error> {
        Client::builder_from_env()?.build()
    }

    /// A [`ClientBuilder`] with the API key and base URL read as
    /// [`from_env`](Client::from_env) reads them, to which the other settings can
    /// be added:
    ///
    /// ```no_run
    /// use std::time::Duration;
    ///
    /// let client = jeri_client::Client::builder_from_env()?
    ///     .timeout(Duration::from_secs(5))
    ///     .build()?;
    /// # let _ = client;
    /// # Ok::<(), jeri_client::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Config`] when `JERI_API_KEY` is unset, empty or not UTF-8, or
    /// `JERI_BASE_URL` is not UTF-8. An unusable base URL is reported by
    /// [`build`](TransportBuilder::build).
    pub fn builder_from_env() -> Result<ClientBuilder, Error> {
        builder_from_vars(env::var(API_KEY_VAR), env::var(BASE_URL_VAR))
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

fn builder_from_vars(
    api_key: Result<String, VarError>,
    base_url: Result<String, VarError>,
) -> Result<ClientBuilder, Error> {
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
    Ok(builder)
}

/// Builds a [`Client`]; only the API key is required.
///
/// This is the runtime's [`TransportBuilder`] set up for this API (production
/// base URL, `User-Agent: jeri-client/<version>`), so it has every transport
/// setting: [`base_url`](TransportBuilder::base_url) (an [`Environment`](crate::Environment) or any
/// address such as a local sandbox), timeouts (10 s to connect, 30 s per
/// attempt), [`http_client`](TransportBuilder::http_client),
/// [`retry_policy`](TransportBuilder::retry_policy),
/// [`max_body_size`](TransportBuilder::max_body_size) (32 MiB) and
/// [`hook`](TransportBuilder::hook). [`build`](TransportBuilder::build) fails
/// with [`Error::Config`] without an API key.
///
/// ```no_run
/// use std::time::Duration;
/// use jeri_client::{Client, Environment, RetryPolicy};
///
/// let client = Client::builder()
///     .api_key("sk_live_…")
///     .base_url(Environment::Staging)
///     .timeout(Duration::from_secs(10))
///     .retry_policy(RetryPolicy::new().max_attempts(5))
///     .build()?;
/// # let _ = client;
/// # Ok::<(), jeri_client::Error>(())
/// ```
pub type ClientBuilder = TransportBuilder<Client>;

/// The `User-Agent` a [`Client`] sends unless told otherwise.
const USER_AGENT: &str = concat!("jeri-client/", env!("CARGO_PKG_VERSION"));

fn client_builder() -> ClientBuilder {
    // The spec's first server is production; the user agent names this crate.
    Client::transport_builder()
        .user_agent(USER_AGENT)
        .building(client_with_api_key)
}

/// The last step of [`ClientBuilder::build`]: every merchant operation sends
/// the API key, so a client without one is a configuration error, not a 401
/// at the first call.
fn client_with_api_key(transport: Transport) -> Result<Client, Error> {
    if transport.credentials().api_key_secret().is_none() {
        return Err(Error::Config(format!(
            "an API key is required: pass one to `ClientBuilder::api_key`, or set {API_KEY_VAR} and use `Client::from_env`"
        )));
    }
    Ok(Client::from_transport(transport))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn from_vars(
        api_key: Result<String, VarError>,
        base_url: Result<String, VarError>,
    ) -> Result<Client, Error> {
        builder_from_vars(api_key, base_url)?.build()
    }

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
    fn the_environments_builder_takes_more_settings() {
        let builder = builder_from_vars(Ok("sk_key".into()), Ok("http://127.0.0.1:9".into()));
        let client = builder
            .expect("a builder")
            .timeout(Duration::from_secs(3))
            .build()
            .expect("builds");
        assert_eq!(client.transport().timeout(), Duration::from_secs(3));
        assert_eq!(
            client.transport().base_url().as_str(),
            "http://127.0.0.1:9/"
        );
        assert!(
            config_message(from_vars(Err(VarError::NotPresent), Ok(String::new())))
                .contains("JERI_API_KEY is not set")
        );
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
