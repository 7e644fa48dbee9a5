//! The shared state behind the router, and what tests may seed and inspect.

use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use crate::clock;
use crate::faults::Faults;
use crate::store::{Direction, LoyaltyUpdate, Store, UpsertItem, UserUpdate};
use crate::webhooks::StoreGuard;
use crate::webhooks::delivery::Deliveries;

/// The sandbox's data and API key, shared by every request; cheap to clone.
///
/// Build one with [`SandboxState::new`], seed it, and hand it to [`crate::router`] to embed
/// the sandbox in your own axum server, or let [`crate::Sandbox`] do all of that.
#[derive(Debug, Clone)]
pub struct SandboxState {
    store: Arc<Mutex<Store>>,
    api_key: Arc<str>,
    faults: Faults,
    /// Where events go, once a webhook URL is given.
    deliveries: Arc<OnceLock<Deliveries>>,
}

/// A customer to create before the first request, like a `users` item followed by a
/// `loyalty` item sent through `upsertResources`.
#[derive(Debug, Clone, PartialEq)]
pub struct SeedCustomer {
    program_id: String,
    email: String,
    first_name: Option<String>,
    last_name: Option<String>,
    balance: Option<i64>,
    tier_status: Option<String>,
    wallet_pass: bool,
    one_time_link: bool,
}

impl SeedCustomer {
    /// A customer of `program_id` (any slug or id; the program is created if needed)
    /// identified by `email`, with a profile and no loyalty record.
    pub fn new(program_id: impl Into<String>, email: impl Into<String>) -> Self {
        SeedCustomer {
            program_id: program_id.into(),
            email: email.into(),
            first_name: None,
            last_name: None,
            balance: None,
            tier_status: None,
            wallet_pass: false,
            one_time_link: true,
        }
    }

    /// Gives the customer a wallet pass, so `getCustomerToken` issues `auth` tokens for
    /// them (without one it answers `422`, as for a customer who never added the pass).
    pub fn wallet_pass(mut self) -> Self {
        self.wallet_pass = true;
        self
    }

    /// Leaves the customer without a OneTimeLink, so `getCustomerToken` answers `422` to
    /// `download` (every other customer has one from the start).
    pub fn without_one_time_link(mut self) -> Self {
        self.one_time_link = false;
        self
    }

    /// Sets the given name.
    pub fn first_name(mut self, value: impl Into<String>) -> Self {
        self.first_name = Some(value.into());
        self
    }

    /// Sets the family name.
    pub fn last_name(mut self, value: impl Into<String>) -> Self {
        self.last_name = Some(value.into());
        self
    }

    /// Gives the customer a loyalty record with this points balance (negative values
    /// count as zero).
    pub fn balance(mut self, points: i64) -> Self {
        self.balance = Some(points.max(0));
        self
    }

    /// Gives the customer a loyalty record with this tier name.
    pub fn tier_status(mut self, value: impl Into<String>) -> Self {
        self.tier_status = Some(value.into());
        self
    }
}

/// A push notification the sandbox accepted (it never delivers any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedNotification {
    /// The recipient's email.
    pub email: String,
    /// The text.
    pub message: String,
    /// The title, if one was sent.
    pub title: Option<String>,
    /// The link, if one was sent.
    pub url: Option<String>,
}

impl SandboxState {
    /// Empty state (every program still gets the seeded catalogue on first use) that
    /// accepts `api_key` in the `api-key` header.
    pub fn new(api_key: impl Into<String>) -> Self {
        SandboxState {
            store: Arc::new(Mutex::new(Store::new())),
            api_key: Arc::from(api_key.into()),
            faults: Faults::default(),
            deliveries: Arc::default(),
        }
    }

    /// The injected faults, to arm or clear while the sandbox runs.
    pub fn faults(&self) -> &Faults {
        &self.faults
    }

    /// The API key requests must carry.
    pub fn api_key(&self) -> &str {
        &self.api_key
    }

    /// Locks the store. A panic while locked cannot leave the store half-updated in a way
    /// later requests could not work with, so a poisoned lock is used as is.
    /// Events the change makes are queued for delivery when the guard is dropped.
    pub(crate) fn store(&self) -> StoreGuard<'_> {
        let store = self.store.lock().unwrap_or_else(PoisonError::into_inner);
        StoreGuard::new(store, self.deliveries())
    }

    /// The delivery queue, once a webhook URL is given.
    pub(crate) fn deliveries(&self) -> Option<&Deliveries> {
        self.deliveries.get()
    }

    /// Sends events to `deliveries` from now on; `false` if events already go elsewhere.
    pub(crate) fn deliver_to(&self, deliveries: Deliveries) -> bool {
        self.deliveries.set(deliveries).is_ok()
    }

    /// Creates or updates a customer as described.
    pub fn add_customer(&self, seed: SeedCustomer) {
        let now = clock::now();
        let mut store = self.store();
        let program = store.program(&seed.program_id);
        let user = UpsertItem::Users(UserUpdate {
            first_name: seed.first_name,
            last_name: seed.last_name,
            ..UserUpdate::default()
        });
        let mut items = vec![(seed.email.clone(), user)];
        if seed.balance.is_some() || seed.tier_status.is_some() {
            let loyalty = UpsertItem::Loyalty(LoyaltyUpdate {
                loyalty_customer_id: format!("seed-{}", seed.email),
                balance: seed.balance.unwrap_or(0),
                member_since: clock::date_time(now),
                tier_status: seed.tier_status,
            });
            items.push((seed.email.clone(), loyalty));
        }
        program.upsert(items, now);
        if seed.wallet_pass {
            let _ = program.give_wallet_pass(&seed.email, now);
        }
        let _ = program.set_one_time_link(&seed.email, seed.one_time_link);
    }

    /// Gives an existing customer one more wallet pass, as adding the pass to Apple or
    /// Google Wallet would: from then on `getCustomerToken` issues `auth` tokens for them.
    /// `false` when the customer does not exist.
    pub fn give_wallet_pass(&self, program_id: &str, email: &str) -> bool {
        let mut store = self.store();
        store
            .program(program_id)
            .give_wallet_pass(email, clock::now())
            .is_ok()
    }

    /// Generates (`true`) or withdraws (`false`) an existing customer's OneTimeLink, which
    /// `download` tokens need. `false` when the customer does not exist.
    pub fn set_one_time_link(&self, program_id: &str, email: &str, present: bool) -> bool {
        let mut store = self.store();
        store
            .program(program_id)
            .set_one_time_link(email, present)
            .is_ok()
    }

    /// Adds points to an existing customer, as `increaseBalance` would; `false` when the
    /// customer does not exist or the balance would overflow.
    pub fn credit(&self, program_id: &str, email: &str, points: i64) -> bool {
        let mut store = self.store();
        let outcome = store.program(program_id).change_balances(
            Direction::Increase,
            vec![(email.to_owned(), points)],
            clock::now(),
        );
        outcome.accepted == 1
    }

    /// The customer's points balance; `None` for an unknown customer, `Some(0)` for one
    /// without a loyalty record.
    pub fn balance(&self, program_id: &str, email: &str) -> Option<i64> {
        let store = self.store();
        let customer = store.existing_program(program_id)?.customer(email)?;
        Some(customer.balance())
    }

    /// The push notifications accepted for a program, oldest first.
    pub fn push_notifications(&self, program_id: &str) -> Vec<RecordedNotification> {
        let store = self.store();
        store
            .existing_program(program_id)
            .map(|program| {
                program
                    .notifications
                    .iter()
                    .map(|sent| RecordedNotification {
                        email: sent.email.clone(),
                        message: sent.message.clone(),
                        title: sent.title.clone(),
                        url: sent.url.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The customer an `auth` token acts for, if it is a live token of this program.
    pub(crate) fn bearer_customer(&self, program_id: &str, token: &str) -> Option<String> {
        self.store()
            .bearer_customer(program_id, token, clock::now())
    }
}
