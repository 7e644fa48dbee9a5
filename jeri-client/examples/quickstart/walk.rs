//! Printing steps with their timings, and the steps both walks share.

use std::fmt;
use std::future::IntoFuture;
use std::io::{self, Write};
use std::time::{Duration, Instant};

use jeri_client::links::{AuthToken, DownloadToken, Link};
use jeri_client::types::{BalanceChange, BatchResult, TokenType};
use jeri_client::{Client, Error};

use super::Failure;

/// Prints steps with their timings and counts the calls.
pub(super) struct Walk<'a> {
    pub(super) out: &'a mut dyn Write,
    pub(super) calls: u32,
    pub(super) call_time: Duration,
}

impl<'a> Walk<'a> {
    pub(super) fn new(out: &'a mut dyn Write) -> Self {
        Walk {
            out,
            calls: 0,
            call_time: Duration::ZERO,
        }
    }

    /// Starts a numbered section with what it shows.
    pub(super) fn section(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.out)?;
        writeln!(self.out, "{text}")
    }

    /// Awaits one API call and times it.
    pub(super) async fn call<T>(
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
    pub(super) fn done(&mut self, summary: impl fmt::Display, took: Duration) -> io::Result<()> {
        writeln!(self.out, "  ✓ {summary} ({})", millis(took))
    }

    /// Prints an indented line.
    pub(super) fn line(&mut self, text: impl fmt::Display) -> io::Result<()> {
        writeln!(self.out, "  {text}")
    }

    pub(super) fn summary(&mut self) -> io::Result<()> {
        writeln!(self.out)?;
        writeln!(
            self.out,
            "Done: {} calls, {} in total.",
            self.calls,
            millis(self.call_time)
        )
    }
}

pub(super) fn millis(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}

/// A batch answer for a step that needs every item applied.
pub(super) fn all_applied(operation: &'static str, result: &BatchResult) -> Result<(), Failure> {
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
pub(super) fn unusable(operation: &'static str, error: impl fmt::Display) -> Failure {
    Failure::Refused {
        operation,
        reasons: format!("the token cannot be used: {error}"),
    }
}

pub(super) fn change(email: &str, amount: i64, reason: &str) -> BalanceChange {
    BalanceChange {
        email: email.to_owned(),
        amount,
        reason: reason.to_owned(),
    }
}

/// Fetches a download and an auth token for `email`.
pub(super) async fn tokens(
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

pub(super) fn print_links(
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
