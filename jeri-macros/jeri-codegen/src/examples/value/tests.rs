use serde_json::json;

use super::Builder;
use crate::diagnostics::Diagnostics;
use crate::model::{Api, Operation};

/// The model of a document with one `POST /x` whose JSON body is `body` (a schema in
/// flow YAML) and whose components are `components` (YAML under `schemas:`).
fn api_of(params: &str, body: &str, components: &str) -> Api {
    let source = format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /x:\n    post:\n      parameters: [{params}]\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema: {body}\n      responses: {{'204': {{description: ok}}}}\ncomponents:\n  schemas:\n{components}"
    );
    let mut diag = Diagnostics::new(&source);
    let doc = crate::load::load(&source, &mut diag).expect("the document loads");
    let built = crate::build::build(&doc, &mut diag);
    assert!(diag.into_errors().is_empty(), "the document has no errors");
    built.api
}

fn only_op(api: &Api) -> &Operation {
    &api.operations[0]
}

fn body_value(body: &str, components: &str) -> Result<serde_json::Value, String> {
    let api = api_of("", body, components);
    let op = only_op(&api);
    let body = op.body.as_ref().expect("a body");
    Builder::new(&api).value(&body.ty, body.check.as_ref())
}

#[test]
fn required_properties_only_with_values_inside_their_rules() {
    let value = body_value(
        "{$ref: '#/components/schemas/Customer'}",
        "    Customer:\n      type: object\n      required: [id, email, age, tags, score, code, at, kind, password]\n      properties:\n        id: {type: string, format: uuid}\n        email: {type: string, format: email}\n        age: {type: integer, minimum: 18, maximum: 130}\n        tags: {type: array, items: {type: string, minLength: 3, maxLength: 3}, minItems: 2}\n        score: {type: number, exclusiveMinimum: true, minimum: 0, maximum: 1}\n        code: {type: string, pattern: '^[A-Z]{2}-[0-9]{3}$'}\n        at: {type: string, format: date-time}\n        kind: {type: string, enum: [gold, silver]}\n        password: {type: string, writeOnly: true, minLength: 12}\n        nickname: {type: string}\n",
    );
    assert_eq!(
        value,
        Ok(json!({
            "id": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
            "email": "user@example.com",
            "age": 18,
            "tags": ["exa", "exa"],
            "score": 1,
            "code": "AA-000",
            "at": "2024-01-01T00:00:00Z",
            "kind": "gold",
            "password": "examplexxxxx",
        }))
    );
}

#[test]
fn a_tagged_union_carries_its_tag_and_all_of_merges_its_parts() {
    let value = body_value(
        "{$ref: '#/components/schemas/Pet'}",
        "    Pet:\n      oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]\n      discriminator: {propertyName: petType}\n    Base:\n      type: object\n      required: [petType, name]\n      properties:\n        petType: {type: string}\n        name: {type: string, maxLength: 3}\n    Cat:\n      allOf:\n        - {$ref: '#/components/schemas/Base'}\n        - type: object\n          required: [lives]\n          properties:\n            lives: {type: integer, multipleOf: 7, minimum: 1}\n    Dog:\n      allOf: [{$ref: '#/components/schemas/Base'}]\n",
    );
    assert_eq!(
        value,
        Ok(json!({"petType": "Cat", "name": "exa", "lives": 7}))
    );
}

#[test]
fn parameters_get_their_rules_through_references() {
    let api = api_of(
        "{name: size, in: query, required: true, schema: {$ref: '#/components/schemas/Size'}}, {name: id, in: header, required: true, schema: {type: string, minLength: 10}}",
        "{type: object}",
        "    Size: {type: integer, format: int32, minimum: 5, maximum: 10}\n",
    );
    let op = only_op(&api);
    let builder = Builder::new(&api);
    let values: Vec<_> = op
        .params
        .iter()
        .map(|param| builder.value(&param.ty, Some(&param.check)))
        .collect();
    assert_eq!(values, vec![Ok(json!(5)), Ok(json!("examplexxx"))]);
}

#[test]
fn what_cannot_be_built_is_a_reason() {
    let recursive = body_value(
        "{$ref: '#/components/schemas/Node'}",
        "    Node:\n      type: object\n      required: [next]\n      properties:\n        next: {$ref: '#/components/schemas/Node'}\n",
    );
    assert!(
        recursive
            .as_ref()
            .is_err_and(|why| why.contains("recursive")),
        "{recursive:?}"
    );
    let unique = body_value(
        "{type: array, items: {type: string}, minItems: 2, uniqueItems: true}",
        "    Unused: {type: string}\n",
    );
    assert!(
        unique
            .as_ref()
            .is_err_and(|why| why.contains("uniqueItems")),
        "{unique:?}"
    );
    let bounds = body_value(
        "{type: object, required: [n], properties: {n: {type: integer, minimum: 5, maximum: 4}}}",
        "    Unused: {type: string}\n",
    );
    assert!(
        bounds
            .as_ref()
            .is_err_and(|why| why.starts_with("`n`: no integer")),
        "{bounds:?}"
    );
}
