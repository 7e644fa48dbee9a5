//! The walk against a local sandbox started in this process.

use std::io::Write;
use std::time::Instant;

use jeri_client::API_KEY_VAR;
use jeri_client::Client;
use jeri_client::runtime::chrono::{TimeZone as _, Utc};
use jeri_client::types::{
    BalanceChange, EarningFlowExecutionRequest, IntegrationItem, LoyaltyPayload,
    RewardRedemptionRequest, UsersPayload,
};
use jeri_sandbox::Sandbox;

use super::receiver::Receiver;
use super::walk::{Walk, all_applied, links, print_links};
use super::{EMAIL_VAR, Failure, PROGRAM_VAR};

/// The sandbox program (also its slug) and customer of the demo.
const DEMO_PROGRAM: &str = "acme-rewards";
const DEMO_EMAIL: &str = "ana@example.com";
/// The secret the sandbox signs its events with, as an integration's secret would be.
const WEBHOOK_SECRET: &str = "quickstart-webhook-secret";

/// Starts a sandbox and walks the product against it.
pub(super) async fn sandbox_walk(out: &mut dyn Write) -> Result<(), Failure> {
    // The service's event endpoint first, so the sandbox can send to it from the start.
    let (receiver, events_url) = Receiver::start(WEBHOOK_SECRET).await?;
    let sandbox = Sandbox::builder()
        .webhook_url(&events_url)
        .webhook_secret(WEBHOOK_SECRET)
        .start()
        .await
        .map_err(|error| Failure::Setup(format!("cannot start the local sandbox: {error}")))?;
    let client = Client::builder()
        .base_url(sandbox.base_url())
        .api_key(sandbox.api_key())
        .build()
        .map_err(|error| Failure::Setup(error.to_string()))?;
    // An API key belongs to one program: a program client leaves out the program id and
    // builds links under its slug (here the program id itself).
    let acme = client.program(DEMO_PROGRAM);
    let (program, email) = (DEMO_PROGRAM, DEMO_EMAIL);

    let mut walk = Walk::new(out);
    writeln!(
        walk.out,
        "jeri quickstart: the JeriCommerce API against a local sandbox"
    )?;
    walk.line(format!(
        "The sandbox serves the same spec as the real API at {} (in memory, nothing leaves this machine).",
        sandbox.base_url()
    ))?;
    walk.line(format!(
        "Set {API_KEY_VAR}, {PROGRAM_VAR} and {EMAIL_VAR} to run against the real API instead."
    ))?;

    walk.section("1. Is the API up? getApiStatus reports its health.")?;
    let (status, took) = walk.call("getApiStatus", client.get_api_status()).await?;
    let version = status
        .version
        .map(|version| format!(", version {version}"))
        .unwrap_or_default();
    walk.done(format!("getApiStatus: {}{version}", status.status), took)?;

    walk.section(
        "2. Create a customer. upsertResources takes a list of items (up to 250 per request):\n   \
         a `users` item creates the customer, a `loyalty` item gives them a points record\n   \
         (stored as sent: send it again later and the balance is reset).\n   \
         upsert_resources_batched splits longer lists and reports every item.",
    )?;
    // Dates are chrono values, re-exported by the runtime: no chrono dependency needed.
    let member_since = Utc
        .with_ymd_and_hms(2024, 1, 15, 10, 0, 0)
        .single()
        .ok_or_else(|| Failure::Setup("2024-01-15 10:00 UTC is not a date".to_owned()))?;
    // Bodies are built with constructors (the required properties) and setters (the
    // optional ones); `users` and `loyalty` items take their own payload kind.
    let items = vec![
        IntegrationItem::users(
            email,
            UsersPayload::new()
                .first_name("Ana".to_owned())
                .last_name("García".to_owned()),
        ),
        IntegrationItem::loyalty(
            email,
            LoyaltyPayload::new("crm-0042".to_owned(), 100, member_since)
                .tier_status("Silver".to_owned()),
        ),
    ];
    let started = Instant::now();
    let report = acme.upsert_resources_batched(items).await;
    let took = started.elapsed();
    walk.calls += u32::try_from(report.requests_sent()).unwrap_or(u32::MAX);
    walk.call_time += took;
    if !report.is_complete_success() {
        let reasons: Vec<String> = report
            .failed()
            .map(|(index, outcome)| {
                format!("item {index}: {}", outcome.reason().unwrap_or_default())
            })
            .collect();
        return Err(Failure::Refused {
            operation: "upsertResources",
            reasons: reasons.join("; "),
        });
    }
    walk.done(
        format!(
            "upsertResources: {email} created with a profile and 100 points ({} of {} items accepted)",
            report.accepted_count(),
            report.len()
        ),
        took,
    )?;

    walk.section(
        "3. Move points. increaseBalance and decreaseBalance take lists of changes (up to 100\n   \
         per request); each needs a reason, shown in the customer's activity. They are never\n   \
         retried automatically: a repeated request would move the points twice. A 201 can\n   \
         still hold refused items: BatchResult::all_applied says so.",
    )?;
    let (result, took) = walk
        .call(
            "increaseBalance",
            acme.increase_balance(vec![BalanceChange::new(email, 150, "Welcome bonus")]),
        )
        .await?;
    all_applied("increaseBalance", result)?;
    walk.done("increaseBalance +150 points", took)?;
    let (result, took) = walk
        .call(
            "decreaseBalance",
            acme.decrease_balance(vec![BalanceChange::new(email, 40, "Points correction")]),
        )
        .await?;
    all_applied("decreaseBalance", result)?;
    walk.done("decreaseBalance −40 points", took)?;

    walk.section(
        "4. Read the customer back. getCustomer returns the profile and the loyalty record.",
    )?;
    let (customer, took) = walk.call("getCustomer", acme.get_customer(email)).await?;
    let name = customer
        .user_data
        .as_ref()
        .map(|user| {
            [user.first_name.as_deref(), user.last_name.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    let loyalty = customer
        .loyalty_data
        .as_ref()
        .map(|loyalty| {
            let tier = loyalty
                .tier_status
                .as_deref()
                .map(|tier| format!(", tier {tier}"))
                .unwrap_or_default();
            format!("balance {} points{tier}", loyalty.balance)
        })
        .unwrap_or_else(|| "no loyalty record".to_owned());
    walk.done(
        format!("getCustomer: {name} <{}>, {loyalty}", customer.email),
        took,
    )?;

    walk.section(
        "5. Customer tokens and links. getCustomerToken issues short-lived JWTs: `download` for a\n   \
         wallet-pass download link (acme.download_link fetches one and builds the link), `auth`\n   \
         for a Customer App session, issued once the customer has a wallet pass (422 before).\n   \
         The customer adds the pass from the download link; the sandbox is told so directly.",
    )?;
    sandbox.state().give_wallet_pass(program, email);
    let (download_link, session) = links(&mut walk, &acme, email).await?;
    let (auth, session_link) = session.ok_or_else(|| Failure::Refused {
        operation: "getCustomerToken",
        reasons: "no auth token although the customer has a wallet pass".to_owned(),
    })?;
    print_links(&mut walk, &download_link, Some(&session_link), true)?;

    walk.section(
        "6. Act as the customer. acme.as_customer(auth token) makes a client that sends the token\n   \
         as `Authorization: Bearer`; it has only the operations a customer may call.",
    )?;
    let customer_client = acme.as_customer(auth);
    let (run, took) = walk
        .call(
            "executeCustomEarningFlow",
            customer_client
                .execute_custom_earning_flow("CUSTOM_1", EarningFlowExecutionRequest::default()),
        )
        .await?;
    let remaining = match run.remaining_executions {
        Some(0) => "no runs left".to_owned(),
        Some(count) => format!("{count} runs left"),
        None => "no limit".to_owned(),
    };
    walk.done(
        format!(
            "executeCustomEarningFlow CUSTOM_1 as the customer: +{} points, {remaining} ({})",
            run.points_awarded, run.recurrence
        ),
        took,
    )?;
    let (redemption, took) = walk
        .call(
            "redeemReward",
            customer_client.redeem_reward("welcome-drink", RewardRedemptionRequest::default()),
        )
        .await?;
    walk.done(
        format!(
            "redeemReward welcome-drink as the customer: −{} points, balance now {}",
            redemption.points_spent, redemption.balance
        ),
        took,
    )?;

    walk.section(
        "7. Receive events. The sandbox POSTs a signed event to the service's URL for what\n   \
         happened above; jeri_client::webhooks::verify checks the signature over the raw body\n   \
         and decodes the typed Event (events the spec does not name arrive as Event::Unknown).",
    )?;
    sandbox.webhooks_settled().await;
    for line in receiver.lines() {
        walk.line(format!("event {line}"))?;
    }

    walk.summary()?;
    sandbox.shutdown().await;
    Ok(())
}
