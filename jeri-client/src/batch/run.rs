//! Sending a list in requests of at most the API's limit, one after another.

use std::future::Future;

use super::report::{BatchReport, ChunkAnswer};
use crate::Error;
use crate::types::BatchResult;

/// Splits `items` into chunks of at most `max_items` (input order kept) and
/// sends each with `send`, in order, waiting for each answer before the next
/// request. A failed chunk does not stop the ones after it.
pub(crate) async fn send_in_chunks<T, F, Fut>(
    items: impl IntoIterator<Item = T>,
    max_items: usize,
    mut send: F,
) -> BatchReport
where
    F: FnMut(Vec<T>) -> Fut,
    Fut: Future<Output = Result<BatchResult, Error>>,
{
    let max_items = max_items.max(1);
    let mut items = items.into_iter().peekable();
    let mut report = BatchReport::default();
    let mut start = 0;
    while items.peek().is_some() {
        let chunk: Vec<T> = items.by_ref().take(max_items).collect();
        let range = start..start + chunk.len();
        start = range.end;
        let answer = send(chunk)
            .await
            .map(|result| -> ChunkAnswer { result.errors });
        report.record(range, answer);
    }
    report
}
