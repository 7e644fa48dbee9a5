//! Credentials, clients and documented response bodies shared by the tests.

use std::time::Duration;

use jeri_client::{Client, RetryPolicy};
use serde_json::{Value, json};

/// The test credentials, one set for the workspace: no formatted value may contain them.
pub use jeri_test_support::{API_KEY, TOKEN};

/// A marker that both secrets contain, for checking formatted text.
pub const SECRET_MARKER: &str = "TOPSECRET";

/// The `User-Agent` every request carries. Both crates take their version
/// from the workspace, so this crate's version is the client's.
pub const USER_AGENT: &str = concat!("jeri-client/", env!("CARGO_PKG_VERSION"));

/// A client for `base_url` with the test API key and no retries.
pub fn client(base_url: &str) -> Client {
    client_with(base_url, RetryPolicy::disabled())
}

/// A client for `base_url` with the test API key and `policy`.
pub fn client_with(base_url: &str, policy: RetryPolicy) -> Client {
    Client::builder()
        .api_key(API_KEY)
        .base_url(base_url)
        .retry_policy(policy)
        .build()
        .expect("a client for the loopback server")
}

/// A transport for a client generated from a test's own spec (its
/// `transport_builder()`, with any settings the test adds), sending to the loopback
/// `server`, without retries: each reply a test queues is answered to one request.
pub fn loopback(
    builder: jeri_runtime::TransportBuilder,
    server: &crate::recording::Server,
) -> jeri_runtime::Transport {
    builder
        .base_url(server.url())
        .retry_policy(jeri_runtime::RetryPolicy::disabled())
        .build()
        .expect("a transport for the loopback server")
}

/// The default retry policy with millisecond waits, so retry tests do not
/// sleep for long.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy::new()
        .max_attempts(3)
        .base_delay(Duration::from_millis(1))
        .max_delay(Duration::from_millis(5))
}

/// An `ErrorBody` as the API sends it, with a single message.
pub fn error_body(status: u16, message: &str, error: &str) -> Value {
    json!({ "statusCode": status, "message": message, "error": error })
}

/// An `ErrorBody` with a list of validation messages.
pub fn error_body_list(status: u16, messages: &[&str], error: &str) -> Value {
    json!({ "statusCode": status, "message": messages, "error": error })
}

/// A documented `ApiStatus`. Times carry milliseconds, as the API writes them; chrono
/// writes non-zero milliseconds back the same way, so decoded values re-encode as sent.
pub fn api_status() -> Value {
    json!({ "status": "ok", "version": "1.42.0", "timestamp": "2026-05-25T10:00:00.125Z" })
}

/// A documented `BatchResult` with one failed item.
pub fn batch_result() -> Value {
    json!({
        "accepted": 2,
        "failed": 1,
        "errors": [{ "index": 1, "email": "bad@example", "message": "email must be an email" }]
    })
}

/// A documented `Customer` with loyalty data and no user data.
pub fn customer() -> Value {
    json!({
        "id": "3f6c9a52-1d2e-4b7a-9c3d-5e8f7a6b4c21",
        "programId": "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d",
        "email": "ada+loyalty@example.com",
        "origin": "SHOPIFY",
        "utmSource": "newsletter",
        "balanceNotifications": true,
        "tierNotifications": false,
        "rewardAvailableNotifications": true,
        "locationNotifications": false,
        "marketingNotifications": true,
        "referralEarned": false,
        "createdAt": "2025-11-02T09:15:00.250Z",
        "updatedAt": "2026-05-20T18:30:00.500Z",
        "loyaltyData": {
            "id": "7d1e2f3a-4b5c-4d6e-8f70-112233445566",
            "customerId": "3f6c9a52-1d2e-4b7a-9c3d-5e8f7a6b4c21",
            "balance": 1250,
            "tierStatus": "gold"
        }
    })
}

/// A documented `CustomerToken` (the token is not a secret of the tests).
pub fn customer_token() -> Value {
    json!({ "accessToken": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2ln" })
}

/// A documented `RewardRedemption`.
pub fn reward_redemption() -> Value {
    json!({
        "redemptionId": "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
        "rewardId": "5b0e7c1d-2a3f-4e6b-9c8d-7f6e5d4c3b2a",
        "customerEmail": "ada@example.com",
        "pointsSpent": 500,
        "balance": 750,
        "discountCode": "JERI-10-ABC",
        "redeemedAt": "2026-05-25T10:01:00.125Z"
    })
}

/// A documented `PushNotification`.
pub fn push_notification() -> Value {
    json!({
        "id": "0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f",
        "email": "ada@example.com",
        "status": "queued",
        "createdAt": "2026-05-25T10:02:00.250Z"
    })
}

/// A documented `CouponAssignment`.
pub fn coupon_assignment() -> Value {
    json!({
        "couponId": "6e5d4c3b-2a19-4f08-8e7d-6c5b4a392817",
        "email": "ada@example.com",
        "code": "SUMMER25-XYZ",
        "assignedAt": "2026-05-25T10:03:00.375Z"
    })
}

/// A documented `EarningFlowExecution` with no limit on executions.
pub fn earning_flow_execution() -> Value {
    json!({ "pointsAwarded": 50, "remainingExecutions": null, "recurrence": "daily" })
}
