//! A walk through the JeriCommerce API with `jeri-client`.
//!
//! ```sh
//! cargo run -p jeri-client --example quickstart
//! ```
//!
//! Without `JERI_API_KEY` it starts a `jeri-sandbox` server in this process and walks
//! the product against it: API status, a demo customer, balance changes, both kinds of
//! customer token with their `jeri.link` links, and calls made as the customer; a local
//! event endpoint receives the events the sandbox sends, verifies their signatures and
//! prints them. Nothing leaves the machine.
//!
//! With `JERI_API_KEY` set it talks to the real API instead (`JERI_BASE_URL` overrides
//! the host), for the program in `JERI_PROGRAM` and the customer in `JERI_EMAIL`. It
//! only reads (status, the customer, tokens and links) unless `--write` is passed.
//!
//! Every step prints what it does and how long the call took. Any failure ends the run
//! with a message on stderr and exit code 1.

use std::fmt;
use std::io::{self, Write};
use std::process::ExitCode;

use jeri_client::{API_KEY_VAR, BASE_URL_VAR, Client, Error};

#[path = "quickstart/live.rs"]
mod live;
#[path = "quickstart/receiver.rs"]
mod receiver;
#[path = "quickstart/sandbox.rs"]
mod sandbox;
#[path = "quickstart/walk.rs"]
mod walk;

use live::{LiveTarget, live_walk};
use sandbox::sandbox_walk;

/// The variables naming the program (its id or slug) and its link slug in live mode:
/// the ones `Client::program_from_env` reads.
pub use jeri_client::{PROGRAM_VAR, SLUG_VAR};
/// The variable naming the customer (their email) in live mode.
pub const EMAIL_VAR: &str = "JERI_EMAIL";

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
