//! The independent judges (Prism, schemathesis), installed by the project's own scripts
//! under `.ci/` into the build directory.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The executable `script` (under `.ci/`) installs and prints; `None` (with the reason
/// printed) when `tool` cannot be installed outside CI. Under `CI=true` that is a failure.
pub fn installed_by(script: &str, tool: &str) -> Option<PathBuf> {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../.ci")
        .join(script);
    let why = match Command::new("bash").arg(&script).output() {
        Ok(output) if output.status.success() => {
            let path = String::from_utf8_lossy(&output.stdout).trim().to_owned();
            if Path::new(&path).is_file() {
                return Some(PathBuf::from(path));
            }
            format!("{} printed no executable ({path:?})", script.display())
        }
        Ok(output) => format!(
            "{} failed: {}",
            script.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        ),
        Err(error) => format!("bash could not run {}: {error}", script.display()),
    };
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{tool} is needed under CI=true, but {why}"
    );
    eprintln!("skipping: {tool} could not be installed ({why})");
    None
}
