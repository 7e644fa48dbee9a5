//! Finds the shared corpus (`../shared/specs` and `../shared/cases` beside the repository).
//! When it is there, the crate is built with `cfg(corpus)` and generates its clients from
//! it; when it is not, the clients and their tests are left out with a warning, and under
//! `CI=true` the build fails: CI must never pass by skipping the corpus.

use std::path::PathBuf;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(corpus)");
    println!("cargo::rerun-if-env-changed=CI");
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let shared = manifest.join("../../../shared");
    let present = ["specs", "cases"]
        .iter()
        .all(|dir| shared.join(dir).is_dir());
    for dir in ["specs", "specs/realworld", "cases"] {
        println!("cargo::rerun-if-changed={}", shared.join(dir).display());
    }
    if present {
        println!("cargo::rustc-cfg=corpus");
        return;
    }
    let why = format!(
        "the shared corpus is not at {} (specs/ and cases/); the corpus clients and their tests are skipped",
        shared.display()
    );
    if std::env::var("CI").as_deref() == Ok("true") {
        eprintln!("error: {why}; under CI=true the corpus is required");
        std::process::exit(1);
    }
    println!("cargo::warning={why}");
}
