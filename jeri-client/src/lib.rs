//! Typed Rust client for the [JeriCommerce](https://jericommerce.com) Public API:
//! loyalty programs, wallet passes, customer tokens.
//!
//! [`Client`] has one method per API operation, generated at compile time from the
//! OpenAPI document in `spec/openapi.yaml`; request and response types live in
//! [`types`]. Each method returns a request value: set optional arguments on it, then
//! `.await` it (or call `.send()`).
//!
//! # Quickstart
//!
//! ```no_run
//! use jeri_client::{Client, Error};
//!
//! #[tokio::main]
//! async fn main() -> Result<(), Error> {
//!     // JERI_API_KEY holds the program's API key; JERI_BASE_URL may point elsewhere.
//!     let client = Client::from_env()?;
//!     let customer = client.get_customer("my-program", "ana+vip@example.com").await?;
//!     println!("{} ({})", customer.email, customer.id);
//!     Ok(())
//! }
//! ```
//!
//! [`Client::new`] takes the key directly; [`Client::builder`] (or
//! [`Client::builder_from_env`], which starts from the environment) also sets the
//! [`Environment`] (production, staging or any base URL such as a local sandbox),
//! timeouts (10 s to connect, 30 s per attempt by default), the user agent, your own
//! `reqwest::Client`, the [`RetryPolicy`], [`Hook`]s and the largest accepted body.
//!
//! An API key belongs to one program: [`Client::program`] (or
//! [`Client::program_from_env`]) gives a [`ProgramClient`] whose methods leave out
//! `program_id` and whose links use the program's slug.
//!
//! # Authentication
//!
//! Merchant calls send the program's API key in the `api-key` header. Operations that
//! also accept a customer's bearer token are available on a [`CustomerClient`], made
//! with [`Client::as_customer`] from an [`AuthToken`] (a download token or a plain
//! string does not compile there):
//!
//! ```no_run
//! # async fn demo(client: jeri_client::Client) -> Result<(), jeri_client::Error> {
//! use jeri_client::types::RewardRedemptionRequest;
//!
//! let token = client
//!     .customer_auth_token("my-program", "ana@example.com")
//!     .await?;
//! let customer = client.as_customer(token);
//! let redemption = customer
//!     .redeem_reward("my-program", "reward-uuid", RewardRedemptionRequest::default())
//!     .await?;
//! println!("{} points spent", redemption.points_spent);
//! # Ok(())
//! # }
//! ```
//!
//! Credentials are [`Secret`]s: `Debug` and `Display` of clients, transports and
//! errors never show them. A call whose operation needs a credential the client lacks
//! fails with [`Error::MissingCredentials`] before anything is sent.
//!
//! # Errors
//!
//! Every fallible function returns the one [`Error`] type. The API's own error answers
//! are [`Error::Api`], carrying the status, the operation, the start of the raw body
//! and, for documented errors, the decoded [`types::ErrorBody`]:
//!
//! ```no_run
//! # async fn demo(client: jeri_client::Client) -> Result<(), jeri_client::Error> {
//! use jeri_client::{Error, types::ErrorBody};
//!
//! match client.get_customer("my-program", "ana@example.com").await {
//!     Ok(customer) => println!("found {}", customer.id),
//!     Err(error) if error.is_not_found() => println!("no such customer"),
//!     Err(Error::Api(api)) => match api.body::<ErrorBody>() {
//!         Some(body) => println!("HTTP {}: {:?}", api.status(), body.message),
//!         None => println!("HTTP {}: {}", api.status(), api.raw_text()),
//!     },
//!     Err(error) => return Err(error),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! Other variants cover transport failures and timeouts, responses that do not match
//! the spec ([`Error::Decode`], [`Error::ContentType`], [`Error::BodyTooLarge`]),
//! invalid arguments caught before sending ([`Error::InvalidInput`]: parameters and
//! request bodies outside the spec's rules, such as `amount: 0` or an empty item list,
//! every problem listed with where it is) and configuration ([`Error::Config`]).
//! [`Error::status`], [`Error::is_retryable`], [`Error::is_timeout`],
//! [`Error::is_not_found`] (404: no such customer) and [`Error::is_unprocessable`] (422:
//! the customer's state does not allow it, such as an `auth` token for a customer with
//! no wallet pass yet) answer the common questions.
//!
//! # Retries and timeouts
//!
//! Idempotent calls (GET, PUT, DELETE, …) are retried on connection failures, timeouts
//! and HTTP 429, 502, 503 and 504, with exponential backoff and full jitter, honouring
//! `Retry-After`, within a total budget ([`RetryPolicy`]). POST and PATCH are never
//! retried unless the call opts in, because repeating them may apply them twice:
//!
//! ```no_run
//! # async fn demo(client: jeri_client::Client) -> Result<(), jeri_client::Error> {
//! use std::time::Duration;
//! use jeri_client::{CallOptions, types::RewardRedemptionRequest};
//!
//! let request = RewardRedemptionRequest::new().customer_email("ana@example.com".to_owned());
//! let redemption = client
//!     .redeem_reward("my-program", "reward-uuid", request)
//!     .options(CallOptions::new().timeout(Duration::from_secs(5)).max_attempts(1))
//!     .await?;
//! # let _ = redemption;
//! # Ok(())
//! # }
//! ```
//!
//! # Request bodies
//!
//! Build a body with its constructor, which takes the required properties, and one
//! setter per optional property: code written this way keeps compiling when the spec
//! gains an optional property. An optional property that may be `null` is a
//! [`Nullable`], so leaving it out, sending `null` and sending a value are three
//! different requests (for `phone`: keep it, clear it, set it):
//!
//! ```no_run
//! # async fn demo(client: jeri_client::Client) -> Result<(), jeri_client::Error> {
//! use jeri_client::Nullable;
//! use jeri_client::types::{IntegrationItem, UsersPayload};
//!
//! let clear_phone = UsersPayload::new()
//!     .first_name("Ana".to_owned())
//!     .phone(Nullable::Null); // sends `"phone": null`; `.phone("+34…".to_owned())` sets it
//! // `users` and `loyalty` items take their own payload, so the two cannot disagree.
//! let item = IntegrationItem::users("ana@example.com", clear_phone);
//! client.upsert_resources("my-program", vec![item]).await?;
//!
//! let customer = client.get_customer("my-program", "ana@example.com").await?;
//! match customer.user_data.map(|user| user.phone) {
//!     Some(Nullable::Value(phone)) => println!("phone {phone}"),
//!     Some(Nullable::Null) => println!("phone cleared"),
//!     Some(Nullable::Absent) | None => println!("phone not reported"),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! # Dates and identifiers
//!
//! `date-time` properties (`createdAt`, `memberSince`, …) are
//! `runtime::chrono::DateTime<runtime::chrono::Utc>` and `uuid` ones (`id`,
//! `rewardId`, …) `runtime::uuid::Uuid`: chrono and uuid come re-exported through
//! [`runtime`], so a service needs no dependency of its own. A time the API sends with
//! another offset is the same instant in UTC. Path parameters stay strings, as the API
//! also takes readable ids there. A response whose value has the wrong shape is
//! [`Error::Decode`] naming the property path:
//!
//! ```no_run
//! # async fn demo(client: jeri_client::Client) -> Result<(), jeri_client::Error> {
//! use jeri_client::runtime::chrono::{TimeZone as _, Utc};
//! use jeri_client::types::LoyaltyPayload;
//!
//! let since = Utc.with_ymd_and_hms(2024, 1, 15, 10, 0, 0).unwrap();
//! let loyalty = LoyaltyPayload::new("crm-0042".to_owned(), 100, since); // "2024-01-15T10:00:00Z"
//! match client.get_customer("my-program", "ana@example.com").await {
//!     Ok(customer) => println!("{} since {}", customer.id, customer.created_at.date_naive()),
//!     Err(jeri_client::Error::Decode { path, .. }) => eprintln!("unexpected value at {path}"),
//!     Err(other) => return Err(other),
//! }
//! # let _ = loyalty;
//! # Ok(())
//! # }
//! ```
//!
//! # Batches
//!
//! The batch operations answer `201` (an `Ok`) when at least one item was applied,
//! with the refused items listed inside the [`types::BatchResult`]: check it with
//! [`all_applied`](types::BatchResult::all_applied) or
//! [`failed_items`](types::BatchResult::failed_items) (see
//! [`batch`](batch#partial-failure-is-an-ok)). A `loyalty` item replaces the
//! customer's balance: see [`IntegrationItem::loyalty`](types::IntegrationItem::loyalty)
//! before sending one again. The batch operations take at most 250 or 100 items per
//! request; the [`batch`] module's `*_batched` methods (such as
//! [`Client::increase_balance_batched`]) take any number, send them in requests of the
//! allowed size and report the outcome of every item.
//!
//! # Links
//!
//! The [`links`] module turns customer tokens into `https://jeri.link` download and
//! session links, and parses such links back.
//!
//! # Receiving events
//!
//! The [`webhooks`] module (generated from the spec's `x-webhooks`) verifies the events
//! JeriCommerce POSTs to a service and decodes them: [`webhooks::Event`] has a variant per
//! named event with its typed payload and keeps any other as `Event::Unknown`.
//!
//! ```no_run
//! # fn demo(headers: &jeri_client::runtime::reqwest::header::HeaderMap, body: &[u8])
//! # -> Result<(), Box<dyn std::error::Error>> {
//! use jeri_client::webhooks::{self, Event};
//!
//! let secret = webhooks::secret("integration-secret")?; // Settings > Integrations > API
//! // Over the body exactly as received, before any parsing.
//! let event = webhooks::verify(&secret, headers, body)?;
//! if let Event::BalanceChanged(changed) = event.payload() {
//!     println!("{}: {:?} points", changed.email, changed.properties.balance);
//! }
//! # Ok(()) }
//! ```
//!
//! A bad signature is an error whose `kind().is_authentication()` is true (answer `401`);
//! a verified body that is not its event's payload is not (answer `400`).
//!
//! # Layout
//!
//! [`runtime`] (the `jeri-runtime` crate) is the hand-written HTTP plumbing every
//! generated operation calls; it can also be used directly to call an operation the
//! spec does not describe yet.
#![deny(missing_docs)]

pub mod batch;
mod config;
mod environment;
mod items;
pub mod ledger;
pub mod links;
mod program;

/// The HTTP runtime every generated operation calls: the [`jeri_runtime`] crate.
pub use jeri_runtime as runtime;

pub use config::{API_KEY_VAR, BASE_URL_VAR, ClientBuilder, PROGRAM_VAR, SLUG_VAR};
pub use environment::Environment;
pub use links::{AuthToken, DownloadToken, Link, LinkBuilder, LinkError, RedirectTo, Slug};
pub use program::{ProgramClient, ProgramCustomerClient};
pub use runtime::{ApiError, CallOptions, Error, Nullable, RetryPolicy, Secret};
// The runtime types a service touches, documented here so `cargo doc -p jeri-client`
// is complete on its own: the builder behind `ClientBuilder`, the value six request
// aliases name, the transport a client wraps, the hook seam and the error detail.
pub use runtime::{
    Attempt, Hook, Operation, OperationInfo, Prepared, ResponseValue, Transport, TransportBuilder,
    TransportErrorKind,
};

jeri_macros::generate!(
    "../../spec/openapi.yaml",
    runtime = crate::runtime,
    scope(CustomerClient = "customerToken")
);

/// The README's Rust examples, compiled as doctests so they cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
