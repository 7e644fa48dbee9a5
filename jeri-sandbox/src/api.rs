//! The sandbox as an implementation of the server generated from the spec: each method
//! gets a request already checked against the spec and applies the business rule under
//! the store lock (never held across an `.await`).

use axum::http::StatusCode;
use jeri_server::{Answer, Credentials, Reply, WithStatus};

use crate::error::{ApiError, documented};
use crate::state::SandboxState;
use crate::store::{
    BatchOutcome, BatchStatus, DeleteTarget, Direction, LoyaltyUpdate, TokenKind, UpsertItem,
    UserUpdate,
};
use crate::wire::server::{self, Server};
use crate::wire::types;
use crate::{clock, convert};

/// The sandbox's implementation of the generated [`Server`] trait.
#[derive(Debug, Clone)]
pub(crate) struct Api {
    state: SandboxState,
}

impl Api {
    pub(crate) fn new(state: SandboxState) -> Self {
        Api { state }
    }
}

/// Who is calling an operation that accepts the API key or a customer token.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Caller {
    /// The program's API key: the body names the customer.
    ApiKey,
    /// A customer `auth` token: the customer is the token's (their email).
    Customer(String),
}

const API_KEY: &str = "apiKey";
const CUSTOMER_TOKEN: &str = "customerToken";

impl Api {
    /// A valid `auth` token of this program wins, so its customer acts; any other token
    /// is ignored and the API key decides.
    fn caller(&self, credentials: &Credentials, program_id: &str) -> Result<Caller, Answer> {
        if let Some(token) = credentials.get(CUSTOMER_TOKEN)
            && let Some(email) = self.state.bearer_customer(program_id, token)
        {
            return Ok(Caller::Customer(email));
        }
        if credentials.get(API_KEY) == Some(self.state.api_key()) {
            Ok(Caller::ApiKey)
        } else {
            Err(Answer::Unauthorized)
        }
    }
}

/// A batch response: `success` with the `BatchResult` when anything was applied, else the
/// error status the spec gives for the batch (`refused` when a business rule said no).
fn batch_reply<R>(outcome: &BatchOutcome, success: StatusCode, refused: StatusCode) -> Reply<R>
where
    R: WithStatus<types::BatchResult> + WithStatus<types::ErrorBody>,
{
    let status = match outcome.status() {
        BatchStatus::Applied => {
            return documented(success, convert::batch_result(outcome));
        }
        BatchStatus::NothingFound => StatusCode::NOT_FOUND,
        BatchStatus::NothingAllowed => refused,
    };
    ApiError::with_messages(status, convert::batch_messages(outcome)).reply()
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

impl Api {
    fn change_balance<R>(
        &self,
        program_id: &str,
        body: Vec<types::BalanceChange>,
        direction: Direction,
    ) -> Reply<R>
    where
        R: WithStatus<types::BatchResult> + WithStatus<types::ErrorBody>,
    {
        let items = body
            .into_iter()
            .map(|item| (item.email, item.amount))
            .collect();
        let outcome =
            self.state
                .store()
                .program(program_id)
                .change_balances(direction, items, clock::now());
        let refused = match direction {
            Direction::Increase => StatusCode::NOT_FOUND,
            Direction::Decrease => StatusCode::UNPROCESSABLE_ENTITY,
        };
        batch_reply(&outcome, StatusCode::CREATED, refused)
    }
}

impl Server for Api {
    /// The API key must be the sandbox's; the operations that accept a customer token
    /// check it against the program in their path.
    fn authorize(&self, _operation: &'static str, credentials: &Credentials) -> bool {
        credentials.get(API_KEY) == Some(self.state.api_key())
            || credentials.get(CUSTOMER_TOKEN).is_some()
    }

    async fn get_api_status(
        &self,
        _request: server::GetApiStatusRequest,
    ) -> Reply<server::GetApiStatusResponse> {
        Ok(server::GetApiStatusResponse::Status200(types::ApiStatus {
            status: "ok".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            timestamp: Some(clock::date_time(clock::now())),
        }))
    }

    async fn upsert_resources(
        &self,
        request: server::UpsertResourcesRequest,
    ) -> Reply<server::UpsertResourcesResponse> {
        let items = request.body.into_iter().map(upsert_item).collect();
        let outcome = self
            .state
            .store()
            .program(&request.program_id)
            .upsert(items, clock::now());
        batch_reply(&outcome, StatusCode::CREATED, StatusCode::NOT_FOUND)
    }

    async fn delete_resources(
        &self,
        request: server::DeleteResourcesRequest,
    ) -> Reply<server::DeleteResourcesResponse> {
        let items = request
            .body
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
        let outcome = self
            .state
            .store()
            .program(&request.program_id)
            .delete(items, clock::now());
        batch_reply(&outcome, StatusCode::OK, StatusCode::NOT_FOUND)
    }

    async fn get_customer_token(
        &self,
        request: server::GetCustomerTokenRequest,
    ) -> Reply<server::GetCustomerTokenResponse> {
        let kind = match request.token_type.as_str() {
            "auth" => TokenKind::Auth,
            _ => TokenKind::Download,
        };
        let issued = self.state.store().issue_token(
            &request.program_id,
            &request.email,
            kind,
            request.expires_in,
            clock::now(),
        );
        match issued {
            Ok(token) => Ok(server::GetCustomerTokenResponse::Status200(
                types::CustomerToken {
                    access_token: token,
                },
            )),
            Err(refusal) => ApiError::from(refusal).reply(),
        }
    }

    async fn get_customer(
        &self,
        request: server::GetCustomerRequest,
    ) -> Reply<server::GetCustomerResponse> {
        let mut store = self.state.store();
        let program = store.program(&request.program_id);
        match program.customer(&request.email) {
            Some(customer) => Ok(server::GetCustomerResponse::Status200(convert::customer(
                program, customer,
            ))),
            None => ApiError::new(StatusCode::NOT_FOUND, "Customer not found").reply(),
        }
    }

    async fn redeem_reward(
        &self,
        request: server::RedeemRewardRequest,
    ) -> Reply<server::RedeemRewardResponse> {
        let caller = self.caller(&request.credentials, &request.program_id)?;
        let email = match acting_customer(caller, request.body.customer_email) {
            Ok(email) => email,
            Err(error) => return error.reply(),
        };
        let redeemed = self.state.store().program(&request.program_id).redeem(
            &request.reward_id,
            &email,
            clock::now(),
        );
        match redeemed {
            Ok(redemption) => Ok(server::RedeemRewardResponse::Status201(
                types::RewardRedemption {
                    redemption_id: convert::wire(&redemption.id),
                    reward_id: convert::wire(&redemption.reward_id),
                    customer_email: redemption.email,
                    points_spent: redemption.points_spent,
                    balance: redemption.balance,
                    discount_code: redemption.discount_code.into(),
                    redeemed_at: clock::date_time(redemption.at),
                },
            )),
            Err(refusal) => ApiError::from(refusal).reply(),
        }
    }

    async fn send_push_notification(
        &self,
        request: server::SendPushNotificationRequest,
    ) -> Reply<server::SendPushNotificationResponse> {
        let body = request.body;
        let sent = self.state.store().program(&request.program_id).notify(
            &body.email,
            body.message,
            body.title,
            body.url,
            clock::now(),
        );
        match sent {
            Ok(sent) => Ok(server::SendPushNotificationResponse::Status201(
                types::PushNotification {
                    id: convert::wire(&sent.id),
                    email: sent.email,
                    status: types::PushNotificationStatus::from("queued".to_owned()),
                    created_at: clock::date_time(sent.at),
                },
            )),
            Err(refusal) => ApiError::from(refusal).reply(),
        }
    }

    async fn assign_coupon(
        &self,
        request: server::AssignCouponRequest,
    ) -> Reply<server::AssignCouponResponse> {
        let assigned = self
            .state
            .store()
            .program(&request.program_id)
            .assign_coupon(&request.coupon_id, &request.body.email, clock::now());
        match assigned {
            Ok((grant, email)) => Ok(server::AssignCouponResponse::Status201(
                types::CouponAssignment {
                    coupon_id: convert::wire(&grant.coupon_id),
                    email,
                    code: grant.code,
                    assigned_at: clock::date_time(grant.at),
                },
            )),
            Err(refusal) => ApiError::from(refusal).reply(),
        }
    }

    async fn increase_balance(
        &self,
        request: server::IncreaseBalanceRequest,
    ) -> Reply<server::IncreaseBalanceResponse> {
        self.change_balance(&request.program_id, request.body, Direction::Increase)
    }

    async fn decrease_balance(
        &self,
        request: server::DecreaseBalanceRequest,
    ) -> Reply<server::DecreaseBalanceResponse> {
        self.change_balance(&request.program_id, request.body, Direction::Decrease)
    }

    async fn execute_custom_earning_flow(
        &self,
        request: server::ExecuteCustomEarningFlowRequest,
    ) -> Reply<server::ExecuteCustomEarningFlowResponse> {
        let caller = self.caller(&request.credentials, &request.program_id)?;
        let email = match acting_customer(caller, request.body.customer_email) {
            Ok(email) => email,
            Err(error) => return error.reply(),
        };
        let run = self.state.store().program(&request.program_id).run_flow(
            &request.earning_flow_id,
            &email,
            clock::now(),
        );
        match run {
            Ok(run) => Ok(server::ExecuteCustomEarningFlowResponse::Status200(
                convert::flow_execution(&run),
            )),
            Err(refusal) => ApiError::from(refusal).reply(),
        }
    }
}
