//! Spec errors: what went wrong, where, and how to fix it; collected, never thrown.

pub mod locate;

use std::fmt;

use crate::load::PointerMap;

/// One problem in the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// Where in the spec, e.g. `paths./v1/x.get.parameters[0]`; empty when the problem is
    /// with the document as a whole (such as a syntax error).
    pub pointer: String,
    /// The 1-based line in the spec file, when it could be found.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: String,
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&render_error("<spec>", self))
    }
}

/// Renders an error for the user:
/// ``<file>:<line>: error at `<pointer>`: <message>`` and `  help: <help>` on the next line.
/// Without a line the `:<line>` part is left out; without a pointer, the ` at …` part.
pub fn render_error(file: &str, error: &SpecError) -> String {
    let mut out = String::from(file);
    if let Some(line) = error.line {
        out.push_str(&format!(":{line}"));
    }
    out.push_str(": error");
    if !error.pointer.is_empty() {
        out.push_str(&format!(" at `{}`", error.pointer));
    }
    out.push_str(&format!(": {}", error.message));
    if !error.help.is_empty() {
        out.push_str(&format!("\n  help: {}", error.help));
    }
    out
}

/// Collects errors against one source text. Lines are looked up when the errors are
/// handed out, and only for the errors handed out: finding a line walks the source, which
/// takes long on multi-megabyte specs.
#[derive(Debug)]
pub struct Diagnostics<'a> {
    source: &'a str,
    /// Each error, and whether its line is still to be found.
    errors: Vec<(SpecError, bool)>,
    /// For a document converted from another version of the format: where the converted
    /// nodes were written, for the errors from `converted_from` on.
    origins: PointerMap,
    /// The first error recorded against the converted document (those before were
    /// reported at pointers of the document as written).
    converted_from: usize,
}

impl<'a> Diagnostics<'a> {
    /// A collector for errors in `source`.
    pub fn new(source: &'a str) -> Self {
        Self {
            source,
            errors: Vec::new(),
            origins: PointerMap::default(),
            converted_from: 0,
        }
    }

    /// From now on, errors are reported at pointers of a document converted from the
    /// source (see [`crate::load`]): each is shown at the pointer, and with the line, of
    /// the node `origins` says it was converted from.
    pub fn set_origins(&mut self, origins: PointerMap) {
        self.origins = origins;
        self.converted_from = self.errors.len();
    }

    /// Records an error at `pointer`; its line is found in the source later.
    pub fn error(&mut self, pointer: &str, message: impl Into<String>, help: impl Into<String>) {
        self.record(
            SpecError {
                pointer: pointer.to_owned(),
                line: None,
                message: message.into(),
                help: help.into(),
            },
            true,
        );
    }

    /// Records an error whose line is already known.
    pub fn push(&mut self, error: SpecError) {
        self.record(error, false);
    }

    fn record(&mut self, error: SpecError, locate: bool) {
        if !self.errors.iter().any(|(known, _)| *known == error) {
            self.errors.push((error, locate));
        }
    }

    /// Whether an error was recorded at `pointer` or inside it (a follow-on problem
    /// of that node need not be reported again).
    pub fn has_error_within(&self, pointer: &str) -> bool {
        self.errors.iter().any(|(error, _)| {
            error.pointer.strip_prefix(pointer).is_some_and(|rest| {
                rest.is_empty() || rest.starts_with('.') || rest.starts_with('[')
            })
        })
    }

    /// `pointer` as written in the source: the node a converted document's node came
    /// from (see [`Diagnostics::set_origins`]), else the pointer itself.
    pub fn original(&self, pointer: &str) -> String {
        if self.origins.is_empty() {
            pointer.to_owned()
        } else {
            self.origins.original(pointer)
        }
    }

    /// The 1-based line of the source where the node at `pointer` (of the converted
    /// document) starts, when it can be found: for ordering what the document holds in
    /// maps that do not keep their order.
    pub fn line_of(&self, pointer: &str) -> Option<usize> {
        locate::line_of(self.source, &self.original(pointer))
    }

    /// The number of errors so far.
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// Whether no error was recorded.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// The errors, in the order they were found.
    pub fn into_errors(self) -> Vec<SpecError> {
        self.into_errors_where(|_| true)
    }

    /// The errors at the places `keep` accepts, in the order they were found.
    pub fn into_errors_where(self, keep: impl Fn(&str) -> bool) -> Vec<SpecError> {
        let source = self.source;
        let (origins, converted_from) = (self.origins, self.converted_from);
        self.errors
            .into_iter()
            .enumerate()
            .filter(|(_, (error, _))| keep(&error.pointer))
            .map(|(at, (mut error, locate))| {
                if at >= converted_from && !origins.is_empty() {
                    error.pointer = origins.original(&error.pointer);
                }
                if locate {
                    error.line = locate::line_of(source, &error.pointer);
                }
                error
            })
            .collect()
    }
}

/// Builds child pointers: `child("paths", "/v1/x")` → `paths./v1/x`.
pub fn child(pointer: &str, key: &str) -> String {
    if pointer.is_empty() {
        key.to_owned()
    } else {
        format!("{pointer}.{key}")
    }
}

/// `index("a.parameters", 2)` → `a.parameters[2]`.
pub fn index(pointer: &str, i: usize) -> String {
    format!("{pointer}[{i}]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_all_parts() {
        let e = SpecError {
            pointer: "paths./x.get".into(),
            line: Some(7),
            message: "bad".into(),
            help: "fix it".into(),
        };
        assert_eq!(
            render_error("spec.yaml", &e),
            "spec.yaml:7: error at `paths./x.get`: bad\n  help: fix it"
        );
        let e = SpecError {
            line: None,
            pointer: String::new(),
            ..e
        };
        assert_eq!(
            render_error("spec.yaml", &e),
            "spec.yaml: error: bad\n  help: fix it"
        );
    }

    #[test]
    fn finds_lines_and_drops_repeats() {
        let mut d = Diagnostics::new("a:\n  b: 1\n");
        d.error("a.b", "m", "h");
        d.error("a.b", "m", "h");
        assert_eq!(d.len(), 1);
        assert_eq!(d.into_errors()[0].line, Some(2));
    }

    #[test]
    fn pointers() {
        assert_eq!(child("", "paths"), "paths");
        assert_eq!(child("paths", "/v1/x"), "paths./v1/x");
        assert_eq!(index("p", 3), "p[3]");
    }
}

/// Edit distance, for "did you mean" hints.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let next = (row[j + 1] + 1).min(row[j] + 1).min(prev + cost);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod distance_tests {
    use super::distance;

    #[test]
    fn edit_distance() {
        assert_eq!(distance("Customer", "Customer"), 0);
        assert_eq!(distance("Custmer", "Customer"), 1);
        assert_eq!(distance("", "abc"), 3);
    }
}
