//! The generated servers judged by schemathesis, a second independent judge: for each
//! spec, the generated server (implemented by its `ExampleServer`) runs on loopback and
//! schemathesis sends it requests built from the spec, valid and invalid. Its checks:
//! a valid request is never refused (`positive_data_acceptance`), an invalid one is
//! refused with a 4XX (`negative_data_rejection`), and nothing answers 5XX
//! (`not_a_server_error`). Operations the `ExampleServer` leaves at `501` are excluded.

use std::path::{Path, PathBuf};
use std::process::Command;

use jeri_codegen::model::{Api, SecurityKind};
use jeri_conformance::Spec;

/// Requests per operation and phase: enough to find a refused valid request or an
/// accepted invalid one, few enough for CI.
const MAX_EXAMPLES: &str = "10";

/// The `schemathesis` executable, installed by `.ci/schemathesis-install.sh`; see
/// [`installed_by`](crate::tools::installed_by).
pub fn installed() -> Option<PathBuf> {
    crate::tools::installed_by("schemathesis-install.sh", "schemathesis")
}

/// A header with a made-up credential for every security scheme sent in a header (the
/// generated server checks that one is there, and accepts any value).
fn credential_headers(api: &Api) -> Vec<String> {
    let mut headers = Vec::new();
    let mut authorization = false;
    for scheme in &api.security_schemes {
        match &scheme.kind {
            SecurityKind::ApiKeyHeader(name) => headers.push(format!("{name}: example-secret")),
            SecurityKind::Bearer if !authorization => {
                authorization = true;
                headers.push("Authorization: Bearer example-secret".to_owned());
            }
            SecurityKind::Basic if !authorization => {
                authorization = true;
                // `user:password`.
                headers.push("Authorization: Basic dXNlcjpwYXNzd29yZA==".to_owned());
            }
            SecurityKind::ApiKeyCookie(name) => {
                headers.push(format!("Cookie: {name}=example-secret"));
            }
            _ => {}
        }
    }
    headers
}

/// One failure schemathesis reported: the operation (`POST /pet`) and its report.
pub type Failure = (String, String);

/// What schemathesis found for one spec: every failure it reported (none when every
/// check passed), or why it could not run.
pub async fn judge(schemathesis: &Path, spec: &Spec, api: &Api) -> Result<Vec<Failure>, String> {
    let (url, task) = crate::proxied::serve(spec).await?;
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("conformance")
        .join(format!("schemathesis-{}", spec.name));
    std::fs::create_dir_all(&work).map_err(|error| format!("{}: {error}", work.display()))?;
    let mut command = Command::new(schemathesis);
    command
        .current_dir(&work)
        .arg("run")
        .arg(spec.path())
        .args(["--url", &url])
        .args([
            "--checks",
            "not_a_server_error,positive_data_acceptance,negative_data_rejection",
        ])
        .args([
            "--max-examples",
            MAX_EXAMPLES,
            "--seed",
            "1",
            "--workers",
            "1",
        ])
        .args(["--generation-database", "none", "--request-timeout", "10"])
        .arg("--no-color");
    for header in credential_headers(api) {
        command.args(["--header", &header]);
    }
    for (id, _) in spec.answers_left_out {
        command.args(["--exclude-operation-id", id]);
    }
    let output = tokio::task::spawn_blocking(move || command.output())
        .await
        .map_err(|error| format!("schemathesis did not finish: {error}"))?
        .map_err(|error| format!("schemathesis did not start: {error}"));
    task.abort();
    let output = output?;
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    std::fs::write(work.join("output.txt"), &text)
        .map_err(|error| format!("{}: {error}", work.display()))?;
    let found = failures(&text);
    match (output.status.success(), found.is_empty()) {
        (true, _) => Ok(Vec::new()),
        (false, false) => Ok(found),
        (false, true) => Err(format!(
            "schemathesis failed without a report of failures: {}",
            tail(&text)
        )),
    }
}

/// The failures of schemathesis's report: the section between `FAILURES` and
/// `SUMMARY`, one block per operation under a `____ POST /pet ____` title.
fn failures(text: &str) -> Vec<Failure> {
    let Some(start) = text.find("= FAILURES =") else {
        return Vec::new();
    };
    let section = &text[start..];
    let section = section
        .find("= SUMMARY =")
        .map_or(section, |end| &section[..end]);
    let mut found: Vec<Failure> = Vec::new();
    for line in section.lines().skip(1) {
        let title = line.trim_matches('_').trim();
        if line.starts_with("___") && !title.is_empty() {
            found.push((title.to_owned(), String::new()));
        } else if let Some((_, block)) = found.last_mut() {
            block.push_str(line);
            block.push('\n');
        }
    }
    found
}

/// The last lines of `text`.
fn tail(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(30)..].join("\n")
}
