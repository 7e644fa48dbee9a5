//! Running the sandbox on a local port.

use std::io;
use std::net::SocketAddr;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use axum::Router;

use crate::api::Api;
use crate::faults::{Fault, Faults};
use crate::state::{SandboxState, SeedCustomer};

/// The sandbox as an axum [`Router`], for embedding in another server or test harness.
///
/// Every operation of `spec/openapi.yaml` is routed, and each request is checked against
/// the spec before the sandbox acts on it; any other path or method gets a NestJS-style
/// `404` with an `ErrorBody`.
pub fn router(state: SandboxState) -> Router {
    let faults = state.faults().clone();
    let admin = crate::admin::routes(state.clone());
    crate::wire::server::router(Api::new(state))
        .layer(axum::middleware::from_fn_with_state(
            faults,
            crate::faults::inject,
        ))
        .merge(admin)
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
}

/// Options for [`Sandbox`]: API key, listen address, seeded customers.
#[derive(Debug, Clone)]
pub struct SandboxBuilder {
    api_key: String,
    listen: SocketAddr,
    customers: Vec<SeedCustomer>,
    faults: Vec<Fault>,
}

impl Default for SandboxBuilder {
    fn default() -> Self {
        SandboxBuilder {
            api_key: DEFAULT_API_KEY.to_owned(),
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            customers: Vec::new(),
            faults: Vec::new(),
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

    /// Binds the address and starts serving on the current tokio runtime.
    pub async fn start(self) -> io::Result<Sandbox> {
        let state = SandboxState::new(self.api_key);
        for seed in self.customers {
            state.add_customer(seed);
        }
        for fault in self.faults {
            state.faults().add(fault);
        }
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
    }
}
