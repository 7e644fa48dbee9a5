//! The one locator of the shared test data (`../shared` beside the repository: real
//! specs under `specs/`, other generators' bug cases under `cases/`), with the one rule
//! for its absence: outside CI a test says why and skips; under `CI=true` it fails, so CI
//! cannot pass by skipping.

use std::path::PathBuf;

/// `../shared/<relative>` (a file or a directory), or `None` after printing why the
/// caller skips. Panics under `CI=true` when it is absent.
pub fn shared(relative: &str) -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let path = root.join(relative);
    if path.exists() {
        return Some(path);
    }
    let why = format!("the shared test data is not at {}", path.display());
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{why}; CI needs it"
    );
    eprintln!("skipping: {why}");
    None
}

/// The text of `../shared/<relative>`, or `None` as [`shared`] says.
pub fn shared_text(relative: &str) -> Option<String> {
    let path = shared(relative)?;
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(error) => panic!("cannot read {}: {error}", path.display()),
    }
}
