use crate::settings::Settings;

/// The generated `examples` module of `source`, as token text.
fn examples_of(source: &str) -> String {
    let settings = Settings {
        example_calls: true,
        ..Settings::default()
    };
    let output = crate::generate(source, &settings);
    assert!(output.errors.is_empty(), "{:?}", output.errors);
    let text = output.tokens.to_string();
    let start = text.find("pub mod examples").expect("an examples module");
    text[start..].to_owned()
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
