//! Every spec of the corpus generates without an error, with only the operations its
//! table entry names left out; nothing else is dropped. Fast: the generator runs in
//! process, no compiler involved (`type_check.rs` compiles the output).

mod count;

use count::operation_count;
use jeri_codegen::{Settings, generate, render_error};
use jeri_corpus::specs::{SPECS, corpus_dir};

#[test]
fn every_corpus_spec_generates_without_errors() {
    let Some(dir) = corpus_dir() else {
        return;
    };
    let mut failures = Vec::new();
    for spec in SPECS {
        let path = dir.join(spec.file);
        let source = match std::fs::read_to_string(&path) {
            Ok(source) => source,
            Err(error) => {
                failures.push(format!("{}: cannot be read: {error}", spec.file));
                continue;
            }
        };
        let settings = Settings {
            skip: spec.skip.iter().map(|(op, _)| (*op).to_owned()).collect(),
            ..Settings::default()
        };
        let output = generate(&source, &settings);
        let total = operation_count(&source);
        println!(
            "{}: {} of {total} operations generated, {} skipped, {} errors",
            spec.file,
            total - spec.skip.len(),
            spec.skip.len(),
            output.errors.len()
        );
        for error in &output.errors {
            failures.push(render_error(spec.file, error));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
