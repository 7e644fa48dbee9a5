//! Balance changes applied at most once, for an API with no idempotency key.
//!
//! JeriCommerce's `increaseBalance` and `decreaseBalance` take no idempotency key and the
//! API lists no balance history, so a change whose answer was lost (a timeout, a dropped
//! connection: [`Outcome::Unknown`]) cannot be asked
//! about. Sending it again may apply it twice; not sending it may lose it. The pattern
//! here settles every case it can and hands the rest to a person, never guessing:
//!
//! 1. The caller names each change with its own reference (an order id). A [`Ledger`]
//!    keyed by that reference, kept by the service (its database, in the same transaction
//!    as the order), says whether the change was already applied.
//! 2. Before sending, the customer's balance is read and written to the ledger as
//!    [`Entry::Pending`] with the change.
//! 3. The change is sent once (no automatic retry). The error's
//!    [`outcome`](crate::Error::outcome) decides: applied → [`Entry::Applied`]; certainly
//!    not applied → the entry is removed and the error returned (sending again is safe);
//!    unknown → reconcile.
//! 4. Reconciling reads the balance back: the balance before plus the change means
//!    applied; the balance before means not applied; anything else (another change landed
//!    in between: a redemption, a second credit) cannot be told apart and is
//!    [`Credited::NeedsReview`], with both balances, for a person or a later job.
//!
//! A [`Pending`](Entry::Pending) entry found at the start (the service stopped mid-way) is
//! reconciled the same way before anything is sent. Changes to one customer must not be
//! sent concurrently through this pattern: the balance comparison assumes it is the only
//! writer while it runs.
//!
//! ```no_run
//! # async fn demo(program: jeri_client::ProgramClient) -> Result<(), jeri_client::Error> {
//! use jeri_client::ledger::{Credited, Direction, MemoryLedger, apply_once};
//! use jeri_client::types::BalanceChange;
//!
//! let mut ledger = MemoryLedger::default(); // a service keeps this in its database
//! let change = BalanceChange::new("ada@example.com", 50, "order 1001");
//! match apply_once(&program, &mut ledger, "order-1001", change, Direction::Increase).await? {
//!     Credited::Applied | Credited::AlreadyApplied => {}
//!     Credited::Refused(answer) => eprintln!("order 1001 refused: {:?}", answer.errors),
//!     Credited::NeedsReview { before, observed } => {
//!         eprintln!("order 1001: balance went from {before} to {observed}; check by hand");
//!     }
//! }
//! # Ok(()) }
//! ```

use std::collections::HashMap;

use crate::runtime::{CallOptions, Outcome};
use crate::types::BalanceChange;
use crate::{Error, ProgramClient};

/// Which way a change moves the balance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// `increaseBalance`: the amount is added.
    Increase,
    /// `decreaseBalance`: the amount is taken away.
    Decrease,
}

/// What the ledger knows of one reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// Sent (or about to be) when the balance was `before`; the result is not known yet.
    Pending {
        /// The customer's balance read just before sending, in points.
        before: i64,
        /// The signed change in points (negative for a decrease).
        delta: i64,
    },
    /// The change took effect.
    Applied,
}

/// Where a service records its changes, by the reference it gives each one. Keep it
/// durable (the service's database) for the guarantee to survive a restart.
pub trait Ledger {
    /// What is recorded for `reference`, if anything.
    fn get(&self, reference: &str) -> Option<Entry>;
    /// Records `entry` for `reference`, replacing what was there.
    fn put(&mut self, reference: &str, entry: Entry);
    /// Forgets `reference` (the change certainly did not take effect).
    fn remove(&mut self, reference: &str);
}

/// A [`Ledger`] in memory: for tests, and for services that keep one process.
#[derive(Debug, Clone, Default)]
pub struct MemoryLedger {
    entries: HashMap<String, Entry>,
}

impl Ledger for MemoryLedger {
    fn get(&self, reference: &str) -> Option<Entry> {
        self.entries.get(reference).cloned()
    }

    fn put(&mut self, reference: &str, entry: Entry) {
        self.entries.insert(reference.to_owned(), entry);
    }

    fn remove(&mut self, reference: &str) {
        self.entries.remove(reference);
    }
}

/// How a change through [`apply_once`] ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Credited {
    /// The API answered and refused the change (a `201` whose item failed: an unknown
    /// customer, a balance that would go below zero); the answer holds its message. The
    /// ledger no longer holds the reference.
    Refused(crate::types::BatchResult),
    /// Applied now (the API said so, or the balance read back shows it).
    Applied,
    /// The ledger already had it applied: nothing was sent.
    AlreadyApplied,
    /// The answer was lost and the balance moved by something else as well, so whether
    /// this change took effect cannot be told: the ledger keeps it pending. Both balances
    /// are in points.
    NeedsReview {
        /// The balance before the change was sent.
        before: i64,
        /// The balance read back.
        observed: i64,
    },
}

/// Applies `change` to the customer's balance at most once under `reference` (see the
/// module docs for the steps). Errors are those of the calls: one that is returned means
/// the change did not take effect (the ledger no longer holds the reference), except a
/// failed read-back, which leaves the entry pending for the next call to reconcile.
pub async fn apply_once(
    program: &ProgramClient,
    ledger: &mut impl Ledger,
    reference: &str,
    change: BalanceChange,
    direction: Direction,
) -> Result<Credited, Error> {
    let delta = match direction {
        Direction::Increase => change.amount,
        Direction::Decrease => -change.amount,
    };
    match ledger.get(reference) {
        Some(Entry::Applied) => return Ok(Credited::AlreadyApplied),
        Some(Entry::Pending { before, delta }) => {
            // `None`: it certainly did not take effect, so it is sent now.
            if let Some(settled) =
                reconcile(program, ledger, reference, &change.email, before, delta).await?
            {
                return Ok(settled);
            }
        }
        None => {}
    }
    let before = balance(program, &change.email).await?;
    ledger.put(reference, Entry::Pending { before, delta });
    let email = change.email.clone();
    let once = CallOptions::new().max_attempts(1);
    let sent = match direction {
        Direction::Increase => program.increase_balance(vec![change]).options(once).await,
        Direction::Decrease => program.decrease_balance(vec![change]).options(once).await,
    };
    match sent {
        Ok(result) if result.is_all_applied() => {
            ledger.put(reference, Entry::Applied);
            Ok(Credited::Applied)
        }
        Ok(result) => {
            ledger.remove(reference);
            Ok(Credited::Refused(result))
        }
        Err(error) => match error.outcome() {
            Outcome::Applied => {
                ledger.put(reference, Entry::Applied);
                Ok(Credited::Applied)
            }
            Outcome::NotApplied => {
                ledger.remove(reference);
                Err(error)
            }
            // Unknown, and any outcome a later runtime adds: read the balance back.
            _ => match reconcile(program, ledger, reference, &email, before, delta).await? {
                Some(settled) => Ok(settled),
                None => Err(error),
            },
        },
    }
}

/// Settles a pending change by reading the balance back: `Some` when it is settled as
/// applied or needs review, `None` when it certainly did not take effect (the entry is
/// removed).
async fn reconcile(
    program: &ProgramClient,
    ledger: &mut impl Ledger,
    reference: &str,
    email: &str,
    before: i64,
    delta: i64,
) -> Result<Option<Credited>, Error> {
    let observed = balance(program, email).await?;
    if observed == before + delta {
        ledger.put(reference, Entry::Applied);
        Ok(Some(Credited::Applied))
    } else if observed == before {
        ledger.remove(reference);
        Ok(None)
    } else {
        Ok(Some(Credited::NeedsReview { before, observed }))
    }
}

/// The customer's balance in points (`loyaltyData.balance`; a customer without loyalty
/// data has 0).
async fn balance(program: &ProgramClient, email: &str) -> Result<i64, Error> {
    let customer = program.get_customer(email).await?;
    Ok(customer.loyalty_data.map_or(0, |data| data.balance))
}
