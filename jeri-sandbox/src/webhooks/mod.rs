//! Webhooks the sandbox sends, as JeriCommerce's "Events" do: a signed JSON `POST` per
//! event to the receiver's URL.
//!
//! Started with a webhook URL and secret (`--webhook-url`/`--webhook-secret`, or
//! [`SandboxBuilder::webhook_url`](crate::SandboxBuilder::webhook_url) and
//! [`webhook_secret`](crate::SandboxBuilder::webhook_secret)), the sandbox sends:
//!
//! - `Customer created` when a customer is created (seeded customers count as an initial
//!   sync, for which JeriCommerce sends none);
//! - `Balance changed` on every change of a balance (`increaseBalance`,
//!   `decreaseBalance`, a `loyalty` upsert that changes it, a redemption, an earning
//!   flow), with `properties.amount` (the change, negative for a decrease) and
//!   `properties.balance` (the balance after);
//! - any event on demand: [`SandboxState::fire_event`](crate::SandboxState::fire_event),
//!   or `POST /_sandbox/events` with the API key and
//!   `{"programId", "email", "event", "properties"}`.
//!
//! The sandbox models no wallet passes, so it sends no wallet-pass events by itself; fire
//! them by name.
//!
//! Each request carries `x-jericommerce-event-type` and `x-jericommerce-hmac-sha256`
//! (Base64 HMAC-SHA256 of the raw body with the secret's text; see [`verifier`]), and the
//! body has JeriCommerce's common fields: `id` (the event's UUID), `email`, `customerId`,
//! `createdAt`, `properties`.
//!
//! Events go out one at a time, in the order they happened. A receiver's non-2xx answer
//! (or no answer within 10 seconds) is retried up to 10 times, waiting 0.5 s before the
//! first retry and twice as long before each next one (configurable); after a 2xx the
//! event is never sent again. Every attempt is recorded
//! ([`SandboxState::webhook_attempts`](crate::SandboxState::webhook_attempts)), and
//! [`SandboxState::webhooks_settled`](crate::SandboxState::webhooks_settled) waits until
//! the queue is empty; stopping the sandbox stops delivery, so a test awaits it first. The
//! sandbox is built without TLS: the URL is `http://`.

pub(crate) mod admin;
mod attempt;
pub(crate) mod delivery;
mod events;
mod fire;
mod store_guard;

pub use admin::FIRE_EVENT_PATH;
pub use attempt::DeliveryAttempt;
pub use events::{EVENT_TYPE_HEADER, EVENT_TYPES, SIGNATURE_HEADER, verifier};
pub use fire::FireError;
pub(crate) use store_guard::StoreGuard;
