//! The helpers a service reaches for, against the in-process sandbox over loopback:
//! refused batch items, integration items that cannot mismatch, the program-bound
//! client and token kinds.

use jeri_client::batch::PartialFailure;
use jeri_client::links::{LinkError, RedirectTo, Slug, TokenKind};
use jeri_client::runtime::chrono::{TimeZone as _, Utc};
use jeri_client::types::{
    BalanceChange, EarningFlowExecutionRequest, IntegrationFeature, IntegrationItem,
    IntegrationItemPayload, LoyaltyPayload, TokenType, UsersPayload,
};
use jeri_client::{Client, Error, ProgramClient};
use jeri_sandbox::{Sandbox, SeedCustomer};

const PROGRAM: &str = "acme-rewards";

fn client(sandbox: &Sandbox) -> Client {
    Client::builder()
        .base_url(sandbox.base_url())
        .api_key(sandbox.api_key())
        .build()
        .expect("client")
}

fn joined() -> jeri_client::runtime::chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 1, 15, 10, 0, 0)
        .single()
        .expect("a date")
}

#[tokio::test]
async fn a_partly_refused_batch_is_ok_but_its_helpers_say_so() {
    let sandbox = Sandbox::builder()
        .customer(SeedCustomer::new(PROGRAM, "ana@example.com").balance(10))
        .start()
        .await
        .expect("sandbox");
    let acme = client(&sandbox).program(PROGRAM);
    let sent = vec![
        BalanceChange::new("ana@example.com", 5, "order 1"),
        BalanceChange::new("ghost@example.com", 7, "order 2"),
    ];
    let answer = acme
        .increase_balance(sent.clone())
        .await
        .expect("201 although one item failed");
    assert!(!answer.is_all_applied());
    let failed: Vec<_> = answer.failed_items(&sent).collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].index, 1);
    assert_eq!(failed[0].input, Some(&sent[1]));
    assert_eq!(failed[0].error.message, "Customer not found");

    let failure: PartialFailure = answer.clone().all_applied().expect_err("one refused");
    assert_eq!(
        failure.to_string(),
        "1 of 2 batch items failed: item 1: Customer not found"
    );
    assert!(!failure.to_string().contains("ghost"), "no email in logs");
    assert_eq!(failure.into_result(), answer);

    let whole = acme
        .increase_balance(vec![sent[0].clone()])
        .await
        .expect("201");
    assert!(whole.is_all_applied());
    assert_eq!(
        whole.all_applied().map(|result| result.accepted).ok(),
        Some(1)
    );
    assert_eq!(
        sandbox.state().balance(PROGRAM, "ana@example.com"),
        Some(20)
    );
}

#[tokio::test]
async fn item_constructors_match_feature_and_payload() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let client = client(&sandbox);
    let email = "ana@example.com";
    let users = IntegrationItem::users(email, UsersPayload::new().first_name("Ana".to_owned()));
    let loyalty =
        IntegrationItem::loyalty(email, LoyaltyPayload::new("crm-1".to_owned(), 40, joined()));
    assert_eq!(users.feature, IntegrationFeature::Users);
    assert_eq!(loyalty.feature, IntegrationFeature::Loyalty);
    assert!(users.feature_matches_payload() && loyalty.feature_matches_payload());
    let mismatched = IntegrationItem::new(
        email,
        IntegrationFeature::Users,
        IntegrationItemPayload::LoyaltyPayload(LoyaltyPayload::new("x".to_owned(), 1, joined())),
    );
    assert!(!mismatched.feature_matches_payload());

    let answer = client
        .upsert_resources(PROGRAM, vec![users, loyalty])
        .await
        .expect("created")
        .all_applied()
        .expect("both applied");
    assert_eq!(answer.accepted, 2);
    assert_eq!(sandbox.state().balance(PROGRAM, email), Some(40));
}

/// The documented trap and its safe sequence: a second `loyalty` item overwrites the
/// balance; checking for a loyalty record first keeps it.
#[tokio::test]
async fn a_repeated_loyalty_item_resets_the_balance_and_the_safe_sign_up_does_not() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let acme = client(&sandbox).program(PROGRAM);
    let email = "ana@example.com";
    let naive_sign_up = || {
        vec![
            IntegrationItem::users(email, UsersPayload::new()),
            IntegrationItem::loyalty(email, LoyaltyPayload::new("crm-1".to_owned(), 0, joined())),
        ]
    };
    acme.upsert_resources(naive_sign_up())
        .await
        .expect("created");
    acme.increase_balance(vec![BalanceChange::new(email, 80, "order 1")])
        .await
        .expect("credited");
    acme.upsert_resources(naive_sign_up()).await.expect("again");
    assert_eq!(sandbox.state().balance(PROGRAM, email), Some(0), "the trap");

    acme.increase_balance(vec![BalanceChange::new(email, 80, "order 1")])
        .await
        .expect("credited");
    safe_sign_up(&acme, email).await;
    assert_eq!(sandbox.state().balance(PROGRAM, email), Some(80), "kept");
    safe_sign_up(&acme, "new@example.com").await;
    assert_eq!(sandbox.state().balance(PROGRAM, "new@example.com"), Some(0));
}

/// The sequence `IntegrationItem::loyalty`'s documentation shows.
async fn safe_sign_up(acme: &ProgramClient, email: &str) {
    let has_loyalty = match acme.get_customer(email).await {
        Ok(customer) => customer.loyalty_data.is_some(),
        Err(error) if error.is_not_found() => false,
        Err(error) => panic!("{error}"),
    };
    let mut items = vec![IntegrationItem::users(email, UsersPayload::new())];
    if !has_loyalty {
        items.push(IntegrationItem::loyalty(
            email,
            LoyaltyPayload::new("crm-1".to_owned(), 0, joined()),
        ));
    }
    acme.upsert_resources(items)
        .await
        .expect("sent")
        .all_applied()
        .expect("applied");
}

#[tokio::test]
async fn a_program_client_calls_without_the_program_id_and_links_with_its_slug() {
    let sandbox = Sandbox::builder()
        .customer(
            SeedCustomer::new(PROGRAM, "ana@example.com")
                .balance(5)
                .wallet_pass(),
        )
        .start()
        .await
        .expect("sandbox");
    let acme = client(&sandbox).program(PROGRAM);
    let customer = acme.get_customer("ana@example.com").await.expect("found");
    assert_eq!(customer.loyalty_data.map(|l| l.balance), Some(5));

    let download = acme.download_link("ana@example.com").await.expect("link");
    assert!(
        download
            .as_str()
            .starts_with("https://jeri.link/acme-rewards/download?token=")
    );
    let session = acme
        .clone()
        .with_slug(Slug::new("acme").expect("slug"))
        .session_link("ana@example.com", &RedirectTo::Profile)
        .await
        .expect("link");
    assert!(
        session.as_str().starts_with("https://jeri.link/acme/"),
        "{}",
        session.as_str()
    );
    assert_eq!(session.kind(), TokenKind::Auth);

    let token = acme
        .get_customer_token("ana@example.com", TokenKind::Download)
        .await
        .expect("token");
    assert!(!token.access_token.is_empty());

    // Acting as the customer, bound to the program as well.
    let auth = acme
        .customer_auth_token("ana@example.com")
        .await
        .expect("a pass, so a token");
    let as_ana = acme.as_customer(auth);
    let run = as_ana
        .execute_custom_earning_flow("CUSTOM_5", EarningFlowExecutionRequest::new())
        .await
        .expect("ran");
    assert_eq!(run.points_awarded, 5);
    assert_eq!(
        sandbox.state().balance(PROGRAM, "ana@example.com"),
        Some(10)
    );

    // A program id that is no slug still calls, but links say what is missing.
    let by_path = client(&sandbox).program("acme/rewards");
    match by_path.download_link("ana@example.com").await {
        Err(Error::Config(message)) => assert!(message.contains("not a link slug"), "{message}"),
        other => panic!("expected a configuration error, got {other:?}"),
    }
}

#[test]
fn token_kinds_and_token_types_name_the_same_two() {
    for kind in [TokenKind::Auth, TokenKind::Download] {
        let token_type = TokenType::from(kind);
        assert_eq!(token_type.as_str(), kind.as_str());
        assert_eq!(TokenKind::try_from(token_type), Ok(kind));
    }
    assert_eq!(
        TokenKind::try_from(TokenType::Unknown_("refresh".to_owned())),
        Err(LinkError::UnknownKind("refresh".to_owned()))
    );
}

/// The runtime types a service names are reachable, and documented, from this crate
/// alone: `ClientBuilder` is the re-exported `TransportBuilder`, the request aliases name
/// the re-exported `Prepared`.
#[test]
fn runtime_types_are_named_from_the_crate_root() {
    use std::any::TypeId;
    assert_eq!(
        TypeId::of::<jeri_client::ClientBuilder>(),
        TypeId::of::<jeri_client::TransportBuilder<Client>>()
    );
    assert_eq!(
        TypeId::of::<jeri_client::requests::GetCustomerRequest>(),
        TypeId::of::<jeri_client::Prepared<jeri_client::requests::GetCustomerOperation>>()
    );
    fn is_hook<H: jeri_client::Hook>() {}
    struct Quiet;
    impl jeri_client::Hook for Quiet {}
    is_hook::<Quiet>();
    let client = Client::new("k").expect("client");
    let transport: &jeri_client::Transport = client.transport();
    assert_eq!(
        transport.base_url().as_str(),
        "https://api.jericommerce.com/"
    );
}
