//! A service's event endpoint on 127.0.0.1: verifies each request with
//! `jeri_client::webhooks::verify` and keeps a line per event for the walk to print.

use std::sync::{Arc, Mutex, PoisonError};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use jeri_client::runtime::webhook::WebhookSecret;
use jeri_client::webhooks::{self, Event};

use super::Failure;

/// The receiver's secret and what it received, one line per request.
#[derive(Clone)]
pub(super) struct Receiver {
    secret: WebhookSecret,
    lines: Arc<Mutex<Vec<String>>>,
}

impl Receiver {
    /// Starts a receiver checking signatures made with `secret`; answers it and its URL.
    pub(super) async fn start(secret: &str) -> Result<(Receiver, String), Failure> {
        let secret = webhooks::secret(secret)
            .map_err(|error| Failure::Setup(format!("the webhook secret: {error}")))?;
        let receiver = Receiver {
            secret,
            lines: Arc::default(),
        };
        let app = axum::Router::new()
            .route("/jeri/events", post(receive))
            .with_state(receiver.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|error| Failure::Setup(format!("cannot listen for events: {error}")))?;
        let address = listener
            .local_addr()
            .map_err(|error| Failure::Setup(error.to_string()))?;
        tokio::spawn(async move { axum::serve(listener, app).await });
        Ok((receiver, format!("http://{address}/jeri/events")))
    }

    /// The lines so far, oldest first.
    pub(super) fn lines(&self) -> Vec<String> {
        self.lines
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// Verifies over the body as received, then decodes: `401` to a bad signature (the
/// sender retries), `400` to a verified body that is not its event, `204` otherwise.
async fn receive(State(receiver): State<Receiver>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let (line, status) = match webhooks::verify(&receiver.secret, &headers, &body) {
        Ok(event) => (describe(event.payload()), StatusCode::NO_CONTENT),
        Err(error) if error.kind().is_authentication() => {
            (format!("refused: {error}"), StatusCode::UNAUTHORIZED)
        }
        Err(error) => (format!("refused: {error}"), StatusCode::BAD_REQUEST),
    };
    receiver
        .lines
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(line);
    status
}

fn describe(event: &Event) -> String {
    match event {
        Event::CustomerCreated(created) => format!("Customer created: {}", created.email),
        Event::BalanceChanged(changed) => format!(
            "Balance changed: {} {:+} points, balance {}",
            changed.email,
            changed.properties.amount.unwrap_or_default(),
            changed
                .properties
                .balance
                .map_or_else(|| "not sent".to_owned(), |balance| balance.to_string())
        ),
        Event::Unknown { name, .. } => format!("{name} (not described by the spec, kept as JSON)"),
        other => other.name().to_owned(),
    }
}
