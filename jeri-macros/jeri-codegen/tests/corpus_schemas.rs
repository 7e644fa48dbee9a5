//! Schema constructs of the real-world corpus in `../shared/specs/`: every schema of every
//! spec must model without an error. Operation-level problems (bodies, parameters,
//! security, known defects of a spec) are not counted here.

use std::collections::BTreeMap;
use std::path::PathBuf;

use jeri_codegen::{Settings, generate};

/// The corpus directory, or `None` (with the reason printed) when it is absent outside CI.
fn corpus() -> Option<PathBuf> {
    jeri_test_support::shared("specs")
}

/// Whether an error is about a schema (under `components.schemas` or a `schema` node),
/// not about what a parameter can carry.
fn is_schema_error(pointer: &str) -> bool {
    (pointer.starts_with("components.schemas") || pointer.contains(".schema"))
        && !pointer.contains(".parameters")
}

/// The error's message with its quoted parts blanked: one key per kind of problem.
fn kind(message: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for c in message.chars() {
        if c == '`' {
            quoted = !quoted;
            out.push_str(if quoted { "`…" } else { "`" });
        } else if !quoted {
            out.push(c);
        }
    }
    out
}

fn assert_schemas_model(only: &[&str]) {
    let Some(dir) = corpus() else { return };
    let mut specs: Vec<PathBuf> = ["", "realworld"]
        .iter()
        .filter_map(|sub| std::fs::read_dir(dir.join(sub)).ok())
        .flatten()
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json" || e == "yaml"))
        .filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            only.is_empty() || only.iter().any(|o| name.contains(o))
        })
        .collect();
    specs.sort();
    assert!(!specs.is_empty(), "no specs in {}", dir.display());
    let mut failures = Vec::new();
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for spec in &specs {
        let source = std::fs::read_to_string(spec).expect("readable spec");
        let output = generate(&source, &Settings::default());
        for error in output.errors.iter().filter(|e| is_schema_error(&e.pointer)) {
            *kinds.entry(kind(&error.message)).or_default() += 1;
            failures.push(format!(
                "{}: {}: {}",
                spec.file_name().unwrap_or_default().to_string_lossy(),
                error.pointer,
                error.message
            ));
        }
    }
    let summary: Vec<String> = kinds.iter().map(|(k, n)| format!("{n:5} {k}")).collect();
    assert!(
        failures.is_empty(),
        "{} schema errors by kind:\n{}\nfirst ones:\n{}",
        failures.len(),
        summary.join("\n"),
        failures
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The specs whose schemas used to fail (`allOf` of unions and values, names that collide
/// after case conversion), quick enough for every run.
#[test]
fn hyperswitch_and_kratos_schemas_model() {
    assert_schemas_model(&["hyperswitch", "kratos"]);
}

/// Every spec of the corpus; minutes in a debug build (inventree, stripe, github), so run
/// on demand: `cargo test -p jeri-codegen --test corpus_schemas -- --ignored`.
#[test]
#[ignore = "minutes in a debug build; run with --ignored"]
fn every_corpus_schema_models() {
    assert_schemas_model(&[]);
}

/// Every JSON spec of the corpus that `load` reads directly (no rewriting needed) reads
/// as the general way reads it, and the plain ones are taken directly.
#[test]
fn plain_json_specs_load_as_the_general_way_loads_them() {
    let Some(dir) = corpus() else { return };
    let mut direct = Vec::new();
    for sub in ["", "realworld"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for path in entries.filter_map(Result::ok).map(|entry| entry.path()) {
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let source = std::fs::read_to_string(&path).expect("read the spec");
            let Some(plain) = jeri_codegen::load::plain_json(&source) else {
                continue;
            };
            let mut diag = jeri_codegen::diagnostics::Diagnostics::new(&source);
            let general = jeri_codegen::load::load_general(&source, &mut diag);
            assert_eq!(
                serde_json::to_value(Some(plain)).ok(),
                serde_json::to_value(general).ok(),
                "{}",
                path.display()
            );
            direct.push(
                path.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
            );
        }
    }
    direct.sort();
    eprintln!("read directly: {direct:?}");
    assert!(direct.contains(&"nexus.json".to_owned()), "{direct:?}");
}
