//! Editing the spec regenerates the client on the next build: a scratch crate built
//! outside the workspace (from `tests/regeneration-template/`) picks up an operation and a
//! field added to its spec, with and without a change to its own code.
//!
//! The first run compiles jeri-client's dependency tree into a target directory under
//! `CARGO_TARGET_TMPDIR` that later runs reuse; each build after that compiles only the
//! scratch crate.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{SystemTime, UNIX_EPOCH};

const TEMPLATE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/regeneration-template");
const WORKSPACE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// A scratch crate of its own per run, so that concurrent runs of this test never write
/// the same files; they share only the target directory, which cargo locks.
struct Scratch {
    dir: PathBuf,
    package: String,
    target: PathBuf,
}

impl Scratch {
    fn new() -> Self {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("regeneration");
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|elapsed| elapsed.subsec_nanos())
            .unwrap_or_default();
        let package = format!("regeneration-{}-{nanos}", std::process::id());
        let dir = root.join(&package);
        std::fs::create_dir_all(dir.join("src")).expect("create the scratch crate");
        let scratch = Self {
            dir,
            package,
            target: root.join("target"),
        };
        scratch.write("Cargo.toml", &scratch.manifest());
        // The workspace's lock file pins the same dependency versions the workspace
        // already built, so the scratch build resolves offline.
        std::fs::copy(
            Path::new(WORKSPACE).join("Cargo.lock"),
            scratch.dir.join("Cargo.lock"),
        )
        .expect("copy Cargo.lock");
        scratch
    }

    fn manifest(&self) -> String {
        let workspace = std::fs::canonicalize(WORKSPACE).expect("workspace directory");
        let workspace = workspace.display();
        format!(
            r#"[package]
name = "{package}"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
jeri-client = {{ path = "{workspace}/jeri-client" }}
jeri-macros = {{ path = "{workspace}/jeri-macros" }}
jeri-runtime = {{ path = "{workspace}/jeri-runtime" }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"

# Not part of the jeri workspace.
[workspace]

# The workspace's dev profile, so the dependency tree builds the same way.
[profile.dev]
debug = "line-tables-only"

[profile.dev.package."*"]
debug = false
"#,
            package = self.package,
        )
    }

    fn write(&self, relative: &str, contents: &str) {
        std::fs::write(self.dir.join(relative), contents)
            .unwrap_or_else(|error| panic!("write {relative}: {error}"));
    }

    fn use_template(&self, template: &str, relative: &str) {
        let contents = std::fs::read_to_string(Path::new(TEMPLATE).join(template))
            .unwrap_or_else(|error| panic!("read template {template}: {error}"));
        self.write(relative, &contents);
    }

    fn cargo(&self, subcommand: &str) -> Output {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        Command::new(cargo)
            .arg(subcommand)
            .arg("--quiet")
            .arg("--offline")
            .arg("--manifest-path")
            .arg(self.dir.join("Cargo.toml"))
            .arg("--target-dir")
            .arg(&self.target)
            .env_remove("CARGO_TARGET_DIR")
            .output()
            .unwrap_or_else(|error| panic!("run cargo {subcommand}: {error}"))
    }

    /// Builds and runs the scratch crate; its standard output.
    fn run(&self) -> String {
        let output = self.cargo("run");
        assert!(
            output.status.success(),
            "cargo run failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Builds the scratch crate, expecting failure; its error output.
    fn build_error(&self) -> String {
        let output = self.cargo("build");
        assert!(
            !output.status.success(),
            "the build succeeded, but it should have failed"
        );
        String::from_utf8_lossy(&output.stderr).into_owned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        // The shared target directory keeps the dependencies for the next run; the
        // sources and this run's own artifacts go, so runs do not pile up.
        let _ = std::fs::remove_dir_all(&self.dir);
        let crate_name = self.package.replace('-', "_");
        let debug = self.target.join("debug");
        for dir in ["", "deps", ".fingerprint", "incremental"] {
            let Ok(entries) = std::fs::read_dir(debug.join(dir)) else {
                continue;
            };
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let ours = [&self.package, &crate_name].into_iter().any(|own| {
                    name == *own
                        || name.starts_with(&format!("{own}-"))
                        || name.starts_with(&format!("{own}."))
                });
                if ours {
                    let path = entry.path();
                    let _ = if path.is_dir() {
                        std::fs::remove_dir_all(path)
                    } else {
                        std::fs::remove_file(path)
                    };
                }
            }
        }
    }
}

#[test]
fn editing_the_spec_regenerates_the_client() {
    let scratch = Scratch::new();
    scratch.use_template("spec_v1.yaml", "spec.yaml");
    scratch.use_template("main_v1.rs", "src/main.rs");
    assert_eq!(scratch.run(), "Customer { id: \"c-1\" }\n");

    // Only the spec changes: the build must notice it and regenerate.
    scratch.use_template("spec_v2.yaml", "spec.yaml");
    assert_eq!(
        scratch.run(),
        "Customer { id: \"c-1\", nickname: Some(\"Ana\") }\n"
    );

    // Code that needs the new operation and field compiles and runs against the new spec.
    scratch.use_template("main_v2.rs", "src/main.rs");
    assert_eq!(
        scratch.run(),
        "{\"id\":\"c-1\",\"nickname\":\"Ana\"}\nlistCoupons is generated\n"
    );

    // ...and only against the new spec: back on the first one, it no longer compiles.
    scratch.use_template("spec_v1.yaml", "spec.yaml");
    let errors = scratch.build_error();
    assert!(errors.contains("list_coupons"), "{errors}");
    assert!(errors.contains("nickname"), "{errors}");
}
