//! Running the sandbox on a local port.

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use axum::Router;

use crate::api::Api;
use crate::faults::{Fault, Faults};
use crate::state::{SandboxState, SeedCustomer};
use crate::webhooks::delivery::{Deliveries, WebhookConfig};

/// The sandbox as an axum [`Router`], for embedding in another server or test harness.
///
/// Every operation of `spec/openapi.yaml` is routed, and each request is checked against
/// the spec before the sandbox acts on it; any other path or method gets a NestJS-style
/// `404` with an `ErrorBody`. `POST /_sandbox/events` sends an event on demand
/// ([`crate::webhooks`]).
pub fn router(state: SandboxState) -> Router {
    let faults = state.faults().clone();
    let admin = crate::admin::routes(state.clone());
    let events = crate::webhooks::admin::routes(state.clone());
    crate::wire::server::router(Api::new(state))
        .layer(axum::middleware::from_fn_with_state(
            faults,
            crate::faults::inject,
        ))
        .merge(admin)
        .merge(events)
}

/// The API key a sandbox accepts unless told otherwise.
pub const DEFAULT_API_KEY: &str = "sandbox-api-key";

/// A running sandbox server; it shuts down when dropped.
///
/// ```no_run
/// # async fn demo() -> std::io::Result<()> {
/// let sandbox = jeri_sandbox::Sandbox::start().await?;
/// println!("{} accepts api-key {}", sandbox.base_url(), sandbox.api_key());
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct Sandbox {
    addr: SocketAddr,
    state: SandboxState,
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
    /// The webhook delivery task, when there is a webhook URL.
    deliveries: Option<JoinHandle<()>>,
}

/// Options for [`Sandbox`]: API key, listen address, seeded customers.
#[derive(Debug, Clone)]
pub struct SandboxBuilder {
    api_key: String,
    listen: SocketAddr,
    customers: Vec<SeedCustomer>,
    faults: Vec<Fault>,
    webhook_url: Option<String>,
    webhook_secret: Option<String>,
    webhook_first_retry: Option<Duration>,
    webhook_max_retries: Option<u32>,
}

impl Default for SandboxBuilder {
    fn default() -> Self {
        SandboxBuilder {
            api_key: DEFAULT_API_KEY.to_owned(),
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            customers: Vec::new(),
            faults: Vec::new(),
            webhook_url: None,
            webhook_secret: None,
            webhook_first_retry: None,
            webhook_max_retries: None,
        }
    }
}

impl SandboxBuilder {
    /// The key to accept in the `api-key` header (default [`DEFAULT_API_KEY`]).
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = key.into();
        self
    }

    /// Where to listen (default `127.0.0.1:0`, a free port).
    pub fn listen(mut self, addr: SocketAddr) -> Self {
        self.listen = addr;
        self
    }

    /// A customer to create before serving.
    pub fn customer(mut self, seed: SeedCustomer) -> Self {
        self.customers.push(seed);
        self
    }

    /// A fault to inject from the first request on (see [`Faults`]).
    pub fn fault(mut self, fault: Fault) -> Self {
        self.faults.push(fault);
        self
    }

    /// Sends JeriCommerce's events to this URL (`http://`), signed with
    /// [`SandboxBuilder::webhook_secret`], which must be given too ([`crate::webhooks`]).
    pub fn webhook_url(mut self, url: impl Into<String>) -> Self {
        self.webhook_url = Some(url.into());
        self
    }

    /// The integration secret events are signed with (its text's bytes).
    pub fn webhook_secret(mut self, secret: impl Into<String>) -> Self {
        self.webhook_secret = Some(secret.into());
        self
    }

    /// The wait before the first retry of an unacknowledged event (default 500 ms); each
    /// next wait is twice the one before.
    pub fn webhook_first_retry(mut self, wait: Duration) -> Self {
        self.webhook_first_retry = Some(wait);
        self
    }

    /// How many times an unacknowledged event is retried (default 10, as JeriCommerce).
    pub fn webhook_max_retries(mut self, retries: u32) -> Self {
        self.webhook_max_retries = Some(retries);
        self
    }

    fn webhook_config(&self) -> io::Result<Option<WebhookConfig>> {
        let (url, secret) = match (&self.webhook_url, &self.webhook_secret) {
            (Some(url), Some(secret)) => (url.clone(), secret.clone()),
            (None, None) => return Ok(None),
            _ => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "a webhook URL and a webhook secret go together",
                ));
            }
        };
        let mut config = WebhookConfig::new(url, secret);
        config.first_retry = self.webhook_first_retry.unwrap_or(config.first_retry);
        config.max_retries = self.webhook_max_retries.unwrap_or(config.max_retries);
        Ok(Some(config))
    }

    /// Binds the address and starts serving on the current tokio runtime.
    pub async fn start(self) -> io::Result<Sandbox> {
        let webhooks = self.webhook_config()?;
        let state = SandboxState::new(self.api_key);
        for seed in self.customers {
            state.add_customer(seed);
        }
        for fault in self.faults {
            state.faults().add(fault);
        }
        // After seeding: seeded customers are an initial sync, which sends no events.
        let deliveries = match webhooks {
            Some(config) => {
                let (deliveries, task) = Deliveries::start(config)?;
                state.deliver_to(deliveries);
                Some(task)
            }
            None => None,
        };
        let listener = TcpListener::bind(self.listen).await?;
        let addr = listener.local_addr()?;
        let (shutdown, signal) = oneshot::channel::<()>();
        let app = router(state.clone());
        let task = tokio::spawn(async move {
            let serving = axum::serve(listener, app).with_graceful_shutdown(async {
                // A dropped sender stops the server as well as a sent signal.
                let _ = signal.await;
            });
            if let Err(error) = serving.await {
                eprintln!("jeri-sandbox: server error: {error}");
            }
        });
        Ok(Sandbox {
            addr,
            state,
            shutdown: Some(shutdown),
            task,
            deliveries,
        })
    }
}

impl Sandbox {
    /// Starts a sandbox on `127.0.0.1` with a free port and [`DEFAULT_API_KEY`].
    pub async fn start() -> io::Result<Sandbox> {
        Sandbox::builder().start().await
    }

    /// Options for a sandbox.
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder::default()
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The API key the server accepts.
    pub fn api_key(&self) -> &str {
        self.state.api_key()
    }

    /// The server's state, to seed or inspect while it runs.
    pub fn state(&self) -> &SandboxState {
        &self.state
    }

    /// The injected faults, to arm or clear while it runs.
    pub fn faults(&self) -> &Faults {
        self.state.faults()
    }

    /// Stops accepting connections, lets requests in flight finish, and waits for the
    /// server to stop.
    pub async fn shutdown(mut self) {
        self.state.faults().stop_holding();
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        let _ = (&mut self.task).await;
        if let Some(deliveries) = self.deliveries.take() {
            deliveries.abort();
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.state.faults().stop_holding();
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        // Dropping cannot wait for in-flight requests; open keep-alive connections would
        // otherwise hold the task, and with it the port, after the test is done.
        self.task.abort();
        if let Some(deliveries) = &self.deliveries {
            deliveries.abort();
        }
    }
}
