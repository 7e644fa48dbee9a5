//! A subset client made with `only(...)`: the chosen operations work against the sandbox
//! over loopback, and the ones left out are listed in `OMITTED_OPERATIONS`.

use jeri_sandbox::{Sandbox, SeedCustomer};

/// The product spec cut to the status check and the balance operations.
mod balances {
    jeri_macros::generate!(
        "../../../spec/openapi.yaml",
        runtime = ::jeri_client::runtime,
        only(
            operationId = "getApiStatus",
            path = "/v1/programs/{programId}/balance"
        )
    );
}

const PROGRAM: &str = "acme-rewards";

#[tokio::test]
async fn the_chosen_operations_talk_to_the_sandbox() {
    let sandbox = Sandbox::builder()
        .customer(SeedCustomer::new(PROGRAM, "ada@example.com").balance(10))
        .start()
        .await
        .expect("sandbox");
    let transport = jeri_client::runtime::Transport::builder()
        .base_url(sandbox.base_url())
        .api_key(sandbox.api_key())
        .build()
        .expect("transport");
    let client = balances::Client::from_transport(transport);

    let status = client.get_api_status().await.expect("status");
    assert_eq!(status.status, "ok");

    let change = |amount| balances::types::BalanceChange {
        email: "ada@example.com".to_owned(),
        amount,
        reason: "subset test".to_owned(),
    };
    let increased = client
        .increase_balance(PROGRAM, vec![change(5)])
        .await
        .expect("increase");
    assert_eq!((increased.accepted, increased.failed), (1, 0));
    let decreased = client
        .decrease_balance(PROGRAM, vec![change(15)])
        .await
        .expect("decrease");
    assert_eq!((decreased.accepted, decreased.failed), (1, 0));
    let overdrawn = client
        .decrease_balance(PROGRAM, vec![change(1)])
        .await
        .expect_err("the balance is 0 now");
    assert!(
        matches!(&overdrawn, jeri_client::Error::Api(api) if api.status() == 422),
        "{overdrawn:?}"
    );
}

#[test]
fn every_operation_left_out_is_listed_in_document_order() {
    let ids: Vec<&str> = balances::OMITTED_OPERATIONS
        .iter()
        .map(|(id, _, _)| *id)
        .collect();
    assert_eq!(
        ids,
        [
            "upsertResources",
            "deleteResources",
            "getCustomerToken",
            "getCustomer",
            "redeemReward",
            "sendPushNotification",
            "assignCoupon",
            "executeCustomEarningFlow",
        ]
    );
    assert!(balances::OMITTED_OPERATIONS.contains(&(
        "getCustomer",
        "GET",
        "/v1/programs/{programId}/customers/{email}"
    )));
}
