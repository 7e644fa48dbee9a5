//! `executeCustomEarningFlow`
//! (`POST /v1/programs/{programId}/custom-earning-flows/{earningFlowId}/execute`): every
//! field of `EarningFlowExecutionRequest` and of `EarningFlowExecution`.

use jeri_client::requests::ExecuteCustomEarningFlowRequest;
use jeri_client::runtime::BoxFuture;
use jeri_client::types::{
    EarningFlowExecution, EarningFlowExecutionRequest, EarningFlowRecurrence,
};
use jeri_client::{CallOptions, Client, Error};

async fn _execute_custom_earning_flow(client: &Client) -> Result<(), Error> {
    let program_id: &str = "my-program";
    let earning_flow_id: &str = "flow-uuid";
    let body = EarningFlowExecutionRequest {
        customer_email: Some(String::from("ana@example.com")),
    };
    let options: CallOptions = CallOptions::new();
    let request: ExecuteCustomEarningFlowRequest = client
        .execute_custom_earning_flow(program_id, earning_flow_id, body)
        .options(options);
    let execution: EarningFlowExecution = request.await?;

    let _points_awarded: i64 = execution.points_awarded;
    let _remaining_executions: Option<i64> = execution.remaining_executions;
    let _recurrence: &str = match execution.recurrence {
        EarningFlowRecurrence::Once => "once",
        EarningFlowRecurrence::Daily => "daily",
        EarningFlowRecurrence::Weekly => "weekly",
        EarningFlowRecurrence::Monthly => "monthly",
        EarningFlowRecurrence::Unlimited => "unlimited",
        EarningFlowRecurrence::Unknown_(_) => "unlisted",
    };
    Ok(())
}

fn _spawnable(
    request: ExecuteCustomEarningFlowRequest,
) -> BoxFuture<Result<EarningFlowExecution, Error>> {
    request.into_future()
}

fn main() {}
