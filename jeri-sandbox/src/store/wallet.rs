//! What a customer must have before `getCustomerToken` issues a token: a wallet pass for
//! `auth`, a generated OneTimeLink for `download`.
//!
//! A new customer has a OneTimeLink (it is how they are sent their pass) and no pass:
//! the pass exists once the customer adds it to a wallet, which the sandbox cannot see
//! happen, so tests give it with [`Program::give_wallet_pass`].

use super::customer::CustomerRecord;
use super::happening::{Happening, WALLET_PASS_INSTALLED, WALLET_PASS_REQUESTED};
use super::{Program, Refusal, TokenKind};

impl CustomerRecord {
    /// Whether a token of `kind` may be issued for this customer; `422` otherwise, the
    /// status the spec assumes for an unmet precondition.
    pub(crate) fn token_precondition(&self, kind: TokenKind) -> Result<(), Refusal> {
        match kind {
            TokenKind::Auth if self.wallet_passes == 0 => Err(Refusal::Unprocessable(
                "Customer has no wallet pass; an auth token needs at least one".to_owned(),
            )),
            TokenKind::Download if !self.one_time_link => Err(Refusal::Unprocessable(
                "Customer has no OneTimeLink; a download token needs one".to_owned(),
            )),
            _ => Ok(()),
        }
    }
}

impl Program {
    /// Gives the customer one more wallet pass, as adding the pass to a wallet would;
    /// returns how many the customer now has.
    pub(crate) fn give_wallet_pass(&mut self, email: &str, now: i64) -> Result<u32, Refusal> {
        let customer = self.customer_mut(email)?;
        customer.wallet_passes = customer.wallet_passes.saturating_add(1);
        customer.updated_at = now;
        let passes = customer.wallet_passes;
        // As JeriCommerce announces a pass: requested (the download), then installed.
        let announced: Vec<Happening> = self
            .customer(email)
            .into_iter()
            .flat_map(|customer| {
                [WALLET_PASS_REQUESTED, WALLET_PASS_INSTALLED]
                    .map(|name| Happening::new(name, customer, serde_json::json!({}), now))
            })
            .collect();
        self.happenings.extend(announced);
        Ok(passes)
    }

    /// Generates (`true`) or withdraws (`false`) the customer's OneTimeLink.
    pub(crate) fn set_one_time_link(&mut self, email: &str, present: bool) -> Result<(), Refusal> {
        self.customer_mut(email)?.one_time_link = present;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use crate::store::customer::{UpsertItem, UserUpdate};

    #[test]
    fn auth_needs_a_pass_and_download_a_one_time_link() {
        let mut store = Store::new();
        let item = UpsertItem::Users(UserUpdate::default());
        store
            .program("acme")
            .upsert(vec![("ana@example.com".to_owned(), item)], 0);
        let issue =
            |store: &mut Store, kind| store.issue_token("acme", "ana@example.com", kind, None, 0);
        assert!(matches!(
            issue(&mut store, TokenKind::Auth),
            Err(Refusal::Unprocessable(message)) if message.contains("no wallet pass")
        ));
        assert!(issue(&mut store, TokenKind::Download).is_ok());
        assert_eq!(
            store.program("acme").give_wallet_pass("ANA@example.com", 1),
            Ok(1)
        );
        assert!(issue(&mut store, TokenKind::Auth).is_ok());
        assert_eq!(
            store
                .program("acme")
                .set_one_time_link("ana@example.com", false),
            Ok(())
        );
        assert!(matches!(
            issue(&mut store, TokenKind::Download),
            Err(Refusal::Unprocessable(message)) if message.contains("OneTimeLink")
        ));
        assert!(matches!(
            store.program("acme").give_wallet_pass("bob@example.com", 1),
            Err(Refusal::NotFound(_))
        ));
    }
}
