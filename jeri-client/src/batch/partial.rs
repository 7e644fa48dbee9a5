//! A batch request the API answered with success although some items failed.
//!
//! `upsertResources`, `deleteResources`, `increaseBalance` and `decreaseBalance` answer
//! `201` (an `Ok`) when at least one item was applied; the items that were not are only
//! listed inside the [`BatchResult`]. These helpers make that hard to miss.

use std::fmt;

use crate::types::{BatchItemError, BatchResult};

/// One item the API refused, with the input it was sent as.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FailedItem<'a, T> {
    /// The item's position in the request.
    pub index: usize,
    /// The item as sent; `None` when the API's `index` names no item of the request.
    pub input: Option<&'a T>,
    /// The API's per-item error.
    pub error: &'a BatchItemError,
}

impl BatchResult {
    /// Whether the API applied every item: no per-item error and a `failed` count of 0.
    pub fn is_all_applied(&self) -> bool {
        self.errors.is_empty() && self.failed == 0
    }

    /// The refused items with their input, in the API's order: `sent` is the list the
    /// request carried.
    ///
    /// ```
    /// # use jeri_client::types::{BalanceChange, BatchItemError, BatchResult};
    /// let sent = vec![
    ///     BalanceChange::new("ana@example.com", 50, "order 1001"),
    ///     BalanceChange::new("bob@example.com", 20, "order 1002"),
    /// ];
    /// let answer = BatchResult {
    ///     accepted: 1,
    ///     failed: 1,
    ///     errors: vec![BatchItemError {
    ///         index: 1,
    ///         email: "bob@example.com".to_owned(),
    ///         message: "Customer not found".to_owned(),
    ///     }],
    /// };
    /// for failed in answer.failed_items(&sent) {
    ///     let amount = failed.input.map(|change| change.amount);
    ///     println!("item {} ({amount:?} points): {}", failed.index, failed.error.message);
    /// }
    /// assert_eq!(answer.failed_items(&sent).next().and_then(|f| f.input), Some(&sent[1]));
    /// ```
    pub fn failed_items<'a, T>(
        &'a self,
        sent: &'a [T],
    ) -> impl Iterator<Item = FailedItem<'a, T>> + 'a {
        self.errors.iter().map(move |error| {
            let index = usize::try_from(error.index).unwrap_or(usize::MAX);
            FailedItem {
                index,
                input: sent.get(index),
                error,
            }
        })
    }

    /// `Ok` with the result when every item was applied, otherwise [`PartialFailure`]
    /// with the result, so a `?` cannot pass over refused items.
    ///
    /// # Errors
    /// [`PartialFailure`] when [`is_all_applied`](Self::is_all_applied) is false.
    pub fn all_applied(self) -> Result<BatchResult, PartialFailure> {
        if self.is_all_applied() {
            Ok(self)
        } else {
            Err(PartialFailure { result: self })
        }
    }
}

/// A batch request answered `201` in which some items were refused; the applied ones
/// stay applied. `Display` names the positions and the API's messages, not the emails,
/// so it can be logged.
#[derive(Debug, Clone, PartialEq)]
pub struct PartialFailure {
    result: BatchResult,
}

impl PartialFailure {
    /// The API's answer, with `accepted`, `failed` and the per-item errors.
    pub fn result(&self) -> &BatchResult {
        &self.result
    }

    /// The answer, to handle the failed items with
    /// [`BatchResult::failed_items`].
    pub fn into_result(self) -> BatchResult {
        self.result
    }
}

impl fmt::Display for PartialFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.result.accepted.saturating_add(self.result.failed);
        write!(
            f,
            "{} of {total} batch items failed",
            usize::try_from(self.result.failed)
                .unwrap_or_default()
                .max(self.result.errors.len())
        )?;
        for (n, error) in self.result.errors.iter().enumerate() {
            let separator = if n == 0 { ": " } else { "; " };
            write!(f, "{separator}item {}: {}", error.index, error.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for PartialFailure {}
