//! Each class of spec error, rendered exactly as the user sees it.

use jeri_codegen::{Settings, generate, render_error};

const HEAD: &str = "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\n";

fn rendered(source: &str) -> Vec<String> {
    generate(source, &Settings::default())
        .errors
        .iter()
        .map(|e| render_error("spec.yaml", e))
        .collect()
}

fn spec(rest: &str) -> String {
    format!("{HEAD}{rest}")
}

#[test]
fn invalid_yaml() {
    assert_eq!(
        rendered("openapi: 3.0.3\ninfo:\n  title: [unclosed\n  version: '1'\n"),
        [
            "spec.yaml:4: error: invalid YAML: did not find expected ',' or ']', while parsing a flow sequence at line 3 column 10\n  help: fix the YAML syntax here (indentation, quoting, or a missing `:`)"
        ]
    );
}

#[test]
fn invalid_json() {
    assert_eq!(
        rendered("{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\n}"),
        [
            "spec.yaml:4: error: invalid JSON: EOF while parsing an object\n  help: the file starts with `{`, so it is read as JSON; fix the syntax (a JSON linter shows the exact spot)"
        ]
    );
}

#[test]
fn swagger_1_2() {
    assert_eq!(
        rendered("swagger: '1.2'\ninfo:\n  title: T\n  version: '1'\npaths: {}\n"),
        [
            "spec.yaml:1: error at `swagger`: `swagger: 1.2` is not a version of the format that was published as Swagger 2.0 or OpenAPI 3.x; Swagger 2.0, OpenAPI 3.0, 3.1 and 3.2 are read\n  help: convert the document to Swagger 2.0 or OpenAPI 3 (`swagger: \"2.0\"` or `openapi: 3.1.0`), or remove the `swagger` field from an OpenAPI 3 document"
        ]
    );
}

#[test]
fn openapi_4() {
    assert_eq!(
        rendered("openapi: 4.0.0\ninfo:\n  title: T\n  version: '1'\npaths: {}\n"),
        [
            "spec.yaml:1: error at `openapi`: unsupported OpenAPI version `4.0.0`; OpenAPI 3.0.x, 3.1.x, 3.2.x and Swagger 2.0 are read\n  help: set the version the document follows (`openapi: 3.0.3` or `openapi: 3.1.0`)"
        ]
    );
}

#[test]
fn missing_openapi_field() {
    assert_eq!(
        rendered("info:\n  title: T\n  version: '1'\npaths: {}\n"),
        [
            "spec.yaml:1: error: the spec has no `openapi` field, so its version is unknown\n  help: add `openapi: 3.0.3` (or 3.1.0) at the top of the document"
        ]
    );
}

#[test]
fn dangling_ref() {
    let source = spec(
        "paths: {}\ncomponents:\n  schemas:\n    Customer:\n      type: object\n      properties:\n        loyalty:\n          $ref: '#/components/schemas/Loyalty'\n    LoyaltyData:\n      type: object\n      properties:\n        points:\n          type: integer\n",
    );
    assert_eq!(
        rendered(&source),
        [
            "spec.yaml:11: error at `components.schemas.Customer.properties.loyalty`: `$ref: '#/components/schemas/Loyalty'` points to schema `Loyalty`, which does not exist\n  help: define `Loyalty` under `components.schemas`, or fix the reference (closest existing: `LoyaltyData`)"
        ]
    );
}

#[test]
fn cyclic_ref() {
    let source = spec(
        "paths: {}\ncomponents:\n  schemas:\n    A:\n      $ref: '#/components/schemas/B'\n    B:\n      $ref: '#/components/schemas/A'\n",
    );
    assert_eq!(
        rendered(&source),
        [
            "spec.yaml:8: error at `components.schemas.A`: cyclic `$ref`: A → B → A refers back to itself without an object in between\n  help: make one schema in the cycle an object (with properties) or point one of them at a concrete schema"
        ]
    );
}

const OK: &str = "      responses:\n        '204':\n          description: done\n";

#[test]
fn duplicate_operation_id() {
    let source = spec(&format!(
        "paths:\n  /a:\n    get:\n      operationId: getThing\n{OK}  /b:\n    get:\n      operationId: getThing\n{OK}"
    ));
    assert_eq!(
        rendered(&source),
        [
            "spec.yaml:8: error at `paths./a.get.operationId`: operationId `getThing` is used by more than one operation: `paths./a.get` and `paths./b.get`\n  help: give each operation a unique operationId",
            "spec.yaml:14: error at `paths./b.get.operationId`: operationId `getThing` is used by more than one operation: `paths./a.get` and `paths./b.get`\n  help: give each operation a unique operationId",
        ]
    );
}

#[test]
fn undeclared_path_parameter() {
    let source = spec(&format!(
        "paths:\n  /things/{{id}}:\n    get:\n      operationId: getThing\n{OK}"
    ));
    assert_eq!(
        rendered(&source),
        [
            "spec.yaml:7: error at `paths./things/{id}.get`: the path `/things/{id}` uses `{id}`, but the operation declares no path parameter `id`\n  help: add `{name: id, in: path, required: true, schema: {type: string}}` to the operation's or the path's `parameters`"
        ]
    );
}

#[test]
fn declared_but_absent_path_parameter() {
    let source = spec(&format!(
        "paths:\n  /things:\n    get:\n      operationId: getThing\n      parameters:\n        - name: id\n          in: path\n          required: true\n          schema:\n            type: string\n{OK}"
    ));
    assert_eq!(
        rendered(&source),
        [
            "spec.yaml:10: error at `paths./things.get.parameters[0]`: path parameter `id` is declared, but the path `/things` has no `{id}`\n  help: add `{id}` to the path, or remove the parameter (or change its `in`)"
        ]
    );
}

#[test]
fn unsupported_path_style() {
    let source = spec(&format!(
        "paths:\n  /things/{{id}}:\n    get:\n      operationId: getThing\n      parameters:\n        - name: id\n          in: path\n          required: true\n          style: matrix\n          schema:\n            type: string\n{OK}"
    ));
    assert_eq!(
        rendered(&source),
        [
            "spec.yaml:13: error at `paths./things/{id}.get.parameters[0].style`: path parameter `id` uses `style: matrix`, which is not supported\n  help: use the default `style: simple`, or leave the operation out with the `skip(...)` setting"
        ]
    );
}

#[test]
fn skipped_operations_leave_no_errors_and_unknown_names_are_errors() {
    let source = spec(&format!(
        "paths:\n  /things/{{id}}:\n    get:\n      operationId: getThing\n      parameters:\n        - name: id\n          in: path\n          required: true\n          style: matrix\n          schema:\n            type: string\n{OK}"
    ));
    let settings = Settings {
        skip: vec!["getThing".to_owned()],
        ..Settings::default()
    };
    assert!(jeri_codegen::generate(&source, &settings).errors.is_empty());
    let settings = Settings {
        skip: vec!["/things/{id}".to_owned(), "getThings".to_owned()],
        ..Settings::default()
    };
    let messages: Vec<String> = jeri_codegen::generate(&source, &settings)
        .errors
        .into_iter()
        .map(|e| e.message)
        .collect();
    assert_eq!(
        messages,
        [
            "`skip(\"getThings\")` names no operation: the spec has no operationId and no path `getThings`"
        ]
    );
}

#[test]
fn unknown_type() {
    let source = spec("paths: {}\ncomponents:\n  schemas:\n    Amount:\n      type: money\n");
    assert_eq!(
        rendered(&source),
        [
            "spec.yaml:9: error at `components.schemas.Amount.type`: unknown type `money`\n  help: use one of `string`, `integer`, `number`, `boolean`, `array`, `object`"
        ]
    );
}

#[test]
fn an_error_inside_a_one_line_mapping_names_the_line_it_is_on() {
    let source = spec(
        "paths: {}\ncomponents:\n  schemas:\n    Author:\n      type: object\n      properties:\n        born: { type: integr }\n",
    );
    assert_eq!(
        rendered(&source),
        [
            "spec.yaml:11: error at `components.schemas.Author.properties.born.type`: unknown type `integr`\n  help: use one of `string`, `integer`, `number`, `boolean`, `array`, `object`"
        ]
    );
}

#[test]
fn a_parameter_whose_schema_is_wrong_is_reported_once() {
    let source = spec(
        "paths:\n  /books/{id}:\n    get:\n      operationId: getBook\n      parameters:\n        - name: id\n          in: path\n          required: true\n          schema: { type: integr }\n      responses:\n        '204': {description: ok}\n",
    );
    assert_eq!(
        rendered(&source),
        [
            "spec.yaml:13: error at `paths./books/{id}.get.parameters[0].schema.type`: unknown type `integr`\n  help: use one of `string`, `integer`, `number`, `boolean`, `array`, `object`"
        ]
    );
}

#[test]
fn all_errors_are_reported_together_and_good_parts_still_generate() {
    let source = spec(&format!(
        "paths:\n  /a/{{x}}:\n    get:\n      operationId: broken\n{OK}  /b:\n    get:\n      operationId: fine\n{OK}components:\n  schemas:\n    Bad:\n      type: money\n    Good:\n      type: object\n      properties:\n        n:\n          type: integer\n"
    ));
    let output = generate(&source, &Settings::default());
    assert_eq!(output.errors.len(), 2, "{:?}", output.errors);
    let code = output.tokens.to_string();
    assert!(code.contains("fn fine"), "{code}");
    assert!(!code.contains("fn broken"), "{code}");
    assert!(code.contains("Good"), "{code}");
}
