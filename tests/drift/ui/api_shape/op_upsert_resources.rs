//! `upsertResources` (`POST /v1/programs/{programId}/integrations/api`): a list of
//! `IntegrationItem` with both payload kinds, field by field, and `BatchResult`.

use jeri_client::requests::UpsertResourcesRequest;
use jeri_client::runtime::BoxFuture;
use jeri_client::types::{
    BatchItemError, BatchResult, IntegrationFeature, IntegrationItem, IntegrationItemPayload,
    LoyaltyPayload, UsersPayload,
};
use jeri_client::{CallOptions, Client, Error};

async fn _upsert_resources(client: &Client) -> Result<(), Error> {
    let program_id: &str = "my-program";
    let users = IntegrationItem {
        email: String::from("ana@example.com"),
        feature: IntegrationFeature::Users,
        payload: IntegrationItemPayload::UsersPayload(UsersPayload {
            external_customer_id: Some(String::from("cus_1001")),
            first_name: Some(String::from("Ana")),
            last_name: Some(String::from("Ruiz")),
            phone: jeri_client::Nullable::Value(String::from("+34600000000")),
            email_verified: Some(true),
            email: Some(String::from("ana@example.com")),
        }),
    };
    let loyalty = IntegrationItem {
        email: String::from("ana@example.com"),
        feature: IntegrationFeature::Loyalty,
        payload: IntegrationItemPayload::LoyaltyPayload(LoyaltyPayload {
            loyalty_customer_id: String::from("loy_1001"),
            balance: 120,
            member_since: jeri_client::runtime::chrono::DateTime::UNIX_EPOCH,
            tier_status: Some(String::from("gold")),
        }),
    };
    let body: Vec<IntegrationItem> = vec![users, loyalty];
    let _max_items: usize = UpsertResourcesRequest::BODY_MAX_ITEMS;
    let options: CallOptions = CallOptions::new();
    let request: UpsertResourcesRequest =
        client.upsert_resources(program_id, body).options(options);
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

fn _features(feature: &IntegrationFeature) -> &'static str {
    match feature {
        IntegrationFeature::Users => "users",
        IntegrationFeature::Loyalty => "loyalty",
        IntegrationFeature::Unknown_(_) => "unlisted",
    }
}

fn _spawnable(request: UpsertResourcesRequest) -> BoxFuture<Result<BatchResult, Error>> {
    request.into_future()
}

fn main() {}
