//! `increaseBalance` (`POST /v1/programs/{programId}/balance/increase`): a list of
//! `BalanceChange` (at most `BODY_MAX_ITEMS`) and every field of `BatchResult`.

use jeri_client::requests::IncreaseBalanceRequest;
use jeri_client::runtime::BoxFuture;
use jeri_client::types::{BalanceChange, BatchItemError, BatchResult};
use jeri_client::{CallOptions, Client, Error};

async fn _increase_balance(client: &Client) -> Result<(), Error> {
    let program_id: &str = "my-program";
    let body: Vec<BalanceChange> = vec![BalanceChange {
        email: String::from("ana@example.com"),
        amount: 120,
        reason: String::from("order #1001"),
    }];
    let _max_items: usize = IncreaseBalanceRequest::BODY_MAX_ITEMS;
    let options: CallOptions = CallOptions::new();
    let request: IncreaseBalanceRequest =
        client.increase_balance(program_id, body).options(options);
    let result: BatchResult = request.await?;

    let _accepted: i64 = result.accepted;
    let _failed: i64 = result.failed;
    let errors: Vec<BatchItemError> = result.errors;
    for error in errors {
        let _index: i64 = error.index;
        let _email: String = error.email;
        let _message: String = error.message;
    }
    Ok(())
}

fn _spawnable(request: IncreaseBalanceRequest) -> BoxFuture<Result<BatchResult, Error>> {
    request.into_future()
}

fn main() {}
