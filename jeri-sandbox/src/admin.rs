//! Routes under `/_sandbox/` that change a running sandbox from outside the process,
//! for a sandbox started as a binary: arm and clear faults, give a customer a wallet
//! pass. They take the same `api-key` header as the API and answer plain text.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};

use crate::faults::Fault;
use crate::state::SandboxState;

/// The admin routes, to merge beside the API's.
pub(crate) fn routes(state: SandboxState) -> Router {
    Router::new()
        .route(
            "/_sandbox/faults",
            get(list_faults).post(add_faults).delete(clear_faults),
        )
        .route(
            "/_sandbox/programs/{program_id}/customers/{email}/wallet-pass",
            post(give_wallet_pass),
        )
        .route(
            "/_sandbox/programs/{program_id}/customers/{email}/one-time-link",
            put(generate_one_time_link).delete(withdraw_one_time_link),
        )
        .with_state(state)
}

/// Whether the request carries the sandbox's API key.
fn authorized(state: &SandboxState, headers: &HeaderMap) -> bool {
    let key = headers.get("api-key").and_then(|value| value.to_str().ok());
    key == Some(state.api_key())
}

fn unauthorized() -> Response {
    (StatusCode::UNAUTHORIZED, "Unauthorized\n").into_response()
}

fn listing(state: &SandboxState) -> String {
    state
        .faults()
        .list()
        .iter()
        .map(|fault| format!("{fault}\n"))
        .collect()
}

/// The armed faults, one per line in the `--fault` syntax with their remaining counts.
async fn list_faults(State(state): State<SandboxState>, headers: HeaderMap) -> Response {
    if !authorized(&state, &headers) {
        return unauthorized();
    }
    listing(&state).into_response()
}

/// Arms the faults of the body, one per line; none is armed if any line is wrong.
async fn add_faults(
    State(state): State<SandboxState>,
    headers: HeaderMap,
    body: String,
) -> Response {
    if !authorized(&state, &headers) {
        return unauthorized();
    }
    let parsed: Result<Vec<Fault>, _> = body
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(str::parse::<Fault>)
        .collect();
    match parsed {
        Ok(faults) => {
            for fault in faults {
                state.faults().add(fault);
            }
            (StatusCode::CREATED, listing(&state)).into_response()
        }
        Err(error) => (StatusCode::BAD_REQUEST, format!("{error}\n")).into_response(),
    }
}

async fn clear_faults(State(state): State<SandboxState>, headers: HeaderMap) -> Response {
    if !authorized(&state, &headers) {
        return unauthorized();
    }
    state.faults().clear();
    StatusCode::NO_CONTENT.into_response()
}

fn customer_changed(changed: bool) -> Response {
    if changed {
        StatusCode::NO_CONTENT.into_response()
    } else {
        (StatusCode::NOT_FOUND, "Customer not found\n").into_response()
    }
}

/// An authorized change to one customer: `401` without the API key, else the change's
/// answer (`204`, or `404` for a customer that does not exist).
fn change_customer(
    state: &SandboxState,
    headers: &HeaderMap,
    change: impl FnOnce() -> bool,
) -> Response {
    if !authorized(state, headers) {
        return unauthorized();
    }
    customer_changed(change())
}

async fn give_wallet_pass(
    State(state): State<SandboxState>,
    headers: HeaderMap,
    Path((program_id, email)): Path<(String, String)>,
) -> Response {
    change_customer(&state, &headers, || {
        state.give_wallet_pass(&program_id, &email)
    })
}

async fn generate_one_time_link(
    State(state): State<SandboxState>,
    headers: HeaderMap,
    Path((program_id, email)): Path<(String, String)>,
) -> Response {
    change_customer(&state, &headers, || {
        state.set_one_time_link(&program_id, &email, true)
    })
}

async fn withdraw_one_time_link(
    State(state): State<SandboxState>,
    headers: HeaderMap,
    Path((program_id, email)): Path<(String, String)>,
) -> Response {
    change_customer(&state, &headers, || {
        state.set_one_time_link(&program_id, &email, false)
    })
}
