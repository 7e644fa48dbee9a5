//! Sending lists longer than one request may carry, and not missing refused items.
//!
//! # Partial failure is an `Ok`
//!
//! A batch request in which at least one item was applied answers `201`, so
//! `client.increase_balance(..).await` (and `upsert_resources`, `delete_resources`,
//! `decrease_balance`) is `Ok` although other items were refused: they are listed in
//! the [`BatchResult`](crate::types::BatchResult)'s `errors`. Check every answer with
//! [`BatchResult::all_applied`](crate::types::BatchResult::all_applied) (an `Err`
//! [`PartialFailure`] when any item failed) or
//! [`is_all_applied`](crate::types::BatchResult::is_all_applied), and find what was
//! refused with [`failed_items`](crate::types::BatchResult::failed_items), which pairs
//! each error with the item sent:
//!
//! ```no_run
//! # async fn demo(client: jeri_client::Client) -> Result<(), Box<dyn std::error::Error>> {
//! use jeri_client::types::BalanceChange;
//!
//! let changes = vec![BalanceChange::new("ana@example.com", 50, "order 1001")];
//! let answer = client.increase_balance("my-program", changes.clone()).await?;
//! for failed in answer.failed_items(&changes) {
//!     eprintln!("not credited: {:?}: {}", failed.input, failed.error.message);
//! }
//! // Or make any refused item an error:
//! let answer = client.increase_balance("my-program", changes).await?.all_applied()?;
//! # let _ = answer;
//! # Ok(())
//! # }
//! ```
//!
//! # Any number of items
//!
//! The API's batch operations take at most so many items per request
//! (`upsertResources` and `deleteResources` 250, `increaseBalance` and
//! `decreaseBalance` 100: the generated `BODY_MAX_ITEMS` of each request type).
//! The `*_batched` methods of [`Client`] take any number of items, send them
//! in requests of at most that many, in input order, one request at a time,
//! and return a [`BatchReport`] with the outcome of every input item by its
//! index in the input:
//!
//! - applied by the API: [`ItemOutcome::Accepted`];
//! - refused by the API, with its per-item message: [`ItemOutcome::Rejected`]
//!   (the API's `BatchResult.errors[].index` counts within its request; the
//!   report maps it back to the input index);
//! - carried by a request that failed as a whole (a validation error, a `404`
//!   when every item of the request failed, a timeout, …):
//!   [`ItemOutcome::ChunkFailed`], with that request's error shared by its
//!   items.
//!
//! A failed request does not stop the batch: the requests after it are still
//! sent, because their items are independent of it and stopping would leave
//! them unsent without an answer. (An upsert whose `users` item sat in a
//! failed request makes a later `loyalty` item for the same customer fail on
//! its own, with the API's message.) Nothing is dropped: every input index is
//! in the report exactly once. Empty input sends nothing.
//!
//! ```no_run
//! use jeri_client::Client;
//! use jeri_client::types::BalanceChange;
//!
//! # async fn demo(client: Client, emails: Vec<String>) {
//! let changes = emails.into_iter().map(|email| BalanceChange {
//!     email,
//!     amount: 50,
//!     reason: "Spring bonus".to_owned(),
//! });
//! let report = client.increase_balance_batched("my-program", changes).await;
//! println!("{} of {} credited", report.accepted_count(), report.len());
//! for (index, outcome) in report.failed() {
//!     eprintln!("item {index}: {}", outcome.reason().unwrap_or_default());
//! }
//! # }
//! ```
//!
//! # Retries
//!
//! A batched call adds no retries of its own: a failed request is reported,
//! never sent again. Below it, each request is sent like any other call:
//! `deleteResources` (DELETE) is retried by the transport's [`RetryPolicy`]
//! on connection failures, timeouts and 429/502/503/504, while
//! `upsertResources` (POST) is not. Balance changes are POSTs that are not
//! idempotent — a request that timed out may have been applied, and sending
//! it again would add or remove the points twice — so they are always sent
//! exactly once, whatever the policy says. To resend failed balance changes,
//! check the balances first, then call again with the items that were not
//! applied.
//!
//! [`RetryPolicy`]: crate::RetryPolicy

mod partial;
mod report;
mod run;

pub use partial::{FailedItem, PartialFailure};
pub use report::{BatchReport, ItemOutcome, UnmatchedError};

use std::future::IntoFuture;

use crate::runtime::CallOptions;
use crate::types::{BalanceChange, IntegrationItem, ResourceDeletion};
use crate::{Client, requests};
use run::send_in_chunks;

/// Options for requests that must never be repeated.
fn send_once() -> CallOptions {
    CallOptions::new()
        .retry_non_idempotent(false)
        .max_attempts(1)
}

impl Client {
    /// [`upsert_resources`](Client::upsert_resources) for any number of
    /// items, in requests of at most
    /// [`UpsertResourcesRequest::BODY_MAX_ITEMS`](requests::UpsertResourcesRequest::BODY_MAX_ITEMS),
    /// one after another. See [`batch`](crate::batch).
    pub async fn upsert_resources_batched(
        &self,
        program_id: impl Into<String>,
        items: impl IntoIterator<Item = IntegrationItem>,
    ) -> BatchReport {
        let program_id = program_id.into();
        send_in_chunks(
            items,
            requests::UpsertResourcesRequest::BODY_MAX_ITEMS,
            |chunk| {
                self.upsert_resources(program_id.clone(), chunk)
                    .into_future()
            },
        )
        .await
    }

    /// [`delete_resources`](Client::delete_resources) for any number of
    /// items, in requests of at most
    /// [`DeleteResourcesRequest::BODY_MAX_ITEMS`](requests::DeleteResourcesRequest::BODY_MAX_ITEMS),
    /// one after another. See [`batch`](crate::batch).
    pub async fn delete_resources_batched(
        &self,
        program_id: impl Into<String>,
        items: impl IntoIterator<Item = ResourceDeletion>,
    ) -> BatchReport {
        let program_id = program_id.into();
        send_in_chunks(
            items,
            requests::DeleteResourcesRequest::BODY_MAX_ITEMS,
            |chunk| {
                self.delete_resources(program_id.clone(), chunk)
                    .into_future()
            },
        )
        .await
    }

    /// [`increase_balance`](Client::increase_balance) for any number of
    /// changes, in requests of at most
    /// [`IncreaseBalanceRequest::BODY_MAX_ITEMS`](requests::IncreaseBalanceRequest::BODY_MAX_ITEMS),
    /// one after another.
    ///
    /// Each request is sent exactly once, never retried: see
    /// [`batch`](crate::batch#retries).
    pub async fn increase_balance_batched(
        &self,
        program_id: impl Into<String>,
        changes: impl IntoIterator<Item = BalanceChange>,
    ) -> BatchReport {
        let program_id = program_id.into();
        send_in_chunks(
            changes,
            requests::IncreaseBalanceRequest::BODY_MAX_ITEMS,
            |chunk| {
                self.increase_balance(program_id.clone(), chunk)
                    .options(send_once())
                    .into_future()
            },
        )
        .await
    }

    /// [`decrease_balance`](Client::decrease_balance) for any number of
    /// changes, in requests of at most
    /// [`DecreaseBalanceRequest::BODY_MAX_ITEMS`](requests::DecreaseBalanceRequest::BODY_MAX_ITEMS),
    /// one after another.
    ///
    /// Each request is sent exactly once, never retried: see
    /// [`batch`](crate::batch#retries).
    pub async fn decrease_balance_batched(
        &self,
        program_id: impl Into<String>,
        changes: impl IntoIterator<Item = BalanceChange>,
    ) -> BatchReport {
        let program_id = program_id.into();
        send_in_chunks(
            changes,
            requests::DecreaseBalanceRequest::BODY_MAX_ITEMS,
            |chunk| {
                self.decrease_balance(program_id.clone(), chunk)
                    .options(send_once())
                    .into_future()
            },
        )
        .await
    }
}
