//! Every spec of the corpus gives a client that type-checks: one scratch crate per spec,
//! each a single `generate!` of the spec where it lies (with its `skip(...)` list), all in
//! one scratch workspace under the target directory so that the dependencies are checked
//! once, then `cargo check` per crate.
//!
//! `cargo check`, not a full build: the huge specs (github's 767 operations, stripe's 468,
//! inventree's 648, klaviyo's 345) expand to megabytes of code, and type-checking is what
//! proves the client is valid Rust; code generation for them would multiply CI time
//! without checking anything more. The small specs are also built in full and called over
//! loopback by this crate's other tests. The macro runs optimized in the scratch
//! workspace (`build-override`), as it would in a release build of a user's crate, and
//! the runtime is checked without its default features: TLS and HTTP/2 change nothing
//! the generated code can see, and building a TLS library from source would dominate
//! the check's time.
//!
//! It prints a table, one row per spec: operations generated of those in the spec, what is
//! skipped and why, and the check's wall time, CPU time and peak memory (from
//! `/usr/bin/time`, the largest resident set of cargo and the compilers it ran; where
//! that program is missing, only the wall time). BENCHMARKS.md §7 records one run.
//!
//! Which specs: under `CI=true`, all of them. Elsewhere the four huge ones (klaviyo,
//! inventree, stripe, github: most of the run's time) are left out unless
//! `JERI_TYPE_CHECK_SPECS=all`; `JERI_TYPE_CHECK_SPECS=nexus,stripe` checks only the specs
//! whose file names contain one of those words.

mod count;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use count::operation_count;
use jeri_corpus::specs::{CorpusSpec, SPECS, corpus_dir};

fn crate_name(spec: &CorpusSpec) -> String {
    let stem = Path::new(spec.file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("spec");
    let cleaned: String = stem
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("corpus_{cleaned}")
}

/// Writes the scratch workspace; returns its directory.
fn write_workspace(corpus: &Path) -> std::io::Result<PathBuf> {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("corpus-type-check");
    let mut members = String::new();
    for spec in SPECS {
        let name = crate_name(spec);
        let dir = root.join(&name);
        std::fs::create_dir_all(dir.join("src"))?;
        let _ = writeln!(members, "    \"{name}\",");
        let manifest = format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\n\
             jeri-macros = {{ path = {macros:?} }}\n\
             jeri-runtime = {{ path = {runtime:?}, default-features = false }}\n\
             serde = {{ version = \"1\", features = [\"derive\"] }}\n\
             serde_json = \"1\"\n",
            macros = repo.join("jeri-macros"),
            runtime = repo.join("jeri-runtime"),
        );
        std::fs::write(dir.join("Cargo.toml"), manifest)?;
        let skip = spec
            .skip
            .iter()
            .map(|(op, _)| format!("{op:?}"))
            .collect::<Vec<_>>();
        let settings = if skip.is_empty() {
            String::new()
        } else {
            format!(", skip({})", skip.join(", "))
        };
        let path = corpus.join(spec.file);
        let lib = format!(
            "#![allow(missing_docs)]\njeri_macros::generate!({:?}{settings});\n",
            path.to_string_lossy()
        );
        std::fs::write(dir.join("src/lib.rs"), lib)?;
    }
    let workspace = format!(
        "[workspace]\nresolver = \"3\"\nmembers = [\n{members}]\n\n\
         [profile.dev]\ndebug = false\n\
         # Every run checks from scratch, so its table measures a full check.\n\
         incremental = false\n\n\
         [profile.dev.build-override]\nopt-level = 3\n"
    );
    std::fs::write(root.join("Cargo.toml"), workspace)?;
    // The project's lock file, so the scratch workspace checks against the same
    // dependency versions and needs no registry update.
    std::fs::copy(repo.join("Cargo.lock"), root.join("Cargo.lock"))?;
    Ok(root)
}

/// What one `cargo check` cost: wall seconds always; CPU seconds (user and system) and
/// peak resident memory in KiB where `/usr/bin/time` is there to measure them.
struct Cost {
    wall: f64,
    cpu: Option<f64>,
    peak_kib: Option<u64>,
}

/// GNU time, which reports the children's CPU time and largest resident set.
const TIME: &str = "/usr/bin/time";

fn cargo_check(root: &Path, package: Option<&str>) -> (bool, String, Cost) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let report = root.join("time.txt");
    let timed = Path::new(TIME).is_file();
    let mut command = if timed {
        let mut command = Command::new(TIME);
        command
            .arg("-f")
            .arg("%U %S %M")
            .arg("-o")
            .arg(&report)
            .arg(cargo);
        command
    } else {
        Command::new(cargo)
    };
    command
        .current_dir(root)
        .args(["check", "--quiet", "--message-format=short"])
        .env("CARGO_TARGET_DIR", root.join("target"))
        .env_remove("RUSTFLAGS");
    match package {
        Some(name) => command.args(["-p", name]),
        None => command.args(["-p", "jeri-runtime"]),
    };
    let started = Instant::now();
    let output = command.output();
    let mut cost = Cost {
        wall: started.elapsed().as_secs_f64(),
        cpu: None,
        peak_kib: None,
    };
    if timed && let Ok(text) = std::fs::read_to_string(&report) {
        // The last line: GNU time puts a note about a failed command before it.
        let fields: Vec<&str> = text
            .lines()
            .last()
            .unwrap_or_default()
            .split_whitespace()
            .collect();
        if let [user, system, peak] = fields.as_slice() {
            cost.cpu = user
                .parse::<f64>()
                .ok()
                .zip(system.parse::<f64>().ok())
                .map(|(u, s)| u + s);
            cost.peak_kib = peak.parse().ok();
        }
    }
    match output {
        Ok(output) => (
            output.status.success(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
            cost,
        ),
        Err(error) => (false, format!("cargo could not run: {error}"), cost),
    }
}

/// The four specs whose clients are megabytes of code: minutes each to check.
const HUGE: &[&str] = &["klaviyo", "inventree", "stripe", "github"];

/// The specs to check: those `JERI_TYPE_CHECK_SPECS` names when it is set; else all of
/// them under `CI=true` (or `JERI_TYPE_CHECK_SPECS=all`); else all but the huge ones,
/// naming them, so that a local `cargo test` stays quick.
fn chosen_specs() -> Vec<&'static CorpusSpec> {
    let filter = std::env::var("JERI_TYPE_CHECK_SPECS").unwrap_or_default();
    let ci = std::env::var("CI").as_deref() == Ok("true");
    let words: Vec<&str> = filter
        .split(',')
        .filter(|w| !w.is_empty() && *w != "all")
        .collect();
    if words.is_empty() && !ci && filter != "all" {
        println!(
            "not checking the huge specs ({}) outside CI; \
             JERI_TYPE_CHECK_SPECS=all (or CI=true) checks them too",
            HUGE.join(", ")
        );
        return SPECS
            .iter()
            .filter(|spec| !HUGE.iter().any(|w| spec.file.contains(w)))
            .collect();
    }
    SPECS
        .iter()
        .filter(|spec| words.is_empty() || words.iter().any(|w| spec.file.contains(w)))
        .collect()
}

fn skipped(spec: &CorpusSpec) -> String {
    if spec.skip.is_empty() {
        return "none".to_owned();
    }
    spec.skip
        .iter()
        .map(|(op, why)| format!("`{op}`: {why}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The scratch workspace checks the dependencies once, then one crate per spec; the whole
/// corpus within CI's budget on 2 cores (BENCHMARKS.md §7).
#[test]
fn every_corpus_spec_type_checks() {
    let Some(corpus) = corpus_dir() else {
        return;
    };
    let root = write_workspace(&corpus).expect("the scratch workspace is written");
    let (ok, stderr, cost) = cargo_check(&root, None);
    assert!(ok, "the runtime does not check:\n{stderr}");
    println!(
        "dependencies (jeri-runtime and what it needs): {:.1} s\n",
        cost.wall
    );
    let mut table = String::from(
        "| spec | operations generated / in spec | skipped (why) | check wall s | check CPU s | peak memory MiB |\n\
         |---|---:|---|---:|---:|---:|\n",
    );
    let mut failures = Vec::new();
    let mut total = 0.0;
    for spec in chosen_specs() {
        let source = std::fs::read_to_string(corpus.join(spec.file)).unwrap_or_default();
        let in_spec = operation_count(&source);
        let name = crate_name(spec);
        let (ok, stderr, cost) = cargo_check(&root, Some(&name));
        total += cost.wall;
        let row = format!(
            "| `{}` | {} / {in_spec} | {} | {:.1} | {} | {} |",
            spec.file,
            in_spec.saturating_sub(spec.skip.len()),
            skipped(spec),
            cost.wall,
            cost.cpu.map_or("n/a".to_owned(), |cpu| format!("{cpu:.1}")),
            cost.peak_kib
                .map_or("n/a".to_owned(), |kib| format!("{}", kib / 1024)),
        );
        println!("{row}{}", if ok { "" } else { " FAILS" });
        let _ = writeln!(table, "{row}");
        if !ok {
            let excerpt: String = stderr.lines().take(40).collect::<Vec<_>>().join("\n");
            failures.push(format!("{}:\n{excerpt}", spec.file));
        }
    }
    let summary = format!("{table}\nall specs: {total:.0} s of checking (wall clock)\n");
    println!("\n{summary}");
    // Kept where CI prints it after the tests (`.ci/run`): a passing test's output is
    // captured, and the table is the per-spec record of this run's costs.
    std::fs::write(root.join("table.md"), &summary).expect("the table is written");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
