//! Server mode: the spec errors only a server has, and the validation model read from a
//! spec (what the generated checks are made from).

use jeri_codegen::model::{Additional, Format, Rule};
use jeri_codegen::{Settings, generate, render_error};

const HEAD: &str = "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\n";

fn server() -> Settings {
    Settings {
        server: Some(syn::parse_quote!(::jeri_server)),
        ..Settings::default()
    }
}

fn rendered(rest: &str) -> Vec<String> {
    generate(&format!("{HEAD}{rest}"), &server())
        .errors
        .iter()
        .map(|e| render_error("spec.yaml", e))
        .collect()
}

#[test]
fn a_parameter_inside_a_segment_cannot_be_routed() {
    assert_eq!(
        rendered(
            "paths:\n  /files/{name}.json:\n    get:\n      operationId: getFile\n      parameters:\n        - {name: name, in: path, required: true, schema: {type: string}}\n      responses:\n        '200': {description: ok}\n"
        ),
        [
            "spec.yaml:6: error at `paths./files/{name}.json`: the path `/files/{name}.json` cannot be routed by the generated server: each `{parameter}` must be a whole path segment, and no segment may start with `:` or `*`\n  help: give the parameter its own segment (`/files/{name}` rather than `/files/{name}.json`)"
        ]
    );
}

#[test]
fn two_paths_that_differ_only_in_parameter_names_are_one_route() {
    let errors = rendered(
        "paths:\n  /a/{x}:\n    get:\n      operationId: one\n      parameters:\n        - {name: x, in: path, required: true, schema: {type: string}}\n      responses:\n        '200': {description: ok}\n  /a/{y}:\n    get:\n      operationId: two\n      parameters:\n        - {name: y, in: path, required: true, schema: {type: string}}\n      responses:\n        '200': {description: ok}\n",
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("`two` and `one` are the same route for a server (`GET /a/{p0}`)"),
        "{errors:?}"
    );
}

#[test]
fn a_pattern_that_does_not_compile_is_an_error() {
    let errors = rendered(
        "paths: {}\ncomponents:\n  schemas:\n    Code:\n      type: string\n      pattern: '^(?<x[a-z]+$'\n",
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with(
            "spec.yaml:10: error at `components.schemas.Code.pattern`: `pattern: '^(?<x[a-z]+$'` cannot be checked by the generated server"
        ),
        "{errors:?}"
    );
    // A client does not check patterns, so the same spec is fine for one.
    let client = generate(
        &format!(
            "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Code:\n      type: string\n      pattern: '^(?<x[a-z]+$'\n"
        ),
        &Settings::default(),
    );
    assert!(client.errors.is_empty());
}

#[test]
fn the_model_keeps_every_constraint() {
    let source = format!(
        "{HEAD}paths:\n  /items:\n    post:\n      operationId: addItems\n      parameters:\n        - {{name: limit, in: query, schema: {{type: integer, format: int32, minimum: 1}}}}\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema:\n              type: array\n              maxItems: 3\n              items: {{$ref: '#/components/schemas/Item'}}\n      responses:\n        '201': {{description: ok}}\ncomponents:\n  schemas:\n    Item:\n      type: object\n      additionalProperties: false\n      required: [id, name]\n      properties:\n        id: {{type: string, format: uuid, readOnly: true}}\n        name: {{type: string, minLength: 1, maxLength: 12, pattern: '^[a-z]+$'}}\n        note: {{type: string, nullable: true, enum: [a, b, null]}}\n        kind:\n          oneOf:\n            - {{$ref: '#/components/schemas/Item'}}\n            - {{type: number, exclusiveMaximum: true, maximum: 2.5}}\n"
    );
    let doc = jeri_codegen::load::load(
        &source,
        &mut jeri_codegen::diagnostics::Diagnostics::new(&source),
    )
    .expect("the spec loads");
    let mut diag = jeri_codegen::diagnostics::Diagnostics::new(&source);
    let built = jeri_codegen::build::build(&doc, &mut diag);
    assert!(diag.is_empty());

    let item = &built.api.rules.components[0];
    assert_eq!(item.key, "Item");
    let Rule::Object(object) = &item.check.rule else {
        panic!("Item is an object: {:?}", item.check)
    };
    assert_eq!(object.additional, Additional::Closed);
    assert_eq!(object.required, ["name"], "readOnly `id` is not required");
    let rules: Vec<&Rule> = object
        .properties
        .iter()
        .map(|(_, check)| &check.rule)
        .collect();
    assert!(matches!(rules[0], Rule::String(s) if s.format == Some(Format::Uuid)));
    assert!(matches!(rules[1], Rule::String(s)
        if s.min_length == Some(1) && s.max_length == Some(12) && s.pattern.as_deref() == Some("^[a-z]+$")));
    assert!(object.properties[2].1.nullable);
    assert!(
        matches!(rules[2], Rule::String(s) if s.values == Some(vec!["a".to_owned(), "b".to_owned()]))
    );
    let Rule::OneOf(alternatives) = rules[3] else {
        panic!("kind is a oneOf: {:?}", rules[3])
    };
    assert_eq!(alternatives[0].0, "Item");
    assert_eq!(alternatives[0].1.rule, Rule::Component(0));
    assert!(matches!(&alternatives[1].1.rule, Rule::Number(n)
        if n.maximum.as_ref().is_some_and(|m| m.exclusive && m.value == 2.5 && m.text == "2.5")));

    let operation = &built.api.operations[0];
    let Rule::Integer(limit) = &operation.params[0].check.rule else {
        panic!("limit is an integer: {:?}", operation.params[0])
    };
    assert_eq!(limit.minimum.as_ref().map(|b| b.value), Some(1));
    assert_eq!(
        limit.maximum.as_ref().map(|b| (b.value, b.text.as_str())),
        Some((i128::from(i32::MAX), "2147483647"))
    );
    let Some(Rule::Array(body)) = operation
        .body
        .as_ref()
        .and_then(|b| b.check.as_ref())
        .map(|c| &c.rule)
    else {
        panic!("the body is an array: {:?}", operation.body)
    };
    assert_eq!(body.max_items, Some(3));
    assert_eq!(
        body.items.as_ref().map(|i| &i.rule),
        Some(&Rule::Component(0))
    );
}

#[test]
fn an_operation_named_like_a_generated_method_gets_one_suffix_in_client_and_server() {
    let spec = format!(
        "{HEAD}paths:\n  /t:\n    get:\n      operationId: transport\n      responses: {{'204': {{description: ok}}}}\n  /a:\n    get:\n      operationId: answer\n      responses: {{'204': {{description: ok}}}}\n"
    );
    for settings in [Settings::default(), server()] {
        let output = generate(&spec, &settings);
        assert!(output.errors.is_empty(), "{:?}", output.errors);
        let text = output.tokens.to_string();
        for name in ["transport_operation", "answer_operation"] {
            assert!(text.contains(&format!("fn {name}")), "{name} missing");
        }
    }
}
