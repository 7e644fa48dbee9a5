//! `pattern`: a generated server checks it with `fancy-regex` (the `regex` crate's syntax
//! plus the look-around and backreferences of ECMA-262, which JSON Schema's patterns
//! use); a client leaves it to the server (as it does for parameters), so only this
//! crate needs it.

use std::sync::OnceLock;

use fancy_regex::Regex;

use crate::{ProblemKind, Problems};

/// A `pattern`, compiled on first use. The generator checks at compile time that the
/// pattern is one `fancy-regex` accepts.
#[derive(Debug)]
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<Regex>>,
}

impl Pattern {
    /// The pattern as written in the spec (unanchored, as JSON Schema means it).
    pub const fn new(source: &'static str) -> Self {
        Pattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// Records [`ProblemKind::Pattern`] unless `text` matches. A pattern that does not
    /// compile (the generator refuses those), or whose matching gives up (fancy-regex's
    /// backtracking limit), refuses nothing: only a certain mismatch is a problem.
    pub fn check(&self, text: &str, problems: &mut Problems) {
        let regex = self.compiled.get_or_init(|| Regex::new(self.source).ok());
        if let Some(regex) = regex
            && matches!(regex.is_match(text), Ok(false))
        {
            problems.add(ProblemKind::Pattern(self.source));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_are_unanchored() {
        static DIGITS: Pattern = Pattern::new("[0-9]{3}");
        let mut problems = Problems::new();
        DIGITS.check("ab123", &mut problems);
        DIGITS.check("ab12", &mut problems);
        assert_eq!(
            problems
                .into_vec()
                .into_iter()
                .map(|p| p.kind)
                .collect::<Vec<_>>(),
            [ProblemKind::Pattern("[0-9]{3}")]
        );
    }

    #[test]
    fn look_around_is_checked() {
        static NOT_A_UUID: Pattern = Pattern::new("^(?![0-9a-f]{8}-)[a-z][a-z0-9-]*$");
        let mut problems = Problems::new();
        NOT_A_UUID.check("my-project", &mut problems);
        assert_eq!(problems.len(), 0);
        NOT_A_UUID.check("deadbeef-0000", &mut problems);
        assert_eq!(problems.len(), 1);
    }
}
