//! `deleteResources` (`DELETE /v1/programs/{programId}/integrations/api`): a list of
//! `ResourceDeletion`, field by field, and `BatchResult`.

use jeri_client::requests::DeleteResourcesRequest;
use jeri_client::runtime::BoxFuture;
use jeri_client::types::{BatchItemError, BatchResult, IntegrationFeature, ResourceDeletion};
use jeri_client::{CallOptions, Client, Error};

async fn _delete_resources(client: &Client) -> Result<(), Error> {
    let program_id: &str = "my-program";
    let body: Vec<ResourceDeletion> = vec![
        ResourceDeletion {
            email: String::from("ana@example.com"),
            feature: IntegrationFeature::Loyalty,
        },
        ResourceDeletion {
            email: String::from("bo@example.com"),
            feature: IntegrationFeature::Users,
        },
    ];
    let _max_items: usize = DeleteResourcesRequest::BODY_MAX_ITEMS;
    let options: CallOptions = CallOptions::new();
    let request: DeleteResourcesRequest =
        client.delete_resources(program_id, body).options(options);
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

fn _spawnable(request: DeleteResourcesRequest) -> BoxFuture<Result<BatchResult, Error>> {
    request.into_future()
}

fn main() {}
