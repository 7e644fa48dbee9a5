//! Sending an event on demand, and what a test reads back.

use serde_json::Value;

use super::attempt::DeliveryAttempt;
use crate::state::SandboxState;
use crate::store::Happening;
use crate::{Sandbox, clock};

/// Why [`SandboxState::fire_event`] sent nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FireError {
    /// The sandbox has no webhook URL (`--webhook-url`, `SandboxBuilder::webhook_url`).
    #[error("webhooks are not configured: start the sandbox with a webhook URL and secret")]
    NotConfigured,
    /// No customer of the program has this email.
    #[error("Customer not found")]
    UnknownCustomer,
}

impl SandboxState {
    /// Sends the event `event_type` (any name: the documented ones are in
    /// [`crate::webhooks::EVENT_TYPES`]) about a customer, with `properties` as its
    /// `properties` object, after the events already queued. Answers the event's `id`.
    pub fn fire_event(
        &self,
        program_id: &str,
        email: &str,
        event_type: &str,
        properties: Value,
    ) -> Result<String, FireError> {
        if self.deliveries().is_none() {
            return Err(FireError::NotConfigured);
        }
        let mut store = self.store();
        let program = store.program(program_id);
        let customer = program.customer(email).ok_or(FireError::UnknownCustomer)?;
        let happening = Happening::new(event_type, customer, properties, clock::now());
        let id = happening.id.clone();
        program.happenings.push(happening);
        Ok(id)
    }

    /// Every delivery attempt so far, oldest first (empty without a webhook URL).
    pub fn webhook_attempts(&self) -> Vec<DeliveryAttempt> {
        self.deliveries()
            .map(|deliveries| deliveries.attempts())
            .unwrap_or_default()
    }

    /// Waits until every event so far is acknowledged by the receiver or given up on
    /// after the last retry; returns at once without a webhook URL.
    pub async fn webhooks_settled(&self) {
        if let Some(deliveries) = self.deliveries() {
            deliveries.settled().await;
        }
    }
}

impl Sandbox {
    /// [`SandboxState::webhook_attempts`].
    pub fn webhook_attempts(&self) -> Vec<DeliveryAttempt> {
        self.state().webhook_attempts()
    }

    /// [`SandboxState::webhooks_settled`].
    pub async fn webhooks_settled(&self) {
        self.state().webhooks_settled().await;
    }
}
