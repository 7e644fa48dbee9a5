//! The sandbox's injected faults and token preconditions as a service meets them through
//! `jeri_client`, over loopback: what each fault looks like as an `Error`, and whether the
//! change behind it was applied.

use std::time::Duration;

use jeri_client::types::BalanceChange;
use jeri_client::{CallOptions, Client, Error};
use jeri_sandbox::{Fault, FaultKind, Sandbox, SeedCustomer};

const PROGRAM: &str = "acme-rewards";
const EMAIL: &str = "ana@example.com";

async fn sandbox_with_ana() -> Sandbox {
    Sandbox::builder()
        .customer(SeedCustomer::new(PROGRAM, EMAIL).balance(100))
        .start()
        .await
        .expect("sandbox")
}

fn client(sandbox: &Sandbox, timeout: Duration) -> Client {
    Client::builder()
        .base_url(sandbox.base_url())
        .api_key(sandbox.api_key())
        .timeout(timeout)
        .build()
        .expect("client")
}

fn fault(operation: &str, kind: FaultKind, times: u32) -> Fault {
    Fault::new(operation, kind)
        .expect("known operation")
        .times(times)
}

fn credit(points: i64) -> Vec<BalanceChange> {
    vec![BalanceChange::new(EMAIL, points, "order 1001")]
}

fn once() -> CallOptions {
    CallOptions::new().max_attempts(1)
}

#[tokio::test]
async fn unavailable_is_a_503_that_a_get_retries_past() {
    let sandbox = sandbox_with_ana().await;
    let client = client(&sandbox, Duration::from_secs(10));
    sandbox
        .faults()
        .add(fault("getCustomer", FaultKind::Unavailable, 1));
    let error = client
        .get_customer(PROGRAM, EMAIL)
        .options(once())
        .await
        .expect_err("503");
    assert_eq!(error.status(), Some(503), "{error:?}");

    sandbox
        .faults()
        .add(fault("getCustomer", FaultKind::Unavailable, 1));
    let customer = client.get_customer(PROGRAM, EMAIL).await;
    assert!(customer.is_ok(), "the retry got the answer: {customer:?}");
    assert!(sandbox.faults().list().is_empty(), "the fault was used");
}

#[tokio::test]
async fn rate_limited_is_a_429_with_retry_after() {
    let sandbox = sandbox_with_ana().await;
    let client = client(&sandbox, Duration::from_secs(10));
    let retry_after = Duration::from_secs(7);
    sandbox.faults().add(fault(
        "increaseBalance",
        FaultKind::RateLimited { retry_after },
        1,
    ));
    let error = client
        .increase_balance(PROGRAM, credit(5))
        .await
        .expect_err("429");
    let api = error.as_api().expect("an API error");
    assert_eq!(api.status(), 429);
    assert_eq!(api.retry_after(), Some(retry_after));
    assert_eq!(
        sandbox.state().balance(PROGRAM, EMAIL),
        Some(100),
        "not applied"
    );
}

#[tokio::test]
async fn latency_delays_the_answer_and_a_client_that_gives_up_applies_nothing() {
    let sandbox = sandbox_with_ana().await;
    sandbox.faults().add(fault(
        "increaseBalance",
        FaultKind::Latency(Duration::from_millis(50)),
        1,
    ));
    let patient = client(&sandbox, Duration::from_secs(10));
    let result = patient.increase_balance(PROGRAM, credit(5)).await;
    assert_eq!(result.map(|batch| batch.accepted).ok(), Some(1));
    assert_eq!(sandbox.state().balance(PROGRAM, EMAIL), Some(105));

    sandbox.faults().add(fault(
        "increaseBalance",
        FaultKind::Latency(Duration::from_secs(600)),
        1,
    ));
    let hasty = client(&sandbox, Duration::from_millis(200));
    let error = hasty
        .increase_balance(PROGRAM, credit(5))
        .await
        .expect_err("gave up");
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(
        sandbox.state().balance(PROGRAM, EMAIL),
        Some(105),
        "not applied"
    );
}

#[tokio::test]
async fn a_timeout_fault_applies_the_change_and_holds_the_answer() {
    let sandbox = sandbox_with_ana().await;
    let client = client(&sandbox, Duration::from_millis(300));
    sandbox
        .faults()
        .add(fault("increaseBalance", FaultKind::Timeout, 1));
    let error = client
        .increase_balance(PROGRAM, credit(5))
        .await
        .expect_err("timed out");
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(
        sandbox.state().balance(PROGRAM, EMAIL),
        Some(105),
        "applied although the client saw a timeout"
    );
    // Stopping the sandbox ends the held answer instead of waiting for it.
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_lost_answer_is_applied_and_not_retried_for_a_post() {
    let sandbox = sandbox_with_ana().await;
    let client = client(&sandbox, Duration::from_secs(10));
    sandbox
        .faults()
        .add(fault("increaseBalance", FaultKind::LostAnswer, 1));
    let error = client
        .increase_balance(PROGRAM, credit(5))
        .await
        .expect_err("no answer");
    assert!(
        matches!(error, Error::Transport { .. }) && error.status().is_none() && !error.is_timeout(),
        "{error:?}"
    );
    assert_eq!(
        sandbox.state().balance(PROGRAM, EMAIL),
        Some(105),
        "applied once: the POST was sent once"
    );
}

#[tokio::test]
async fn an_auth_token_needs_a_wallet_pass() {
    let sandbox = sandbox_with_ana().await;
    let client = client(&sandbox, Duration::from_secs(10));
    let error = client
        .customer_auth_token(PROGRAM, EMAIL)
        .await
        .expect_err("no pass yet");
    assert!(error.is_unprocessable(), "{error:?}");
    let slug = jeri_client::Slug::new(PROGRAM).expect("slug");
    assert!(
        client.download_link(PROGRAM, &slug, EMAIL).await.is_ok(),
        "a new customer has a OneTimeLink"
    );

    assert!(sandbox.state().give_wallet_pass(PROGRAM, EMAIL));
    assert!(client.customer_auth_token(PROGRAM, EMAIL).await.is_ok());

    assert!(sandbox.state().set_one_time_link(PROGRAM, EMAIL, false));
    let error = client
        .download_link(PROGRAM, &slug, EMAIL)
        .await
        .expect_err("no OneTimeLink");
    assert!(error.is_unprocessable(), "{error:?}");
}
