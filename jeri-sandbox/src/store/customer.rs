//! Customers and the batch operations on them: upsert, delete, balance changes.

use std::collections::{BTreeMap, HashMap};

use super::actions::CouponGrant;
use super::happening::{CUSTOMER_CREATED, Happening};
use super::{Program, Refusal, customer_not_found, email_key};
use crate::ids;

/// A customer of a program.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CustomerRecord {
    /// UUID.
    pub(crate) id: String,
    /// The email as last set.
    pub(crate) email: String,
    /// Unix time of creation.
    pub(crate) created_at: i64,
    /// Unix time of the last change.
    pub(crate) updated_at: i64,
    /// Profile (`feature: users`).
    pub(crate) user: Option<UserRecord>,
    /// Loyalty record (`feature: loyalty`).
    pub(crate) loyalty: Option<LoyaltyRecord>,
    /// Coupons assigned, by coupon UUID.
    pub(crate) coupons: BTreeMap<String, CouponGrant>,
    /// Redemptions per reward UUID.
    pub(crate) redemptions: HashMap<String, u32>,
    /// Unix times of earning flow runs, per flow UUID.
    pub(crate) flow_runs: HashMap<String, Vec<i64>>,
    /// Wallet passes issued to the customer (what `auth` tokens need).
    pub(crate) wallet_passes: u32,
    /// Whether a OneTimeLink was generated (what `download` tokens need).
    pub(crate) one_time_link: bool,
}

/// A customer's profile.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct UserRecord {
    /// UUID.
    pub(crate) id: String,
    /// Id in the caller's system.
    pub(crate) external_customer_id: Option<String>,
    /// Given name.
    pub(crate) first_name: Option<String>,
    /// Family name.
    pub(crate) last_name: Option<String>,
    /// Phone number.
    pub(crate) phone: Option<String>,
    /// Whether the email is verified.
    pub(crate) email_verified: bool,
    /// Unix time of creation.
    pub(crate) created_at: i64,
    /// Unix time of the last change.
    pub(crate) updated_at: i64,
}

/// A customer's loyalty record.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct LoyaltyRecord {
    /// UUID.
    pub(crate) id: String,
    /// Reference in the caller's loyalty system.
    pub(crate) loyalty_customer_id: Option<String>,
    /// Points.
    pub(crate) balance: i64,
    /// When the customer joined, as sent (RFC 3339).
    pub(crate) member_since: Option<jeri_runtime::chrono::DateTime<jeri_runtime::chrono::Utc>>,
    /// Tier name.
    pub(crate) tier_status: Option<String>,
}

/// A `users` payload: `None` leaves a field unchanged.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct UserUpdate {
    /// New external id.
    pub(crate) external_customer_id: Option<String>,
    /// New given name.
    pub(crate) first_name: Option<String>,
    /// New family name.
    pub(crate) last_name: Option<String>,
    /// `Some(None)` clears the phone.
    pub(crate) phone: Option<Option<String>>,
    /// New verification flag.
    pub(crate) email_verified: Option<bool>,
    /// A new email that identifies the customer from now on.
    pub(crate) new_email: Option<String>,
}

/// A `loyalty` payload.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct LoyaltyUpdate {
    /// Reference in the caller's loyalty system.
    pub(crate) loyalty_customer_id: String,
    /// The balance, stored as sent.
    pub(crate) balance: i64,
    /// When the customer joined (RFC 3339).
    pub(crate) member_since: jeri_runtime::chrono::DateTime<jeri_runtime::chrono::Utc>,
    /// Tier name; `None` leaves it unchanged.
    pub(crate) tier_status: Option<String>,
}

/// Which way a balance change goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    /// Add points.
    Increase,
    /// Remove points, never below zero.
    Decrease,
}

/// Why one batch item failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ItemFailure {
    /// Position in the request.
    pub(crate) index: usize,
    /// The item's email, as sent.
    pub(crate) email: String,
    /// For humans.
    pub(crate) message: String,
    /// `true` for a business-rule refusal, `false` for an unknown customer.
    pub(crate) refused: bool,
}

/// The outcome of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct BatchOutcome {
    /// Items applied.
    pub(crate) accepted: usize,
    /// Items that failed, in request order.
    pub(crate) failures: Vec<ItemFailure>,
}

/// What a batch outcome means for the response status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BatchStatus {
    /// At least one item was applied.
    Applied,
    /// Nothing applied and no business rule was involved: every customer was unknown.
    NothingFound,
    /// Nothing applied and at least one item was refused by a business rule.
    NothingAllowed,
}

impl BatchOutcome {
    fn fail(&mut self, index: usize, email: &str, refusal: Refusal) {
        let (message, refused) = match refusal {
            Refusal::NotFound(message) => (message, false),
            Refusal::Conflict(message) | Refusal::Unprocessable(message) => (message, true),
        };
        self.failures.push(ItemFailure {
            index,
            email: email.to_owned(),
            message,
            refused,
        });
    }

    fn record(&mut self, index: usize, email: &str, result: Result<(), Refusal>) {
        match result {
            Ok(()) => self.accepted += 1,
            Err(refusal) => self.fail(index, email, refusal),
        }
    }

    /// How the batch as a whole went.
    pub(crate) fn status(&self) -> BatchStatus {
        if self.accepted > 0 {
            BatchStatus::Applied
        } else if self.failures.iter().any(|failure| failure.refused) {
            BatchStatus::NothingAllowed
        } else {
            BatchStatus::NothingFound
        }
    }
}

/// One item of an upsert batch, already checked against the schema.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum UpsertItem {
    /// `feature: users`.
    Users(UserUpdate),
    /// `feature: loyalty`.
    Loyalty(LoyaltyUpdate),
    /// Schema-valid but unusable (payload shape does not fit the feature).
    Invalid(String),
}

/// What a deletion removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DeleteTarget {
    /// The whole customer.
    Users,
    /// Only the loyalty record.
    Loyalty,
}

impl CustomerRecord {
    fn new(email: &str, now: i64) -> Self {
        CustomerRecord {
            id: ids::uuid(),
            email: email.to_owned(),
            created_at: now,
            updated_at: now,
            user: None,
            loyalty: None,
            coupons: BTreeMap::new(),
            redemptions: HashMap::new(),
            flow_runs: HashMap::new(),
            wallet_passes: 0,
            // The download link is what a new customer is sent to get a pass, so it is
            // generated with the customer; the pass comes when the customer adds it.
            one_time_link: true,
        }
    }

    /// The points balance (0 without a loyalty record).
    pub(crate) fn balance(&self) -> i64 {
        self.loyalty.as_ref().map_or(0, |loyalty| loyalty.balance)
    }

    /// Adds points, creating the loyalty record when there is none.
    pub(crate) fn credit(&mut self, points: i64, now: i64) -> Result<i64, Refusal> {
        let current = self.balance();
        let balance = current
            .checked_add(points)
            .ok_or_else(|| Refusal::Unprocessable("Balance would overflow".to_owned()))?;
        let loyalty = self.loyalty.get_or_insert_with(|| LoyaltyRecord {
            id: ids::uuid(),
            member_since: Some(crate::clock::date_time(now)),
            ..LoyaltyRecord::default()
        });
        loyalty.balance = balance;
        self.updated_at = now;
        Ok(balance)
    }

    /// Removes points; refuses to go below zero.
    pub(crate) fn debit(&mut self, points: i64, now: i64) -> Result<i64, Refusal> {
        match &mut self.loyalty {
            Some(loyalty) if loyalty.balance >= points => {
                loyalty.balance -= points;
                self.updated_at = now;
                Ok(loyalty.balance)
            }
            _ if points == 0 => Ok(self.balance()),
            _ => Err(Refusal::Unprocessable("Insufficient balance".to_owned())),
        }
    }
}

impl Program {
    /// Applies a `users` or `loyalty` batch in order.
    pub(crate) fn upsert(&mut self, items: Vec<(String, UpsertItem)>, now: i64) -> BatchOutcome {
        let mut outcome = BatchOutcome::default();
        for (index, (email, item)) in items.into_iter().enumerate() {
            let result = match item {
                UpsertItem::Users(update) => self.upsert_user(&email, update, now),
                UpsertItem::Loyalty(update) => self.upsert_loyalty(&email, update, now),
                UpsertItem::Invalid(message) => Err(Refusal::Unprocessable(message)),
            };
            outcome.record(index, &email, result);
        }
        outcome
    }

    fn upsert_user(&mut self, email: &str, update: UserUpdate, now: i64) -> Result<(), Refusal> {
        let key = email_key(email);
        let new_key = update.new_email.as_deref().map(email_key);
        if let Some(new_key) = &new_key
            && *new_key != key
            && self.customers.contains_key(new_key)
        {
            return Err(Refusal::Conflict("Email already in use".to_owned()));
        }
        let existing = self.customers.remove(&key);
        let created = existing.is_none();
        let mut customer = existing.unwrap_or_else(|| CustomerRecord::new(email, now));
        let user = customer.user.get_or_insert_with(|| UserRecord {
            id: ids::uuid(),
            created_at: now,
            ..UserRecord::default()
        });
        if let Some(value) = update.external_customer_id {
            user.external_customer_id = Some(value);
        }
        if let Some(value) = update.first_name {
            user.first_name = Some(value);
        }
        if let Some(value) = update.last_name {
            user.last_name = Some(value);
        }
        if let Some(value) = update.phone {
            user.phone = value;
        }
        if let Some(value) = update.email_verified {
            user.email_verified = value;
        }
        user.updated_at = now;
        customer.updated_at = now;
        if let Some(new_email) = update.new_email {
            customer.email = new_email;
        }
        if created {
            let properties = serde_json::json!({});
            let happening = Happening::new(CUSTOMER_CREATED, &customer, properties, now);
            self.happenings.push(happening);
        }
        self.customers.insert(new_key.unwrap_or(key), customer);
        Ok(())
    }

    fn upsert_loyalty(
        &mut self,
        email: &str,
        update: LoyaltyUpdate,
        now: i64,
    ) -> Result<(), Refusal> {
        let customer = self.customer_mut(email)?;
        let previous = customer.balance();
        let loyalty = customer.loyalty.get_or_insert_with(|| LoyaltyRecord {
            id: ids::uuid(),
            ..LoyaltyRecord::default()
        });
        loyalty.loyalty_customer_id = Some(update.loyalty_customer_id);
        loyalty.balance = update.balance;
        loyalty.member_since = Some(update.member_since);
        if update.tier_status.is_some() {
            loyalty.tier_status = update.tier_status;
        }
        customer.updated_at = now;
        self.announce_balance(email, previous, now);
        Ok(())
    }

    /// Applies a deletion batch in order.
    pub(crate) fn delete(&mut self, items: Vec<(String, DeleteTarget)>, now: i64) -> BatchOutcome {
        let mut outcome = BatchOutcome::default();
        for (index, (email, target)) in items.into_iter().enumerate() {
            let result = match target {
                DeleteTarget::Users => self
                    .customers
                    .remove(&email_key(&email))
                    .map(drop)
                    .ok_or_else(customer_not_found),
                DeleteTarget::Loyalty => self.customer_mut(&email).and_then(|customer| {
                    customer.updated_at = now;
                    customer
                        .loyalty
                        .take()
                        .map(drop)
                        .ok_or_else(|| Refusal::NotFound("Loyalty data not found".to_owned()))
                }),
            };
            outcome.record(index, &email, result);
        }
        outcome
    }

    /// Applies balance changes independently of each other.
    pub(crate) fn change_balances(
        &mut self,
        direction: Direction,
        items: Vec<(String, i64)>,
        now: i64,
    ) -> BatchOutcome {
        let mut outcome = BatchOutcome::default();
        for (index, (email, amount)) in items.into_iter().enumerate() {
            let previous = self.customer(&email).map_or(0, CustomerRecord::balance);
            let result = self.customer_mut(&email).and_then(|customer| {
                match direction {
                    Direction::Increase => customer.credit(amount, now),
                    Direction::Decrease => customer.debit(amount, now),
                }
                .map(drop)
            });
            if result.is_ok() {
                self.announce_balance(&email, previous, now);
            }
            outcome.record(index, &email, result);
        }
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn jane() -> UpsertItem {
        UpsertItem::Users(UserUpdate {
            first_name: Some("Jane".to_owned()),
            phone: Some(Some("+34600111222".to_owned())),
            ..UserUpdate::default()
        })
    }

    fn loyalty(balance: i64) -> UpsertItem {
        UpsertItem::Loyalty(LoyaltyUpdate {
            loyalty_customer_id: "loy-1".to_owned(),
            balance,
            member_since: crate::clock::date_time(1_709_285_400), // 2024-03-01T09:30:00Z
            tier_status: Some("Gold".to_owned()),
        })
    }

    #[test]
    fn users_before_loyalty_in_one_batch_succeeds_and_the_reverse_fails() {
        let mut store = Store::new();
        let program = store.program("acme");
        let outcome = program.upsert(
            vec![
                ("bob@example.com".to_owned(), loyalty(5)),
                ("jane@example.com".to_owned(), jane()),
                ("Jane@Example.com".to_owned(), loyalty(1200)),
            ],
            10,
        );
        assert_eq!(outcome.accepted, 2);
        assert_eq!(outcome.failures.len(), 1);
        assert_eq!(outcome.failures[0].index, 0);
        assert_eq!(outcome.failures[0].message, "Customer not found");
        assert_eq!(outcome.status(), BatchStatus::Applied);
        let customer = program.customer("jane@example.com").cloned();
        assert_eq!(customer.as_ref().map(CustomerRecord::balance), Some(1200));
        let user = customer.and_then(|c| c.user);
        assert_eq!(user.and_then(|u| u.first_name).as_deref(), Some("Jane"));
    }

    #[test]
    fn absent_fields_stay_and_null_phone_clears() {
        let mut store = Store::new();
        let program = store.program("acme");
        program.upsert(vec![("jane@example.com".to_owned(), jane())], 1);
        let clear = UpsertItem::Users(UserUpdate {
            phone: Some(None),
            last_name: Some("Doe".to_owned()),
            ..UserUpdate::default()
        });
        program.upsert(vec![("jane@example.com".to_owned(), clear)], 2);
        let user = program
            .customer("jane@example.com")
            .and_then(|c| c.user.clone());
        let user = user.unwrap_or_default();
        assert_eq!(user.first_name.as_deref(), Some("Jane"));
        assert_eq!(user.last_name.as_deref(), Some("Doe"));
        assert_eq!(user.phone, None);
        assert_eq!(user.updated_at, 2);
    }

    #[test]
    fn a_new_email_moves_the_customer_unless_taken() {
        let mut store = Store::new();
        let program = store.program("acme");
        program.upsert(
            vec![
                ("a@example.com".to_owned(), jane()),
                ("b@example.com".to_owned(), jane()),
            ],
            1,
        );
        let rename = |to: &str| {
            UpsertItem::Users(UserUpdate {
                new_email: Some(to.to_owned()),
                ..UserUpdate::default()
            })
        };
        let taken = program.upsert(
            vec![("a@example.com".to_owned(), rename("b@example.com"))],
            2,
        );
        assert_eq!(taken.status(), BatchStatus::NothingAllowed);
        let moved = program.upsert(
            vec![("a@example.com".to_owned(), rename("c@example.com"))],
            3,
        );
        assert_eq!(moved.accepted, 1);
        assert!(program.customer("a@example.com").is_none());
        let moved = program.customer("c@example.com").map(|c| c.email.clone());
        assert_eq!(moved.as_deref(), Some("c@example.com"));
    }

    #[test]
    fn every_item_failing_is_nothing_found() {
        let mut store = Store::new();
        let program = store.program("acme");
        let outcome = program.upsert(vec![("ghost@example.com".to_owned(), loyalty(1))], 1);
        assert_eq!(outcome.status(), BatchStatus::NothingFound);
        let deleted = program.delete(
            vec![("ghost@example.com".to_owned(), DeleteTarget::Users)],
            1,
        );
        assert_eq!(deleted.status(), BatchStatus::NothingFound);
    }

    #[test]
    fn deleting_loyalty_keeps_the_customer() {
        let mut store = Store::new();
        let program = store.program("acme");
        let email = "jane@example.com".to_owned();
        program.upsert(
            vec![(email.clone(), jane()), (email.clone(), loyalty(9))],
            1,
        );
        let outcome = program.delete(vec![(email.clone(), DeleteTarget::Loyalty)], 2);
        assert_eq!(outcome.accepted, 1);
        assert_eq!(
            program.customer(&email).map(|c| c.loyalty.is_none()),
            Some(true)
        );
        let again = program.delete(vec![(email.clone(), DeleteTarget::Loyalty)], 3);
        assert_eq!(again.failures[0].message, "Loyalty data not found");
        program.delete(vec![(email.clone(), DeleteTarget::Users)], 4);
        assert!(program.customer(&email).is_none());
    }

    #[test]
    fn balances_never_go_below_zero() {
        let mut store = Store::new();
        let program = store.program("acme");
        let email = "jane@example.com".to_owned();
        program.upsert(vec![(email.clone(), jane())], 1);
        let up = program.change_balances(Direction::Increase, vec![(email.clone(), 150)], 2);
        assert_eq!(up.accepted, 1);
        let down = program.change_balances(
            Direction::Decrease,
            vec![(email.clone(), 100), (email.clone(), 100)],
            3,
        );
        assert_eq!(down.accepted, 1);
        assert_eq!(down.failures[0].message, "Insufficient balance");
        assert_eq!(
            program.customer(&email).map(CustomerRecord::balance),
            Some(50)
        );
        let refused = program.change_balances(Direction::Decrease, vec![(email.clone(), 51)], 4);
        assert_eq!(refused.status(), BatchStatus::NothingAllowed);
        let unknown = program.change_balances(
            Direction::Decrease,
            vec![("x@example.com".to_owned(), 1)],
            4,
        );
        assert_eq!(unknown.status(), BatchStatus::NothingFound);
        let overflow =
            program.change_balances(Direction::Increase, vec![(email.clone(), i64::MAX)], 5);
        assert_eq!(overflow.status(), BatchStatus::NothingAllowed);
        assert_eq!(
            program.customer(&email).map(CustomerRecord::balance),
            Some(50)
        );
    }
}
