//! The pipeline over the product spec: it must model and generate without a single
//! error. The real-world corpus is covered by `tests/corpus` (`generate.rs`).

use jeri_codegen::{Settings, generate, render_error};

fn read(path: &str) -> String {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("reading {full}: {e}"))
}

fn assert_clean(path: &str, settings: &Settings) -> proc_macro2::TokenStream {
    let output = generate(&read(path), settings);
    let rendered: Vec<String> = output
        .errors
        .iter()
        .map(|e| render_error(path, e))
        .collect();
    assert!(rendered.is_empty(), "{}", rendered.join("\n"));
    output.tokens
}

#[test]
fn product_spec_generates_cleanly() {
    assert_clean("../../spec/openapi.yaml", &Settings::default());
    let types_only = Settings {
        types_only: true,
        ..Settings::default()
    };
    assert_clean("../../spec/openapi.yaml", &types_only);
}
