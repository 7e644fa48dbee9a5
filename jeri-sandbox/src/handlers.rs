//! One axum handler per operation of the spec.
//!
//! Each handler checks credentials first, then the request against its schema, then
//! applies the business rule under the store lock (never held across an `.await`).

use axum::Json;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::extract::{
    Caller, RawBody, decode, email_param, json_body, require_api_key, require_caller,
};
use crate::state::SandboxState;
use crate::store::{
    BatchOutcome, BatchStatus, DeleteTarget, Direction, LoyaltyUpdate, TokenKind, UpsertItem,
    UserUpdate,
};
use crate::wire::types;
use crate::{clock, convert, schemas, validate};

type Handled = Result<Response, ApiError>;

fn path<T>(result: Result<Path<T>, PathRejection>) -> Result<T, ApiError> {
    result
        .map(|Path(value)| value)
        .map_err(|rejection| ApiError::bad_request(vec![rejection.body_text()]))
}

fn created<T: serde::Serialize>(body: T) -> Response {
    (StatusCode::CREATED, Json(body)).into_response()
}

fn ok<T: serde::Serialize>(body: T) -> Response {
    (StatusCode::OK, Json(body)).into_response()
}

/// A batch response: `success` with the `BatchResult` when anything was applied, else the
/// error status the spec gives for the batch (`refused` when a business rule said no).
fn batch_response(outcome: &BatchOutcome, success: StatusCode, refused: StatusCode) -> Handled {
    let status = match outcome.status() {
        BatchStatus::Applied => {
            return Ok((success, Json(convert::batch_result(outcome))).into_response());
        }
        BatchStatus::NothingFound => StatusCode::NOT_FOUND,
        BatchStatus::NothingAllowed => refused,
    };
    Err(ApiError::with_messages(
        status,
        convert::batch_messages(outcome),
    ))
}

/// `GET /v1/status`.
pub(crate) async fn get_api_status(
    State(state): State<SandboxState>,
    headers: HeaderMap,
) -> Handled {
    require_api_key(&state, &headers)?;
    Ok(ok(types::ApiStatus {
        status: "ok".to_owned(),
        version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        timestamp: Some(clock::rfc3339(clock::now())),
    }))
}

fn upsert_item(item: types::IntegrationItem) -> (String, UpsertItem) {
    let feature = item.feature.as_str().to_owned();
    let parsed = match item.payload {
        types::IntegrationItemPayload::UsersPayload(payload) if feature == "users" => {
            UpsertItem::Users(UserUpdate {
                external_customer_id: payload.external_customer_id,
                first_name: payload.first_name,
                last_name: payload.last_name,
                // `null` clears the phone while an absent key leaves it.
                phone: match payload.phone {
                    jeri_runtime::Nullable::Absent => None,
                    jeri_runtime::Nullable::Null => Some(None),
                    jeri_runtime::Nullable::Value(phone) => Some(Some(phone)),
                },
                email_verified: payload.email_verified,
                new_email: payload.email,
            })
        }
        types::IntegrationItemPayload::LoyaltyPayload(payload) if feature == "loyalty" => {
            UpsertItem::Loyalty(LoyaltyUpdate {
                loyalty_customer_id: payload.loyalty_customer_id,
                balance: payload.balance,
                member_since: payload.member_since,
                tier_status: payload.tier_status,
            })
        }
        _ => UpsertItem::Invalid(format!(
            "payload does not match feature {feature}: users takes a UsersPayload, loyalty a LoyaltyPayload"
        )),
    };
    (item.email, parsed)
}

/// `POST /v1/programs/{programId}/integrations/api`.
pub(crate) async fn upsert_resources(
    State(state): State<SandboxState>,
    program_id: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: RawBody,
) -> Handled {
    require_api_key(&state, &headers)?;
    let program_id = path(program_id)?;
    let value = json_body(&headers, body, &schemas::UPSERT_BODY)?;
    let items: Vec<types::IntegrationItem> = decode(value)?;
    let items = items.into_iter().map(upsert_item).collect();
    let outcome = state
        .store()
        .program(&program_id)
        .upsert(items, clock::now());
    batch_response(&outcome, StatusCode::CREATED, StatusCode::NOT_FOUND)
}

/// `DELETE /v1/programs/{programId}/integrations/api`.
pub(crate) async fn delete_resources(
    State(state): State<SandboxState>,
    program_id: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: RawBody,
) -> Handled {
    require_api_key(&state, &headers)?;
    let program_id = path(program_id)?;
    let value = json_body(&headers, body, &schemas::DELETE_BODY)?;
    let items: Vec<types::ResourceDeletion> = decode(value)?;
    let items = items
        .into_iter()
        .map(|item| {
            let target = if item.feature.as_str() == "users" {
                DeleteTarget::Users
            } else {
                DeleteTarget::Loyalty
            };
            (item.email, target)
        })
        .collect();
    let outcome = state
        .store()
        .program(&program_id)
        .delete(items, clock::now());
    batch_response(&outcome, StatusCode::OK, StatusCode::NOT_FOUND)
}

/// `GET /v1/programs/{programId}/customers/{email}`.
pub(crate) async fn get_customer(
    State(state): State<SandboxState>,
    params: Result<Path<(String, String)>, PathRejection>,
    headers: HeaderMap,
) -> Handled {
    require_api_key(&state, &headers)?;
    let (program_id, email) = path(params)?;
    email_param("email", &email)?;
    let mut store = state.store();
    let program = store.program(&program_id);
    let customer = program
        .customer(&email)
        .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "Customer not found"))?;
    Ok(ok(convert::customer(program, customer)))
}

/// The checked query of `getCustomerToken`.
fn token_query(pairs: &[(String, String)]) -> Result<(String, TokenKind, Option<i64>), ApiError> {
    let find = |name: &str| {
        pairs
            .iter()
            .rev()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    };
    let mut violations = Vec::new();
    let email = find("email");
    match email {
        None => violations.push("email should not be empty".to_owned()),
        Some(email) if !validate::is_email(email) => {
            violations.push("email must be an email".to_owned())
        }
        Some(_) => {}
    }
    let kind = match find("token_type") {
        Some("auth") => Some(TokenKind::Auth),
        Some("download") => Some(TokenKind::Download),
        _ => {
            violations.push(format!(
                "token_type must be one of the following values: {}",
                schemas::TOKEN_TYPES.join(", ")
            ));
            None
        }
    };
    let lifetime = match find("expires_in").map(str::parse::<i64>) {
        None => None,
        Some(Ok(seconds)) if seconds >= 1 => Some(seconds),
        Some(Ok(_)) => {
            violations.push("expires_in must not be less than 1".to_owned());
            None
        }
        Some(Err(_)) => {
            violations.push("expires_in must be an integer number".to_owned());
            None
        }
    };
    match (email, kind) {
        (Some(email), Some(kind)) if violations.is_empty() => {
            Ok((email.to_owned(), kind, lifetime))
        }
        _ => Err(ApiError::bad_request(violations)),
    }
}

/// `GET /v1/programs/{programId}/customers/token`.
pub(crate) async fn get_customer_token(
    State(state): State<SandboxState>,
    program_id: Result<Path<String>, PathRejection>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
    headers: HeaderMap,
) -> Handled {
    require_api_key(&state, &headers)?;
    let program_id = path(program_id)?;
    let Query(pairs) =
        query.map_err(|rejection| ApiError::bad_request(vec![rejection.body_text()]))?;
    let (email, kind, lifetime) = token_query(&pairs)?;
    let token = state
        .store()
        .issue_token(&program_id, &email, kind, lifetime, clock::now())?;
    Ok(ok(types::CustomerToken {
        access_token: token,
    }))
}

/// The customer an API-key-or-token operation acts for.
fn acting_customer(caller: Caller, body_email: Option<String>) -> Result<String, ApiError> {
    match (caller, body_email) {
        (Caller::Customer(email), _) => Ok(email),
        (Caller::ApiKey, Some(email)) => Ok(email),
        // The body is schema-valid without it (a token caller may leave it out), so this
        // is a refusal of a well-formed request rather than a schema violation.
        (Caller::ApiKey, None) => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "customerEmail is required when calling with the API key",
        )),
    }
}

/// The common start of the operations a customer token may call: program, target id
/// from the path, and the acting customer's email.
fn customer_action<T: serde::de::DeserializeOwned>(
    state: &SandboxState,
    params: Result<Path<(String, String)>, PathRejection>,
    headers: &HeaderMap,
    body: RawBody,
    body_email: impl FnOnce(T) -> Option<String>,
) -> Result<(String, String, String), ApiError> {
    let (program_id, target) = path(params)?;
    let caller = require_caller(state, headers, &program_id)?;
    let value = json_body(headers, body, &schemas::CUSTOMER_EMAIL_BODY)?;
    let email = acting_customer(caller, body_email(decode(value)?))?;
    Ok((program_id, target, email))
}

/// `POST /v1/programs/{programId}/rewards/{rewardId}/redeem`.
pub(crate) async fn redeem_reward(
    State(state): State<SandboxState>,
    params: Result<Path<(String, String)>, PathRejection>,
    headers: HeaderMap,
    body: RawBody,
) -> Handled {
    let (program_id, reward_id, email) = customer_action(
        &state,
        params,
        &headers,
        body,
        |request: types::RewardRedemptionRequest| request.customer_email,
    )?;
    let redemption = state
        .store()
        .program(&program_id)
        .redeem(&reward_id, &email, clock::now())?;
    Ok(created(types::RewardRedemption {
        redemption_id: redemption.id,
        reward_id: redemption.reward_id,
        customer_email: redemption.email,
        points_spent: redemption.points_spent,
        balance: redemption.balance,
        discount_code: redemption.discount_code.into(),
        redeemed_at: clock::rfc3339(redemption.at),
    }))
}

/// `POST /v1/programs/{programId}/push-notifications`.
pub(crate) async fn send_push_notification(
    State(state): State<SandboxState>,
    program_id: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: RawBody,
) -> Handled {
    require_api_key(&state, &headers)?;
    let program_id = path(program_id)?;
    let value = json_body(&headers, body, &schemas::PUSH_BODY)?;
    let request: types::PushNotificationRequest = decode(value)?;
    let sent = state.store().program(&program_id).notify(
        &request.email,
        request.message,
        request.title,
        request.url,
        clock::now(),
    )?;
    Ok(created(types::PushNotification {
        id: sent.id,
        email: sent.email,
        status: types::PushNotificationStatus::from("queued".to_owned()),
        created_at: clock::rfc3339(sent.at),
    }))
}

/// `POST /v1/programs/{programId}/coupons/{couponId}/assign`.
pub(crate) async fn assign_coupon(
    State(state): State<SandboxState>,
    params: Result<Path<(String, String)>, PathRejection>,
    headers: HeaderMap,
    body: RawBody,
) -> Handled {
    require_api_key(&state, &headers)?;
    let (program_id, coupon_id) = path(params)?;
    let value = json_body(&headers, body, &schemas::COUPON_BODY)?;
    let request: types::CouponAssignmentRequest = decode(value)?;
    let (grant, email) = state.store().program(&program_id).assign_coupon(
        &coupon_id,
        &request.email,
        clock::now(),
    )?;
    Ok(created(types::CouponAssignment {
        coupon_id: grant.coupon_id,
        email,
        code: grant.code,
        assigned_at: clock::rfc3339(grant.at),
    }))
}

async fn change_balance(
    state: SandboxState,
    program_id: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: RawBody,
    direction: Direction,
) -> Handled {
    require_api_key(&state, &headers)?;
    let program_id = path(program_id)?;
    let value = json_body(&headers, body, &schemas::BALANCE_BODY)?;
    let items: Vec<types::BalanceChange> = decode(value)?;
    let items = items
        .into_iter()
        .map(|item| (item.email, item.amount))
        .collect();
    let outcome =
        state
            .store()
            .program(&program_id)
            .change_balances(direction, items, clock::now());
    let refused = match direction {
        Direction::Increase => StatusCode::NOT_FOUND,
        Direction::Decrease => StatusCode::UNPROCESSABLE_ENTITY,
    };
    batch_response(&outcome, StatusCode::CREATED, refused)
}

/// `POST /v1/programs/{programId}/balance/increase`.
pub(crate) async fn increase_balance(
    State(state): State<SandboxState>,
    program_id: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: RawBody,
) -> Handled {
    change_balance(state, program_id, headers, body, Direction::Increase).await
}

/// `POST /v1/programs/{programId}/balance/decrease`.
pub(crate) async fn decrease_balance(
    State(state): State<SandboxState>,
    program_id: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: RawBody,
) -> Handled {
    change_balance(state, program_id, headers, body, Direction::Decrease).await
}

/// `POST /v1/programs/{programId}/custom-earning-flows/{earningFlowId}/execute`.
pub(crate) async fn execute_custom_earning_flow(
    State(state): State<SandboxState>,
    params: Result<Path<(String, String)>, PathRejection>,
    headers: HeaderMap,
    body: RawBody,
) -> Handled {
    let (program_id, flow_id, email) = customer_action(
        &state,
        params,
        &headers,
        body,
        |request: types::EarningFlowExecutionRequest| request.customer_email,
    )?;
    let run = state
        .store()
        .program(&program_id)
        .run_flow(&flow_id, &email, clock::now())?;
    Ok(ok(convert::flow_execution(&run)))
}

/// Any other path or method, answered like NestJS does.
pub(crate) async fn not_found(method: axum::http::Method, uri: axum::http::Uri) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        format!("Cannot {method} {}", uri.path()),
    )
}
