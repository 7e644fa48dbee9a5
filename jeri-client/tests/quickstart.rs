//! The quickstart example: its walk against the sandbox, its live mode, and
//! how it fails.
//!
//! The example's own code is compiled in here (`#[path]`), so the walk runs
//! in-process with an explicit environment; one test also runs the example
//! through cargo to check the exit code a user sees.

#[path = "../examples/quickstart.rs"]
#[allow(dead_code)]
mod quickstart;

use std::process::Command;

use jeri_client::Client;
use jeri_client::links::{LinkBuilder, ParsedLink, RedirectTo};
use jeri_sandbox::{Sandbox, SeedCustomer};
use quickstart::{Env, Failure};

async fn run(args: &[&str], env: &Env) -> (Result<(), Failure>, String) {
    let args: Vec<String> = args.iter().map(|arg| (*arg).to_owned()).collect();
    let mut out = Vec::new();
    let result = quickstart::run(&args, env, &mut out).await;
    (result, String::from_utf8(out).expect("UTF-8 output"))
}

/// The link on the line after `label`.
fn link_after<'a>(output: &'a str, label: &str) -> &'a str {
    let mut lines = output.lines().skip_while(|line| !line.contains(label));
    lines.next().expect("label line");
    lines.next().expect("link line").trim()
}

#[tokio::test]
async fn without_an_api_key_it_walks_the_product_against_the_sandbox() {
    let (result, output) = run(&[], &Env::default()).await;
    assert!(result.is_ok(), "{:?}\n{output}", result.err());

    for step in [
        "✓ getApiStatus: ok",
        "✓ upsertResources: ana@example.com created with a profile and 100 points (2 of 2 items accepted)",
        "✓ increaseBalance +150 points",
        "✓ decreaseBalance −40 points",
        "✓ getCustomer: Ana García <ana@example.com>, balance 210 points, tier Silver",
        "✓ getCustomerToken download",
        "✓ getCustomerToken auth",
        "✓ executeCustomEarningFlow CUSTOM_1 as the customer: +50 points",
        "✓ redeemReward welcome-drink as the customer: −100 points, balance now 160",
        "Done: 9 calls",
        "event Customer created: ana@example.com",
        "event Balance changed: ana@example.com +150 points, balance 250",
        "event Balance changed: ana@example.com -40 points, balance 210",
        "event Wallet pass installed",
    ] {
        assert!(output.contains(step), "missing {step:?} in:\n{output}");
    }
    // Every step says how long its call took.
    let timed = output.lines().filter(|line| line.contains("✓")).count();
    let with_time = output
        .lines()
        .filter(|line| line.contains("✓") && line.ends_with(" ms)"))
        .count();
    assert_eq!(timed, 9);
    assert_eq!(with_time, timed);

    let links = LinkBuilder::new();
    let download = link_after(&output, "Download link");
    match links.parse(download).expect("a download link") {
        ParsedLink::Download { slug, token } => {
            assert_eq!(slug.as_str(), "acme-rewards");
            assert!(token.expose().starts_with("eyJ"));
        }
        other => panic!("expected a download link, got {other:?}"),
    }
    let session = link_after(&output, "Session link");
    let parsed = links.parse(session).expect("a session link");
    assert!(matches!(parsed, ParsedLink::Session { .. }), "{parsed:?}");
    assert_eq!(parsed.redirect(), Some(&RedirectTo::LoyaltyRewards));
    assert!(
        session.ends_with("?redirectTo=loyalty%2Frewards"),
        "{session}"
    );
}

#[tokio::test]
async fn help_prints_usage() {
    for flag in ["--help", "-h"] {
        let (result, output) = run(&[flag], &Env::default()).await;
        assert!(result.is_ok());
        assert!(output.starts_with("Walks the JeriCommerce API"), "{output}");
        for word in ["JERI_API_KEY", "JERI_PROGRAM", "JERI_EMAIL", "--write"] {
            assert!(output.contains(word), "{word} missing from usage");
        }
    }
}

#[tokio::test]
async fn unknown_arguments_are_refused() {
    let (result, output) = run(&["--wirte"], &Env::default()).await;
    let message = result.expect_err("unknown flag").to_string();
    assert!(
        message.contains("\"--wirte\"") && message.contains("--help"),
        "{message}"
    );
    assert!(output.is_empty());
}

#[tokio::test]
async fn live_mode_names_each_missing_variable() {
    let cases = [
        (
            Env {
                api_key_set: true,
                ..Env::default()
            },
            "JERI_PROGRAM",
        ),
        (
            Env {
                api_key_set: true,
                program: Some("acme".to_owned()),
                ..Env::default()
            },
            "JERI_EMAIL",
        ),
    ];
    for (env, variable) in cases {
        let (result, output) = run(&[], &env).await;
        let failure = result.expect_err("a variable is missing");
        assert!(matches!(failure, Failure::Setup(_)), "{failure:?}");
        let message = failure.to_string();
        assert!(message.contains(&format!("needs {variable}")), "{message}");
        assert!(message.contains("Unset JERI_API_KEY"), "{message}");
        assert!(output.is_empty(), "nothing runs before the check: {output}");
    }
}

async fn live_sandbox() -> (Sandbox, Client, Env) {
    let sandbox = Sandbox::builder()
        .customer(
            SeedCustomer::new("acme", "lee@example.com")
                .balance(70)
                .wallet_pass(),
        )
        .start()
        .await
        .expect("sandbox");
    let client = Client::builder()
        .base_url(sandbox.base_url())
        .api_key(sandbox.api_key())
        .build()
        .expect("client");
    let env = Env {
        api_key_set: true,
        program: Some("acme".to_owned()),
        email: Some("lee@example.com".to_owned()),
        slug: None,
    };
    (sandbox, client, env)
}

#[tokio::test]
async fn live_mode_only_reads_and_hides_tokens_by_default() {
    let (sandbox, client, env) = live_sandbox().await;
    let before = client
        .get_customer("acme", "lee@example.com")
        .await
        .expect("customer");
    let mut out = Vec::new();
    quickstart::run_live(&client, &[], &env, &mut out)
        .await
        .expect("live walk");
    let output = String::from_utf8(out).expect("UTF-8");

    for step in [
        "read-only; pass --write",
        "✓ getApiStatus: ok",
        "✓ getCustomer: lee@example.com",
        "balance 70 points",
        "✓ getCustomerToken download",
        "✓ getCustomerToken auth",
        "https://jeri.link/acme/download?token=[REDACTED]",
        "https://jeri.link/acme/[REDACTED]?redirectTo=loyalty%2Frewards",
        "pass --show-links",
    ] {
        assert!(output.contains(step), "missing {step:?} in:\n{output}");
    }
    assert!(!output.contains("Balance"), "{output}");
    assert!(
        !output.contains("eyJ") && !output.contains("ZXlK"),
        "{output}"
    );
    let after = client
        .get_customer("acme", "lee@example.com")
        .await
        .expect("customer");
    assert_eq!(after, before, "a read-only run changed the customer");
    assert_eq!(sandbox.state().balance("acme", "lee@example.com"), Some(70));
}

#[tokio::test]
async fn live_mode_writes_a_net_zero_change_only_when_asked() {
    let (sandbox, client, env) = live_sandbox().await;
    let args = ["--write".to_owned(), "--show-links".to_owned()];
    let mut out = Vec::new();
    quickstart::run_live(&client, &args, &env, &mut out)
        .await
        .expect("live walk");
    let output = String::from_utf8(out).expect("UTF-8");
    assert!(output.contains("✓ increaseBalance +1 point"), "{output}");
    assert!(output.contains("✓ decreaseBalance −1 point"), "{output}");
    assert!(output.contains("https://jeri.link/acme/ZXlK"), "{output}");
    assert_eq!(sandbox.state().balance("acme", "lee@example.com"), Some(70));
}

#[tokio::test]
async fn live_mode_without_a_wallet_pass_skips_the_session_link() {
    let (sandbox, client, mut env) = live_sandbox().await;
    sandbox
        .state()
        .add_customer(SeedCustomer::new("acme", "new@example.com"));
    env.email = Some("new@example.com".to_owned());
    let mut out = Vec::new();
    quickstart::run_live(&client, &[], &env, &mut out)
        .await
        .expect("live walk");
    let output = String::from_utf8(out).expect("UTF-8");
    for step in [
        "✓ getCustomerToken download",
        "getCustomerToken auth refused: new@example.com has no wallet pass yet",
        "https://jeri.link/acme/download?token=[REDACTED]",
        "No session link",
    ] {
        assert!(output.contains(step), "missing {step:?} in:\n{output}");
    }
}

#[tokio::test]
async fn live_mode_explains_an_unknown_customer() {
    let (_sandbox, client, mut env) = live_sandbox().await;
    env.email = Some("nobody@example.com".to_owned());
    let mut out = Vec::new();
    let failure = quickstart::run_live(&client, &[], &env, &mut out)
        .await
        .expect_err("no such customer");
    let message = failure.to_string();
    assert!(message.starts_with("getCustomer failed:"), "{message}");
    assert!(message.contains("hint: check JERI_PROGRAM"), "{message}");
}

/// The example as a user runs it: with `JERI_API_KEY` set and `JERI_PROGRAM`
/// missing, a message on stderr and exit code 1, before any request.
#[test]
fn the_example_binary_exits_1_with_a_clear_message() {
    let output = Command::new(env!("CARGO"))
        .args([
            "run",
            "--quiet",
            "-p",
            "jeri-client",
            "--example",
            "quickstart",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("JERI_API_KEY", "not-a-real-key")
        .env("JERI_BASE_URL", "http://127.0.0.1:9")
        .env_remove("JERI_PROGRAM")
        .env_remove("JERI_EMAIL")
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "stderr: {stderr}");
    assert!(
        stderr.contains("error: JERI_API_KEY is set, so the quickstart talks to the real API and needs JERI_PROGRAM"),
        "stderr: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
    assert!(output.stdout.is_empty());
}
