//! The operations the runtime tests call, the way generated code calls them, and
//! transports to the shared loopback recording server.
#![allow(dead_code)] // each test file uses a different part

use std::time::Duration;

use jeri_runtime::{
    Call, CallOptions, Error, Method, OperationInfo, RetryPolicy, SecurityRequirement, Transport,
    TransportBuilder,
};
#[allow(unused_imports)] // each test file uses a different part
pub use jeri_test_support::{API_KEY, Reply, Server, TOKEN};

/// Transports to the recording server.
pub trait ServerExt {
    /// A transport with the test API key and fast retries.
    fn transport(&self) -> Transport;
    /// A transport builder with the test API key and fast retries.
    fn builder(&self) -> TransportBuilder;
}

impl ServerExt for Server {
    fn transport(&self) -> Transport {
        self.builder().build().expect("transport")
    }

    fn builder(&self) -> TransportBuilder {
        Transport::builder()
            .base_url(self.url())
            .api_key(API_KEY)
            .retry_policy(fast_retries())
    }
}

/// The default policy with millisecond backoff, so tests do not wait.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy::new()
        .base_delay(Duration::from_millis(1))
        .max_delay(Duration::from_millis(5))
}

pub const API_KEY_HEADER: SecurityRequirement = SecurityRequirement::ApiKeyHeader {
    scheme: "apiKey",
    header: "api-key",
};

pub static GET_CUSTOMER: OperationInfo = OperationInfo {
    id: "getCustomer",
    method: Method::Get,
    path: "/v1/programs/{programId}/customers/{email}",
    security: &[&[API_KEY_HEADER]],
};

pub static REDEEM_REWARD: OperationInfo = OperationInfo {
    id: "redeemReward",
    method: Method::Post,
    path: "/v1/programs/{programId}/rewards/{rewardId}/redeem",
    security: &[
        &[API_KEY_HEADER],
        &[SecurityRequirement::Bearer { scheme: "bearer" }],
    ],
};

/// Calls `GET /v1/programs/{programId}/customers/{email}` the way generated
/// code does, returning the raw response.
pub async fn get_customer(
    transport: &Transport,
    program_id: &str,
    email: &str,
    options: CallOptions,
) -> Result<jeri_runtime::Response, Error> {
    let mut call = Call::new(transport, &GET_CUSTOMER, options);
    call.path_literal("/v1/programs/");
    call.path_param("programId", &program_id)?;
    call.path_literal("/customers/");
    call.path_param("email", &email)?;
    call.send().await
}

/// Calls `POST /v1/programs/p1/rewards/r1/redeem` with a JSON body.
pub async fn redeem(
    transport: &Transport,
    options: CallOptions,
) -> Result<jeri_runtime::Response, Error> {
    let mut call = Call::new(transport, &REDEEM_REWARD, options);
    call.path_literal("/v1/programs/");
    call.path_param("programId", &"p1")?;
    call.path_literal("/rewards/");
    call.path_param("rewardId", &"r1")?;
    call.path_literal("/redeem");
    call.json_body(&serde_json::json!({ "email": "ana@example.com" }))?;
    call.send().await
}
