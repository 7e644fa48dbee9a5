//! Customer tokens: JWT-shaped strings the store issues and later recognises.
//!
//! The signature is random, so a token can only be checked by looking it up among those
//! issued; the payload still carries the usual claims so clients can decode it.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::{Refusal, Store, email_key};
use crate::ids;

/// What a token is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// Customer App session; accepted as `Authorization: Bearer`.
    Auth,
    /// Wallet-pass download link; never accepted as a credential.
    Download,
}

impl TokenKind {
    fn as_str(self) -> &'static str {
        match self {
            TokenKind::Auth => "auth",
            TokenKind::Download => "download",
        }
    }

    /// Lifetime when the caller sets none: 7 days for `auth` (documented), 1 day for
    /// `download` (the API ties it to a one-time link instead).
    pub(crate) fn default_lifetime(self) -> i64 {
        match self {
            TokenKind::Auth => 7 * 86_400,
            TokenKind::Download => 86_400,
        }
    }
}

/// What the store remembers about an issued token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Claims {
    /// UUID of the program.
    pub(crate) program_id: String,
    /// Lower-cased email of the customer.
    pub(crate) email_key: String,
    /// Purpose.
    pub(crate) kind: TokenKind,
    /// Unix expiry.
    pub(crate) expires_at: i64,
}

fn segment(value: &serde_json::Value) -> String {
    URL_SAFE_NO_PAD.encode(value.to_string())
}

impl Store {
    /// Issues a token for an existing customer of the program.
    pub(crate) fn issue_token(
        &mut self,
        program_key: &str,
        email: &str,
        kind: TokenKind,
        lifetime: Option<i64>,
        now: i64,
    ) -> Result<String, Refusal> {
        let program = self.program(program_key);
        let program_id = program.id.clone();
        let customer = program
            .customer(email)
            .ok_or_else(super::customer_not_found)?;
        customer.token_precondition(kind)?;
        let expires_at = now.saturating_add(lifetime.unwrap_or(kind.default_lifetime()));
        let header = serde_json::json!({"alg": "HS256", "typ": "JWT"});
        let payload = serde_json::json!({
            "sub": customer.email,
            "programId": program_id,
            "typ": kind.as_str(),
            "iat": now,
            "exp": expires_at,
        });
        let token = format!(
            "{}.{}.{}",
            segment(&header),
            segment(&payload),
            URL_SAFE_NO_PAD.encode(ids::random_bytes(32))
        );
        let claims = Claims {
            program_id,
            email_key: email_key(email),
            kind,
            expires_at,
        };
        self.tokens.insert(token.clone(), claims);
        Ok(token)
    }

    /// The email of the customer an `auth` token acts for, when the token was issued here,
    /// for this program, has not expired, and its customer still exists.
    pub(crate) fn bearer_customer(
        &self,
        program_key: &str,
        token: &str,
        now: i64,
    ) -> Option<String> {
        let claims = self.tokens.get(token)?;
        let program = self.existing_program(program_key)?;
        let valid = claims.kind == TokenKind::Auth
            && claims.program_id == program.id
            && claims.expires_at > now;
        valid
            .then(|| program.customers.get(&claims.email_key))
            .flatten()
            .map(|customer| customer.email.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::customer::{UpsertItem, UserUpdate};

    fn store_with_jane() -> Store {
        let mut store = Store::new();
        let item = UpsertItem::Users(UserUpdate::default());
        store
            .program("acme")
            .upsert(vec![("Jane@example.com".to_owned(), item)], 0);
        let pass = store
            .program("acme")
            .give_wallet_pass("jane@example.com", 0);
        assert_eq!(pass, Ok(1));
        store
    }

    #[test]
    fn tokens_are_jwt_shaped_with_the_documented_claims() {
        let mut store = store_with_jane();
        let token = store.issue_token("acme", "jane@example.com", TokenKind::Auth, Some(60), 100);
        let token = token.unwrap_or_default();
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts.len(), 3);
        let payload = URL_SAFE_NO_PAD.decode(parts[1]).unwrap_or_default();
        let payload: serde_json::Value = serde_json::from_slice(&payload).unwrap_or_default();
        assert_eq!(payload["sub"], "Jane@example.com");
        assert_eq!(payload["typ"], "auth");
        assert_eq!(payload["iat"], 100);
        assert_eq!(payload["exp"], 160);
        assert_eq!(
            payload["programId"].as_str(),
            store.existing_program("acme").map(|p| p.id.as_str())
        );
    }

    #[test]
    fn only_live_auth_tokens_of_the_same_program_identify_a_customer() {
        let mut store = store_with_jane();
        let auth = store.issue_token("acme", "jane@example.com", TokenKind::Auth, None, 0);
        let auth = auth.unwrap_or_default();
        let download = store.issue_token("acme", "jane@example.com", TokenKind::Download, None, 0);
        let download = download.unwrap_or_default();
        assert_eq!(
            store.bearer_customer("acme", &auth, 1).as_deref(),
            Some("Jane@example.com")
        );
        assert_eq!(store.bearer_customer("acme", &download, 1), None);
        assert_eq!(store.bearer_customer("acme", &auth, 7 * 86_400), None);
        store.program("other");
        assert_eq!(store.bearer_customer("other", &auth, 1), None);
        assert_eq!(store.bearer_customer("acme", "forged.token.value", 1), None);
    }

    #[test]
    fn unknown_customers_get_no_token() {
        let mut store = Store::new();
        let token = store.issue_token("acme", "x@example.com", TokenKind::Auth, None, 0);
        assert!(matches!(token, Err(Refusal::NotFound(_))));
    }

    #[test]
    fn huge_lifetimes_saturate() {
        let mut store = store_with_jane();
        let token = store.issue_token(
            "acme",
            "jane@example.com",
            TokenKind::Auth,
            Some(i64::MAX),
            10,
        );
        assert!(token.is_ok());
    }
}
