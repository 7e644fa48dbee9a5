//! `DELETE /v1/programs/{programId}/integrations/api`.

use jeri_client::types::{IntegrationFeature, ResourceDeletion};
use jeri_tests::fixtures::{self, client, error_body};
use jeri_tests::recording::{Reply, Server};
use serde_json::json;

use super::{api_error, assert_merchant_headers, single_message, typed_body};

fn deletions() -> Vec<ResourceDeletion> {
    vec![
        ResourceDeletion {
            email: "ada@example.com".into(),
            feature: IntegrationFeature::Users,
        },
        ResourceDeletion {
            email: "grace@example.com".into(),
            feature: IntegrationFeature::Loyalty,
        },
    ]
}

#[tokio::test]
async fn sends_a_delete_with_a_json_body() {
    let server = Server::start(vec![Reply::json(200, fixtures::batch_result().to_string())]).await;
    let result = client(server.url())
        .delete_resources("9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d", deletions())
        .await
        .expect("batch result");
    assert_eq!((result.accepted, result.failed), (2, 1));

    let request = server.single();
    assert_eq!(request.method, "DELETE");
    assert_eq!(
        request.target,
        "/v1/programs/9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d/integrations/api"
    );
    assert_merchant_headers(&request, true);
    assert_eq!(
        request.json(),
        json!([
            { "email": "ada@example.com", "feature": "users" },
            { "email": "grace@example.com", "feature": "loyalty" }
        ])
    );
}

#[tokio::test]
async fn a_feature_the_spec_does_not_list_is_refused_before_sending() {
    let server = Server::start(vec![]).await;
    let mut items = deletions();
    items[1].feature = IntegrationFeature::Unknown_("wallet".into());
    let error = client(server.url())
        .delete_resources("nope", items)
        .await
        .expect_err("refused");
    assert!(
        matches!(&error, jeri_runtime::Error::InvalidInput { message, .. }
            if message.ends_with("1.feature must be one of: users, loyalty")),
        "{error:?}"
    );
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn unknown_program_is_not_found() {
    let body = error_body(404, "Program not found", "Not Found");
    let server = Server::start(vec![Reply::json(404, body.to_string())]).await;
    let result = client(server.url())
        .delete_resources("nope", deletions())
        .await;
    assert!(result.as_ref().is_err_and(|error| error.is_not_found()));
    let error = api_error(result);
    assert_eq!(single_message(typed_body(&error)), "Program not found");
    assert_eq!(server.single().target, "/v1/programs/nope/integrations/api");
}
