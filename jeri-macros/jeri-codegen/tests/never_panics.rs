//! `generate` must return (never panic) on any input: real specs mutated at random.
//!
//! The inputs are the project's spec, plus the shared corpus's specs (all but the huge
//! ones, which take seconds each) and cases (`../shared/specs/`, `../shared/cases/`; skipped with a message when absent
//! outside CI). The case count defaults to 256 and can be raised with `JERI_FUZZ_CASES`;
//! `JERI_FUZZ_MAX_BYTES` leaves out inputs larger than that, for long runs.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};

use jeri_codegen::{Settings, generate};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

fn read(path: &str) -> String {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("reading {full}: {e}"))
}

/// Shared specs small enough to mutate many times (the huge ones take seconds each).
const SHARED: &[&str] = &[
    "specs/keeper.json",
    "specs/buildomat.json",
    "specs/propolis-server.json",
    "specs/nexus.json",
    "specs/realworld/petstore.yaml",
    "specs/realworld/haystack.json",
    "specs/realworld/kratos.json",
    // OpenAPI 3.1, converted before it is read.
    "specs/realworld/ensapi.json",
    "cases/04-nullable-map-values.yaml",
    "cases/10-graphql-request-body.yaml",
    "cases/11-octet-stream-plain-string-schema.yaml",
    "cases/12-text-plain-response.yaml",
    "cases/14-status-code-ranges.yaml",
    "cases/15-http-basic-security.yaml",
];

fn corpus() -> Vec<String> {
    // The project's spec and its own OpenAPI 3.1 and Swagger 2.0 test documents.
    let mut all = vec![
        read("../../spec/openapi.yaml"),
        read("../../tests/specs/versions31.yaml"),
        read("../../tests/specs/swagger2.yaml"),
    ];
    if jeri_test_support::shared("").is_some() {
        all.extend(
            SHARED
                .iter()
                .filter_map(|p| jeri_test_support::shared_text(p)),
        );
    }
    let max = std::env::var("JERI_FUZZ_MAX_BYTES")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(usize::MAX);
    all.retain(|text| text.len() <= max);
    all
}

/// Words that change a schema's meaning when swapped in for another token.
const TOKENS: &[&str] = &[
    "object",
    "array",
    "string",
    "integer",
    "number",
    "boolean",
    "null",
    "money",
    "$ref",
    "#/components/schemas/Nope",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "nullable",
    "{",
    "}",
    "[",
    "]",
    ":",
    "-",
    "'",
    "\"",
    "{x}",
    "2XX",
    "default",
    "in",
    "path",
    "cookie",
    "required",
    "true",
    "0",
    "multipart/form-data",
    "text/plain",
    "*/*",
    "application/graphql",
    "deepObject",
    "spaceDelimited",
    "pipeDelimited",
    "explode",
    "style",
    "content",
    "basic",
    "oauth2",
    "openIdConnect",
    "apiKey",
    "security",
    "<<",
    "&a",
    "*a",
    "-9223372036854776000",
    "18446744073709551616",
    // OpenAPI 3.1 and Swagger 2.0 keywords the converters rewrite.
    "openapi: 3.1.0",
    "swagger: '2.0'",
    "const",
    "prefixItems",
    "$defs",
    "#/$defs/Nope",
    "exclusiveMinimum",
    "contentEncoding",
    "patternProperties",
    "webhooks",
    "body",
    "formData",
    "file",
    "collectionFormat",
    "definitions",
    "#/definitions/Nope",
    "#/parameters/Nope",
    "x-nullable",
    "[string, 'null']",
];

#[derive(Debug, Clone)]
enum Mutation {
    Truncate(usize),
    DeleteLine(usize),
    ReplaceToken(usize, usize),
    SwapTypes(usize),
    RandomBytes(usize, Vec<u8>),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        any::<usize>().prop_map(Mutation::DeleteLine),
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(a, b)| Mutation::ReplaceToken(a, b)),
        any::<usize>().prop_map(Mutation::SwapTypes),
        (
            any::<usize>(),
            proptest::collection::vec(any::<u8>(), 1..16)
        )
            .prop_map(|(a, b)| Mutation::RandomBytes(a, b)),
    ]
}

fn floor_char(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(source: &str, mutation: &Mutation) -> String {
    if source.is_empty() {
        return String::new();
    }
    match mutation {
        Mutation::Truncate(at) => source[..floor_char(source, at % source.len())].to_owned(),
        Mutation::DeleteLine(n) => {
            let lines: Vec<&str> = source.lines().collect();
            let drop = n % lines.len().max(1);
            lines
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != drop)
                .map(|(_, l)| *l)
                .collect::<Vec<_>>()
                .join("\n")
        }
        Mutation::ReplaceToken(at, token) => {
            let starts: Vec<usize> = source
                .char_indices()
                .filter(|(i, c)| {
                    c.is_alphanumeric()
                        && (*i == 0 || !source[..*i].ends_with(char::is_alphanumeric))
                })
                .map(|(i, _)| i)
                .collect();
            let Some(&start) = starts.get(at % starts.len().max(1)) else {
                return source.to_owned();
            };
            let end = source[start..]
                .find(|c: char| !c.is_alphanumeric())
                .map_or(source.len(), |e| start + e);
            format!("{}{}{}", &source[..start], TOKENS[*token], &source[end..])
        }
        Mutation::SwapTypes(seed) => {
            let kinds = ["string", "integer", "object", "array", "boolean", "number"];
            let from = kinds[seed % kinds.len()];
            let to = kinds[(seed / kinds.len()) % kinds.len()];
            let needle = format!("\"{from}\"");
            let quoted = source.replacen(&needle, &format!("\"{to}\""), 1 + seed % 5);
            quoted.replacen(
                &format!("type: {from}"),
                &format!("type: {to}"),
                1 + seed % 5,
            )
        }
        Mutation::RandomBytes(at, bytes) => {
            let at = floor_char(source, at % source.len());
            let noise = String::from_utf8_lossy(bytes);
            format!("{}{}{}", &source[..at], noise, &source[at..])
        }
    }
}

#[test]
fn generate_never_panics() {
    let cases: u32 = std::env::var("JERI_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256);
    let corpus = corpus();
    let tried = AtomicUsize::new(0);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (
        0..corpus.len(),
        proptest::collection::vec(mutation(), 1..4),
        any::<bool>(),
        proptest::option::of("[a-zA-Z_/{}]{1,12}"),
    );
    let result = runner.run(&strategy, |(index, mutations, types_only, skip)| {
        let mut input = corpus[index].clone();
        for m in &mutations {
            input = apply(&input, m);
        }
        let settings = Settings {
            types_only,
            skip: skip.into_iter().collect(),
            ..Settings::default()
        };
        tried.fetch_add(1, Ordering::Relaxed);
        let outcome = catch_unwind(AssertUnwindSafe(|| generate(&input, &settings)));
        prop_assert!(
            outcome.is_ok(),
            "generate panicked after {mutations:?} on input:\n{input}"
        );
        Ok(())
    });
    println!(
        "never_panics: tried {} mutated inputs",
        tried.load(Ordering::Relaxed)
    );
    if let Err(e) = result {
        panic!("{e}");
    }
}
