//! What happened to a customer that JeriCommerce would announce as an event.
//!
//! A change pushes a [`Happening`] onto its program's `happenings`; releasing the store
//! lock queues them for delivery. Giving a customer a wallet pass announces `Wallet pass
//! requested` and `Wallet pass installed`.

use serde_json::{Value, json};

use super::customer::CustomerRecord;
use crate::ids;

/// The event JeriCommerce sends when a customer is created (not for customers that exist
/// before the sandbox serves, as JeriCommerce sends none during an initial sync).
pub(crate) const CUSTOMER_CREATED: &str = "Customer created";
/// The event JeriCommerce sends on every balance change.
pub(crate) const BALANCE_CHANGED: &str = "Balance changed";
/// The event JeriCommerce sends when a customer asks for a wallet pass.
pub(crate) const WALLET_PASS_REQUESTED: &str = "Wallet pass requested";
/// The event JeriCommerce sends when a customer installs a wallet pass.
pub(crate) const WALLET_PASS_INSTALLED: &str = "Wallet pass installed";

/// One event to announce, with what its payload needs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Happening {
    /// The event's UUID (`id` of the payload).
    pub(crate) id: String,
    /// The event type, e.g. `Balance changed`.
    pub(crate) name: String,
    /// The customer's UUID.
    pub(crate) customer_id: String,
    /// The customer's email.
    pub(crate) email: String,
    /// Unix time.
    pub(crate) at: i64,
    /// The event-specific `properties` object.
    pub(crate) properties: Value,
}

impl Happening {
    /// An event `name` about `customer`.
    pub(crate) fn new(name: &str, customer: &CustomerRecord, properties: Value, at: i64) -> Self {
        Happening {
            id: ids::uuid(),
            name: name.to_owned(),
            customer_id: customer.id.clone(),
            email: customer.email.clone(),
            at,
            properties,
        }
    }

    /// `Balance changed` from `previous` to the customer's balance now, if it changed.
    pub(crate) fn balance_changed(
        customer: &CustomerRecord,
        previous: i64,
        at: i64,
    ) -> Option<Self> {
        let balance = customer.balance();
        (balance != previous).then(|| {
            let properties = json!({ "amount": balance - previous, "balance": balance });
            Happening::new(BALANCE_CHANGED, customer, properties, at)
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::store::customer::{Direction, UpsertItem, UserUpdate};
    use crate::store::{LoyaltyUpdate, Store};

    fn names_and_amounts(store: &mut Store) -> Vec<(String, Option<i64>)> {
        store
            .take_happenings()
            .into_iter()
            .map(|h| (h.name, h.properties["amount"].as_i64()))
            .collect()
    }

    #[test]
    fn creations_and_every_balance_change_are_recorded_once() {
        let mut store = Store::new();
        let program = store.program("acme");
        let email = "jane@example.com".to_owned();
        let user = || UpsertItem::Users(UserUpdate::default());
        program.upsert(vec![(email.clone(), user()), (email.clone(), user())], 0);
        let loyalty = UpsertItem::Loyalty(LoyaltyUpdate {
            loyalty_customer_id: "l".to_owned(),
            balance: 300,
            member_since: crate::clock::date_time(0),
            tier_status: None,
        });
        program.upsert(vec![(email.clone(), loyalty)], 1);
        program.change_balances(Direction::Decrease, vec![(email.clone(), 1000)], 2);
        program.change_balances(Direction::Increase, vec![(email.clone(), 0)], 2);
        program
            .redeem("free-shipping", &email, 3)
            .map(drop)
            .unwrap_or_default();
        program
            .run_flow("CUSTOM_5", &email, 4)
            .map(drop)
            .unwrap_or_default();
        assert_eq!(
            names_and_amounts(&mut store),
            [
                ("Customer created".to_owned(), None),
                ("Balance changed".to_owned(), Some(300)),
                ("Balance changed".to_owned(), Some(-250)),
                ("Balance changed".to_owned(), Some(5)),
            ]
        );
        assert!(store.take_happenings().is_empty());
    }
}
