//! `POST /_sandbox/events`: sending an event on demand over HTTP.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};

use super::fire::FireError;
use crate::error::ApiError;
use crate::state::SandboxState;

/// The path of the route, outside the spec's `/v1`.
pub const FIRE_EVENT_PATH: &str = "/_sandbox/events";

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct FireRequest {
    program_id: String,
    email: String,
    event: String,
    #[serde(default)]
    properties: Option<Value>,
}

/// The route, answering `202 {"id": …}`, or an `ErrorBody`: `401` without the API key,
/// `400` for another body, `404` for an unknown customer, `409` without a webhook URL.
pub(crate) fn routes(state: SandboxState) -> Router {
    Router::new()
        .route(FIRE_EVENT_PATH, post(fire))
        .with_state(state)
}

async fn fire(State(state): State<SandboxState>, headers: HeaderMap, body: Bytes) -> Response {
    let key = headers.get("api-key").and_then(|value| value.to_str().ok());
    if key != Some(state.api_key()) {
        return ApiError::unauthorized().into_response();
    }
    let request: FireRequest = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(error) => return ApiError::bad_request(vec![error.to_string()]).into_response(),
    };
    let properties = request.properties.unwrap_or_else(|| json!({}));
    match state.fire_event(
        &request.program_id,
        &request.email,
        &request.event,
        properties,
    ) {
        Ok(id) => (StatusCode::ACCEPTED, axum::Json(json!({ "id": id }))).into_response(),
        Err(error @ FireError::UnknownCustomer) => {
            ApiError::new(StatusCode::NOT_FOUND, error.to_string()).into_response()
        }
        Err(error @ FireError::NotConfigured) => {
            ApiError::new(StatusCode::CONFLICT, error.to_string()).into_response()
        }
    }
}
