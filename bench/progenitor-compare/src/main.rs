//! Expansion time and generated code size of jeri-codegen and progenitor, side by side.
//!
//! Usage: `progenitor-compare [--budget-ms N] SPEC...`
//!
//! For every spec both generators run in this one process, back to back, from spec text to
//! tokens (parsing included, as the macros do it), repeated until the time budget is used
//! (at least three runs each); the median is reported. Code size is the line count of the
//! expansion pretty-printed with prettyplease, with the documentation lines among them
//! (doc comments, and doc attributes inside macro invocations). Progenitor only reads
//! JSON, so a YAML spec is converted to JSON text once, outside the timed region, and
//! progenitor times parsing that.
//! A generator that fails or panics on a spec gets its error or panic message in the
//! row. Prints a markdown table.

#[cfg(feature = "jeri")]
mod jeri_side;

use std::process::ExitCode;
use std::time::{Duration, Instant};

use proc_macro2::TokenStream;

/// What one generator did with one spec.
struct Measurement {
    /// Median wall time of one spec-text-to-tokens run.
    median: Duration,
    /// How many runs the median is over.
    runs: usize,
    /// Lines of the pretty-printed expansion, and how many of them are doc comments;
    /// `None` when it did not parse as a file.
    lines: Option<(usize, usize)>,
}

/// One spec as each generator reads it.
struct SpecInput {
    /// File name shown in the table.
    label: String,
    /// The text as written (YAML or JSON), given to jeri-codegen.
    text: String,
    /// The same document as JSON text, given to progenitor, or why it could not be
    /// written as JSON (a number JSON cannot hold, say).
    json: Result<String, String>,
    /// Number of operations in the spec, when it could be read as plain YAML.
    operations: Option<usize>,
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("progenitor-compare: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut budget = Duration::from_millis(2000);
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--budget-ms" {
            let value = args.next().ok_or("--budget-ms needs a value")?;
            let ms: u64 = value
                .parse()
                .map_err(|e| format!("--budget-ms {value}: {e}"))?;
            budget = Duration::from_millis(ms);
        } else {
            paths.push(arg);
        }
    }
    if paths.is_empty() {
        return Err("usage: progenitor-compare [--budget-ms N] SPEC...".into());
    }

    println!(
        "| spec | ops | jeri expand ms | progenitor expand ms | progenitor/jeri | jeri lines (docs) | progenitor lines (docs) | progenitor/jeri |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for path in &paths {
        let spec = load(path)?;
        let ours = measure(budget, || jeri(&spec.text));
        let theirs = match &spec.json {
            Ok(json) => measure(budget, || progenitor(json)),
            Err(why) => Err(why.clone()),
        };
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            spec.label,
            spec.operations.map_or("?".to_owned(), |n| n.to_string()),
            cell_ms(&ours),
            cell_ms(&theirs),
            ratio(
                theirs.as_ref().ok().map(|m| m.median.as_secs_f64()),
                ours.as_ref().ok().map(|m| m.median.as_secs_f64())
            ),
            cell_lines(&ours),
            cell_lines(&theirs),
            ratio(
                theirs
                    .as_ref()
                    .ok()
                    .and_then(|m| m.lines)
                    .map(|(n, _)| n as f64),
                ours.as_ref()
                    .ok()
                    .and_then(|m| m.lines)
                    .map(|(n, _)| n as f64)
            ),
        );
    }
    Ok(())
}

fn load(path: &str) -> Result<SpecInput, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    // YAML is a superset of JSON, so one parser reads both forms.
    let value: serde_yaml::Value = match serde_yaml::from_str(&text) {
        Ok(value) => value,
        // Not readable as plain YAML (openai's integer beyond 64 bits): progenitor cannot be
        // given it; jeri's own loader still reads the text.
        Err(error) => {
            return Ok(SpecInput {
                label: label_of(path),
                text,
                json: Err(format!("the spec cannot be read as YAML/JSON: {error}")),
                operations: None,
            });
        }
    };
    let operations = value
        .get("paths")
        .and_then(|paths| paths.as_mapping())
        .map(|paths| {
            paths
                .values()
                .filter_map(|item| item.as_mapping())
                .flat_map(|item| item.keys())
                .filter(|key| key.as_str().is_some_and(|key| METHODS.contains(&key)))
                .count()
        })
        .unwrap_or(0);
    let json = serde_yaml::from_value::<serde_json::Value>(value.clone())
        .map_err(|e| format!("the spec cannot be converted to JSON: {e}"))
        .and_then(|json| serde_json::to_string_pretty(&json).map_err(|e| e.to_string()));
    Ok(SpecInput {
        label: label_of(path),
        text,
        json,
        operations: Some(operations),
    })
}

fn label_of(path: &str) -> String {
    std::path::Path::new(path)
        .file_name()
        .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned())
}

/// Runs `generate` at least three times and until `budget` is spent; the last output is
/// pretty-printed for the line count.
fn measure(
    budget: Duration,
    mut generate: impl FnMut() -> Result<TokenStream, String>,
) -> Result<Measurement, String> {
    let mut times = Vec::new();
    let started = Instant::now();
    let mut last;
    loop {
        let t = Instant::now();
        // A generator that panics on a spec is a result to report, not the end of the run.
        last = std::panic::catch_unwind(std::panic::AssertUnwindSafe(&mut generate)).map_err(
            |panic| {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                format!("panicked: {message}")
            },
        )??;
        times.push(t.elapsed());
        if times.len() >= 3 && started.elapsed() >= budget {
            break;
        }
    }
    times.sort();
    let lines = syn::parse2::<syn::File>(last).ok().map(|file| {
        let text = prettyplease::unparse(&file);
        (text.lines().count(), doc_lines(&text))
    });
    Ok(Measurement {
        median: times[times.len() / 2],
        runs: times.len(),
        lines,
    })
}

#[cfg(feature = "jeri")]
fn jeri(text: &str) -> Result<TokenStream, String> {
    jeri_side::generate(text)
}

#[cfg(not(feature = "jeri"))]
fn jeri(_text: &str) -> Result<TokenStream, String> {
    Err("built without the `jeri` feature".into())
}

fn progenitor(json: &str) -> Result<TokenStream, String> {
    let spec: openapiv3::OpenAPI = serde_json::from_str(json).map_err(|e| e.to_string())?;
    progenitor::Generator::default()
        .generate_tokens(&spec)
        .map_err(|e| e.to_string())
}

fn cell_ms(m: &Result<Measurement, String>) -> String {
    match m {
        Ok(m) => format!("{:.2} (n={})", m.median.as_secs_f64() * 1000.0, m.runs),
        Err(e) => format!(
            "error: {}",
            e.replace('|', "/").lines().next().unwrap_or("")
        ),
    }
}

fn cell_lines(m: &Result<Measurement, String>) -> String {
    match m {
        Ok(Measurement {
            lines: Some((n, docs)),
            ..
        }) => format!("{n} ({docs})"),
        Ok(_) => "unparsable".into(),
        Err(_) => "–".into(),
    }
}

fn ratio(numerator: Option<f64>, denominator: Option<f64>) -> String {
    match (numerator, denominator) {
        (Some(n), Some(d)) if d > 0.0 => format!("{:.1}×", n / d),
        _ => "–".into(),
    }
}

/// Lines of the pretty-printed text that carry documentation: `///` and `//!` lines, the
/// lines of `/** */` blocks, and lines holding a `#[doc = ..]` attribute (as the insides
/// of macro invocations print docs; a line holding both code and a doc attribute counts
/// as documentation, and so does a doc string that wrapped onto the next line).
fn doc_lines(text: &str) -> usize {
    let mut count = 0;
    let mut in_block = false;
    let mut open_attr = false;
    for line in text.lines() {
        let line = line.trim_start();
        let is_doc = if in_block {
            in_block = !line.contains("*/");
            true
        } else if line.starts_with("///") || line.starts_with("//!") {
            true
        } else if line.starts_with("/**") || line.starts_with("/*!") {
            in_block = !line.contains("*/");
            true
        } else {
            open_attr && line.starts_with('"') || line.contains("#[doc")
        };
        open_attr = line.trim_end().ends_with("#[doc =");
        count += usize::from(is_doc);
    }
    count
}
