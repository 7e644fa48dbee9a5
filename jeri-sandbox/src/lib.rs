//! A local, in-memory, stateful JeriCommerce server built from the same OpenAPI spec
//! (`spec/openapi.yaml`) as `jeri-client`: what stripe-mock is to Stripe. Use it for the
//! quickstart, for a service's own tests, and to try the API without an account.
//!
//! # Starting it from a test
//!
//! ```no_run
//! use jeri_sandbox::{Sandbox, SeedCustomer};
//!
//! # async fn demo() -> std::io::Result<()> {
//! let sandbox = Sandbox::builder()
//!     .api_key("test-key")
//!     .customer(SeedCustomer::new("acme-rewards", "jane@example.com").balance(500))
//!     .start()
//!     .await?;
//! // Point the code under test at sandbox.base_url() with sandbox.api_key() ...
//! assert_eq!(sandbox.state().balance("acme-rewards", "jane@example.com"), Some(500));
//! # Ok(()) }
//! ```
//!
//! [`Sandbox::start`] listens on `127.0.0.1` with a free port; the server stops when the
//! [`Sandbox`] is dropped (or awaits [`Sandbox::shutdown`]). To serve it from your own
//! axum application instead, build a [`SandboxState`] and mount [`router`].
//!
//! # The binary
//!
//! `jeri-sandbox --listen 127.0.0.1:8080 --api-key my-key` serves until Ctrl-C and prints
//! its base URL and API key. Without `--api-key` it accepts [`DEFAULT_API_KEY`].
//!
//! # Data
//!
//! - **Programs** are created on first use: any `programId` works. Each gets a UUID
//!   (`Customer.programId`), which paths may use as well as the id first used.
//! - **Customers** are created and updated with `upsertResources` (`users` items, which
//!   must precede `loyalty` items for the same customer), removed with
//!   `deleteResources`, or seeded with [`SeedCustomer`]. Emails match case-insensitively.
//! - **Rewards** of every program (by UUID or by the readable id):
//!   `welcome-drink` (100 points), `free-shipping` (250 points, with a `SHIP-…` discount
//!   code), `birthday-gift` (0 points, a `GIFT-…` code, once per customer).
//! - **Coupons**: `welcome-10` (codes `WELCOME10-…`) and `summer-sale` (`SUMMER-…`); each
//!   can be assigned once per customer.
//! - **Custom earning flows** (by UUID or type name): `CUSTOM_1` once, 50 points;
//!   `CUSTOM_2` daily, 10 points; `CUSTOM_3` twice a week, 20 points; `CUSTOM_4` monthly,
//!   100 points; `CUSTOM_5` unlimited, 5 points. Periods are UTC calendar days, Monday
//!   weeks and months.
//! - **Push notifications** are recorded with status `queued` and never delivered; read
//!   them with [`SandboxState::push_notifications`].
//!
//! # Webhooks
//!
//! With a webhook URL and secret, the sandbox sends JeriCommerce's signed events to a
//! receiver: `Customer created`, `Balance changed`, and any event on demand; see
//! [`webhooks`].
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let sandbox = jeri_sandbox::Sandbox::builder()
//!     .webhook_url("http://127.0.0.1:3000/webhooks")
//!     .webhook_secret("my-integration-secret")
//!     .start()
//!     .await?;
//! // ... create customers, change balances ...
//! sandbox.webhooks_settled().await;
//! for attempt in sandbox.webhook_attempts() {
//!     println!("{} #{}: {:?}", attempt.event_type, attempt.attempt, attempt.status);
//! }
//! # Ok(()) }
//! ```
//!
//! # Authentication
//!
//! Every operation needs the `api-key` header with the sandbox's key (one key for all
//! programs). `getCustomerToken` issues JWT-shaped tokens
//! (`base64url(header).base64url(payload).base64url(random signature)`, with `sub` = the
//! email, `programId`, `typ`, `iat`, `exp`); an `auth` token of the same program is
//! accepted as `Authorization: Bearer` by `redeemReward` and `executeCustomEarningFlow`,
//! which then act for the token's customer and ignore the body's `customerEmail`; called
//! with the API key instead, they need `customerEmail` (its absence is refused with `422`,
//! since the schema lets it out). `download` tokens are never accepted as credentials.
//!
//! # Faithfulness
//!
//! Faithful to the spec: paths, methods, status codes, response bodies, batch limits and
//! per-item outcomes, request validation (types, required fields, enum values, limits,
//! `email`/`date-time`/`uri` formats) with NestJS-style `ErrorBody` messages, and `404`
//! for unknown customers, rewards, coupons and flows.
//!
//! Batches where nothing was applied answer with an `ErrorBody` whose `message` lists
//! each item's failure (`"0: Customer not found"`): `404`, or `422` for
//! `decreaseBalance` when a balance would have gone below zero. Unknown paths and
//! methods get NestJS' `404` (`Cannot GET /path`).
//!
//! Not faithful: API keys are not tied to programs; tokens cannot be verified outside the
//! sandbox (their signature is random); download tokens are not single-use; wallet-pass
//! events are sent only when fired by name (see the webhooks module); there is no rate limiting (`429`) unless a fault asks for it; the
//! data lives in memory and is gone when the server stops.
//!
//! # Preconditions
//!
//! `getCustomerToken` answers `422` for an `auth` token when the customer has no wallet
//! pass, and for a `download` token when they have no OneTimeLink. A new customer has a
//! OneTimeLink and no pass; give one with [`SeedCustomer::wallet_pass`] or
//! [`SandboxState::give_wallet_pass`] (standalone:
//! `POST /_sandbox/programs/{programId}/customers/{email}/wallet-pass`).
//!
//! # Failing on purpose
//!
//! [`Fault`]s make chosen operations answer `503`, `429` with `Retry-After`, answer late,
//! time out or lose the answer after applying the change, for a given number of requests:
//! from [`SandboxBuilder::fault`], at run time through [`Sandbox::faults`], from the
//! binary's `--fault OPERATION=KIND[*COUNT]` flags, or over HTTP at `/_sandbox/faults`
//! (see [`Fault`]'s text form).
#![deny(missing_docs)]

mod admin;
mod answers;
mod api;
mod clock;
mod convert;
mod error;
mod faults;
mod ids;
mod server;
mod state;
mod store;
pub mod webhooks;
// The spec's every type is generated; the sandbox reads some only as JSON.
#[allow(dead_code)]
mod wire;

pub use faults::{Fault, FaultError, FaultKind, Faults};
pub use server::router;
pub use server::{DEFAULT_API_KEY, Sandbox, SandboxBuilder};
pub use state::{RecordedNotification, SandboxState, SeedCustomer};
pub use webhooks::{DeliveryAttempt, FireError};
