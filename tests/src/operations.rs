//! Every operation of the spec as one table row: how to call it with sample
//! arguments, what it sends, and what it answers, so that tests can go over
//! all of them alike.

use std::fmt;
use std::future::IntoFuture;

use jeri_client::runtime::BoxFuture;
use jeri_client::types::{
    BalanceChange, CouponAssignmentRequest, EarningFlowExecutionRequest, IntegrationFeature,
    IntegrationItem, IntegrationItemPayload, PushNotificationRequest, ResourceDeletion,
    RewardRedemptionRequest, TokenType, UsersPayload,
};
use jeri_client::{Client, Error};
use serde::Serialize;
use serde_json::Value;

use crate::fixtures;

/// The outcome of a call, its success value turned back into JSON so that
/// every operation has the same type.
pub type Outcome = Result<Value, Error>;

/// One operation called with fixed sample arguments.
pub struct Operation {
    /// The spec's operationId.
    pub id: &'static str,
    /// The HTTP method it sends.
    pub method: &'static str,
    /// The request target the sample call sends.
    pub target: &'static str,
    /// The documented success status.
    pub success: u16,
    /// The documented error statuses (each with an `ErrorBody`).
    pub errors: &'static [u16],
    /// A documented success body.
    pub response: fn() -> Value,
    /// Calls the operation on a client.
    pub call: fn(&Client) -> BoxFuture<Outcome>,
}

impl fmt::Debug for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id)
    }
}

impl Operation {
    /// Whether the method may be retried without the call opting in.
    pub fn is_idempotent(&self) -> bool {
        matches!(self.method, "GET" | "PUT" | "DELETE")
    }
}

/// Turns a request value into a future of its JSON outcome.
pub fn boxed<T, R>(request: R) -> BoxFuture<Outcome>
where
    T: Serialize,
    R: IntoFuture<Output = Result<T, Error>>,
    R::IntoFuture: Send + 'static,
{
    let future = request.into_future();
    Box::pin(async move {
        let value = future.await?;
        Ok(serde_json::to_value(value).expect("typed responses serialize"))
    })
}

/// The sample balance change sent by the balance operations.
pub fn balance_changes() -> Vec<BalanceChange> {
    vec![
        BalanceChange {
            email: "ada@example.com".into(),
            amount: 100,
            reason: "birthday".into(),
        },
        BalanceChange {
            email: "grace@example.com".into(),
            amount: 25,
            reason: "review".into(),
        },
    ]
}

/// The sample items sent by `upsertResources`.
pub fn integration_items() -> Vec<IntegrationItem> {
    vec![IntegrationItem {
        email: "ada@example.com".into(),
        feature: IntegrationFeature::Users,
        payload: IntegrationItemPayload::UsersPayload(UsersPayload {
            first_name: Some("Ada".into()),
            last_name: Some("Lovelace".into()),
            ..UsersPayload::default()
        }),
    }]
}

/// All operations of the spec, in spec order.
pub const OPERATIONS: &[Operation] = &[
    Operation {
        id: "getApiStatus",
        method: "GET",
        target: "/v1/status",
        success: 200,
        errors: &[401, 429],
        response: fixtures::api_status,
        call: |client| boxed(client.get_api_status()),
    },
    Operation {
        id: "upsertResources",
        method: "POST",
        target: "/v1/programs/acme/integrations/api",
        success: 201,
        errors: &[400, 401, 404, 429],
        response: fixtures::batch_result,
        call: |client| boxed(client.upsert_resources("acme", integration_items())),
    },
    Operation {
        id: "deleteResources",
        method: "DELETE",
        target: "/v1/programs/acme/integrations/api",
        success: 200,
        errors: &[400, 401, 404, 429],
        response: fixtures::batch_result,
        call: |client| {
            boxed(client.delete_resources(
                "acme",
                vec![ResourceDeletion {
                    email: "ada@example.com".into(),
                    feature: IntegrationFeature::Loyalty,
                }],
            ))
        },
    },
    Operation {
        id: "getCustomerToken",
        method: "GET",
        target: "/v1/programs/acme/customers/token?email=ada%40example.com&token_type=auth",
        success: 200,
        errors: &[400, 401, 404, 422, 429],
        response: fixtures::customer_token,
        call: |client| boxed(client.get_customer_token("acme", "ada@example.com", TokenType::Auth)),
    },
    Operation {
        id: "getCustomer",
        method: "GET",
        target: "/v1/programs/acme/customers/ada%40example.com",
        success: 200,
        errors: &[400, 401, 404, 429],
        response: fixtures::customer,
        call: |client| boxed(client.get_customer("acme", "ada@example.com")),
    },
    Operation {
        id: "redeemReward",
        method: "POST",
        target: "/v1/programs/acme/rewards/rw-10-off/redeem",
        success: 201,
        errors: &[400, 401, 404, 422, 429],
        response: fixtures::reward_redemption,
        call: |client| {
            boxed(client.redeem_reward(
                "acme",
                "rw-10-off",
                RewardRedemptionRequest {
                    customer_email: Some("ada@example.com".into()),
                },
            ))
        },
    },
    Operation {
        id: "sendPushNotification",
        method: "POST",
        target: "/v1/programs/acme/push-notifications",
        success: 201,
        errors: &[400, 401, 404, 429],
        response: fixtures::push_notification,
        call: |client| {
            boxed(client.send_push_notification(
                "acme",
                PushNotificationRequest {
                    email: "ada@example.com".into(),
                    message: "You have 750 points".into(),
                    title: None,
                    url: None,
                },
            ))
        },
    },
    Operation {
        id: "assignCoupon",
        method: "POST",
        target: "/v1/programs/acme/coupons/summer25/assign",
        success: 201,
        errors: &[400, 401, 404, 409, 429],
        response: fixtures::coupon_assignment,
        call: |client| {
            boxed(client.assign_coupon(
                "acme",
                "summer25",
                CouponAssignmentRequest {
                    email: "ada@example.com".into(),
                },
            ))
        },
    },
    Operation {
        id: "increaseBalance",
        method: "POST",
        target: "/v1/programs/acme/balance/increase",
        success: 201,
        errors: &[400, 401, 404, 429],
        response: fixtures::batch_result,
        call: |client| boxed(client.increase_balance("acme", balance_changes())),
    },
    Operation {
        id: "decreaseBalance",
        method: "POST",
        target: "/v1/programs/acme/balance/decrease",
        success: 201,
        errors: &[400, 401, 404, 422, 429],
        response: fixtures::batch_result,
        call: |client| boxed(client.decrease_balance("acme", balance_changes())),
    },
    Operation {
        id: "executeCustomEarningFlow",
        method: "POST",
        target: "/v1/programs/acme/custom-earning-flows/flow-7/execute",
        success: 200,
        errors: &[400, 401, 404, 422, 429],
        response: fixtures::earning_flow_execution,
        call: |client| {
            boxed(client.execute_custom_earning_flow(
                "acme",
                "flow-7",
                EarningFlowExecutionRequest {
                    customer_email: Some("ada@example.com".into()),
                },
            ))
        },
    },
];
