//! The routes of the spec, mapped to their handlers.

use axum::Router;
use axum::routing::{get, post};

use crate::handlers;
use crate::state::SandboxState;

/// The sandbox as an axum [`Router`], for embedding in another server or test harness.
///
/// Every path of `spec/openapi.yaml` is routed; any other path or method gets a NestJS-style
/// `404` with an `ErrorBody`.
pub fn router(state: SandboxState) -> Router {
    let program = "/v1/programs/{program_id}";
    Router::new()
        .route("/v1/status", get(handlers::get_api_status))
        .route(
            &format!("{program}/integrations/api"),
            post(handlers::upsert_resources).delete(handlers::delete_resources),
        )
        // The literal `token` segment wins over `{email}`, as the spec needs.
        .route(
            &format!("{program}/customers/token"),
            get(handlers::get_customer_token),
        )
        .route(
            &format!("{program}/customers/{{email}}"),
            get(handlers::get_customer),
        )
        .route(
            &format!("{program}/rewards/{{reward_id}}/redeem"),
            post(handlers::redeem_reward),
        )
        .route(
            &format!("{program}/push-notifications"),
            post(handlers::send_push_notification),
        )
        .route(
            &format!("{program}/coupons/{{coupon_id}}/assign"),
            post(handlers::assign_coupon),
        )
        .route(
            &format!("{program}/balance/increase"),
            post(handlers::increase_balance),
        )
        .route(
            &format!("{program}/balance/decrease"),
            post(handlers::decrease_balance),
        )
        .route(
            &format!("{program}/custom-earning-flows/{{flow_id}}/execute"),
            post(handlers::execute_custom_earning_flow),
        )
        .fallback(handlers::not_found)
        .method_not_allowed_fallback(handlers::not_found)
        .with_state(state)
}
