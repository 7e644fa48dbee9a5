//! `getApiStatus` (`GET /v1/status`): no arguments; every field of `ApiStatus`.

use jeri_client::requests::GetApiStatusRequest;
use jeri_client::runtime::BoxFuture;
use jeri_client::types::ApiStatus;
use jeri_client::{CallOptions, Client, Error};

async fn _get_api_status(client: &Client) -> Result<(), Error> {
    let options: CallOptions = CallOptions::new();
    let request: GetApiStatusRequest = client.get_api_status().options(options);
    let status: ApiStatus = request.await?;

    let _status: String = status.status;
    let _version: Option<String> = status.version;
    let _timestamp: Option<jeri_client::runtime::chrono::DateTime<jeri_client::runtime::chrono::Utc>> = status.timestamp;
    Ok(())
}

fn _spawnable(request: GetApiStatusRequest) -> BoxFuture<Result<ApiStatus, Error>> {
    request.into_future()
}

fn main() {}
