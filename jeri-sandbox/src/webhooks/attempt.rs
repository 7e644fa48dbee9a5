//! One try at delivering an event.

/// One try at delivering an event to the webhook URL, as [`crate::SandboxState::webhook_attempts`]
/// lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryAttempt {
    /// The event's `id` (a UUID), the same on every attempt.
    pub event_id: String,
    /// The event type sent in `x-jericommerce-event-type`, e.g. `Balance changed`.
    pub event_type: String,
    /// 1 for the first delivery, 2 for the first retry, and so on (at most 11).
    pub attempt: u32,
    /// The receiver's HTTP status, when it answered.
    pub status: Option<u16>,
    /// Why no status came back (connection refused, timeout), when none did.
    pub error: Option<String>,
    /// The JSON body sent (the same on every attempt).
    pub body: String,
}

impl DeliveryAttempt {
    /// Whether the receiver acknowledged the event (a `2xx` status): it is not sent again.
    pub fn acknowledged(&self) -> bool {
        self.status
            .is_some_and(|status| (200..300).contains(&status))
    }
}
