//! Counting a spec's operations on the loaded document, for the reports of the tests
//! that generate and type-check the corpus.

use jeri_codegen::diagnostics::Diagnostics;

/// The operations in a spec (0 when it does not load).
pub fn operation_count(source: &str) -> usize {
    let mut diag = Diagnostics::new(source);
    jeri_codegen::load::load(source, &mut diag).map_or(0, |doc| {
        doc.paths
            .paths
            .values()
            .filter_map(|item| item.as_item())
            .map(|item| item.iter().count())
            .sum()
    })
}
