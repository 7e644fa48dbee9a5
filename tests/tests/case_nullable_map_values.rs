//! `../shared/cases/04-nullable-map-values.yaml` (a map whose values are `nullable: true`),
//! held to its `# check:` line: "a body such as {…} decodes without error and re-encodes
//! the null value as null". The case is generated as it is on disk, then compiled and run
//! by trybuild with the body taken from that line.

use std::path::PathBuf;

const CASE: &str = "04-nullable-map-values.yaml";

/// The case file, or `None` (with the reason printed) when it is absent outside CI.
fn case_source() -> Option<String> {
    jeri_test_support::shared_text(&format!("cases/{CASE}"))
}

/// The JSON body the `# check:` line names: from its first `{` to the matching `}`.
fn checked_body(source: &str) -> String {
    let line = source
        .lines()
        .find_map(|line| line.strip_prefix("# check:"))
        .expect("the case has a `# check:` line");
    assert!(
        line.contains("decodes without error and re-encodes the null value as null"),
        "the check changed: {line}"
    );
    let start = line.find('{').expect("a JSON body in the check line");
    let mut depth = 0;
    for (offset, c) in line[start..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            return line[start..=start + offset].to_owned();
        }
    }
    panic!("unbalanced JSON body in the check line: {line}")
}

#[test]
fn nullable_map_values_decode_and_re_encode_as_null() {
    let Some(source) = case_source() else { return };
    let body = checked_body(&source);
    let settings = jeri_codegen::Settings {
        runtime: syn::parse_quote!(::jeri_client::runtime),
        types_only: true,
        ..jeri_codegen::Settings::default()
    };
    let output = jeri_codegen::generate(&source, &settings);
    assert!(output.errors.is_empty(), "{:?}", output.errors);
    let tokens = output.tokens;
    let program = quote::quote! {
        #tokens

        fn main() {
            let body = #body;
            let decoded: self::types::LabelSet =
                ::serde_json::from_str(body).expect("the body decodes");
            assert_eq!(decoded.labels.get("owner"), Some(&None));
            assert_eq!(decoded.labels.get("team"), Some(&Some("core".to_owned())));
            let encoded = ::serde_json::to_value(&decoded).expect("encodes");
            let original: ::serde_json::Value = ::serde_json::from_str(body).expect("JSON");
            assert_eq!(encoded, original, "the null value is sent back as null");
        }
    };
    let file = syn::parse2(program).expect("generated code parses");
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cases");
    std::fs::create_dir_all(&dir).expect("a directory for the generated case");
    let path = dir.join("nullable_map_values.rs");
    std::fs::write(&path, prettyplease::unparse(&file)).expect("written");
    trybuild::TestCases::new().pass(&path);
}
