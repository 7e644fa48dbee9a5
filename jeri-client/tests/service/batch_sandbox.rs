//! Batched calls against the sandbox: real per-item answers, real limits.

use jeri_client::batch::ItemOutcome;
use jeri_client::types::{
    BalanceChange, IntegrationFeature, IntegrationItem, IntegrationItemPayload, LoyaltyPayload,
    ResourceDeletion, UsersPayload,
};
use jeri_client::{Client, Error};
use jeri_sandbox::{Sandbox, SeedCustomer};

const PROGRAM: &str = "acme-rewards";

fn client(sandbox: &Sandbox) -> Client {
    Client::builder()
        .base_url(sandbox.base_url())
        .api_key(sandbox.api_key())
        .build()
        .expect("client")
}

fn user(email: String) -> IntegrationItem {
    IntegrationItem {
        email,
        feature: IntegrationFeature::Users,
        payload: IntegrationItemPayload::UsersPayload(UsersPayload {
            first_name: Some("Test".to_owned()),
            ..UsersPayload::default()
        }),
    }
}

fn change(email: &str, amount: i64) -> BalanceChange {
    BalanceChange {
        email: email.to_owned(),
        amount,
        reason: "batch test".to_owned(),
    }
}

fn rejected_message(outcome: Option<&ItemOutcome>) -> String {
    match outcome {
        Some(ItemOutcome::Rejected { message }) => message.clone(),
        other => panic!("expected Rejected, got {other:?}"),
    }
}

#[tokio::test]
async fn upserts_past_the_limit_create_every_customer() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let client = client(&sandbox);
    let mut items: Vec<IntegrationItem> = (0..251)
        .map(|index| user(format!("user{index}@example.com")))
        .collect();
    // The sandbox refuses a loyalty item for a customer that does not exist.
    items.push(IntegrationItem {
        email: "ghost@example.com".to_owned(),
        feature: IntegrationFeature::Loyalty,
        payload: IntegrationItemPayload::LoyaltyPayload(LoyaltyPayload {
            loyalty_customer_id: "loy-ghost".to_owned(),
            balance: 0,
            member_since: jeri_client::runtime::chrono::DateTime::UNIX_EPOCH,
            tier_status: None,
        }),
    });
    let report = client.upsert_resources_batched(PROGRAM, items).await;

    assert_eq!(report.requests_sent(), 2);
    assert_eq!(report.len(), 252);
    assert_eq!(report.accepted_count(), 251);
    assert_eq!(
        report.failed().map(|(index, _)| index).collect::<Vec<_>>(),
        vec![251]
    );
    // Index 1 of the second request is input item 251.
    assert_eq!(rejected_message(report.outcome(251)), "Customer not found");
    for email in [
        "user0@example.com",
        "user249@example.com",
        "user250@example.com",
    ] {
        let customer = client.get_customer(PROGRAM, email).await.expect("created");
        assert_eq!(customer.email, email);
    }

    let deletions: Vec<ResourceDeletion> = (0..251)
        .map(|index| ResourceDeletion {
            email: format!("user{index}@example.com"),
            feature: IntegrationFeature::Users,
        })
        .collect();
    let deleted = client.delete_resources_batched(PROGRAM, deletions).await;
    assert_eq!(deleted.requests_sent(), 2);
    assert!(deleted.is_complete_success(), "{deleted:?}");
    let gone = client
        .get_customer(PROGRAM, "user250@example.com")
        .await
        .expect_err("deleted");
    assert!(gone.is_not_found());
}

#[tokio::test]
async fn balance_changes_report_refusals_and_failed_chunks_by_input_index() {
    let mut builder = Sandbox::builder();
    for index in 0..99 {
        builder = builder
            .customer(SeedCustomer::new(PROGRAM, format!("c{index}@example.com")).balance(10));
    }
    let sandbox = builder.start().await.expect("sandbox");
    let client = client(&sandbox);

    // First request: 99 known customers and one unknown (index 40).
    // Second request: 50 unknown customers, so the sandbox refuses it whole (404).
    // Third request: one known customer again.
    let mut changes: Vec<BalanceChange> = (0..99)
        .map(|index| change(&format!("c{index}@example.com"), 5))
        .collect();
    changes.insert(40, change("nobody@example.com", 5));
    changes.extend((0..100).map(|index| change(&format!("ghost{index}@example.com"), 5)));
    changes.push(change("c0@example.com", 5));
    let report = client.increase_balance_batched(PROGRAM, changes).await;

    assert_eq!(report.requests_sent(), 3);
    assert_eq!(report.len(), 201);
    assert_eq!(rejected_message(report.outcome(40)), "Customer not found");
    for index in 100..200 {
        match report.outcome(index) {
            Some(ItemOutcome::ChunkFailed { chunk, error }) => {
                assert_eq!(chunk, &(100..200));
                assert!(error.is_not_found(), "{error}");
            }
            other => panic!("item {index}: expected ChunkFailed, got {other:?}"),
        }
    }
    assert!(report.outcome(200).is_some_and(ItemOutcome::is_accepted));
    assert_eq!(report.accepted_count(), 100);
    assert_eq!(sandbox.state().balance(PROGRAM, "c0@example.com"), Some(20));
    assert_eq!(
        sandbox.state().balance(PROGRAM, "c98@example.com"),
        Some(15)
    );

    // A decrease below zero is refused for that item only.
    let report = client
        .decrease_balance_batched(
            PROGRAM,
            vec![change("c1@example.com", 15), change("c2@example.com", 1000)],
        )
        .await;
    assert!(report.outcome(0).is_some_and(ItemOutcome::is_accepted));
    assert_eq!(rejected_message(report.outcome(1)), "Insufficient balance");
    assert_eq!(sandbox.state().balance(PROGRAM, "c1@example.com"), Some(0));
    assert_eq!(sandbox.state().balance(PROGRAM, "c2@example.com"), Some(15));
}

#[tokio::test]
async fn an_invalid_program_id_fails_every_chunk_before_sending() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let report = client(&sandbox)
        .increase_balance_batched(
            "",
            (0..150).map(|index| change(&format!("c{index}@example.com"), 1)),
        )
        .await;
    assert_eq!(report.requests_sent(), 2);
    assert_eq!(report.accepted_count(), 0);
    let errors: Vec<_> = report.chunk_errors().collect();
    assert_eq!(errors.len(), 2);
    assert!(
        errors
            .iter()
            .all(|(_, error)| matches!(error.as_ref(), Error::InvalidInput { .. }))
    );
}
