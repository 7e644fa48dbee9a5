//! Configuring a [`Transport`].

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderValue;
use url::Url;

use super::auth::CredentialHeaders;
use super::layer::{self, HttpService, LayerSlot};
use super::transport::Inner;
use super::{Credentials, Error, Hook, RetryPolicy, SchemeCredential, Secret, Transport};

/// Builds a [`Transport`], or a client over one; every setting has a default.
///
/// `TransportBuilder` alone builds a [`Transport`]. A client crate turns it into
/// its own builder with [`building`](Self::building) (for example
/// `TransportBuilder<Client>`), so every setting below is available on the
/// client's builder without being written out again.
///
/// | setting | default |
/// |---|---|
/// | base URL | none: [`base_url`](Self::base_url) is required |
/// | connect timeout | 10 s |
/// | total timeout per attempt | 30 s |
/// | `User-Agent` | `jeri-runtime/<version>` |
/// | HTTP client | a new `reqwest::Client` (rustls, same-origin redirects only) |
/// | retries | [`RetryPolicy::default`] |
/// | largest success body | 32 MiB |
#[derive(Clone, Debug)]
pub struct TransportBuilder<T = Transport> {
    base_url: Option<String>,
    connect_timeout: Duration,
    timeout: Duration,
    user_agent: String,
    client: Option<ClientSlot>,
    retry: RetryPolicy,
    max_body_size: usize,
    credentials: Credentials,
    api_key_given: bool,
    hooks: Vec<HookSlot>,
    layers: Vec<LayerSlot>,
    /// The spec's security scheme names, when the generated code gave them.
    schemes: Option<&'static [&'static str]>,
    finish: Finish<T>,
}

/// What [`TransportBuilder::build`] makes of the transport it built.
struct Finish<T>(fn(Transport) -> Result<T, Error>);

impl<T> Clone for Finish<T> {
    fn clone(&self) -> Self {
        Self(self.0)
    }
}

impl<T> std::fmt::Debug for Finish<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(std::any::type_name::<T>())
    }
}

/// A hook, shown in `Debug` only as such.
#[derive(Clone)]
struct HookSlot(Arc<dyn Hook>);

impl std::fmt::Debug for HookSlot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Hook")
    }
}

/// A caller's `reqwest::Client`, kept out of `Debug` (its default headers may
/// hold credentials).
#[derive(Clone)]
struct ClientSlot(reqwest::Client);

impl std::fmt::Debug for ClientSlot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("reqwest::Client")
    }
}

/// Redirects at most this many times, and only within the same origin:
/// a redirect elsewhere would carry the `api-key` header along.
const MAX_REDIRECTS: usize = 5;

impl Default for TransportBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl Transport {
    /// Starts configuring a transport.
    pub fn builder() -> TransportBuilder {
        TransportBuilder::new()
    }
}

impl TransportBuilder {
    /// The default user agent, `jeri-runtime/<version>`.
    pub const DEFAULT_USER_AGENT: &'static str =
        concat!("jeri-runtime/", env!("CARGO_PKG_VERSION"));
    /// The default largest success body, 32 MiB.
    pub const DEFAULT_MAX_BODY_SIZE: usize = 32 * 1024 * 1024;

    /// A builder with every default.
    pub fn new() -> Self {
        Self {
            base_url: None,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            user_agent: Self::DEFAULT_USER_AGENT.to_owned(),
            client: None,
            retry: RetryPolicy::default(),
            max_body_size: Self::DEFAULT_MAX_BODY_SIZE,
            credentials: Credentials::none(),
            api_key_given: false,
            hooks: Vec::new(),
            layers: Vec::new(),
            schemes: None,
            finish: Finish(Ok),
        }
    }
}

impl<T> TransportBuilder<T> {
    /// The same settings, but [`build`](TransportBuilder::build) hands the
    /// transport to `finish` and returns what it makes: how a client crate
    /// offers every setting of this builder on its own client builder, with
    /// checks of its own (such as a required credential) in `finish`.
    pub fn building<U>(self, finish: fn(Transport) -> Result<U, Error>) -> TransportBuilder<U> {
        TransportBuilder {
            base_url: self.base_url,
            connect_timeout: self.connect_timeout,
            timeout: self.timeout,
            user_agent: self.user_agent,
            client: self.client,
            retry: self.retry,
            max_body_size: self.max_body_size,
            credentials: self.credentials,
            api_key_given: self.api_key_given,
            hooks: self.hooks,
            layers: self.layers,
            schemes: self.schemes,
            finish: Finish(finish),
        }
    }

    /// Talk to this base URL (checked by [`build`](Self::build)).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Time allowed to establish a connection (only for the client this
    /// builder creates, not for one passed to [`http_client`](Self::http_client)).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Total time allowed for each attempt: connecting, sending, and reading
    /// the whole response.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The `User-Agent` header.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Send through this `reqwest::Client` (its TLS, proxy, pool and redirect
    /// settings apply; the connect timeout of this builder does not).
    ///
    /// reqwest's default redirect policy follows redirects to other hosts and
    /// only strips `Authorization` on the way, so it would hand the `api-key`
    /// header to whatever host a redirect names; give such a client
    /// `reqwest::redirect::Policy::none()`.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.client = Some(ClientSlot(client));
        self
    }

    /// The retry policy.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The largest success body read, in bytes; a longer one fails with
    /// [`Error::BodyTooLarge`].
    pub fn max_body_size(mut self, bytes: usize) -> Self {
        self.max_body_size = bytes;
        self
    }

    /// The API key; an empty key is rejected by [`build`](Self::build).
    pub fn api_key(mut self, key: impl Into<Secret>) -> Self {
        self.credentials = self.credentials.with_api_key(key);
        self.api_key_given = true;
        self
    }

    /// A bearer token.
    pub fn bearer_token(mut self, token: impl Into<Secret>) -> Self {
        self.credentials = self.credentials.with_bearer_token(token);
        self
    }

    /// A username and password for operations secured by http `basic`.
    pub fn basic_auth(mut self, username: impl Into<String>, password: impl Into<Secret>) -> Self {
        self.credentials = self.credentials.with_basic(username, password);
        self
    }

    /// A whole `Authorization` value for operations secured by other http
    /// schemes (`digest`, …).
    pub fn authorization(mut self, value: impl Into<Secret>) -> Self {
        self.credentials = self.credentials.with_authorization(value);
        self
    }

    /// A secret for the security scheme named `scheme` (its key in the spec's
    /// `components.securitySchemes`): the API key of an apiKey scheme, the token
    /// of a bearer, oauth2 or openIdConnect scheme, or the whole `Authorization`
    /// value of another http scheme. Operations asking for that scheme send it
    /// instead of [`api_key`](Self::api_key), [`bearer_token`](Self::bearer_token)
    /// or [`authorization`](Self::authorization): how a spec with two API keys
    /// in different headers gets both. [`build`](Self::build) fails for a name
    /// the spec does not define.
    pub fn scheme_secret(mut self, scheme: impl Into<String>, secret: impl Into<Secret>) -> Self {
        self.credentials = self
            .credentials
            .with_scheme(scheme, SchemeCredential::Secret(secret.into()));
        self
    }

    /// A username and password for the http `basic` security scheme named
    /// `scheme`, sent instead of [`basic_auth`](Self::basic_auth) where an
    /// operation asks for that scheme.
    pub fn scheme_basic_auth(
        mut self,
        scheme: impl Into<String>,
        username: impl Into<String>,
        password: impl Into<Secret>,
    ) -> Self {
        self.credentials = self.credentials.with_scheme(
            scheme,
            SchemeCredential::Basic(username.into(), password.into()),
        );
        self
    }

    /// The spec's security scheme names, so that [`build`](Self::build) refuses
    /// a credential given for a name the spec does not define (set by generated
    /// `transport_builder()` functions).
    pub fn security_schemes(mut self, names: &'static [&'static str]) -> Self {
        self.schemes = Some(names);
        self
    }

    /// Runs `hook` around every attempt of every call, after the hooks
    /// added before it.
    pub fn hook(mut self, hook: impl Hook) -> Self {
        self.hooks.push(HookSlot(Arc::new(hook)));
        self
    }

    /// Sends every attempt through `layer`, a tower middleware around the HTTP client:
    /// the bridge from tower's layers (metrics, concurrency and rate limits, request
    /// and response mapping) to the transport. Layers added first are outermost, as
    /// with tower's `ServiceBuilder`; [`Hook`]s run outside all of them.
    ///
    /// A layer wraps an [`HttpService`] (`reqwest::Request` to `reqwest::Response`) and
    /// must keep its error type, `reqwest::Error`: layers that fail with an error of
    /// their own (tower's `timeout`, `load_shed`, `buffer`) do not fit, and neither do
    /// layers for `http::Request` (tower-http's `TraceLayer`); the transport's own
    /// timeouts and the `jeri.call` span cover those.
    ///
    /// ```
    /// use jeri_runtime::Transport;
    /// use jeri_runtime::reqwest::header::HeaderValue;
    ///
    /// let tag = tower::util::MapRequestLayer::new(|mut request: reqwest::Request| {
    ///     request
    ///         .headers_mut()
    ///         .insert("x-service", HeaderValue::from_static("loyalty"));
    ///     request
    /// });
    /// let transport = Transport::builder()
    ///     .base_url("https://api.example.com")
    ///     .layer(tag)
    ///     .build()?;
    /// # let _ = transport;
    /// # Ok::<(), jeri_runtime::Error>(())
    /// ```
    pub fn layer<L>(mut self, layer: L) -> Self
    where
        L: tower::Layer<HttpService> + Send + Sync + 'static,
        L::Service: tower::Service<reqwest::Request, Response = reqwest::Response, Error = reqwest::Error>
            + Clone
            + Send
            + Sync
            + 'static,
        <L::Service as tower::Service<reqwest::Request>>::Future: Send + 'static,
    {
        self.layers.push(LayerSlot::new(layer));
        self
    }

    /// Checks the settings, builds the transport and returns it, or what the
    /// function given to [`building`](Self::building) makes of it.
    pub fn build(self) -> Result<T, Error> {
        let finish = self.finish.0;
        finish(self.build_transport()?)
    }

    fn build_transport(self) -> Result<Transport, Error> {
        if self.api_key_given && self.credentials.api_key_secret().is_none() {
            return Err(Error::Config("the API key is empty".into()));
        }
        check_secret("API key", self.credentials.api_key_secret())?;
        check_secret("bearer token", self.credentials.bearer_token_secret())?;
        if let Some(known) = self.schemes
            && let Some(unknown) = self
                .credentials
                .scheme_names()
                .find(|name| !known.contains(name))
        {
            return Err(Error::Config(format!(
                "a credential was given for the security scheme {unknown:?}, which the spec does not define (its schemes: {})",
                if known.is_empty() {
                    "none".to_owned()
                } else {
                    known.join(", ")
                }
            )));
        }
        let base_url = parse_base_url(self.base_url.as_deref())?;
        if self.timeout.is_zero() || self.connect_timeout.is_zero() {
            return Err(Error::Config("timeouts must be longer than zero".into()));
        }
        let user_agent = HeaderValue::from_str(&self.user_agent)
            .ok()
            .filter(|value| value.to_str().is_ok())
            .ok_or_else(|| {
                Error::Config(format!(
                    "the user agent {:?} is not a valid header value (visible ASCII only)",
                    self.user_agent
                ))
            })?;
        let client_applies_timeout = self.client.is_none();
        let client = match self.client {
            Some(ClientSlot(client)) => client,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .timeout(self.timeout)
                .redirect(reqwest::redirect::Policy::custom(same_origin_redirects))
                .build()
                .map_err(|error| {
                    Error::Config(format!("cannot create the HTTP client: {error}"))
                })?,
        };
        let layers = layer::wrap(&client, self.layers);
        Ok(Transport {
            inner: Arc::new(Inner {
                base_url,
                client,
                layers,
                user_agent,
                credential_headers: CredentialHeaders::new(&self.credentials),
                credentials: self.credentials,
                retry: self.retry,
                timeout: self.timeout,
                client_applies_timeout,
                max_body_size: self.max_body_size,
                hooks: self.hooks.into_iter().map(|HookSlot(hook)| hook).collect(),
            }),
        })
    }
}

fn same_origin_redirects(attempt: reqwest::redirect::Attempt<'_>) -> reqwest::redirect::Action {
    let same_origin = attempt
        .previous()
        .first()
        .is_some_and(|first| first.origin() == attempt.url().origin());
    if same_origin && attempt.previous().len() <= MAX_REDIRECTS {
        attempt.follow()
    } else {
        attempt.stop()
    }
}

/// Secrets must fit in a header; the message never shows the secret.
fn check_secret(what: &str, secret: Option<&Secret>) -> Result<(), Error> {
    match secret {
        Some(secret) if HeaderValue::from_str(secret.expose()).is_err() => Err(Error::Config(
            format!("the {what} contains characters that cannot be sent in an HTTP header"),
        )),
        _ => Ok(()),
    }
}

fn parse_base_url(text: Option<&str>) -> Result<Url, Error> {
    // No default: a client for one API must not send its credentials to another.
    let text = text
        .ok_or_else(|| Error::Config("no base URL: pass the API's address to `base_url`".into()))?;
    let url = Url::parse(text).map_err(|error| {
        // Whatever precedes an `@` may be a user name and password.
        let shown = match text.rsplit_once('@') {
            Some((_, rest)) => format!("…@{rest}"),
            None => text.to_owned(),
        };
        Error::Config(format!("invalid base URL {shown:?}: {error}"))
    })?;
    // Credentials in the URL would show up wherever the URL is printed.
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::Config(
            "the base URL must not contain a user name or password".into(),
        ));
    }
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Error::Config(format!(
            "the base URL {url} must use http or https"
        )));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::Config(format!(
            "the base URL {url} must not have a query or fragment"
        )));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> TransportBuilder {
        TransportBuilder::new().base_url("https://api.example.com")
    }

    fn config_error(builder: TransportBuilder) -> String {
        match builder.build() {
            Err(Error::Config(message)) => message,
            other => format!("unexpected: {other:?}"),
        }
    }

    #[test]
    fn defaults() {
        let transport = TransportBuilder::new()
            .base_url("https://api.example.com")
            .api_key("k")
            .build()
            .expect("the defaults build");
        assert_eq!(transport.base_url().as_str(), "https://api.example.com/");
        assert_eq!(transport.timeout(), Duration::from_secs(30));
        assert_eq!(
            transport.user_agent(),
            concat!("jeri-runtime/", env!("CARGO_PKG_VERSION"))
        );
        assert_eq!(transport.retry_policy(), &RetryPolicy::default());
        assert_eq!(transport.max_body_size(), 32 * 1024 * 1024);
    }

    #[test]
    fn building_hands_the_built_transport_to_the_finish_function() {
        fn timeout_secs(transport: Transport) -> Result<u64, Error> {
            Ok(transport.timeout().as_secs())
        }
        fn refuse(_: Transport) -> Result<(), Error> {
            Err(Error::Config("refused by the client".into()))
        }
        let before = valid()
            .timeout(Duration::from_secs(7))
            .building(timeout_secs);
        assert_eq!(before.build().ok(), Some(7));
        // Every setting stays available after `building`.
        let after = valid()
            .building(timeout_secs)
            .timeout(Duration::from_secs(9));
        assert_eq!(after.build().ok(), Some(9));
        match valid().building(refuse).build() {
            Err(Error::Config(message)) => assert_eq!(message, "refused by the client"),
            other => panic!("expected the finish function's error, got {other:?}"),
        }
        // The transport's own checks run first.
        match TransportBuilder::new().building(refuse).build() {
            Err(Error::Config(message)) => assert!(message.contains("no base URL"), "{message}"),
            other => panic!("expected a configuration error, got {other:?}"),
        }
        let shown = format!("{:?}", valid().api_key("TOPSECRET").building(timeout_secs));
        assert!(
            shown.contains("u64") && !shown.contains("TOPSECRET"),
            "{shown}"
        );
    }

    #[test]
    fn credentials_by_scheme_name_must_name_a_scheme_of_the_spec() {
        let known = valid().security_schemes(&["adminKey", "oauth"]);
        assert!(
            known
                .clone()
                .scheme_secret("adminKey", "k")
                .scheme_basic_auth("oauth", "u", "p")
                .build()
                .is_ok()
        );
        let message = config_error(known.scheme_secret("admnKey", "TOPSECRET"));
        assert!(
            message.contains("\"admnKey\"") && message.contains("adminKey, oauth"),
            "{message}"
        );
        assert!(!message.contains("TOPSECRET"));
        // Without the list (a hand-made transport), any name is taken.
        assert!(valid().scheme_secret("anything", "k").build().is_ok());
    }

    #[test]
    fn the_base_url_has_no_default() {
        assert!(config_error(TransportBuilder::new().api_key("k")).contains("no base URL"));
    }

    #[test]
    fn rejects_bad_settings_without_showing_secrets() {
        assert!(config_error(TransportBuilder::new().api_key("")).contains("empty"));
        let message = config_error(TransportBuilder::new().api_key("sk_live\nsecret"));
        assert!(message.contains("API key") && !message.contains("sk_live"));
        let message =
            config_error(TransportBuilder::new().base_url("https://user:hunter2@example.com"));
        assert!(!message.contains("hunter2"));
        assert!(
            config_error(TransportBuilder::new().base_url("not a url"))
                .contains("invalid base URL")
        );
        assert!(
            config_error(TransportBuilder::new().base_url("ftp://example.com")).contains("http")
        );
        assert!(
            config_error(TransportBuilder::new().base_url("https://example.com/?a=b"))
                .contains("query")
        );
        assert!(config_error(valid().timeout(Duration::ZERO)).contains("timeouts"));
        assert!(config_error(valid().user_agent("a\u{7f}b")).contains("user agent"));
    }

    #[test]
    fn debug_hides_credentials() {
        let built = valid()
            .api_key("sk_live_hunter2")
            .bearer_token("eyJ.secret.jwt")
            .build();
        let text = format!("{built:?}");
        assert!(
            !text.contains("hunter2") && !text.contains("secret.jwt"),
            "{text}"
        );
        assert!(text.contains("Secret([REDACTED])"));
        let builder = format!("{:?}", TransportBuilder::new().api_key("sk_live_hunter2"));
        assert!(!builder.contains("hunter2"));
    }
}
