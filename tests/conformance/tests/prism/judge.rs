//! Whether the client decoded the response Prism was asked for.

use std::fmt;

use jeri_runtime::Error;

use crate::observer::Seen;

/// What became of one asked-for response.
#[derive(Debug)]
pub enum Judged {
    /// Prism answered with the status asked for and the client decoded it: a success as
    /// its type, an error as `Error::Api` with the documented body (or none documented).
    Decoded,
    /// Prism answered with another status (it could not build the one asked for, or it
    /// refused the request, which the request check reports).
    NotBuilt,
    /// The client could not decode what Prism built; why.
    Failed(String),
}

/// Counts of one mode.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    /// Responses decoded.
    pub decoded: usize,
    /// Responses that failed to decode.
    pub failed: usize,
    /// Responses Prism did not build as asked.
    pub not_built: usize,
}

impl fmt::Display for Tally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.decoded, self.decoded + self.failed)?;
        if self.not_built > 0 {
            write!(f, " ({} not built)", self.not_built)?;
        }
        Ok(())
    }
}

/// Judges the result of a call for which Prism was asked to answer `code`.
pub fn judge(code: u16, result: &Result<(), Error>, seen: &Seen) -> Judged {
    if seen.status != Some(code) {
        return Judged::NotBuilt;
    }
    let failed = |why: String| match seen.response_violations() {
        Some(violations) => Judged::Failed(format!("{why}; {SPEC_BREAKS_ITSELF}: {violations}")),
        None => Judged::Failed(why),
    };
    match result {
        Ok(()) => Judged::Decoded,
        Err(Error::Api(api)) if (200..300).contains(&code) => {
            failed(format!("a documented success is an error: {api}"))
        }
        Err(Error::Api(api)) => match api.body_error() {
            Some(why) => failed(format!("the error body does not decode: {why}")),
            None => Judged::Decoded,
        },
        Err(other) => failed(other.to_string()),
    }
}

/// Said of a failure when Prism itself reports that the response it built (from the
/// spec's example) breaks the spec's schema.
pub const SPEC_BREAKS_ITSELF: &str = "Prism reports that the response it built breaks the spec";
