//! The in-memory state of the sandbox and its business rules, free of HTTP.
//!
//! Every method takes the current Unix time where time matters, so the rules are unit
//! tested without a clock. Methods return [`Refusal`] for business-rule failures; the HTTP
//! layer turns those into error bodies.

mod actions;
mod catalogue;
mod customer;
mod happening;
mod token;
mod wallet;

use std::collections::{BTreeMap, HashMap};

use crate::ids;

pub(crate) use actions::FlowRun;
use actions::Notification;
pub(crate) use catalogue::Catalogue;
pub(crate) use customer::{
    BatchOutcome, BatchStatus, CustomerRecord, DeleteTarget, Direction, LoyaltyUpdate, UpsertItem,
    UserUpdate,
};
pub(crate) use happening::Happening;
use token::Claims;
pub(crate) use token::TokenKind;

/// Why the store refused an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// The customer, reward, coupon or flow does not exist.
    NotFound(String),
    /// Already done (a coupon assigned twice).
    Conflict(String),
    /// A business rule says no (balance too low, limit reached).
    Unprocessable(String),
}

/// One program: its customers, catalogue and what happened in it.
#[derive(Debug, Clone)]
pub(crate) struct Program {
    /// The program's UUID.
    pub(crate) id: String,
    /// The id the program was first used with; paths may use it or `id`.
    pub(crate) slug: String,
    /// Customers by lower-cased email.
    pub(crate) customers: BTreeMap<String, CustomerRecord>,
    /// Rewards, coupons and flows.
    pub(crate) catalogue: Catalogue,
    /// Push notifications accepted, oldest first.
    pub(crate) notifications: Vec<Notification>,
    /// Events to announce, oldest first; taken by [`Store::take_happenings`].
    pub(crate) happenings: Vec<Happening>,
}

impl Program {
    fn new(slug: &str) -> Self {
        Program {
            id: ids::uuid(),
            slug: slug.to_owned(),
            customers: BTreeMap::new(),
            catalogue: Catalogue::seeded(),
            notifications: Vec::new(),
            happenings: Vec::new(),
        }
    }

    /// The customer with this email (case-insensitive).
    pub(crate) fn customer(&self, email: &str) -> Option<&CustomerRecord> {
        self.customers.get(&email_key(email))
    }

    /// Announces a balance change of the customer with this email, if there was one.
    pub(crate) fn announce_balance(&mut self, email: &str, previous: i64, now: i64) {
        let changed = self
            .customer(email)
            .and_then(|customer| Happening::balance_changed(customer, previous, now));
        self.happenings.extend(changed);
    }

    fn customer_mut(&mut self, email: &str) -> Result<&mut CustomerRecord, Refusal> {
        self.customers
            .get_mut(&email_key(email))
            .ok_or_else(customer_not_found)
    }
}

/// Emails identify customers without regard to case.
pub(crate) fn email_key(email: &str) -> String {
    email.to_lowercase()
}

pub(crate) fn customer_not_found() -> Refusal {
    Refusal::NotFound("Customer not found".to_owned())
}

/// Every program, plus the tokens issued in any of them.
#[derive(Debug, Default)]
pub(crate) struct Store {
    programs: Vec<Program>,
    tokens: HashMap<String, Claims>,
}

impl Store {
    /// An empty store.
    pub(crate) fn new() -> Self {
        Store::default()
    }

    /// The program addressed by `key` (its UUID or the id it was first used with),
    /// created on first use.
    pub(crate) fn program(&mut self, key: &str) -> &mut Program {
        let index = match self
            .programs
            .iter()
            .position(|program| program.slug == key || program.id == key)
        {
            Some(index) => index,
            None => {
                self.programs.push(Program::new(key));
                self.programs.len() - 1
            }
        };
        &mut self.programs[index]
    }

    /// The events of every program not yet taken, each program's oldest first.
    pub(crate) fn take_happenings(&mut self) -> Vec<Happening> {
        self.programs
            .iter_mut()
            .flat_map(|program| program.happenings.drain(..))
            .collect()
    }

    /// The program addressed by `key`, if it was ever used.
    pub(crate) fn existing_program(&self, key: &str) -> Option<&Program> {
        self.programs
            .iter()
            .find(|program| program.slug == key || program.id == key)
    }
}
