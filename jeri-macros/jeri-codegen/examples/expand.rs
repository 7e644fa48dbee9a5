//! Expands a spec with the jeri-codegen pipeline and reports where the generated code goes:
//! pretty-printed lines and bytes, doc lines, and items by kind in each generated module.
//! Used to find what dominates type-check time (BENCHMARKS.md §7).
//!
//! ```text
//! cargo run --release -p jeri-codegen --example expand -- SPEC [OUT.rs] [--skip OP]...
//! ```
//!
//! With `OUT.rs`, the pretty-printed code is also written there (what `cargo expand` would
//! show for the macro's output). Errors in the spec are printed and exit with status 1.

use std::collections::BTreeMap;
use std::process::ExitCode;

use jeri_codegen::{Settings, generate, render_error};

/// Items counted in one module (or at the top level).
#[derive(Default)]
struct Tally {
    /// Item kind (`struct`, `enum`, `impl Trait`, `fn`, …) → how many.
    kinds: BTreeMap<String, usize>,
    /// Pretty-printed lines of the module's items.
    lines: usize,
}

fn kind(item: &syn::Item) -> String {
    match item {
        syn::Item::Struct(_) => "struct".to_owned(),
        syn::Item::Enum(_) => "enum".to_owned(),
        syn::Item::Fn(_) => "fn".to_owned(),
        syn::Item::Type(_) => "type alias".to_owned(),
        syn::Item::Const(_) | syn::Item::Static(_) => "const/static".to_owned(),
        syn::Item::Trait(_) => "trait".to_owned(),
        syn::Item::Macro(m) => format!(
            "macro {}!",
            m.mac
                .path
                .segments
                .last()
                .map_or(String::new(), |s| s.ident.to_string())
        ),
        syn::Item::Impl(imp) => match &imp.trait_ {
            Some((_, path, _)) => format!(
                "impl {}",
                path.segments
                    .last()
                    .map_or(String::new(), |s| s.ident.to_string())
            ),
            None => "impl (inherent)".to_owned(),
        },
        syn::Item::Use(_) => "use".to_owned(),
        syn::Item::Mod(_) => "mod".to_owned(),
        _ => "other".to_owned(),
    }
}

fn lines_of(item: &syn::Item) -> usize {
    let file = syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: vec![item.clone()],
    };
    prettyplease::unparse(&file).lines().count()
}

fn tally(items: &[syn::Item], out: &mut BTreeMap<String, Tally>, module: &str) {
    for item in items {
        if let syn::Item::Mod(m) = item
            && let Some((_, inner)) = &m.content
        {
            tally(inner, out, &format!("{module}::{}", m.ident));
            continue;
        }
        let entry = out.entry(module.to_owned()).or_default();
        *entry.kinds.entry(kind(item)).or_default() += 1;
        entry.lines += lines_of(item);
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut spec = None;
    let mut out = None;
    let mut skip = Vec::new();
    while let Some(arg) = args.next() {
        if arg == "--skip" {
            skip.extend(args.next());
        } else if spec.is_none() {
            spec = Some(arg);
        } else {
            out = Some(arg);
        }
    }
    let Some(spec) = spec else {
        eprintln!("usage: expand SPEC [OUT.rs] [--skip OP]...");
        return ExitCode::FAILURE;
    };
    let source = match std::fs::read_to_string(&spec) {
        Ok(source) => source,
        Err(error) => {
            eprintln!("{spec}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let settings = Settings {
        skip,
        ..Settings::default()
    };
    let started = std::time::Instant::now();
    let output = generate(&source, &settings);
    let elapsed = started.elapsed();
    if !output.errors.is_empty() {
        for error in &output.errors {
            eprintln!("{}", render_error(&spec, error));
        }
        return ExitCode::FAILURE;
    }
    let file: syn::File = match syn::parse2(output.tokens) {
        Ok(file) => file,
        Err(error) => {
            eprintln!("the generated tokens do not parse as a file: {error}");
            return ExitCode::FAILURE;
        }
    };
    let text = prettyplease::unparse(&file);
    let doc_lines = doc_lines(&text);
    println!(
        "{spec}: {} lines ({doc_lines} doc lines), {} bytes, generated in {:.0} ms",
        text.lines().count(),
        text.len(),
        elapsed.as_secs_f64() * 1000.0
    );
    let mut modules = BTreeMap::new();
    tally(&file.items, &mut modules, "crate");
    for (module, tally) in &modules {
        println!("  {module}: {} lines", tally.lines);
        for (kind, count) in &tally.kinds {
            println!("    {count:>6} {kind}");
        }
    }
    if let Some(out) = out
        && let Err(error) = std::fs::write(&out, &text)
    {
        eprintln!("{out}: {error}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// Lines of the pretty-printed text that carry documentation: `///` and `//!` lines, the
/// lines of `/** */` blocks, and lines holding a `#[doc = ..]` attribute (as the insides
/// of macro invocations print docs; a line holding both code and a doc attribute counts
/// as documentation, and so does a doc string that wrapped onto the next line).
fn doc_lines(text: &str) -> usize {
    let mut count = 0;
    let mut in_block = false;
    let mut open_attr = false;
    for line in text.lines() {
        let line = line.trim_start();
        let is_doc = if in_block {
            in_block = !line.contains("*/");
            true
        } else if line.starts_with("///") || line.starts_with("//!") {
            true
        } else if line.starts_with("/**") || line.starts_with("/*!") {
            in_block = !line.contains("*/");
            true
        } else {
            open_attr && line.starts_with('"') || line.contains("#[doc")
        };
        open_attr = line.trim_end().ends_with("#[doc =");
        count += usize::from(is_doc);
    }
    count
}
