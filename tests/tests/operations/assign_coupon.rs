//! `POST /v1/programs/{programId}/coupons/{couponId}/assign`.

use jeri_client::types::CouponAssignmentRequest;
use jeri_tests::fixtures::{self, client, error_body};
use jeri_tests::recording::{Reply, Server};
use serde_json::json;

use super::{api_error, assert_merchant_headers, single_message, typed_body};

fn to_ada() -> CouponAssignmentRequest {
    CouponAssignmentRequest {
        email: "ada@example.com".into(),
    }
}

#[tokio::test]
async fn assigns_a_coupon_whose_id_needs_encoding() {
    let server = Server::start(vec![Reply::json(
        201,
        fixtures::coupon_assignment().to_string(),
    )])
    .await;
    let assignment = client(server.url())
        .assign_coupon("acme", "summer/25 €", to_ada())
        .await
        .expect("assignment");
    assert_eq!(
        assignment.coupon_id.to_string(),
        "6e5d4c3b-2a19-4f08-8e7d-6c5b4a392817"
    );
    assert_eq!(assignment.email, "ada@example.com");
    assert_eq!(assignment.code, "SUMMER25-XYZ");
    assert_eq!(
        assignment
            .assigned_at
            .to_rfc3339_opts(jeri_client::runtime::chrono::SecondsFormat::Millis, true),
        "2026-05-25T10:03:00.375Z"
    );

    let request = server.single();
    assert_eq!(request.method, "POST");
    assert_eq!(
        request.target,
        "/v1/programs/acme/coupons/summer%2F25%20%E2%82%AC/assign"
    );
    assert_eq!(
        request.decoded_segments(),
        ["v1", "programs", "acme", "coupons", "summer/25 €", "assign"]
    );
    assert_merchant_headers(&request, true);
    assert_eq!(request.json(), json!({ "email": "ada@example.com" }));
}

#[tokio::test]
async fn an_already_assigned_coupon_is_a_conflict() {
    let body = error_body(409, "Coupon already assigned to this customer", "Conflict");
    let server = Server::start(vec![Reply::json(409, body.to_string())]).await;
    let result = client(server.url())
        .assign_coupon("acme", "summer25", to_ada())
        .await;
    assert!(result.as_ref().is_err_and(|error| !error.is_retryable()));
    let error = api_error(result);
    assert_eq!(error.status(), 409);
    let typed = typed_body(&error);
    assert_eq!(typed.status_code, 409);
    assert_eq!(
        single_message(typed),
        "Coupon already assigned to this customer"
    );
    assert_eq!(typed.error.as_deref(), Some("Conflict"));
}
