//! The generated code for `spec/openapi.yaml`, pretty-printed and compared with the
//! checked-in snapshot. Review the diff whenever the generator or the spec changes;
//! `JERI_UPDATE_SNAPSHOTS=1 cargo test -p jeri-codegen --test snapshots` rewrites it.

use std::path::{Path, PathBuf};

use jeri_codegen::{Scope, Settings, generate, render_error};

const HEADER: &str = "// The expansion of spec/openapi.yaml with `runtime = crate::runtime` and\n\
// `scope(CustomerClient = \"customerToken\")`. Written by\n\
// jeri-macros/jeri-codegen/tests/snapshots.rs; do not edit by hand.\n\n";

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn expand(spec: &Path, settings: &Settings) -> String {
    expand_with(spec, settings, HEADER)
}

fn expand_with(spec: &Path, settings: &Settings, header: &str) -> String {
    let source = std::fs::read_to_string(spec)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", spec.display()));
    let output = generate(&source, settings);
    let errors: Vec<String> = output
        .errors
        .iter()
        .map(|error| render_error(&spec.display().to_string(), error))
        .collect();
    assert!(
        errors.is_empty(),
        "the spec has errors:\n{}",
        errors.join("\n")
    );
    let file: syn::File = syn::parse2(output.tokens).expect("generated code parses");
    format!("{header}{}", prettyplease::unparse(&file))
}

fn check_snapshot(name: &str, actual: &str) {
    let path = manifest_dir().join("tests/snapshots").join(name);
    if std::env::var_os("JERI_UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().expect("snapshot dir")).expect("create dir");
        std::fs::write(&path, actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no snapshot at {}; run with JERI_UPDATE_SNAPSHOTS=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let first_difference = expected
            .lines()
            .zip(actual.lines())
            .position(|(left, right)| left != right)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} is out of date (first difference at line {}):\n  snapshot:  {:?}\n  generated: {:?}\n\
             review the change and run with JERI_UPDATE_SNAPSHOTS=1 to accept it",
            path.display(),
            first_difference + 1,
            expected.lines().nth(first_difference).unwrap_or(""),
            actual.lines().nth(first_difference).unwrap_or(""),
        );
    }
}

#[test]
fn jeri_spec_expansion_matches_snapshot() {
    let settings = Settings {
        runtime: syn::parse_quote!(crate::runtime),
        types_only: false,
        scopes: vec![Scope {
            client_name: "CustomerClient".to_string(),
            scheme: "customerToken".to_string(),
        }],
        ..Settings::default()
    };
    let spec = manifest_dir().join("../../spec/openapi.yaml");
    let expanded = expand(&spec, &settings);
    // The same input always gives the same text.
    assert_eq!(expanded, expand(&spec, &settings));
    check_snapshot("jeri.rs.snap", &expanded);
}

const SERVER_HEADER: &str = "// The expansion of spec/openapi.yaml with `server`. Written by\n\
// jeri-macros/jeri-codegen/tests/snapshots.rs; do not edit by hand. Compiled and served by\n\
// tests/server-specs/tests/snapshot.rs.\n\n";

#[test]
fn jeri_server_expansion_matches_snapshot() {
    let settings = Settings {
        server: Some(syn::parse_quote!(::jeri_server)),
        ..Settings::default()
    };
    let spec = manifest_dir().join("../../spec/openapi.yaml");
    let expanded = expand_with(&spec, &settings, SERVER_HEADER);
    assert_eq!(expanded, expand_with(&spec, &settings, SERVER_HEADER));
    check_snapshot("jeri-server.rs.snap", &expanded);
}
