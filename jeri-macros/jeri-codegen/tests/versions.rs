//! Documents in OpenAPI 3.1 (and 3.2) and Swagger 2.0 are read into the same model as
//! 3.0 ones: each construct converted as `load`'s converters document, and every error
//! shown at the pointer and line of the document as written.

use jeri_codegen::diagnostics::Diagnostics;
use jeri_codegen::{Settings, SpecError, generate, load};
use serde_json::{Value, json};

/// The document as the pipeline reads it (3.0 form), as JSON; panics on any error.
fn converted(source: &str) -> Value {
    let mut diag = Diagnostics::new(source);
    let doc = load::load(source, &mut diag);
    let errors = diag.into_errors();
    assert!(errors.is_empty(), "{errors:#?}");
    serde_json::to_value(doc.expect("the document loads")).expect("as JSON")
}

fn errors(source: &str) -> Vec<SpecError> {
    generate(source, &Settings::default()).errors
}

const HEAD_31: &str = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n";

fn schemas_31(schemas: &str) -> Value {
    let source = format!("{HEAD_31}components:\n  schemas:\n{schemas}");
    converted(&source)["components"]["schemas"].clone()
}

#[test]
fn type_lists_and_null_members_are_nullable() {
    let s = schemas_31(
        "    A: {type: [string, 'null'], maxLength: 3}
    B:
      anyOf:
        - $ref: '#/components/schemas/A'
        - type: 'null'
    C:
      oneOf: [{type: integer}, {type: boolean}, {type: 'null'}]
    D: {type: [string, integer], minLength: 1, minimum: 2}
",
    );
    assert_eq!(s["A"]["type"], "string");
    assert_eq!(s["A"]["nullable"], true);
    assert_eq!(s["A"]["maxLength"], 3);
    assert_eq!(s["B"]["nullable"], true);
    assert_eq!(s["B"]["allOf"][0]["$ref"], "#/components/schemas/A");
    assert_eq!(s["C"]["nullable"], true);
    assert_eq!(s["C"]["oneOf"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        s["D"]["anyOf"][0],
        json!({"type": "string", "minLength": 1})
    );
    assert_eq!(s["D"]["anyOf"][1], json!({"type": "integer", "minimum": 2}));
}

#[test]
fn const_examples_bounds_and_content() {
    let s = schemas_31(
        "    K: {const: fixed}
    N: {const: 7}
    E: {type: string, examples: [first, second]}
    P: {type: integer, exclusiveMinimum: 0, exclusiveMaximum: 10, maximum: 5}
    B: {type: string, contentEncoding: base64}
    F: {type: string, contentMediaType: image/png}
    O: {type: number, minimum: 0, exclusiveMinimum: true}
",
    );
    assert_eq!(s["K"]["type"], "string");
    assert_eq!(s["K"]["enum"], json!(["fixed"]));
    assert_eq!(s["N"]["type"], "integer");
    assert_eq!(s["N"]["enum"], json!([7]));
    assert_eq!(s["E"]["example"], "first");
    assert_eq!(s["P"]["minimum"], 0.0);
    assert_eq!(s["P"]["exclusiveMinimum"], true);
    // `maximum: 5` is stricter than `exclusiveMaximum: 10`.
    assert_eq!(s["P"]["maximum"], 5.0);
    assert_eq!(s["P"]["exclusiveMaximum"], Value::Null);
    assert_eq!(s["B"]["format"], "byte");
    assert_eq!(s["F"]["format"], "binary");
    assert!(
        s["F"]["description"]
            .as_str()
            .unwrap_or_default()
            .contains("image/png")
    );
    // A 3.0 boolean exclusiveMinimum in a 3.1 document means what it meant.
    assert_eq!(s["O"]["exclusiveMinimum"], true);
}

#[test]
fn refs_with_siblings_defs_tuples_and_documentation_keywords() {
    let s = schemas_31(
        "    Base: {type: object, properties: {id: {type: string}}}
    Described:
      $ref: '#/components/schemas/Base'
      description: Overrides.
      required: [id]
    Holder:
      type: object
      properties:
        inner: {$ref: '#/$defs/Inner'}
      $defs:
        Inner: {type: object, properties: {n: {type: integer}}}
    Base2: {type: string}
    Pair:
      type: array
      prefixItems: [{type: string}, {type: integer}]
      items: false
    Names:
      type: object
      patternProperties:
        '^x-': {type: string}
      propertyNames: {pattern: '^[a-z-]+$'}
      dependentRequired: {a: [b]}
      if: {required: [a]}
      then: {required: [b]}
      unevaluatedProperties: false
",
    );
    assert_eq!(s["Described"]["description"], "Overrides.");
    assert_eq!(
        s["Described"]["allOf"][0]["$ref"],
        "#/components/schemas/Base"
    );
    assert_eq!(s["Described"]["allOf"][1]["required"], json!(["id"]));
    assert_eq!(s["Inner"]["properties"]["n"]["type"], "integer");
    assert_eq!(
        s["Holder"]["properties"]["inner"]["$ref"],
        "#/components/schemas/Inner"
    );
    assert!(s["Holder"].get("$defs").is_none());
    assert_eq!(
        s["Pair"]["items"]["anyOf"].as_array().map(Vec::len),
        Some(2)
    );
    assert_eq!(s["Pair"]["maxItems"], 2);
    assert_eq!(s["Names"]["additionalProperties"]["type"], "string");
    let docs = s["Names"]["description"].as_str().unwrap_or_default();
    for keyword in [
        "patternProperties",
        "propertyNames",
        "dependentRequired",
        "`if`",
        "`then`",
        "unevaluatedProperties",
    ] {
        assert!(docs.contains(keyword), "{keyword} in {docs}");
    }
}

#[test]
fn document_parts_of_31() {
    let doc = converted(
        "openapi: 3.1.0
jsonSchemaDialect: https://spec.openapis.org/oas/3.1/dialect/base
info:
  title: t
  version: '1'
  summary: In short.
  description: At length.
  license: {name: MIT, identifier: MIT}
webhooks:
  ping:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: [string, 'null']}
      responses:
        '200': {description: ok}
components:
  pathItems:
    Shared:
      get:
        operationId: shared
        responses:
          '200': {description: ok}
paths:
  /shared:
    $ref: '#/components/pathItems/Shared'
",
    );
    assert_eq!(doc["openapi"], "3.0.3");
    assert_eq!(doc["info"]["description"], "In short.\n\nAt length.");
    assert_eq!(
        doc["info"]["license"]["url"],
        "https://spdx.org/licenses/MIT.html"
    );
    assert_eq!(
        doc["x-jsonSchemaDialect"],
        "https://spec.openapis.org/oas/3.1/dialect/base"
    );
    let hook = &doc["x-webhooks"]["ping"]["post"]["requestBody"]["content"]["application/json"];
    assert_eq!(hook["schema"]["nullable"], true);
    assert_eq!(doc["paths"]["/shared"]["get"]["operationId"], "shared");
}

#[test]
fn versions_nobody_published_and_32_constructs_are_clean_errors() {
    let e = errors("openapi: 4.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n");
    assert_eq!((e[0].pointer.as_str(), e[0].line), ("openapi", Some(1)));
    let e = errors("swagger: '1.2'\ninfo: {title: t, version: '1'}\n");
    assert_eq!((e[0].pointer.as_str(), e[0].line), ("swagger", Some(1)));
    let e = errors(
        "openapi: 3.2.0
info: {title: t, version: '1'}
paths:
  /search:
    query:
      operationId: search
      responses:
        '200': {description: ok}
",
    );
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].pointer, "paths./search.query");
    assert_eq!(e[0].line, Some(5));
    assert!(e[0].message.contains("`query`"), "{}", e[0].message);
    assert!(e[0].help.contains("skip(\"/search\")"), "{}", e[0].help);
}

#[test]
fn the_skip_setting_leaves_32_constructs_out() {
    let source = "openapi: 3.2.0
info: {title: t, version: '1'}
paths:
  /search:
    query:
      responses:
        '200': {description: ok}
  /find:
    get:
      operationId: find
      parameters:
        - name: q
          in: querystring
          content:
            application/x-www-form-urlencoded:
              schema: {type: object}
      responses:
        '200': {description: ok}
  /kept:
    get:
      operationId: kept
      responses:
        '200': {description: ok}
";
    let e = errors(source);
    assert_eq!(e.len(), 2, "{e:#?}");
    assert_eq!(
        (e[1].pointer.as_str(), e[1].line),
        ("paths./find.get.parameters[0]", Some(12))
    );
    assert!(e[1].help.contains("skip(\"find\")"), "{}", e[1].help);
    let settings = Settings {
        skip: vec!["/search".to_owned(), "find".to_owned()],
        ..Settings::default()
    };
    let output = generate(source, &settings);
    assert!(output.errors.is_empty(), "{:#?}", output.errors);
    assert!(output.tokens.to_string().contains("fn kept"));
}

/// A defect inside a node that conversion moved is shown where it is written.
#[test]
fn errors_in_a_31_document_keep_their_places() {
    let source = "openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  inner: {$ref: '#/$defs/Inner'}
                $defs:
                  Inner:
                    type: object
                    properties:
                      broken: {$ref: '#/components/schemas/Missing'}
";
    let e = errors(source);
    let missing = e
        .iter()
        .find(|e| e.message.contains("Missing"))
        .unwrap_or_else(|| panic!("the missing schema is reported: {e:?}"));
    assert_eq!(
        missing.pointer,
        "paths./a.get.responses.200.content.application/json.schema.$defs.Inner.properties.broken"
    );
    assert_eq!(missing.line, Some(19));
    // A structure error in a converted document: the parser's place, as written.
    let e = errors(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n      responses: 7\n",
    );
    assert_eq!(e[0].pointer, "paths./x.get.responses");
    assert_eq!(e[0].line, Some(6));
    assert!(
        e[0].message.contains("valid OpenAPI 3.1"),
        "{}",
        e[0].message
    );
}

const SWAGGER: &str = r##"swagger: "2.0"
info: {title: t, version: "1"}
host: api.example.com
basePath: /v2
schemes: [https, http]
consumes: [application/json]
produces: [application/json]
securityDefinitions:
  basic: {type: basic}
  key: {type: apiKey, in: header, name: X-Key}
  oauth:
    type: oauth2
    flow: accessCode
    authorizationUrl: https://example.com/auth
    tokenUrl: https://example.com/token
    scopes: {read: Read}
parameters:
  limit: {name: limit, in: query, type: integer, minimum: 1}
  body:
    name: body
    in: body
    required: true
    schema: {$ref: "#/definitions/Pet"}
responses:
  NotFound:
    description: Not found.
    schema: {$ref: "#/definitions/Error"}
paths:
  /pets:
    get:
      operationId: listPets
      parameters:
        - $ref: "#/parameters/limit"
        - {name: tags, in: query, type: array, items: {type: string}, collectionFormat: pipes}
        - {name: ids, in: query, type: array, items: {type: integer}, collectionFormat: multi}
        - {name: words, in: query, type: array, items: {type: string}, collectionFormat: tsv}
      responses:
        "200":
          description: The pets.
          schema: {type: array, items: {$ref: "#/definitions/Pet"}}
          headers:
            X-Total: {type: integer}
        "404": {$ref: "#/responses/NotFound"}
    post:
      operationId: addPet
      parameters:
        - $ref: "#/parameters/body"
      responses:
        "201": {description: Added.}
  /pets/{id}/photo:
    post:
      operationId: uploadPhoto
      consumes: [multipart/form-data]
      parameters:
        - {name: id, in: path, required: true, type: string}
        - {name: file, in: formData, required: true, type: file}
        - {name: note, in: formData, type: string}
      responses:
        "204": {description: Stored.}
    get:
      operationId: downloadPhoto
      produces: [image/png]
      parameters:
        - {name: id, in: path, required: true, type: string}
      responses:
        "200": {description: The photo., schema: {type: file}}
definitions:
  Pet:
    type: object
    required: [name]
    properties:
      name: {type: string}
      tag: {type: string, x-nullable: true}
  Error:
    type: object
    properties:
      message: {type: string}
"##;

#[test]
fn swagger_2_reads_as_the_same_model() {
    let doc = converted(SWAGGER);
    assert_eq!(doc["servers"][0]["url"], "https://api.example.com/v2");
    assert_eq!(doc["servers"][1]["url"], "http://api.example.com/v2");
    let schemes = &doc["components"]["securitySchemes"];
    assert_eq!(schemes["basic"], json!({"type": "http", "scheme": "basic"}));
    assert_eq!(schemes["key"]["in"], "header");
    let flow = &schemes["oauth"]["flows"]["authorizationCode"];
    assert_eq!(flow["tokenUrl"], "https://example.com/token");
    assert_eq!(
        doc["components"]["parameters"]["limit"]["schema"]["minimum"],
        1.0
    );
    let pets = &doc["paths"]["/pets"];
    let list = &pets["get"]["parameters"];
    assert_eq!(list[0]["$ref"], "#/components/parameters/limit");
    assert_eq!(
        (&list[1]["style"], &list[1]["explode"]),
        (&json!("pipeDelimited"), &json!(false))
    );
    assert_eq!(
        (&list[2]["style"], &list[2]["explode"]),
        (&json!("form"), &json!(true))
    );
    assert_eq!(list[3]["schema"]["type"], "string");
    let ok = &pets["get"]["responses"]["200"];
    assert_eq!(
        ok["content"]["application/json"]["schema"]["items"]["$ref"],
        "#/components/schemas/Pet"
    );
    assert_eq!(ok["headers"]["X-Total"]["schema"]["type"], "integer");
    assert_eq!(
        pets["get"]["responses"]["404"]["$ref"],
        "#/components/responses/NotFound"
    );
    let body = &pets["post"]["requestBody"];
    assert_eq!(body["required"], true);
    assert_eq!(
        body["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/Pet"
    );
    let upload = &doc["paths"]["/pets/{id}/photo"]["post"]["requestBody"]["content"];
    let form = &upload["multipart/form-data"]["schema"];
    assert_eq!(
        form["properties"]["file"],
        json!({"type": "string", "format": "binary"})
    );
    assert_eq!(form["required"], json!(["file"]));
    let photo = &doc["paths"]["/pets/{id}/photo"]["get"]["responses"]["200"]["content"];
    assert_eq!(photo["image/png"]["schema"]["format"], "binary");
    assert_eq!(
        doc["components"]["schemas"]["Pet"]["properties"]["tag"]["nullable"],
        true
    );
    assert!(errors(SWAGGER).is_empty());
}

#[test]
fn errors_in_a_swagger_2_document_keep_their_places() {
    let broken = SWAGGER
        .replace(
            "        - $ref: \"#/parameters/body\"\n",
            "        - name: pet\n          in: body\n          schema: {$ref: \"#/definitions/Missing\"}\n",
        )
        .replace("      tag: {type: string, x-nullable: true}", "      tag: {$ref: \"#/definitions/Gone\"}");
    let e = errors(&broken);
    let at = |what: &str| {
        e.iter()
            .find(|e| e.message.contains(what))
            .unwrap_or_else(|| panic!("{what} is reported: {e:#?}"))
            .clone()
    };
    let missing = at("Missing");
    assert_eq!(missing.pointer, "paths./pets.post.parameters[0].schema");
    assert_eq!(missing.line, Some(49));
    let gone = at("Gone");
    assert_eq!(gone.pointer, "definitions.Pet.properties.tag");
    assert_eq!(gone.line, Some(75));
}

/// A `discriminator.mapping` into a schema's own `$defs` follows the entries it names
/// when they become component schemas (Mistral's event-stream schemas map event types so).
#[test]
fn discriminator_mappings_into_defs_follow_the_hoisted_schemas() {
    let s = schemas_31(
        "    Event:
      type: object
      properties:
        data:
          oneOf:
            - $ref: '#/$defs/Delta'
            - $ref: '#/$defs/Done'
          discriminator:
            propertyName: type
            mapping:
              delta: '#/$defs/Delta'
              done: '#/$defs/Done'
      $defs:
        Delta: {type: object, properties: {type: {const: delta}}}
        Done: {type: object, properties: {type: {const: done}}}
",
    );
    let data = &s["Event"]["properties"]["data"];
    assert_eq!(data["oneOf"][0]["$ref"], "#/components/schemas/Delta");
    assert_eq!(
        data["discriminator"]["mapping"]["delta"],
        "#/components/schemas/Delta"
    );
    assert_eq!(
        data["discriminator"]["mapping"]["done"],
        "#/components/schemas/Done"
    );
}
