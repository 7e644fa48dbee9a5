use super::*;
use quote::quote;

#[test]
fn path_only() {
    let (path, settings) = Settings::parse(quote!("spec.yaml")).expect("valid");
    assert_eq!(path.value(), "spec.yaml");
    assert_eq!(settings, Settings::default());
}

#[test]
fn all_settings() {
    let (_, s) = Settings::parse(quote!(
        "spec.yaml",
        runtime = crate::runtime,
        types_only,
        scope(CustomerClient = "customerToken", AdminClient = "apiKey"),
        only(
            operationId = "getCustomer",
            tag = "Rewards",
            path = "/v1/programs"
        ),
        skip("brokenOp", "/v1/broken"),
        formats = strings,
    ))
    .expect("valid");
    assert_eq!(s.formats, Formats::Strings);
    assert!(!s.example_calls);
    let runtime = &s.runtime;
    assert_eq!(quote!(#runtime).to_string(), "crate :: runtime");
    assert!(s.types_only);
    assert_eq!(s.skip, vec!["brokenOp".to_owned(), "/v1/broken".to_owned()]);
    assert_eq!(
        s.scopes,
        vec![
            Scope {
                client_name: "CustomerClient".into(),
                scheme: "customerToken".into()
            },
            Scope {
                client_name: "AdminClient".into(),
                scheme: "apiKey".into()
            },
        ]
    );
    assert_eq!(
        s.only,
        vec![
            Selector::OperationId("getCustomer".into()),
            Selector::Tag("Rewards".into()),
            Selector::Path("/v1/programs".into()),
        ]
    );
}

#[test]
fn stream_end_and_pagination() {
    use crate::model::NextRule;
    let (_, defaults) = Settings::parse(quote!("spec.yaml")).expect("valid");
    assert_eq!(defaults.stream_end.as_deref(), Some("[DONE]"));
    assert_eq!(defaults.pagination, None);
    let (_, s) = Settings::parse(quote!(
        "spec.yaml",
        stream_end = "",
        pagination(
            cursor = "starting_after",
            items = "data",
            has_more = "has_more",
            item_cursor = "id"
        ),
    ))
    .expect("valid");
    assert_eq!(s.stream_end, None);
    let stripe = s.pagination.expect("a rule");
    assert_eq!(stripe.items.as_deref(), Some("data"));
    assert_eq!(
        stripe.next,
        NextRule::LastItem {
            param: "starting_after".into(),
            has_more: "has_more".into(),
            field: "id".into()
        }
    );
    let (_, s) = Settings::parse(quote!("spec.yaml", pagination(link = "next"))).expect("valid");
    assert_eq!(s.pagination.map(|p| p.next), Some(NextRule::LinkHeader));
    for bad in [
        quote!("spec.yaml", pagination(cursor = "after")),
        quote!("spec.yaml", pagination(link = "prev")),
        quote!(
            "spec.yaml",
            pagination(cursor = "a", next = "b", page = "p")
        ),
        quote!("spec.yaml", pagination(curser = "a")),
    ] {
        assert!(Settings::parse(bad).is_err());
    }
}

#[test]
fn a_webhook_signature_is_its_text() {
    let parsed = Settings::parse(quote!(
        "s",
        webhook_signature = "{scheme: standard-webhooks}"
    ))
    .expect("valid");
    assert_eq!(
        parsed.1.webhook_signature.as_deref(),
        Some("{scheme: standard-webhooks}")
    );
}

#[test]
fn example_calls_is_off_unless_named() {
    let (_, on) = Settings::parse(quote!("s", example_calls)).expect("valid");
    assert!(on.example_calls);
    assert_ne!(on, Settings::default());
}

#[test]
fn server_with_and_without_a_runtime() {
    let (_, plain) = Settings::parse(quote!("spec.yaml", server)).expect("valid");
    assert_eq!(server_text(&plain).as_deref(), Some(":: jeri_server"));
    let (_, custom) = Settings::parse(quote!("spec.yaml", server = crate::serving)).expect("valid");
    assert_eq!(server_text(&custom).as_deref(), Some("crate :: serving"));
    assert_ne!(plain, custom);
    assert!(!plain.types_only);
}

#[test]
fn errors_name_the_problem() {
    let cases = [
        (
            quote!(),
            "unexpected end of input, expected the spec path as a string literal, e.g. `generate!(\"openapi.yaml\")`",
        ),
        (
            quote!(spec),
            "expected the spec path as a string literal, e.g. `generate!(\"openapi.yaml\")`",
        ),
        (
            quote!("s", typesonly),
            "unknown setting `typesonly`; expected one of: `runtime = <path>`, `types_only`, `scope(<ClientName> = \"<securityScheme>\", ...)`, `only(operationId = \"...\", tag = \"...\", path = \"/...\", ...)`, `skip(\"<operationId or path>\", ...)`, `server`, `server = <path>`, `formats = types`, `formats = strings`, `webhook_signature = \"...\"`, `stream_end = \"...\"`, `pagination(...)`, `example_calls`, `example_answers`",
        ),
        (
            quote!("s", example_answers),
            "`example_answers` implements the generated server: add `server`",
        ),
        (
            quote!("s", server, example_calls),
            "`example_calls` sends requests through the generated client: leave out `server` and `types_only`",
        ),
        (
            quote!("s", formats = text),
            "unknown `formats = text`; write `formats = types` (dates, UUIDs and Base64 as Rust types, the default) or `formats = strings`",
        ),
        (
            quote!("s", formats = strings, formats = types),
            "`formats` is set twice",
        ),
        (
            quote!("s", types_only, types_only),
            "`types_only` is set twice",
        ),
        (
            quote!("s", scope()),
            "`scope()` is empty; write `scope(CustomerClient = \"customerToken\")`",
        ),
        (
            quote!("s", skip()),
            "`skip()` is empty; write `skip(\"operationId\", \"/path\")`",
        ),
        (
            quote!("s", scope(A = "x", A = "y")),
            "the client `A` is declared twice",
        ),
        (
            quote!("s", server, types_only),
            "`server` generates the types and a server, no client: leave out `types_only` and `scope(...)`, or generate the client in a second `generate!`",
        ),
        (quote!("s", server, server), "`server` is set twice"),
        (
            quote!("s", scope(Client = "x")),
            "`Client` is the name of the main client; choose another name",
        ),
        (
            quote!("s", only()),
            "`only()` is empty; write e.g. `only(operationId = \"getCustomer\", tag = \"Rewards\", path = \"/v1/programs\")`",
        ),
        (
            quote!("s", only(operation = "x")),
            "unknown selector `operation` in `only(...)`; write e.g. `only(operationId = \"getCustomer\", tag = \"Rewards\", path = \"/v1/programs\")`",
        ),
        (
            quote!("s", only(path = "v1/programs")),
            "`path = \"v1/programs\"` must start with `/`, like the spec's paths",
        ),
        (
            quote!("s", only(tag = "a", tag = "a")),
            "`tag = \"a\"` is given twice in `only(...)`",
        ),
        (
            quote!("s", only(tag = "a"), only(tag = "b")),
            "`only` is set twice",
        ),
        (quote!("s", only(tag)), "expected `=`"),
    ];
    for (tokens, expected) in cases {
        let result = Settings::parse(tokens.clone());
        assert!(result.is_err(), "accepted {tokens}");
        if let Err(err) = result {
            assert_eq!(err.to_string(), expected, "input {tokens}");
        }
    }
}
