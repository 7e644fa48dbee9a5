//! Integration items whose feature and payload cannot disagree.
//!
//! An [`IntegrationItem`] carries a `feature` and a payload side by side; built with
//! [`IntegrationItem::new`] or a struct literal they can name different features, which
//! compiles and is refused by the API. [`IntegrationItem::users`] and
//! [`IntegrationItem::loyalty`] take the payload and set the feature from it.

use crate::types::{
    IntegrationFeature, IntegrationItem, IntegrationItemPayload, LoyaltyPayload, UsersPayload,
};

impl IntegrationItem {
    /// A `users` item: creates the customer `email` or updates their profile. Properties
    /// left out of `payload` are left unchanged.
    ///
    /// ```
    /// use jeri_client::types::{IntegrationFeature, IntegrationItem, UsersPayload};
    ///
    /// let item = IntegrationItem::users("ana@example.com", UsersPayload::new().first_name("Ana".to_owned()));
    /// assert_eq!(item.feature, IntegrationFeature::Users);
    /// ```
    pub fn users(email: impl Into<String>, payload: UsersPayload) -> IntegrationItem {
        IntegrationItem::new(
            email,
            IntegrationFeature::Users,
            IntegrationItemPayload::UsersPayload(payload),
        )
    }

    /// A `loyalty` item: sets the loyalty record of the existing customer `email` (send
    /// the `users` item first, in the same or an earlier request).
    ///
    /// The record is stored as sent: its `balance` **replaces** the customer's balance.
    /// Sending a `loyalty` item again for a customer who already earned or spent points
    /// (a repeated sign-up, a retried import) resets their balance. Send it only for a
    /// customer without a loyalty record, and move points of existing customers with
    /// `increase_balance`/`decrease_balance`:
    ///
    /// ```no_run
    /// # use jeri_client::runtime::chrono::{DateTime, Utc};
    /// # async fn sign_up(client: jeri_client::Client, joined: DateTime<Utc>) -> Result<(), Box<dyn std::error::Error>> {
    /// use jeri_client::types::{IntegrationItem, LoyaltyPayload, UsersPayload};
    ///
    /// let (program, email) = ("my-program", "ana@example.com");
    /// let has_loyalty = match client.get_customer(program, email).await {
    ///     Ok(customer) => customer.loyalty_data.is_some(),
    ///     Err(error) if error.is_not_found() => false,
    ///     Err(error) => return Err(error.into()),
    /// };
    /// let mut items = vec![IntegrationItem::users(email, UsersPayload::new())];
    /// if !has_loyalty {
    ///     let record = LoyaltyPayload::new("crm-42".to_owned(), 0, joined);
    ///     items.push(IntegrationItem::loyalty(email, record));
    /// }
    /// client.upsert_resources(program, items).await?.all_applied()?;
    /// # Ok(()) }
    /// ```
    pub fn loyalty(email: impl Into<String>, payload: LoyaltyPayload) -> IntegrationItem {
        IntegrationItem::new(
            email,
            IntegrationFeature::Loyalty,
            IntegrationItemPayload::LoyaltyPayload(payload),
        )
    }

    /// Whether `feature` names the payload's kind, as the API requires. Always true for
    /// items made with [`users`](Self::users) or [`loyalty`](Self::loyalty).
    pub fn feature_matches_payload(&self) -> bool {
        matches!(
            (&self.feature, &self.payload),
            (
                IntegrationFeature::Users,
                IntegrationItemPayload::UsersPayload(_)
            ) | (
                IntegrationFeature::Loyalty,
                IntegrationItemPayload::LoyaltyPayload(_)
            )
        )
    }
}
