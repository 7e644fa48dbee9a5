//! Secret properties: which spec markings make a field secret, and what the generated
//! code does with them.

use jeri_codegen::diagnostics::Diagnostics;
use jeri_codegen::model::{Api, TypeKind};
use jeri_codegen::{Settings, build, generate, load, render_error};

const SPEC: &str = r#"openapi: 3.0.3
info:
  title: T
  version: '1'
paths: {}
components:
  schemas:
    Login:
      type: object
      required: [password]
      properties:
        user:
          type: string
        password:
          type: string
          format: password
        apiKey:
          type: string
          x-jeri-secret: true
        hint:
          type: string
          x-jeri-secret: false
        refresh:
          $ref: '#/components/schemas/RefreshToken'
        wrapped:
          description: The refresh token again, documented here.
          allOf:
            - $ref: '#/components/schemas/RefreshToken'
        loose:
          format: password
        session:
          $ref: '#/components/schemas/Session'
    RefreshToken:
      type: string
      x-jeri-secret: true
    Session:
      type: object
      properties:
        id:
          type: string
"#;

fn model(source: &str) -> Api {
    let mut diag = Diagnostics::new(source);
    let doc = load::load(source, &mut diag).expect("spec loads");
    let built = build::build(&doc, &mut diag);
    let errors = diag.into_errors();
    assert!(errors.is_empty(), "{errors:?}");
    built.api
}

/// `(wire name, secret)` for each field of the struct `name`.
fn secrets_of(api: &Api, name: &str) -> Vec<(String, bool)> {
    let def = api
        .types
        .iter()
        .find(|def| def.name == name)
        .unwrap_or_else(|| panic!("no type {name}"));
    match &def.kind {
        TypeKind::Struct { fields, .. } => fields
            .iter()
            .map(|field| (field.wire_name.clone(), field.secret))
            .collect(),
        other => panic!("{name} is not a struct: {other:?}"),
    }
}

#[test]
fn password_format_and_the_extension_mark_a_field_secret_also_through_refs() {
    let api = model(SPEC);
    let expected = [
        ("user", false),
        ("password", true),
        ("apiKey", true),
        ("hint", false),
        ("refresh", true),
        ("wrapped", true),
        ("loose", true),
        // A referenced object is not itself a credential; its own fields say which are.
        ("session", false),
    ]
    .map(|(wire, secret)| (wire.to_owned(), secret));
    assert_eq!(secrets_of(&api, "Login"), expected);
    assert_eq!(secrets_of(&api, "Session"), [("id".to_owned(), false)]);
}

#[test]
fn only_structs_with_a_secret_field_replace_the_derived_debug() {
    let output = generate(SPEC, &Settings::default());
    assert!(output.errors.is_empty(), "{:?}", output.errors);
    let text = output.tokens.to_string();
    assert!(text.contains("impl :: core :: fmt :: Debug for Login"));
    assert!(!text.contains("impl :: core :: fmt :: Debug for Session"));
    assert!(text.contains(". field (\"password\" , & :: core :: format_args ! (\"[REDACTED]\"))"));
    assert!(text.contains(". field (\"user\" , & self . user)"));
}

#[test]
fn a_non_boolean_marking_is_an_error() {
    let source = SPEC.replace("x-jeri-secret: false", "x-jeri-secret: 'yes'");
    let output = generate(&source, &Settings::default());
    let rendered: Vec<String> = output
        .errors
        .iter()
        .map(|e| render_error("spec.yaml", e))
        .collect();
    assert_eq!(
        rendered,
        [
            "spec.yaml:22: error at `components.schemas.Login.properties.hint.x-jeri-secret`: `x-jeri-secret` must be `true` or `false`\n  help: write `x-jeri-secret: true` to keep the value out of `Debug` output"
        ]
    );
}

#[test]
fn a_non_boolean_marking_on_a_referenced_schema_is_an_error() {
    let source = SPEC.replace(
        "      type: string\n      x-jeri-secret: true\n",
        "      type: string\n      x-jeri-secret: 1\n",
    );
    let output = generate(&source, &Settings::default());
    let pointers: Vec<&str> = output.errors.iter().map(|e| e.pointer.as_str()).collect();
    assert_eq!(pointers, ["components.schemas.RefreshToken.x-jeri-secret"]);
}
