//! Printing steps with their timings, and the steps both walks share.

use std::fmt;
use std::future::IntoFuture;
use std::io::{self, Write};
use std::time::{Duration, Instant};

use jeri_client::links::{AuthToken, Link, LinkBuilder, RedirectTo};
use jeri_client::types::BatchResult;
use jeri_client::{Error, ProgramClient};

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

/// A batch answer for a step that needs every item applied: a `201` can still hold
/// refused items, which `BatchResult::all_applied` turns into an error.
pub(super) fn all_applied(operation: &'static str, result: BatchResult) -> Result<(), Failure> {
    result
        .all_applied()
        .map(|_| ())
        .map_err(|failure| Failure::Refused {
            operation,
            reasons: failure.to_string(),
        })
}

/// The download link and, when the customer has a wallet pass, an `auth` token with its
/// session link. Without a pass the API refuses `auth` tokens (422), which is no failure
/// of the walk: the customer gets one by adding the pass from the download link.
pub(super) async fn links(
    walk: &mut Walk<'_>,
    program: &ProgramClient,
    email: &str,
) -> Result<(Link, Option<(AuthToken, Link)>), Failure> {
    const OPERATION: &str = "getCustomerToken";
    let (download, took) = walk.call(OPERATION, program.download_link(email)).await?;
    walk.done(
        "getCustomerToken download: a single-use token, in the download link",
        took,
    )?;
    let started = Instant::now();
    let auth = program.customer_auth_token(email).await;
    let took = started.elapsed();
    walk.calls += 1;
    walk.call_time += took;
    let auth = match auth {
        Ok(auth) => auth,
        Err(error) if error.status() == Some(422) => {
            walk.line(format!(
                "getCustomerToken auth refused: {email} has no wallet pass yet (they get one by opening the download link)"
            ))?;
            return Ok((download, None));
        }
        Err(error) => {
            return Err(Failure::Call {
                operation: OPERATION,
                error,
            });
        }
    };
    walk.done(
        "getCustomerToken auth: a session token, valid for days",
        took,
    )?;
    let slug = program
        .slug()
        .ok_or_else(|| Failure::Setup("the program has no link slug".to_owned()))?;
    let session = LinkBuilder::new().session_link(slug, &auth, &RedirectTo::LoyaltyRewards);
    Ok((download, Some((auth, session))))
}

pub(super) fn print_links(
    walk: &mut Walk<'_>,
    download: &Link,
    session: Option<&Link>,
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
    match session {
        Some(session) => {
            walk.line(
                "Session link (signs the customer in to the Customer App, on Loyalty > Rewards):",
            )?;
            walk.line(format!("  {}", shown(session)))
        }
        None => walk.line("No session link: it needs an auth token."),
    }
}
