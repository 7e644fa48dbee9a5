//! The generated clients judged by Prism, an independent mock server that validates each
//! request against the spec and answers with responses it builds from the spec.
//!
//! For each spec of `jeri_conformance::SPECS`: every example call (the `example_calls`
//! setting) is sent through `prism mock`, which flags a request that breaks the spec (a
//! 422, or its `sl-violations` header); then every documented response of every
//! operation is asked for (`Prefer: code=NNN`; `default` with a status the operation
//! does not list), in static mode (from the spec's examples) and in dynamic mode (made
//! up from the schemas, `dynamic=true`) with three seeds, and the client must decode it:
//! a success as its type, an error status as an `Error::Api` whose body matches the
//! documented schema. Then the generated server of the spec, implemented by its
//! `ExampleServer`, answers every example call behind `prism proxy --errors`, which
//! validates the request and the server's answer (`proxied.rs`). Every failure is a bug
//! of ours or a defect of the spec named in
//! `defects.rs`; one that is neither fails the test.
//!
//! The table of the run (per spec: operations, example calls, requests accepted,
//! responses decoded, server answers accepted) is printed and kept in `target/tmp/conformance/table.md`, which
//! CI prints; CONFORMANCE.md records one.
//!
//! Which specs: all of `SPECS` (hyperswitch and talon-one only when built with the
//! `large` feature: `cargo test -p jeri-conformance --features large`);
//! `JERI_CONFORMANCE_SPECS=nexus,keeper` runs those whose names contain one of the words.

mod defects;
mod judge;
mod observer;
mod proxied;
mod schemathesis;
mod server;
mod tools;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use jeri_codegen::diagnostics::Diagnostics;
use jeri_codegen::model::{Api, SecurityKind, StatusMatch};
use jeri_conformance::{SPECS, Spec};
use jeri_runtime::{RetryPolicy, Transport};

use judge::{Judged, Tally, judge};
use observer::Observer;
use server::Prism;

/// The seeds of dynamic mode: three runs of made-up responses.
const SEEDS: [u32; 3] = [1, 2, 3];

/// The model of the spec, for its operations' documented statuses and its security
/// schemes.
fn model_of(spec: &Spec) -> Result<Api, String> {
    let path = spec.path();
    let source = std::fs::read_to_string(&path)
        .map_err(|error| format!("{} cannot be read: {error}", path.display()))?;
    let mut diag = Diagnostics::new(&source);
    let doc = jeri_codegen::load::load(&source, &mut diag)
        .ok_or_else(|| format!("{} does not load", path.display()))?;
    Ok(jeri_codegen::build::build(&doc, &mut diag).api)
}

/// A transport to Prism with a credential for every security scheme (Prism refuses a
/// request without one with 401), the observer, and no retries: every answer is seen.
fn transport(spec: &Spec, api: &Api, url: &str, observer: &Observer) -> Transport {
    let mut builder = (spec.transport_builder)()
        .base_url(url)
        .retry_policy(RetryPolicy::disabled())
        .hook(observer.clone());
    for scheme in &api.security_schemes {
        builder = match scheme.kind {
            SecurityKind::Basic => {
                builder.scheme_basic_auth(scheme.name.clone(), "user", "password")
            }
            _ => builder.scheme_secret(scheme.name.clone(), "example-secret"),
        };
    }
    builder.build().expect("the transport builds")
}

/// The statuses to ask Prism for: each documented code, a range's first code, and for
/// `default` a server error the operation does not list.
fn statuses(api: &Api, id: &str) -> Vec<(String, u16)> {
    let Some(op) = api.operations.iter().find(|op| op.id == id) else {
        return Vec::new();
    };
    let listed: Vec<u16> = op
        .responses
        .iter()
        .filter_map(|response| match response.status {
            StatusMatch::Code(code) => Some(code),
            _ => None,
        })
        .collect();
    op.responses
        .iter()
        .filter_map(|response| {
            let code = match response.status {
                StatusMatch::Code(code) => code,
                StatusMatch::Range(hundreds) => hundreds * 100,
                StatusMatch::Default => (500..600).find(|code| !listed.contains(code))?,
            };
            Some((response.status.label(), code))
        })
        .collect()
}

/// One spec's results.
struct Row {
    name: &'static str,
    operations: usize,
    calls: usize,
    left_out: usize,
    accepted: usize,
    static_mode: Tally,
    dynamic_mode: Tally,
    /// Example calls that passed through `prism proxy --errors` to the generated server.
    server_passed: usize,
    /// Failures, each once: `operationId`, what was asked, what went wrong.
    failures: Vec<(String, String, String)>,
}

impl Row {
    fn fail(&mut self, id: &str, asked: &str, why: String) {
        if !self
            .failures
            .iter()
            .any(|(i, a, w)| i == id && a == asked && *w == why)
        {
            self.failures.push((id.to_owned(), asked.to_owned(), why));
        }
    }
}

async fn run_spec(prism: &std::path::Path, spec: &Spec) -> Result<Row, String> {
    let api = model_of(spec)?;
    let mut row = Row {
        name: spec.name,
        operations: spec.calls + spec.left_out.len(),
        calls: spec.calls,
        left_out: spec.left_out.len(),
        accepted: 0,
        static_mode: Tally::default(),
        dynamic_mode: Tally::default(),
        server_passed: 0,
        failures: Vec::new(),
    };
    for (id, why) in spec.left_out {
        row.fail(id, "example call", format!("left out: {why}"));
    }
    for seed in SEEDS {
        let server = Prism::mock(prism, &spec.path(), seed)?;
        let observer = Observer::default();
        let transport = transport(spec, &api, &server.url, &observer);
        if seed == SEEDS[0] {
            for index in 0..spec.calls {
                observer.prefer(None);
                let Some((id, sent)) = (spec.call)(&transport, index) else {
                    break;
                };
                let result = sent.await;
                let seen = observer.seen();
                match (&result, seen.status, seen.request_violations()) {
                    (Err(jeri_runtime::Error::InvalidInput { message, .. }), ..) => {
                        row.fail(id, "request", format!("not sent: {message}"))
                    }
                    (_, _, Some(violations)) => {
                        row.fail(id, "request", format!("Prism flags it: {violations}"))
                    }
                    (_, Some(422), None) => row.fail(id, "request", "Prism answers 422".into()),
                    (_, None, None) => row.fail(id, "request", "no answer".into()),
                    _ => row.accepted += 1,
                }
            }
        }
        let modes: &[bool] = if seed == SEEDS[0] {
            &[false, true]
        } else {
            &[true]
        };
        for &dynamic in modes {
            for index in 0..spec.calls {
                let id = match (spec.call)(&transport, index) {
                    Some((id, _unsent)) => id,
                    None => break,
                };
                for (label, code) in statuses(&api, id) {
                    let prefer = if dynamic {
                        format!("code={code}, dynamic=true")
                    } else {
                        format!("code={code}")
                    };
                    observer.prefer(Some(prefer));
                    let Some((_, sent)) = (spec.call)(&transport, index) else {
                        break;
                    };
                    let result = sent.await;
                    let tally = if dynamic {
                        &mut row.dynamic_mode
                    } else {
                        &mut row.static_mode
                    };
                    match judge(code, &result, &observer.seen()) {
                        Judged::Decoded => tally.decoded += 1,
                        Judged::NotBuilt => tally.not_built += 1,
                        Judged::Failed(why) => {
                            tally.failed += 1;
                            let mode = if dynamic { "dynamic" } else { "static" };
                            row.fail(id, &format!("{label} ({mode})"), why);
                        }
                    }
                }
            }
        }
    }
    proxied::check_server(prism, spec, &api, &mut row).await?;
    Ok(row)
}

fn chosen() -> Vec<&'static Spec> {
    let filter = std::env::var("JERI_CONFORMANCE_SPECS").unwrap_or_default();
    let words: Vec<&str> = filter.split(',').filter(|w| !w.is_empty()).collect();
    SPECS
        .iter()
        .filter(|spec| words.is_empty() || words.iter().any(|w| spec.name.contains(w)))
        .collect()
}

fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| spec | operations | example calls (left out) | requests accepted | responses decoded, static | responses decoded, dynamic (3 seeds) | server answers accepted (Prism proxy) | failures |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for row in rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} ({}) | {} / {} | {} | {} | {} / {} | {} |",
            row.name,
            row.operations,
            row.calls,
            row.left_out,
            row.accepted,
            row.calls,
            row.static_mode,
            row.dynamic_mode,
            row.server_passed,
            row.calls,
            row.failures.len(),
        );
    }
    out.push_str("\nFailures (operation, what was asked, cause):\n\n");
    for row in rows {
        for (id, asked, why) in &row.failures {
            // Named by the whole text; shown cut short.
            let cause = defects::named(row.name, id, why)
                .map_or_else(String::new, |defect| format!(" — {defect}"));
            let why: String = why.chars().take(400).collect();
            let _ = writeln!(out, "- {} `{id}` {asked}: {why}{cause}", row.name);
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_example_call_and_response_conforms_to_the_spec() {
    let Some(prism) = server::installed() else {
        return;
    };
    if SPECS.iter().all(|spec| !spec.corpus) {
        // The corpus specs are compiled only with the corpus; its build script has
        // said why (and failed under CI=true).
        eprintln!("the shared corpus was not found at build time: judging the product spec only");
    }
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for spec in chosen() {
        match run_spec(&prism, spec).await {
            Ok(row) => {
                println!("{}", table(std::slice::from_ref(&row)));
                rows.push(row);
            }
            Err(error) => errors.push(format!("{}: {error}", spec.name)),
        }
    }
    let table = table(&rows);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("conformance");
    std::fs::create_dir_all(&dir).expect("the table's directory is made");
    std::fs::write(dir.join("table.md"), &table).expect("the table is written");
    println!("\n{table}");
    let unnamed: Vec<String> = rows
        .iter()
        .flat_map(|row| {
            row.failures
                .iter()
                .filter(|(id, _, why)| defects::named(row.name, id, why).is_none())
                .map(move |(id, asked, why)| format!("{} `{id}` {asked}: {why}", row.name))
        })
        .collect();
    let per_spec: HashMap<&str, usize> = rows.iter().map(|row| (row.name, row.calls)).collect();
    assert!(errors.is_empty(), "Prism could not judge: {errors:?}");
    assert!(
        per_spec.values().all(|calls| *calls > 0),
        "a spec without example calls: {per_spec:?}"
    );
    assert!(
        unnamed.is_empty(),
        "{} failures are neither fixed nor a named defect of the spec:\n{}",
        unnamed.len(),
        unnamed.join("\n")
    );
}

/// The judge can fail: a request without the body the spec requires is flagged (so the
/// requests counted as accepted above were checked, not waved through).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prism_flags_a_request_that_breaks_the_spec() {
    let Some(prism) = server::installed() else {
        return;
    };
    let product = SPECS
        .iter()
        .find(|spec| spec.name == "product")
        .expect("the product spec is always compiled");
    let server = Prism::mock(&prism, &product.path(), 1).expect("Prism starts");
    let response = jeri_runtime::reqwest::Client::new()
        .post(format!("{}/v1/programs/p1/balance/increase", server.url))
        .header("content-type", "application/json")
        .header("api-key", "example-secret")
        .body("{}")
        .send()
        .await
        .expect("Prism answers");
    let seen = observer::Seen {
        status: Some(response.status().as_u16()),
        violations: response
            .headers()
            .get("sl-violations")
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned()),
    };
    let flagged = seen.request_violations().expect("the request is flagged");
    assert!(flagged.contains("must be array"), "{flagged}");
    assert!(!flagged.contains("security"), "{flagged}");
}

/// The generated server of every spec, implemented by its `ExampleServer`, judged by
/// schemathesis (`schemathesis.rs`): valid requests accepted, invalid ones refused with a
/// 4XX, no 5XX. The table is kept in `target/tmp/conformance/schemathesis.md`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn generated_servers_accept_valid_requests_and_refuse_invalid_ones() {
    let Some(schemathesis) = schemathesis::installed() else {
        return;
    };
    let mut table = String::from("| spec | operations judged | schemathesis |\n|---|---:|---|\n");
    let mut causes = String::new();
    let mut failed = Vec::new();
    for spec in chosen() {
        let api = match model_of(spec) {
            Ok(api) => api,
            Err(error) => {
                failed.push(format!("{}: {error}", spec.name));
                continue;
            }
        };
        let judged = spec.calls + spec.left_out.len() - spec.answers_left_out.len();
        let verdict = match schemathesis::judge(&schemathesis, spec, &api).await {
            Ok(found) if found.is_empty() => "passed".to_owned(),
            Ok(found) => {
                let _ = writeln!(causes, "\n{}:\n", spec.name);
                for (operation, report) in &found {
                    match defects::named(spec.name, "*", report) {
                        Some(defect) => {
                            let _ = writeln!(causes, "- `{operation}`: {defect}");
                        }
                        None => failed.push(format!("{} {operation}:\n{report}", spec.name)),
                    }
                }
                format!(
                    "{} failures (each named below, or a test failure)",
                    found.len()
                )
            }
            Err(error) => {
                failed.push(format!("{}: {error}", spec.name));
                "could not run".to_owned()
            }
        };
        let _ = writeln!(table, "| {} | {judged} | {verdict} |", spec.name);
    }
    table.push_str("\nNamed causes:\n");
    table.push_str(&causes);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("conformance");
    std::fs::create_dir_all(&dir).expect("the table's directory is made");
    std::fs::write(dir.join("schemathesis.md"), &table).expect("the table is written");
    println!("\n{table}");
    assert!(
        failed.is_empty(),
        "schemathesis found what is neither fixed nor a named defect:\n{}",
        failed.join("\n\n")
    );
}
