use crate::settings::Settings;

/// The `examples` module generated from `source` with `settings`, as token text.
fn examples_module(source: &str, settings: &Settings) -> String {
    let output = crate::generate(source, settings);
    assert!(output.errors.is_empty(), "{:?}", output.errors);
    let text = output.tokens.to_string();
    let start = text.find("pub mod examples").expect("an examples module");
    text[start..].to_owned()
}

/// The client's `examples` module of `source` (the `example_calls` setting).
fn examples_of(source: &str) -> String {
    let settings = Settings {
        example_calls: true,
        ..Settings::default()
    };
    examples_module(source, &settings)
}

const SPEC: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /programs/{programId}/points:
    post:
      operationId: addPoints
      parameters:
        - {name: programId, in: path, required: true, schema: {type: string}, example: acme}
        - {name: limit, in: query, required: true, schema: {type: integer, minimum: 3}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object, required: [amount], properties: {amount: {type: integer}}}
            example: {amount: 150}
      responses: {'204': {description: ok}}
  /nodes:
    post:
      operationId: addNode
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Node'}
      responses: {'204': {description: ok}}
components:
  schemas:
    Node:
      type: object
      required: [next]
      properties:
        next: {$ref: '#/components/schemas/Node'}
";

#[test]
fn the_spec_example_comes_first_then_the_built_value() {
    let text = examples_of(SPEC);
    // `programId`: the spec's example, then the built string.
    assert!(text.contains(r#"& ["\"acme\"" , "\"example\""]"#), "{text}");
    // `limit`: no example, so the smallest value inside the bounds.
    assert!(text.contains(r#"& ["3"]"#), "{text}");
    // The body: the media type's example, then the built object.
    assert!(
        text.contains(r#"& ["{\"amount\":150}" , "{\"amount\":0}"]"#),
        "{text}"
    );
}

#[test]
fn an_operation_without_a_valid_value_is_listed_with_the_reason() {
    let text = examples_of(SPEC);
    assert!(text.contains("pub fn add_points"), "{text}");
    assert!(!text.contains("pub fn add_node"), "{text}");
    assert!(
        text.contains(r#"("addNode" , "the request body: `next`: `next`: "#)
            || text.contains(r#"("addNode" , "the request body: `next`:"#),
        "{text}"
    );
    assert!(text.contains("recursive schema"), "{text}");
}

/// The generated server's `examples` module of `source` (the `example_answers` setting),
/// as token text.
fn answers_of(source: &str) -> String {
    let settings = Settings {
        server: Some(syn::parse_quote!(::jeri_server)),
        example_answers: true,
        ..Settings::default()
    };
    examples_module(source, &settings)
}

const ANSWERED: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /points:
    get:
      operationId: getPoints
      responses:
        '404': {description: none}
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, required: [amount], properties: {amount: {type: integer, minimum: 5}}}
  /ping:
    get:
      operationId: ping
      responses: {'2XX': {description: ok}}
  /nodes:
    get:
      operationId: getNode
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Node'}
  /nothing:
    get:
      operationId: nothing
      responses: {'404': {description: none}}
components:
  schemas:
    Node:
      type: object
      required: [next]
      properties:
        next: {$ref: '#/components/schemas/Node'}
";

#[test]
fn example_answers_give_the_first_success_with_its_smallest_body() {
    let text = answers_of(ANSWERED);
    assert!(
        text.contains("impl super :: server :: Server for ExampleServer"),
        "{text}"
    );
    // The 200, not the 404 listed before it, with a body inside the schema's bounds.
    assert!(text.contains("fn get_points"), "{text}");
    assert!(text.contains(r#""{\"amount\":5}""#), "{text}");
    assert!(text.contains("GetPointsResponse :: Status200"), "{text}");
    // A range answers its first code.
    assert!(
        text.contains("PingResponse :: Status2XX { status : 200u16 }"),
        "{text}"
    );
}

#[test]
fn operations_without_an_example_answer_are_listed_with_the_reason() {
    let text = answers_of(ANSWERED);
    assert!(!text.contains("fn get_node"), "{text}");
    assert!(!text.contains("fn nothing"), "{text}");
    assert!(
        text.contains(r#"("nothing" , "no documented success or redirect")"#),
        "{text}"
    );
    assert!(text.contains(r#"("getNode" , "the `200` body: "#), "{text}");
}

/// `enum: [null]` (buildomat's `control_hold`) allows only `null`.
#[test]
fn an_answer_whose_schema_allows_only_null_is_null() {
    let text = answers_of(
        "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /hold:
    post:
      operationId: hold
      responses:
        '200':
          description: ok
          content:
            application/json; charset=utf-8:
              schema: {enum: [null]}
",
    );
    assert!(text.contains(r#"("hold" , "null")"#), "{text}");
}
