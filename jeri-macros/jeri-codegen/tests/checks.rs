//! What each side checks of the same body: a server every rule, a client only the limits a
//! value of the right Rust type can still break, and only where the body has one.

use jeri_codegen::{Settings, generate};

const SPEC: &str = r"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /limited:
    post:
      operationId: sendLimited
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Limited'}
      responses: {'204': {description: ok}}
  /plain:
    post:
      operationId: sendPlain
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Plain'}
      responses: {'204': {description: ok}}
components:
  schemas:
    Limited:
      type: object
      additionalProperties: false
      required: [code, size]
      properties:
        code: {type: string, maxLength: 4, pattern: '^[a-z]+$', format: email}
        size: {type: integer, minimum: 1}
        other: {$ref: '#/components/schemas/Plain'}
        either:
          oneOf:
            - {type: string, format: uuid}
            - {type: integer, maximum: 9}
    Plain:
      type: object
      required: [name]
      properties:
        name: {type: string, pattern: '^[a-z]+$'}
        flag: {type: boolean}
";

fn text(settings: &Settings) -> String {
    let output = generate(SPEC, settings);
    assert!(output.errors.is_empty(), "{:?}", output.errors);
    output.tokens.to_string()
}

#[test]
fn a_client_checks_the_limits_a_typed_value_can_break_and_nothing_else() {
    let client = text(&Settings::default());
    for present in [
        "check :: length",
        "check :: minimum",
        "check :: maximum",
        // An alternative keeps its type check: it tells the alternatives apart.
        "check :: any_of",
        "Expected :: String",
        "fn limited (",
    ] {
        assert!(client.contains(present), "client lacks {present}");
    }
    for absent in [
        "Pattern",
        "format ::",
        "check :: one_of (",
        "ProblemKind :: Missing",
        "ProblemKind :: NotAllowed",
        // `Plain` has no limit: no function, and its operation checks nothing.
        "fn plain (",
    ] {
        assert!(!client.contains(absent), "client has {absent}");
    }
    assert_eq!(
        client.matches("check_body").count(),
        1,
        "only `sendLimited`"
    );
}

#[test]
fn a_server_checks_every_rule() {
    let server = text(&Settings {
        server: Some(syn::parse_quote!(::jeri_server)),
        ..Settings::default()
    });
    for present in [
        "Pattern",
        "format :: email",
        "check :: one_of (",
        "ProblemKind :: Missing",
        "ProblemKind :: NotAllowed",
        "fn plain (",
    ] {
        assert!(server.contains(present), "server lacks {present}");
    }
}
