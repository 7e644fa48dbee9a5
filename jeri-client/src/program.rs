//! A client bound to one program: an API key belongs to one program, so its calls need
//! not repeat the program id, and its links know the program's slug.

use crate::batch::BatchReport;
use crate::links::{AuthToken, Link, RedirectTo, Slug, TokenKind};
use crate::requests;
use crate::types::{
    BalanceChange, CouponAssignmentRequest, EarningFlowExecutionRequest, IntegrationItem,
    PushNotificationRequest, ResourceDeletion, RewardRedemptionRequest,
};
use crate::{Client, CustomerClient, Error};

/// A [`Client`] bound to one program, from [`Client::program`] or
/// [`Client::program_from_env`]: the methods of the program's operations without the
/// `program_id` argument, and links under the program's slug.
///
/// Each method returns the same request value as the [`Client`] method of the same name:
/// set optional arguments on it, then `.await` it.
///
/// ```no_run
/// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
/// use jeri_client::Client;
/// use jeri_client::types::BalanceChange;
///
/// let acme = Client::from_env()?.program("acme-rewards");
/// let customer = acme.get_customer("ana@example.com").await?;
/// acme.increase_balance(vec![BalanceChange::new(&customer.email, 50, "order 1001")])
///     .await?
///     .all_applied()?;
/// let link = acme.download_link("ana@example.com").await?;
/// # let _ = link;
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct ProgramClient {
    client: Client,
    program_id: String,
    slug: Option<Slug>,
}

impl Client {
    /// This client bound to the program `program_id` (its UUID or slug). The link slug is
    /// `program_id` itself when it is a slug (a valid one that is not a UUID, since a
    /// program's UUID is not its link slug); set another with
    /// [`ProgramClient::with_slug`].
    pub fn program(&self, program_id: impl Into<String>) -> ProgramClient {
        let program_id = program_id.into();
        let is_uuid = crate::runtime::uuid::Uuid::try_parse(&program_id).is_ok();
        ProgramClient {
            client: self.clone(),
            slug: (!is_uuid)
                .then(|| Slug::new(program_id.as_str()).ok())
                .flatten(),
            program_id,
        }
    }

    /// This client bound to the program in `JERI_PROGRAM` (required), with the link slug
    /// in `JERI_SLUG` (optional; `JERI_PROGRAM` when unset or empty).
    ///
    /// # Errors
    /// [`Error::Config`] when `JERI_PROGRAM` is unset or empty, or `JERI_SLUG` is not a
    /// valid slug.
    pub fn program_from_env(&self) -> Result<ProgramClient, Error> {
        let var = |name: &str| {
            std::env::var(name)
                .ok()
                .map(|value| value.trim().to_owned())
                .filter(|value| !value.is_empty())
        };
        program_from_vars(self, var(crate::PROGRAM_VAR), var(crate::SLUG_VAR))
    }
}

fn program_from_vars(
    client: &Client,
    program: Option<String>,
    slug: Option<String>,
) -> Result<ProgramClient, Error> {
    let program = program.ok_or_else(|| {
        Error::Config(format!(
            "{} is not set; set it to the program's id or slug",
            crate::PROGRAM_VAR
        ))
    })?;
    let bound = client.program(program);
    match slug {
        None => Ok(bound),
        Some(slug) => Slug::new(slug)
            .map(|slug| bound.with_slug(slug))
            .map_err(|error| Error::Config(format!("{}: {error}", crate::SLUG_VAR))),
    }
}

impl ProgramClient {
    /// Uses `slug` in the links this handle builds.
    pub fn with_slug(mut self, slug: Slug) -> ProgramClient {
        self.slug = Some(slug);
        self
    }

    /// The program id every call sends.
    pub fn program_id(&self) -> &str {
        &self.program_id
    }

    /// The slug links are built with, when there is one.
    pub fn slug(&self) -> Option<&Slug> {
        self.slug.as_ref()
    }

    /// The unbound client.
    pub fn client(&self) -> &Client {
        &self.client
    }

    fn id(&self) -> String {
        self.program_id.clone()
    }

    fn link_slug(&self) -> Result<&Slug, Error> {
        self.slug.as_ref().ok_or_else(|| {
            Error::Config(format!(
                "the program id {:?} is not a link slug; set one with ProgramClient::with_slug or {}",
                self.program_id,
                crate::SLUG_VAR
            ))
        })
    }

    /// [`Client::upsert_resources`] for this program.
    pub fn upsert_resources(
        &self,
        items: Vec<IntegrationItem>,
    ) -> requests::UpsertResourcesRequest {
        self.client.upsert_resources(self.id(), items)
    }

    /// [`Client::delete_resources`] for this program.
    pub fn delete_resources(
        &self,
        items: Vec<ResourceDeletion>,
    ) -> requests::DeleteResourcesRequest {
        self.client.delete_resources(self.id(), items)
    }

    /// [`Client::get_customer_token`] for this program; the kind is a [`TokenKind`], so
    /// only a kind the API knows can be asked for.
    pub fn get_customer_token(
        &self,
        email: impl Into<String>,
        kind: TokenKind,
    ) -> requests::GetCustomerTokenRequest {
        self.client
            .get_customer_token(self.id(), email, kind.into())
    }

    /// [`Client::get_customer`] for this program.
    pub fn get_customer(&self, email: impl Into<String>) -> requests::GetCustomerRequest {
        self.client.get_customer(self.id(), email)
    }

    /// [`Client::redeem_reward`] for this program.
    pub fn redeem_reward(
        &self,
        reward_id: impl Into<String>,
        body: RewardRedemptionRequest,
    ) -> requests::RedeemRewardRequest {
        self.client.redeem_reward(self.id(), reward_id, body)
    }

    /// [`Client::send_push_notification`] for this program.
    pub fn send_push_notification(
        &self,
        body: PushNotificationRequest,
    ) -> requests::SendPushNotificationRequest {
        self.client.send_push_notification(self.id(), body)
    }

    /// [`Client::assign_coupon`] for this program.
    pub fn assign_coupon(
        &self,
        coupon_id: impl Into<String>,
        body: CouponAssignmentRequest,
    ) -> requests::AssignCouponRequest {
        self.client.assign_coupon(self.id(), coupon_id, body)
    }

    /// [`Client::increase_balance`] for this program. A `201` may still hold refused
    /// items: see [`batch`](crate::batch#partial-failure-is-an-ok).
    pub fn increase_balance(
        &self,
        changes: Vec<BalanceChange>,
    ) -> requests::IncreaseBalanceRequest {
        self.client.increase_balance(self.id(), changes)
    }

    /// [`Client::decrease_balance`] for this program. A `201` may still hold refused
    /// items: see [`batch`](crate::batch#partial-failure-is-an-ok).
    pub fn decrease_balance(
        &self,
        changes: Vec<BalanceChange>,
    ) -> requests::DecreaseBalanceRequest {
        self.client.decrease_balance(self.id(), changes)
    }

    /// [`Client::execute_custom_earning_flow`] for this program.
    pub fn execute_custom_earning_flow(
        &self,
        earning_flow_id: impl Into<String>,
        body: EarningFlowExecutionRequest,
    ) -> requests::ExecuteCustomEarningFlowRequest {
        self.client
            .execute_custom_earning_flow(self.id(), earning_flow_id, body)
    }

    /// [`Client::upsert_resources_batched`] for this program.
    pub async fn upsert_resources_batched(
        &self,
        items: impl IntoIterator<Item = IntegrationItem>,
    ) -> BatchReport {
        self.client.upsert_resources_batched(self.id(), items).await
    }

    /// [`Client::delete_resources_batched`] for this program.
    pub async fn delete_resources_batched(
        &self,
        items: impl IntoIterator<Item = ResourceDeletion>,
    ) -> BatchReport {
        self.client.delete_resources_batched(self.id(), items).await
    }

    /// [`Client::increase_balance_batched`] for this program.
    pub async fn increase_balance_batched(
        &self,
        changes: impl IntoIterator<Item = BalanceChange>,
    ) -> BatchReport {
        self.client
            .increase_balance_batched(self.id(), changes)
            .await
    }

    /// [`Client::decrease_balance_batched`] for this program.
    pub async fn decrease_balance_batched(
        &self,
        changes: impl IntoIterator<Item = BalanceChange>,
    ) -> BatchReport {
        self.client
            .decrease_balance_batched(self.id(), changes)
            .await
    }

    /// [`Client::customer_auth_token`] for this program.
    ///
    /// # Errors
    /// As [`Client::customer_auth_token`]; an API error `422` when the customer has no
    /// wallet pass yet.
    pub async fn customer_auth_token(&self, email: impl Into<String>) -> Result<AuthToken, Error> {
        self.client.customer_auth_token(self.id(), email).await
    }

    /// [`Client::download_link`] under this program's slug.
    ///
    /// # Errors
    /// As [`Client::download_link`]; [`Error::Config`] when the handle has no slug.
    pub async fn download_link(&self, email: impl Into<String>) -> Result<Link, Error> {
        let slug = self.link_slug()?;
        self.client.download_link(self.id(), slug, email).await
    }

    /// [`Client::session_link`] under this program's slug.
    ///
    /// # Errors
    /// As [`Client::session_link`]; [`Error::Config`] when the handle has no slug.
    pub async fn session_link(
        &self,
        email: impl Into<String>,
        redirect: &RedirectTo,
    ) -> Result<Link, Error> {
        let slug = self.link_slug()?;
        self.client
            .session_link(self.id(), slug, email, redirect)
            .await
    }
}

/// A [`CustomerClient`] bound to one program, from [`ProgramClient::as_customer`]: the
/// operations a customer may call, without the `program_id` argument.
#[derive(Clone, Debug)]
pub struct ProgramCustomerClient {
    customer: CustomerClient,
    program_id: String,
}

impl ProgramClient {
    /// Acts as the customer whose `auth` token this is, in this program (see
    /// [`Client::as_customer`]).
    pub fn as_customer(&self, token: AuthToken) -> ProgramCustomerClient {
        ProgramCustomerClient {
            customer: self.client.as_customer(token),
            program_id: self.program_id.clone(),
        }
    }
}

impl ProgramCustomerClient {
    /// The program id every call sends.
    pub fn program_id(&self) -> &str {
        &self.program_id
    }

    /// The unbound customer client.
    pub fn customer_client(&self) -> &CustomerClient {
        &self.customer
    }

    /// [`CustomerClient::redeem_reward`] for this program.
    pub fn redeem_reward(
        &self,
        reward_id: impl Into<String>,
        body: RewardRedemptionRequest,
    ) -> requests::RedeemRewardRequest {
        self.customer
            .redeem_reward(self.program_id.clone(), reward_id, body)
    }

    /// [`CustomerClient::execute_custom_earning_flow`] for this program.
    pub fn execute_custom_earning_flow(
        &self,
        earning_flow_id: impl Into<String>,
        body: EarningFlowExecutionRequest,
    ) -> requests::ExecuteCustomEarningFlowRequest {
        self.customer
            .execute_custom_earning_flow(self.program_id.clone(), earning_flow_id, body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client() -> Client {
        Client::new("sk_test").expect("client")
    }

    #[test]
    fn the_slug_is_the_program_id_unless_set() {
        let bound = client().program("acme-rewards");
        assert_eq!(bound.program_id(), "acme-rewards");
        assert_eq!(bound.slug().map(Slug::as_str), Some("acme-rewards"));
        let other = bound.with_slug(Slug::new("acme").expect("slug"));
        assert_eq!(other.slug().map(Slug::as_str), Some("acme"));
        assert_eq!(client().program("a/b").slug(), None);
        let by_uuid = client().program("5f67e936-fcab-4791-b8c7-178dfd171e06");
        assert_eq!(by_uuid.slug(), None, "a UUID is not a link slug");
    }

    #[test]
    fn program_and_slug_come_from_the_variables() {
        let from = |program: Option<&str>, slug: Option<&str>| {
            program_from_vars(
                &client(),
                program.map(str::to_owned),
                slug.map(str::to_owned),
            )
        };
        let bound = from(Some("0b7c-uuid"), Some("acme")).expect("bound");
        assert_eq!(
            (bound.program_id(), bound.slug().map(Slug::as_str)),
            ("0b7c-uuid", Some("acme"))
        );
        assert!(
            matches!(from(None, None), Err(Error::Config(m)) if m.contains("JERI_PROGRAM is not set"))
        );
        assert!(
            matches!(from(Some("p"), Some("a/b")), Err(Error::Config(m)) if m.starts_with("JERI_SLUG"))
        );
    }
}
