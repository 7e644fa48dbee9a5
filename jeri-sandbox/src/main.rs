//! `jeri-sandbox`: serves the JeriCommerce sandbox until Ctrl-C.

use std::net::SocketAddr;
use std::process::ExitCode;

use jeri_sandbox::{DEFAULT_API_KEY, Fault, Sandbox};

const USAGE: &str = "\
Usage: jeri-sandbox [--listen ADDR] [--api-key KEY] [--fault FAULT]...
                    [--webhook-url URL --webhook-secret SECRET]

A local, in-memory JeriCommerce API server for development and tests.

Options:
  --listen ADDR            Address to listen on (default 127.0.0.1:8080; port 0 picks a
                           free one)
  --api-key KEY            API key to accept in the `api-key` header (default
                           sandbox-api-key)
  --fault FAULT            Fail on purpose; repeatable. FAULT is OPERATION=KIND[*COUNT]:
                           OPERATION an operationId (increaseBalance) or * for all;
                           KIND unavailable (503), rate-limited:DURATION (429 with
                           Retry-After), latency:DURATION, timeout (applied, answer
                           held), lost-answer (applied, connection closed unanswered);
                           DURATION like 250ms or 30s; COUNT how many requests
                           (default: all). Example: --fault increaseBalance=lost-answer*1
  --webhook-url URL        Send JeriCommerce's signed events (Customer created, Balance
                           changed) to URL (http://), retrying non-2xx answers
  --webhook-secret SECRET  The integration secret events are signed with
                           (x-jericommerce-hmac-sha256, Base64 HMAC-SHA256 of the body)
  -h, --help               Show this help

While it runs, /_sandbox/faults (GET lists, POST adds lines of FAULTs, DELETE
clears) and POST /_sandbox/programs/{programId}/customers/{email}/wallet-pass
change it; they take the api-key header too. Any event is sent on demand with
  curl -H 'api-key: KEY' -H 'content-type: application/json' \\
    -d '{\"programId\":\"acme\",\"email\":\"jane@example.com\",\"event\":\"Wallet pass installed\"}' \\
    http://ADDR/_sandbox/events
";

/// What the command line asked for.
#[derive(Debug, PartialEq)]
enum Command {
    Help,
    Serve {
        listen: SocketAddr,
        api_key: String,
        faults: Vec<Fault>,
        /// The webhook URL and secret, given together.
        webhook: Option<(String, String)>,
    },
}

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut listen = SocketAddr::from(([127, 0, 0, 1], 8080));
    let mut api_key = DEFAULT_API_KEY.to_owned();
    let mut faults = Vec::new();
    let mut webhook_url = None;
    let mut webhook_secret = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_owned(), Some(value.to_owned()))
            }
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--listen" => {
                let text = value("--listen")?;
                listen = text.parse().map_err(|_| {
                    format!("--listen: `{text}` is not an address like 127.0.0.1:8080")
                })?;
            }
            "--api-key" => {
                api_key = value("--api-key")?;
                if api_key.is_empty() {
                    return Err("--api-key must not be empty".to_owned());
                }
            }
            "--fault" => {
                let text = value("--fault")?;
                faults.push(
                    text.parse::<Fault>()
                        .map_err(|error| format!("--fault: {error}"))?,
                );
            }
            "--webhook-url" => webhook_url = Some(value("--webhook-url")?),
            "--webhook-secret" => webhook_secret = Some(value("--webhook-secret")?),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let webhook = match (webhook_url, webhook_secret) {
        (Some(url), Some(secret)) => Some((url, secret)),
        (None, None) => None,
        _ => return Err("--webhook-url and --webhook-secret go together".to_owned()),
    };
    Ok(Command::Serve {
        listen,
        api_key,
        faults,
        webhook,
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    let (listen, api_key, faults, webhook) = match parse_args(std::env::args().skip(1)) {
        Ok(Command::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Command::Serve {
            listen,
            api_key,
            faults,
            webhook,
        }) => (listen, api_key, faults, webhook),
        Err(message) => {
            eprintln!("jeri-sandbox: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut builder = faults
        .into_iter()
        .fold(Sandbox::builder(), |builder, fault| builder.fault(fault))
        .listen(listen)
        .api_key(api_key);
    if let Some((url, secret)) = &webhook {
        builder = builder.webhook_url(url).webhook_secret(secret);
    }
    let sandbox = match builder.start().await {
        Ok(sandbox) => sandbox,
        Err(error) => {
            eprintln!("jeri-sandbox: cannot listen on {listen}: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("jeri-sandbox listening on {}", sandbox.base_url());
    println!("api-key: {}", sandbox.api_key());
    for fault in sandbox.faults().list() {
        println!("fault: {fault}");
    }
    if let Some((url, _)) = &webhook {
        println!("webhooks: {url}");
    }
    if let Err(error) = tokio::signal::ctrl_c().await {
        eprintln!("jeri-sandbox: cannot wait for Ctrl-C: {error}");
    }
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, String> {
        parse_args(args.iter().map(|arg| (*arg).to_owned()))
    }

    #[test]
    fn defaults_and_flags() {
        assert_eq!(
            parse(&[]),
            Ok(Command::Serve {
                listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
                api_key: DEFAULT_API_KEY.to_owned(),
                faults: Vec::new(),
                webhook: None,
            })
        );
        assert_eq!(
            parse(&[
                "--listen",
                "127.0.0.1:0",
                "--api-key=k",
                "--fault",
                "increaseBalance=lost-answer*1",
                "--fault=*=latency:20ms"
            ]),
            Ok(Command::Serve {
                listen: SocketAddr::from(([127, 0, 0, 1], 0)),
                api_key: "k".to_owned(),
                faults: vec![
                    "increaseBalance=lost-answer*1".parse().expect("fault"),
                    "*=latency:20ms".parse().expect("fault"),
                ],
                webhook: None,
            })
        );
        assert_eq!(
            parse(&[
                "--webhook-url",
                "http://127.0.0.1:3000/h",
                "--webhook-secret=s"
            ]),
            Ok(Command::Serve {
                listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
                api_key: DEFAULT_API_KEY.to_owned(),
                faults: Vec::new(),
                webhook: Some(("http://127.0.0.1:3000/h".to_owned(), "s".to_owned())),
            })
        );
        assert_eq!(parse(&["--help"]), Ok(Command::Help));
    }

    #[test]
    fn mistakes_are_named() {
        assert_eq!(
            parse(&["--listen"]),
            Err("--listen needs a value".to_owned())
        );
        assert!(parse(&["--listen", "localhost"]).is_err_and(|e| e.contains("not an address")));
        assert_eq!(
            parse(&["--port"]),
            Err("unknown argument `--port`".to_owned())
        );
        assert!(parse(&["--api-key", ""]).is_err());
        assert!(
            parse(&["--fault", "increaseBalance=crash"])
                .is_err_and(|e| e.starts_with("--fault: ") && e.contains("OPERATION=KIND"))
        );
        assert_eq!(
            parse(&["--webhook-url", "http://127.0.0.1:3000/h"]),
            Err("--webhook-url and --webhook-secret go together".to_owned())
        );
    }
}
