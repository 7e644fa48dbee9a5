//! The `*_batched` helpers: any number of items, split at each operation's
//! `BODY_MAX_ITEMS`, and the per-item `BatchReport`.

use std::ops::Range;
use std::sync::Arc;

use jeri_client::batch::{BatchReport, ItemOutcome, UnmatchedError};
use jeri_client::types::{
    BalanceChange, BatchItemError, IntegrationFeature, IntegrationItem, IntegrationItemPayload,
    ResourceDeletion, UsersPayload,
};
use jeri_client::{Client, Error};

async fn _batched(client: &Client) {
    let program_id: &str = "my-program";
    let changes: Vec<BalanceChange> = (0..250)
        .map(|n| BalanceChange {
            email: format!("customer{n}@example.com"),
            amount: 10,
            reason: String::from("spring campaign"),
        })
        .collect();
    let increased: BatchReport = client
        .increase_balance_batched(program_id, changes.clone())
        .await;
    let decreased: BatchReport = client.decrease_balance_batched(program_id, changes).await;

    let items = vec![IntegrationItem {
        email: String::from("ana@example.com"),
        feature: IntegrationFeature::Users,
        payload: IntegrationItemPayload::UsersPayload(UsersPayload::default()),
    }];
    let upserted: BatchReport = client.upsert_resources_batched(program_id, items).await;
    let deletions = [ResourceDeletion {
        email: String::from("ana@example.com"),
        feature: IntegrationFeature::Users,
    }];
    let deleted: BatchReport = client.delete_resources_batched(program_id, deletions).await;

    for report in [increased, decreased, upserted, deleted] {
        _read(&report);
    }
}

fn _read(report: &BatchReport) {
    let _len: usize = report.len();
    let _empty: bool = report.is_empty();
    let _first: Option<&ItemOutcome> = report.outcome(0);
    let _accepted: usize = report.accepted_count();
    let _failed: usize = report.failed_count();
    let _complete: bool = report.is_complete_success();
    let _requests: usize = report.requests_sent();
    for (index, outcome) in report.failed() {
        let _index: usize = index;
        let _reason: Option<String> = outcome.reason();
        match outcome {
            ItemOutcome::Accepted => {}
            ItemOutcome::Rejected { message } => {
                let _message: &String = message;
            }
            ItemOutcome::ChunkFailed { chunk, error } => {
                let _chunk: &Range<usize> = chunk;
                let _error: &Arc<Error> = error;
            }
            _ => {}
        }
    }
    for (index, outcome) in report.iter() {
        let _index: usize = index;
        let _accepted: bool = outcome.is_accepted();
    }
    for (chunk, error) in report.chunk_errors() {
        let _chunk: &Range<usize> = chunk;
        let _status: Option<u16> = error.status();
    }
    let unmatched: &[UnmatchedError] = report.unmatched_errors();
    for item in unmatched {
        let _chunk: &Range<usize> = &item.chunk;
        let _error: &BatchItemError = &item.error;
    }
}

fn main() {}
