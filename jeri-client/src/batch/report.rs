//! What happened to every item of a batched call.

use std::ops::Range;
use std::sync::Arc;

use crate::Error;
use crate::types::BatchItemError;

/// The outcome of one input item.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum ItemOutcome {
    /// The API applied the item.
    Accepted,
    /// The API refused this item and applied the others of its request that
    /// it did not refuse.
    Rejected {
        /// The API's reason, from `BatchResult.errors[].message`.
        message: String,
    },
    /// The whole request carrying this item failed, so the API gave no
    /// answer for the item itself.
    ///
    /// Usually nothing of the request was applied (a validation error, a
    /// `404` because every item failed). After a timeout or a broken
    /// connection the server may have applied it all the same: check before
    /// sending the item again, above all for balance changes.
    ChunkFailed {
        /// Which input items the failed request carried.
        chunk: Range<usize>,
        /// Why the request failed; shared by every item of the request.
        error: Arc<Error>,
    },
}

impl ItemOutcome {
    /// Whether the API applied the item.
    pub fn is_accepted(&self) -> bool {
        matches!(self, ItemOutcome::Accepted)
    }

    /// Why the item failed, for humans; `None` when it was accepted.
    pub fn reason(&self) -> Option<String> {
        match self {
            ItemOutcome::Accepted => None,
            ItemOutcome::Rejected { message } => Some(message.clone()),
            ItemOutcome::ChunkFailed { error, .. } => Some(error.to_string()),
        }
    }
}

/// A per-item error from the API whose `index` does not name an item of its
/// request (out of range, or already reported), so it cannot be attached to
/// an input item. Kept rather than dropped; any such error makes the report
/// not a complete success.
#[derive(Clone, Debug, PartialEq)]
pub struct UnmatchedError {
    /// Which input items the request carried.
    pub chunk: Range<usize>,
    /// The error as the API sent it (its `index` relative to the request).
    pub error: BatchItemError,
}

/// Per input item, what a batched call did with it.
///
/// Every index of the caller's input appears exactly once, in input order,
/// whatever happened to the requests.
///
/// ```
/// # use jeri_client::batch::BatchReport;
/// # fn show(report: &BatchReport) {
/// println!("{} of {} accepted", report.accepted_count(), report.len());
/// for (index, outcome) in report.failed() {
///     println!("item {index}: {}", outcome.reason().unwrap_or_default());
/// }
/// # }
/// ```
#[derive(Clone, Debug, Default)]
pub struct BatchReport {
    outcomes: Vec<ItemOutcome>,
    requests: usize,
    unmatched: Vec<UnmatchedError>,
}

impl BatchReport {
    /// The number of input items.
    pub fn len(&self) -> usize {
        self.outcomes.len()
    }

    /// Whether the input was empty (then no request was sent).
    pub fn is_empty(&self) -> bool {
        self.outcomes.is_empty()
    }

    /// The outcome of the input item at `index`.
    pub fn outcome(&self, index: usize) -> Option<&ItemOutcome> {
        self.outcomes.get(index)
    }

    /// Every input index with its outcome, in input order.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &ItemOutcome)> {
        self.outcomes.iter().enumerate()
    }

    /// The items that were not accepted, with their input index.
    pub fn failed(&self) -> impl Iterator<Item = (usize, &ItemOutcome)> {
        self.iter().filter(|(_, outcome)| !outcome.is_accepted())
    }

    /// How many items the API applied.
    pub fn accepted_count(&self) -> usize {
        self.outcomes
            .iter()
            .filter(|outcome| outcome.is_accepted())
            .count()
    }

    /// How many items were not applied (refused, or in a failed request).
    pub fn failed_count(&self) -> usize {
        self.len() - self.accepted_count()
    }

    /// Whether every item was accepted and the API's answers held no
    /// per-item error that could not be placed.
    pub fn is_complete_success(&self) -> bool {
        self.failed_count() == 0 && self.unmatched.is_empty()
    }

    /// The errors of the requests that failed as a whole, once per request,
    /// with the input range each carried.
    pub fn chunk_errors(&self) -> impl Iterator<Item = (&Range<usize>, &Arc<Error>)> {
        let mut last: Option<&Range<usize>> = None;
        self.outcomes
            .iter()
            .filter_map(move |outcome| match outcome {
                ItemOutcome::ChunkFailed { chunk, error } if last != Some(chunk) => {
                    last = Some(chunk);
                    Some((chunk, error))
                }
                _ => None,
            })
    }

    /// Per-item errors from the API that named no item of their request.
    pub fn unmatched_errors(&self) -> &[UnmatchedError] {
        &self.unmatched
    }

    /// How many requests were sent (or attempted).
    pub fn requests_sent(&self) -> usize {
        self.requests
    }

    /// Records the answer to the request that carried `chunk`.
    pub(crate) fn record(&mut self, chunk: Range<usize>, result: Result<ChunkAnswer, Error>) {
        self.requests += 1;
        match result {
            Ok(errors) => {
                let first = self.outcomes.len();
                self.outcomes
                    .extend(std::iter::repeat_n(ItemOutcome::Accepted, chunk.len()));
                for error in errors {
                    let slot = usize::try_from(error.index)
                        .ok()
                        .filter(|&index| index < chunk.len())
                        .map(|index| &mut self.outcomes[first + index])
                        .filter(|outcome| outcome.is_accepted());
                    match slot {
                        Some(outcome) => {
                            *outcome = ItemOutcome::Rejected {
                                message: error.message,
                            };
                        }
                        None => self.unmatched.push(UnmatchedError {
                            chunk: chunk.clone(),
                            error,
                        }),
                    }
                }
            }
            Err(error) => {
                let error = Arc::new(error);
                self.outcomes
                    .extend(chunk.clone().map(|_| ItemOutcome::ChunkFailed {
                        chunk: chunk.clone(),
                        error: Arc::clone(&error),
                    }));
            }
        }
    }
}

/// The per-item errors of a request the API answered with success.
pub(crate) type ChunkAnswer = Vec<BatchItemError>;
