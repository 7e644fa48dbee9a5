//! The checked-in snapshot of the generated code
//! (`jeri-macros/jeri-codegen/tests/snapshots/jeri.rs.snap`) is compiled here against the
//! real runtime, so it cannot drift into code that no longer builds. Its types and
//! requests must also be the ones jeri-client gets from the macro: the same JSON decodes
//! to values that print and encode the same way.

use std::fmt::Debug;

use jeri_client::Environment;
use jeri_client::runtime::Transport;
use jeri_tests::fixtures;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// The snapshot is the expansion with `runtime = crate::runtime`.
use jeri_client::runtime;

/// The snapshot as a module; not every generated item is used by these tests.
#[allow(dead_code)]
mod snapshot {
    include!("../../jeri-macros/jeri-codegen/tests/snapshots/jeri.rs.snap");
}

/// Decodes `json` into the snapshot's `S` and jeri-client's `J` and checks that both
/// print the same and encode back to the same JSON.
fn same_type<S, J>(json: Value)
where
    S: DeserializeOwned + Serialize + Debug,
    J: DeserializeOwned + Serialize + Debug,
{
    let from_snapshot: S = serde_json::from_value(json.clone())
        .unwrap_or_else(|error| panic!("the snapshot type rejects {json}: {error}"));
    let from_client: J = serde_json::from_value(json.clone())
        .unwrap_or_else(|error| panic!("the jeri-client type rejects {json}: {error}"));
    assert_eq!(format!("{from_snapshot:?}"), format!("{from_client:?}"));
    let encoded = serde_json::to_value(&from_snapshot).expect("encode the snapshot value");
    assert_eq!(
        encoded,
        serde_json::to_value(&from_client).expect("encode the jeri-client value")
    );
}

#[test]
fn response_types_match_jeri_client() {
    use jeri_client::types as client;
    use snapshot::types as snap;

    same_type::<snap::ApiStatus, client::ApiStatus>(fixtures::api_status());
    same_type::<snap::BatchResult, client::BatchResult>(fixtures::batch_result());
    same_type::<snap::Customer, client::Customer>(fixtures::customer());
    same_type::<snap::CustomerToken, client::CustomerToken>(fixtures::customer_token());
    same_type::<snap::RewardRedemption, client::RewardRedemption>(fixtures::reward_redemption());
    same_type::<snap::PushNotification, client::PushNotification>(fixtures::push_notification());
    same_type::<snap::CouponAssignment, client::CouponAssignment>(fixtures::coupon_assignment());
    same_type::<snap::EarningFlowExecution, client::EarningFlowExecution>(
        fixtures::earning_flow_execution(),
    );
    same_type::<snap::ErrorBody, client::ErrorBody>(fixtures::error_body(
        404,
        "not found",
        "Not Found",
    ));
    same_type::<snap::ErrorBody, client::ErrorBody>(fixtures::error_body_list(
        400,
        &["email must be an email", "amount must be a number"],
        "Bad Request",
    ));
}

#[test]
fn request_types_match_jeri_client() {
    use jeri_client::types as client;
    use snapshot::types as snap;

    same_type::<Vec<snap::IntegrationItem>, Vec<client::IntegrationItem>>(json!([
        {
            "email": "ada@example.com",
            "feature": "loyalty",
            "payload": {
                "loyaltyCustomerId": "L-1",
                "balance": 10,
                "memberSince": "2025-01-01T00:00:00.000Z"
            }
        },
        {
            "email": "bob@example.com",
            "feature": "users",
            "payload": { "firstName": "Bob" }
        },
        {
            "email": "eve@example.com",
            "feature": "a-feature-added-later",
            "payload": {}
        }
    ]));
    same_type::<Vec<snap::ResourceDeletion>, Vec<client::ResourceDeletion>>(json!([
        { "email": "ada@example.com", "feature": "users" }
    ]));
    same_type::<Vec<snap::BalanceChange>, Vec<client::BalanceChange>>(json!([
        { "email": "ada@example.com", "amount": 25, "reason": "order #1001" }
    ]));
    same_type::<snap::RewardRedemptionRequest, client::RewardRedemptionRequest>(json!({
        "customerEmail": "ada@example.com"
    }));
    same_type::<snap::EarningFlowExecutionRequest, client::EarningFlowExecutionRequest>(json!({}));
}

fn transport() -> Transport {
    Transport::builder()
        .base_url(Environment::Staging.as_str())
        .api_key("snapshot-test-key")
        .build()
        .expect("a transport with an API key")
}

#[test]
fn clients_build_the_same_requests() {
    let snap = snapshot::Client::from_transport(transport());
    let client = jeri_client::Client::from_transport(transport());

    assert_eq!(
        format!("{:?}", snap.get_api_status()),
        format!("{:?}", client.get_api_status())
    );
    assert_eq!(
        format!("{:?}", snap.get_customer("program", "ada@example.com")),
        format!("{:?}", client.get_customer("program", "ada@example.com"))
    );
    assert_eq!(
        format!(
            "{:?}",
            snap.get_customer_token(
                "program",
                "ada@example.com",
                snapshot::types::TokenType::Auth
            )
            .expires_in(600)
        ),
        format!(
            "{:?}",
            client
                .get_customer_token(
                    "program",
                    "ada@example.com",
                    jeri_client::types::TokenType::Auth
                )
                .expires_in(600)
        )
    );

    let snap_customer = snapshot::CustomerClient::from_transport(transport());
    let customer = jeri_client::CustomerClient::from_transport(transport());
    assert_eq!(
        format!(
            "{:?}",
            snap_customer.execute_custom_earning_flow(
                "program",
                "flow",
                snapshot::types::EarningFlowExecutionRequest::default()
            )
        ),
        format!(
            "{:?}",
            customer.execute_custom_earning_flow(
                "program",
                "flow",
                jeri_client::types::EarningFlowExecutionRequest::default()
            )
        )
    );
}
