//! Request bodies outside the spec's rules are refused before sending, as a service meets
//! it against the sandbox: `amount: 0` and an empty item list are `Error::InvalidInput`
//! naming every problem, the balance is untouched, and the outcome is `NotApplied`.

use jeri_client::runtime::Outcome;
use jeri_client::types::BalanceChange;
use jeri_client::{Client, Error};
use jeri_sandbox::{Sandbox, SeedCustomer};

const PROGRAM: &str = "acme-rewards";
const EMAIL: &str = "ana@example.com";

#[tokio::test]
async fn a_zero_amount_and_an_empty_list_never_leave_the_client() {
    let sandbox = Sandbox::builder()
        .customer(SeedCustomer::new(PROGRAM, EMAIL).balance(100))
        .start()
        .await
        .expect("sandbox");
    let client = Client::builder()
        .base_url(sandbox.base_url())
        .api_key(sandbox.api_key())
        .build()
        .expect("client");

    let zero = vec![
        BalanceChange::new(EMAIL, 5, "order 1"),
        BalanceChange::new(EMAIL, 0, "order 2"),
    ];
    let error = client
        .increase_balance(PROGRAM, zero)
        .await
        .expect_err("amount 0");
    match &error {
        Error::InvalidInput { operation, message } => {
            assert_eq!(*operation, "increaseBalance");
            assert!(message.ends_with("1.amount must be >= 1"), "{message}");
        }
        other => panic!("expected InvalidInput, got {other:?}"),
    }
    assert_eq!(error.outcome(), Outcome::NotApplied);
    assert!(
        !error.is_retryable(),
        "the same body would be refused again"
    );

    let error = client
        .increase_balance(PROGRAM, Vec::new())
        .await
        .expect_err("no items");
    assert!(
        error
            .to_string()
            .ends_with("body must have at least 1 item"),
        "{error}"
    );
    assert_eq!(
        sandbox.state().balance(PROGRAM, EMAIL),
        Some(100),
        "the valid item of the refused batch was not applied either"
    );

    client
        .increase_balance(PROGRAM, vec![BalanceChange::new(EMAIL, 1, "order 3")])
        .await
        .expect("a body within the rules");
    assert_eq!(sandbox.state().balance(PROGRAM, EMAIL), Some(101));
}
