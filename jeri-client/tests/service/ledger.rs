//! Exactly-once balance changes (`jeri_client::ledger`) against the sandbox's own faults,
//! over loopback: the lost answer, the refused request, the timeout, a change already
//! applied, a pending entry left by a stopped service, and a balance moved by someone else.

use std::time::Duration;

use jeri_client::ledger::{Credited, Direction, Entry, Ledger, MemoryLedger, apply_once};
use jeri_client::types::BalanceChange;
use jeri_client::{Client, ProgramClient};
use jeri_sandbox::{Fault, FaultKind, Sandbox, SeedCustomer};

const PROGRAM: &str = "acme-rewards";
const EMAIL: &str = "ana@example.com";

async fn sandbox() -> Sandbox {
    Sandbox::builder()
        .customer(SeedCustomer::new(PROGRAM, EMAIL).balance(100))
        .start()
        .await
        .expect("sandbox")
}

fn program(sandbox: &Sandbox) -> ProgramClient {
    Client::builder()
        .base_url(sandbox.base_url())
        .api_key(sandbox.api_key())
        .timeout(Duration::from_secs(2))
        .build()
        .expect("client")
        .program(PROGRAM)
}

fn fault(operation: &str, kind: FaultKind) -> Fault {
    Fault::new(operation, kind)
        .expect("known operation")
        .times(1)
}

fn credit(points: i64) -> BalanceChange {
    BalanceChange::new(EMAIL, points, "order 1001")
}

async fn balance(program: &ProgramClient) -> i64 {
    let customer = program.get_customer(EMAIL).await.expect("customer");
    customer.loyalty_data.map_or(0, |data| data.balance)
}

#[tokio::test]
async fn a_lost_answer_is_reconciled_as_applied_and_never_sent_twice() {
    let sandbox = sandbox().await;
    let program = program(&sandbox);
    let ledger = MemoryLedger::default();
    sandbox
        .faults()
        .add(fault("increaseBalance", FaultKind::LostAnswer));
    let done = apply_once(
        &program,
        &ledger,
        "order-1001",
        credit(50),
        Direction::Increase,
    )
    .await
    .expect("settled by reading back");
    assert_eq!(done, Credited::Applied);
    assert_eq!(ledger.get("order-1001").await, Some(Entry::Applied));
    assert_eq!(balance(&program).await, 150);
    // The service retries the order: nothing is sent again.
    let again = apply_once(
        &program,
        &ledger,
        "order-1001",
        credit(50),
        Direction::Increase,
    )
    .await
    .expect("ledger answer");
    assert_eq!(again, Credited::AlreadyApplied);
    assert_eq!(balance(&program).await, 150);
}

#[tokio::test]
async fn a_refused_request_is_not_applied_and_can_be_sent_again() {
    let sandbox = sandbox().await;
    let program = program(&sandbox);
    let ledger = MemoryLedger::default();
    sandbox
        .faults()
        .add(fault("increaseBalance", FaultKind::Unavailable));
    let error = apply_once(&program, &ledger, "order-7", credit(5), Direction::Increase)
        .await
        .expect_err("503");
    assert_eq!(error.outcome(), jeri_client::runtime::Outcome::NotApplied);
    assert_eq!(ledger.get("order-7").await, None);
    assert_eq!(balance(&program).await, 100);
    let done = apply_once(&program, &ledger, "order-7", credit(5), Direction::Increase)
        .await
        .expect("sent again");
    assert_eq!(done, Credited::Applied);
    assert_eq!(balance(&program).await, 105);
}

#[tokio::test]
async fn a_pending_entry_from_a_stopped_service_is_settled_first() {
    let sandbox = sandbox().await;
    let program = program(&sandbox);
    let ledger = MemoryLedger::default();
    // The service stopped after recording, before (or while) sending: the balance says
    // the change never took effect, so it is sent now, once.
    ledger
        .put(
            "order-9",
            Entry::Pending {
                before: 100,
                delta: 20,
            },
        )
        .await;
    let done = apply_once(
        &program,
        &ledger,
        "order-9",
        credit(20),
        Direction::Increase,
    )
    .await
    .expect("sent");
    assert_eq!(done, Credited::Applied);
    assert_eq!(balance(&program).await, 120);
    // Here the balance shows it took effect: nothing is sent.
    ledger
        .put(
            "order-10",
            Entry::Pending {
                before: 120,
                delta: -20,
            },
        )
        .await;
    program
        .decrease_balance(vec![credit(20)])
        .await
        .expect("applied before the stop");
    let done = apply_once(
        &program,
        &ledger,
        "order-10",
        credit(20),
        Direction::Decrease,
    )
    .await
    .expect("settled");
    assert_eq!(done, Credited::Applied);
    assert_eq!(balance(&program).await, 100);
}

#[tokio::test]
async fn a_balance_moved_by_something_else_needs_review() {
    let sandbox = sandbox().await;
    let program = program(&sandbox);
    let ledger = MemoryLedger::default();
    ledger
        .put(
            "order-11",
            Entry::Pending {
                before: 90,
                delta: 30,
            },
        )
        .await;
    let done = apply_once(
        &program,
        &ledger,
        "order-11",
        credit(30),
        Direction::Increase,
    )
    .await
    .expect("no call failed");
    assert_eq!(
        done,
        Credited::NeedsReview {
            before: 90,
            observed: 100
        }
    );
    assert!(matches!(
        ledger.get("order-11").await,
        Some(Entry::Pending { .. })
    ));
    assert_eq!(balance(&program).await, 100, "nothing was sent");
}

#[tokio::test]
async fn a_change_the_api_refuses_is_not_applied_and_forgotten() {
    let sandbox = sandbox().await;
    let program = program(&sandbox);
    let ledger = MemoryLedger::default();
    // A balance may not go below zero: the sandbox refuses the only item with a 422.
    let error = apply_once(
        &program,
        &ledger,
        "order-12",
        credit(500),
        Direction::Decrease,
    )
    .await
    .expect_err("refused");
    assert!(error.is_unprocessable(), "{error:?}");
    assert_eq!(error.outcome(), jeri_client::runtime::Outcome::NotApplied);
    assert_eq!(ledger.get("order-12").await, None);
    assert_eq!(balance(&program).await, 100);
}
