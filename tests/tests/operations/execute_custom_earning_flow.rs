//! `POST /v1/programs/{programId}/custom-earning-flows/{earningFlowId}/execute`,
//! as the merchant and as the customer.

use jeri_client::Error;
use jeri_client::types::{EarningFlowExecutionRequest, EarningFlowRecurrence};
use jeri_tests::fixtures::{self, client, error_body_list};
use jeri_tests::recording::{Reply, Server};
use serde_json::json;

use super::{
    api_error, assert_customer_headers, assert_merchant_headers, customer, message_list, typed_body,
};

fn for_ada() -> EarningFlowExecutionRequest {
    EarningFlowExecutionRequest {
        customer_email: Some("ada@example.com".into()),
    }
}

#[tokio::test]
async fn merchant_executes_a_flow_for_a_customer() {
    let server = Server::start(vec![Reply::json(
        200,
        fixtures::earning_flow_execution().to_string(),
    )])
    .await;
    let execution = client(server.url())
        .execute_custom_earning_flow("acme", "flow#7?x", for_ada())
        .await
        .expect("execution");
    assert_eq!(execution.points_awarded, 50);
    assert_eq!(execution.remaining_executions, None);
    assert_eq!(execution.recurrence, EarningFlowRecurrence::Daily);

    let request = server.single();
    assert_eq!(request.method, "POST");
    assert_eq!(
        request.target,
        "/v1/programs/acme/custom-earning-flows/flow%237%3Fx/execute"
    );
    assert_merchant_headers(&request, true);
    assert_eq!(
        request.json(),
        json!({ "customerEmail": "ada@example.com" })
    );
}

#[tokio::test]
async fn customer_executes_with_the_bearer_token_only() {
    let answer = json!({ "pointsAwarded": 10, "remainingExecutions": 3, "recurrence": "yearly" });
    let server = Server::start(vec![Reply::json(200, answer.to_string())]).await;
    let execution = customer(server.url())
        .execute_custom_earning_flow("acme", "flow-7", EarningFlowExecutionRequest::default())
        .await
        .expect("execution");
    assert_eq!(execution.remaining_executions, Some(3));
    assert_eq!(
        execution.recurrence,
        EarningFlowRecurrence::Unknown_("yearly".into())
    );

    let request = server.single();
    assert_eq!(
        request.target,
        "/v1/programs/acme/custom-earning-flows/flow-7/execute"
    );
    assert_customer_headers(&request, true);
    assert_eq!(request.json(), json!({}));
}

#[tokio::test]
async fn an_expired_customer_token_is_unauthorized() {
    let body = error_body_list(401, &["jwt expired"], "Unauthorized");
    let server = Server::start(vec![Reply::json(401, body.to_string())]).await;
    let error = api_error(
        customer(server.url())
            .execute_custom_earning_flow("acme", "flow-7", EarningFlowExecutionRequest::default())
            .await,
    );
    assert_eq!(error.status(), 401);
    assert_eq!(message_list(typed_body(&error)), ["jwt expired"]);
}

#[tokio::test]
async fn a_field_of_the_wrong_type_is_a_decode_error() {
    let answer = r#"{"pointsAwarded":"fifty","remainingExecutions":null,"recurrence":"daily"}"#;
    let server = Server::start(vec![Reply::json(200, answer)]).await;
    let result = client(server.url())
        .execute_custom_earning_flow("acme", "flow-7", for_ada())
        .await;
    match result {
        Err(Error::Decode {
            status,
            excerpt,
            source,
            ..
        }) => {
            assert_eq!(status, 200);
            assert_eq!(excerpt, answer);
            assert!(source.is_data(), "{source}");
            assert!(source.to_string().contains("invalid type"), "{source}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}
