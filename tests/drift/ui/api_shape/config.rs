//! Configuring a client: `Client::new`, the builder with every setting, `from_env`,
//! `as_customer`, per-call options and the environments.

use std::time::Duration;

use jeri_client::runtime::Transport;
use jeri_client::{
    API_KEY_VAR, AuthToken, BASE_URL_VAR, CallOptions, Client, ClientBuilder, CustomerClient,
    Environment, Error, LinkError, RetryPolicy, Secret,
};

fn _new() -> Result<(), Error> {
    let from_str: Client = Client::new("api-key")?;
    let from_string: Client = Client::new(String::from("api-key"))?;
    let from_secret: Client = Client::new(Secret::new("api-key"))?;
    let _clones: [Client; 3] = [from_str.clone(), from_string, from_secret];
    Ok(())
}

fn _builder() -> Result<(), Error> {
    let retry_policy: RetryPolicy = RetryPolicy::new()
        .max_attempts(3)
        .base_delay(Duration::from_millis(100))
        .max_delay(Duration::from_secs(2))
        .total_budget(Duration::from_secs(10));
    let _attempts: u32 = retry_policy.attempts();
    let _budget: Duration = retry_policy.budget();
    let _no_retries: RetryPolicy = RetryPolicy::disabled();
    let _default: RetryPolicy = RetryPolicy::default();

    let builder: ClientBuilder = Client::builder()
        .api_key("api-key")
        .base_url(Environment::Staging)
        .base_url("http://127.0.0.1:8080")
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(30))
        .user_agent("billing-service/1.4")
        .retry_policy(retry_policy)
        .http_client(reqwest::Client::new())
        .max_body_size(1024 * 1024);
    let client: Client = builder.build()?;

    let transport: &Transport = client.transport();
    let _rebuilt: Client = Client::from_transport(transport.clone());
    Ok(())
}

fn _environments() -> [Environment; 3] {
    let custom: Environment = "http://127.0.0.1:8080"
        .parse()
        .map(Environment::Custom)
        .unwrap_or_default();
    let _production_url: &str = Environment::PRODUCTION_URL;
    let _staging_url: &str = Environment::STAGING_URL;
    let _base_url: &str = custom.as_str();
    [Environment::Production, Environment::Staging, custom]
}

fn _from_env() -> Result<Client, Error> {
    let _api_key_var: &str = API_KEY_VAR;
    let _base_url_var: &str = BASE_URL_VAR;
    Client::from_env()
}

fn _as_customer(client: &Client, access_token: String) -> Result<CustomerClient, LinkError> {
    let token: AuthToken = AuthToken::new(access_token)?;
    Ok(client.as_customer(token))
}

fn _call_options() -> CallOptions {
    CallOptions::new()
        .timeout(Duration::from_secs(5))
        .max_attempts(1)
        .retry_non_idempotent(true)
}

fn _secret(secret: &Secret) -> bool {
    let _exposed: &str = secret.expose();
    secret.is_empty()
}

fn main() {}
