//! A walk through the JeriCommerce API with `jeri-client`.
//!
//! ```sh
//! cargo run -p jeri-client --example quickstart
//! ```
//!
//! Without `JERI_API_KEY` it starts a `jeri-sandbox` server in this process and walks
//! the product against it: API status, a demo customer, balance changes, both kinds of
//! customer token with their `jeri.link` links, and calls made as the customer. Nothing
//! leaves the machine.
//!
//! With `JERI_API_KEY` set it talks to the real API instead (`JERI_BASE_URL` overrides
//! the host), for the program in `JERI_PROGRAM` and the customer in `JERI_EMAIL`. It
//! only reads (status, the customer, tokens and links) unless `--write` is passed.
//!
//! Every step prints what it does and how long the call took. Any failure ends the run
//! with a message on stderr and exit code 1.

use std::fmt;
use std::future::IntoFuture;
use std::io::{self, Write};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use jeri_client::links::{AuthToken, DownloadToken, Link, LinkBuilder, RedirectTo, Slug};
use jeri_client::types::{
    BalanceChange, BatchResult, EarningFlowExecutionRequest, IntegrationFeature, IntegrationItem,
    IntegrationItemPayload, LoyaltyPayload, RewardRedemptionRequest, TokenType, UsersPayload,
};
use jeri_client::{API_KEY_VAR, BASE_URL_VAR, Client, Error};
use jeri_sandbox::Sandbox;

/// The variable naming the program (its id or slug) in live mode.
pub const PROGRAM_VAR: &str = "JERI_PROGRAM";
/// The variable naming the customer (their email) in live mode.
pub const EMAIL_VAR: &str = "JERI_EMAIL";
/// The variable naming the program slug used in links, when it differs from `JERI_PROGRAM`.
pub const SLUG_VAR: &str = "JERI_SLUG";

/// What `--help` prints.
pub const USAGE: &str = "\
Walks the JeriCommerce API with jeri-client.

Usage: cargo run -p jeri-client --example quickstart [-- OPTIONS]

Without JERI_API_KEY, runs against a local jeri-sandbox started in-process:
no account and no network needed.

With JERI_API_KEY set, runs against the real API, read-only unless --write:
  JERI_API_KEY    the program's API key (Settings > Technical > API Keys)
  JERI_PROGRAM    the program's id or slug (required)
  JERI_EMAIL      the email of an existing customer (required)
  JERI_SLUG       the program slug for links (default: JERI_PROGRAM)
  JERI_BASE_URL   another API host, such as staging (optional)

Options:
  --write         live mode: also add 1 point to the customer and take it back
  --show-links    live mode: print links with their tokens (hidden by default)
  -h, --help      print this help
";

/// The sandbox program, slug and customer of the demo.
const DEMO_PROGRAM: &str = "acme-rewards";
const DEMO_EMAIL: &str = "ana@example.com";

/// The environment variables the quickstart reads, captured once so the walk itself
/// never looks at the process environment.
#[derive(Clone, Debug, Default)]
pub struct Env {
    /// Whether `JERI_API_KEY` is set (even empty: the client then says what is wrong).
    pub api_key_set: bool,
    /// `JERI_PROGRAM`, when set and not blank.
    pub program: Option<String>,
    /// `JERI_EMAIL`, when set and not blank.
    pub email: Option<String>,
    /// `JERI_SLUG`, when set and not blank.
    pub slug: Option<String>,
}

impl Env {
    /// Reads the variables of this process.
    pub fn from_process() -> Env {
        let var = |name: &str| {
            std::env::var(name)
                .ok()
                .map(|value| value.trim().to_owned())
                .filter(|value| !value.is_empty())
        };
        Env {
            api_key_set: std::env::var_os(API_KEY_VAR).is_some(),
            program: var(PROGRAM_VAR),
            email: var(EMAIL_VAR),
            slug: var(SLUG_VAR),
        }
    }
}

/// The command-line options.
#[derive(Clone, Copy, Debug, Default)]
struct Options {
    help: bool,
    write: bool,
    show_links: bool,
}

fn parse_args(args: &[String]) -> Result<Options, Failure> {
    let mut options = Options::default();
    for arg in args {
        match arg.as_str() {
            "-h" | "--help" => options.help = true,
            "--write" => options.write = true,
            "--show-links" => options.show_links = true,
            other => {
                return Err(Failure::Usage(format!(
                    "unknown argument {other:?}; see --help"
                )));
            }
        }
    }
    Ok(options)
}

/// Why the quickstart stopped.
#[derive(Debug)]
pub enum Failure {
    /// The command line is wrong.
    Usage(String),
    /// The environment or the local setup is wrong.
    Setup(String),
    /// A call failed.
    Call {
        /// The operation id.
        operation: &'static str,
        /// What went wrong.
        error: Error,
    },
    /// The API answered, but refused what the step needed.
    Refused {
        /// The operation id.
        operation: &'static str,
        /// The API's reasons.
        reasons: String,
    },
    /// The output could not be written.
    Output(io::Error),
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        Failure::Output(error)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Usage(message) | Failure::Setup(message) => f.write_str(message),
            Failure::Call { operation, error } => {
                write!(f, "{operation} failed: {error}")?;
                match error.status() {
                    Some(401) => write!(
                        f,
                        "\n  hint: check that {API_KEY_VAR} is the program's API key"
                    ),
                    Some(404) => write!(
                        f,
                        "\n  hint: check {PROGRAM_VAR} (the program's id or slug) and that {EMAIL_VAR} is an existing customer"
                    ),
                    _ if error.is_timeout() || error.is_retryable() => {
                        write!(
                            f,
                            "\n  hint: the API could not be reached in time; try again, or check {BASE_URL_VAR}"
                        )
                    }
                    _ => Ok(()),
                }
            }
            Failure::Refused { operation, reasons } => {
                write!(f, "{operation} refused the request: {reasons}")
            }
            Failure::Output(error) => write!(f, "cannot write the output: {error}"),
        }
    }
}

/// Runs the quickstart with these arguments (without the program name) and
/// environment, writing the walk to `out`.
pub async fn run(args: &[String], env: &Env, out: &mut dyn Write) -> Result<(), Failure> {
    let options = parse_args(args)?;
    if options.help {
        out.write_all(USAGE.as_bytes())?;
        return Ok(());
    }
    if env.api_key_set {
        let target = LiveTarget::from_env(env)?;
        let client = Client::from_env().map_err(|error| Failure::Setup(error.to_string()))?;
        live_walk(&client, &target, options, out).await
    } else {
        sandbox_walk(out).await
    }
}

/// The live walk with a client made by the caller (`run` makes it with
/// `Client::from_env`), for the program and customer named in `env`.
pub async fn run_live(
    client: &Client,
    args: &[String],
    env: &Env,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let options = parse_args(args)?;
    let target = LiveTarget::from_env(env)?;
    live_walk(client, &target, options, out).await
}

/// Prints steps with their timings and counts the calls.
struct Walk<'a> {
    out: &'a mut dyn Write,
    calls: u32,
    call_time: Duration,
}

impl<'a> Walk<'a> {
    fn new(out: &'a mut dyn Write) -> Self {
        Walk {
            out,
            calls: 0,
            call_time: Duration::ZERO,
        }
    }

    /// Starts a numbered section with what it shows.
    fn section(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.out)?;
        writeln!(self.out, "{text}")
    }

    /// Awaits one API call and times it.
    async fn call<T>(
        &mut self,
        operation: &'static str,
        request: impl IntoFuture<Output = Result<T, Error>>,
    ) -> Result<(T, Duration), Failure> {
        let started = Instant::now();
        let result = request.await;
        let took = started.elapsed();
        self.calls += 1;
        self.call_time += took;
        result
            .map(|value| (value, took))
            .map_err(|error| Failure::Call { operation, error })
    }

    /// Reports a step that worked.
    fn done(&mut self, summary: impl fmt::Display, took: Duration) -> io::Result<()> {
        writeln!(self.out, "  ✓ {summary} ({})", millis(took))
    }

    /// Prints an indented line.
    fn line(&mut self, text: impl fmt::Display) -> io::Result<()> {
        writeln!(self.out, "  {text}")
    }

    fn summary(&mut self) -> io::Result<()> {
        writeln!(self.out)?;
        writeln!(
            self.out,
            "Done: {} calls, {} in total.",
            self.calls,
            millis(self.call_time)
        )
    }
}

fn millis(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}

/// A batch answer for a step that needs every item applied.
fn all_applied(operation: &'static str, result: &BatchResult) -> Result<(), Failure> {
    if result.errors.is_empty() {
        return Ok(());
    }
    let reasons: Vec<String> = result
        .errors
        .iter()
        .map(|error| format!("{}: {}", error.email, error.message))
        .collect();
    Err(Failure::Refused {
        operation,
        reasons: reasons.join("; "),
    })
}

/// A token the API returned empty cannot make a link.
fn unusable(operation: &'static str, error: impl fmt::Display) -> Failure {
    Failure::Refused {
        operation,
        reasons: format!("the token cannot be used: {error}"),
    }
}

fn change(email: &str, amount: i64, reason: &str) -> BalanceChange {
    BalanceChange {
        email: email.to_owned(),
        amount,
        reason: reason.to_owned(),
    }
}

async fn sandbox_walk(out: &mut dyn Write) -> Result<(), Failure> {
    let sandbox = Sandbox::start()
        .await
        .map_err(|error| Failure::Setup(format!("cannot start the local sandbox: {error}")))?;
    let client = Client::builder()
        .base_url(sandbox.base_url())
        .api_key(sandbox.api_key())
        .build()
        .map_err(|error| Failure::Setup(error.to_string()))?;
    let slug = Slug::new(DEMO_PROGRAM).map_err(|error| Failure::Setup(error.to_string()))?;
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
         a `users` item creates the customer, a `loyalty` item gives them a points record.\n   \
         upsert_resources_batched splits longer lists and reports every item.",
    )?;
    let items = vec![
        IntegrationItem {
            email: email.to_owned(),
            feature: IntegrationFeature::Users,
            payload: IntegrationItemPayload::UsersPayload(UsersPayload {
                first_name: Some("Ana".to_owned()),
                last_name: Some("García".to_owned()),
                ..UsersPayload::default()
            }),
        },
        IntegrationItem {
            email: email.to_owned(),
            feature: IntegrationFeature::Loyalty,
            payload: IntegrationItemPayload::LoyaltyPayload(LoyaltyPayload {
                loyalty_customer_id: "crm-0042".to_owned(),
                balance: 100,
                member_since: "2024-01-15T10:00:00Z".to_owned(),
                tier_status: Some("Silver".to_owned()),
            }),
        },
    ];
    let started = Instant::now();
    let report = client.upsert_resources_batched(program, items).await;
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
         retried automatically: a repeated request would move the points twice.",
    )?;
    let (result, took) = walk
        .call(
            "increaseBalance",
            client.increase_balance(program, vec![change(email, 150, "Welcome bonus")]),
        )
        .await?;
    all_applied("increaseBalance", &result)?;
    walk.done("increaseBalance +150 points", took)?;
    let (result, took) = walk
        .call(
            "decreaseBalance",
            client.decrease_balance(program, vec![change(email, 40, "Points correction")]),
        )
        .await?;
    all_applied("decreaseBalance", &result)?;
    walk.done("decreaseBalance −40 points", took)?;

    walk.section(
        "4. Read the customer back. getCustomer returns the profile and the loyalty record.",
    )?;
    let (customer, took) = walk
        .call("getCustomer", client.get_customer(program, email))
        .await?;
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
         wallet-pass download link, `auth` for a Customer App session. jeri_client::links turns\n   \
         them into https://jeri.link links.",
    )?;
    let (download, auth) = tokens(&mut walk, &client, program, email).await?;
    let links = LinkBuilder::new();
    let download_link = links.download_link(&slug, &download);
    let session_link = links.session_link(&slug, &auth, &RedirectTo::LoyaltyRewards);
    print_links(&mut walk, &download_link, &session_link, true)?;

    walk.section(
        "6. Act as the customer. client.as_customer(auth token) makes a CustomerClient that sends\n   \
         the token as `Authorization: Bearer`; it has only the operations a customer may call.",
    )?;
    let customer_client = client.as_customer(auth.expose());
    let (run, took) = walk
        .call(
            "executeCustomEarningFlow",
            customer_client.execute_custom_earning_flow(
                program,
                "CUSTOM_1",
                EarningFlowExecutionRequest::default(),
            ),
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
            customer_client.redeem_reward(
                program,
                "welcome-drink",
                RewardRedemptionRequest::default(),
            ),
        )
        .await?;
    walk.done(
        format!(
            "redeemReward welcome-drink as the customer: −{} points, balance now {}",
            redemption.points_spent, redemption.balance
        ),
        took,
    )?;

    walk.summary()?;
    sandbox.shutdown().await;
    Ok(())
}

/// Fetches a download and an auth token for `email`.
async fn tokens(
    walk: &mut Walk<'_>,
    client: &Client,
    program: &str,
    email: &str,
) -> Result<(DownloadToken, AuthToken), Failure> {
    const OPERATION: &str = "getCustomerToken";
    let (token, took) = walk
        .call(
            OPERATION,
            client.get_customer_token(program, email, TokenType::Download),
        )
        .await?;
    let download =
        DownloadToken::new(token.access_token).map_err(|error| unusable(OPERATION, error))?;
    walk.done(
        "getCustomerToken download: a single-use token for the wallet pass",
        took,
    )?;
    let (token, took) = walk
        .call(
            OPERATION,
            client.get_customer_token(program, email, TokenType::Auth),
        )
        .await?;
    let auth = AuthToken::new(token.access_token).map_err(|error| unusable(OPERATION, error))?;
    walk.done(
        "getCustomerToken auth: a session token, valid for days",
        took,
    )?;
    Ok((download, auth))
}

fn print_links(
    walk: &mut Walk<'_>,
    download: &Link,
    session: &Link,
    show_tokens: bool,
) -> io::Result<()> {
    let shown = |link: &Link| {
        if show_tokens {
            link.as_str().to_owned()
        } else {
            link.redacted()
        }
    };
    walk.line("Download link (adds the pass to Apple Wallet or Google Wallet):")?;
    walk.line(format!("  {}", shown(download)))?;
    walk.line("Session link (signs the customer in to the Customer App, on Loyalty > Rewards):")?;
    walk.line(format!("  {}", shown(session)))
}

/// The program and customer of a live run.
#[derive(Debug)]
struct LiveTarget {
    program: String,
    email: String,
    slug: Slug,
}

impl LiveTarget {
    fn from_env(env: &Env) -> Result<LiveTarget, Failure> {
        let required = |value: &Option<String>, name: &str, what: &str| {
            value.clone().ok_or_else(|| {
                Failure::Setup(format!(
                    "{API_KEY_VAR} is set, so the quickstart talks to the real API and needs {name}: {what}.\n  \
                     Unset {API_KEY_VAR} to run against the local sandbox instead."
                ))
            })
        };
        let program = required(
            &env.program,
            PROGRAM_VAR,
            "the program's id or slug (Settings > Technical > Program Information)",
        )?;
        let email = required(&env.email, EMAIL_VAR, "the email of an existing customer")?;
        let slug_text = env.slug.clone().unwrap_or_else(|| program.clone());
        let slug = Slug::new(slug_text).map_err(|error| {
            Failure::Setup(format!(
                "{error}; set {SLUG_VAR} to the program slug used in links"
            ))
        })?;
        Ok(LiveTarget {
            program,
            email,
            slug,
        })
    }
}

async fn live_walk(
    client: &Client,
    target: &LiveTarget,
    options: Options,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let (program, email) = (target.program.as_str(), target.email.as_str());
    let mut walk = Walk::new(out);
    let mode = if options.write {
        "reads, and a +1/−1 balance change (--write)"
    } else {
        "read-only; pass --write to also change the balance"
    };
    writeln!(
        walk.out,
        "jeri quickstart: the JeriCommerce API at {}",
        client.transport().base_url()
    )?;
    walk.line(format!("program {program}, customer {email} ({mode})"))?;

    walk.section("1. Is the API up? getApiStatus reports its health.")?;
    let (status, took) = walk.call("getApiStatus", client.get_api_status()).await?;
    walk.done(format!("getApiStatus: {}", status.status), took)?;

    walk.section("2. Read the customer. getCustomer returns the profile and the loyalty record.")?;
    let (customer, took) = walk
        .call("getCustomer", client.get_customer(program, email))
        .await?;
    let balance = customer
        .loyalty_data
        .as_ref()
        .map(|loyalty| format!("balance {} points", loyalty.balance))
        .unwrap_or_else(|| "no loyalty record".to_owned());
    walk.done(
        format!(
            "getCustomer: {} ({}), {balance}",
            customer.email, customer.id
        ),
        took,
    )?;

    walk.section(
        "3. Customer tokens and links. getCustomerToken issues a `download` and an `auth` token;\n   \
         jeri_client::links turns them into https://jeri.link links.",
    )?;
    let (download, auth) = tokens(&mut walk, client, program, email).await?;
    let links = LinkBuilder::new();
    let download_link = links.download_link(&target.slug, &download);
    let session_link = links.session_link(&target.slug, &auth, &RedirectTo::LoyaltyRewards);
    print_links(&mut walk, &download_link, &session_link, options.show_links)?;
    if !options.show_links {
        walk.line(
            "(tokens hidden: the links sign in as the customer; pass --show-links to print them)",
        )?;
    }

    if options.write {
        walk.section("4. Change the balance: +1 point, then −1 point (net zero). Sent once each, never retried.")?;
        let reason = "jeri quickstart check";
        let (result, took) = walk
            .call(
                "increaseBalance",
                client.increase_balance(program, vec![change(email, 1, reason)]),
            )
            .await?;
        all_applied("increaseBalance", &result)?;
        walk.done("increaseBalance +1 point", took)?;
        let (result, took) = walk
            .call(
                "decreaseBalance",
                client.decrease_balance(program, vec![change(email, 1, reason)]),
            )
            .await?;
        all_applied("decreaseBalance", &result)?;
        walk.done("decreaseBalance −1 point", took)?;
    }
    walk.summary()?;
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let env = Env::from_process();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let mut stdout = io::stdout().lock();
    let outcome = runtime.block_on(run(&args, &env, &mut stdout));
    let _ = stdout.flush();
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("error: {failure}");
            ExitCode::FAILURE
        }
    }
}
