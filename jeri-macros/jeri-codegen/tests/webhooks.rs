//! Webhooks (`x-webhooks` in 3.0, `webhooks` in 3.1) become the model's webhooks and a
//! generated `webhooks` module; `x-jeri-webhook-signature` (or Standard Webhooks' headers)
//! becomes its verifier; bad shapes are located errors.

use jeri_codegen::diagnostics::Diagnostics;
use jeri_codegen::model::{
    Api, DigestEncoding, EventTypeLocation, SecretEncoding, SignatureScheme, TypeRef,
};
use jeri_codegen::{Selector, Settings, SpecError, build, generate, load};

/// The model of `source` and every error found reading it.
fn model(source: &str) -> (Api, Vec<SpecError>) {
    let mut diag = Diagnostics::new(source);
    let doc = load::load(source, &mut diag).expect("the document loads");
    let built = build::build(&doc, &mut diag);
    (built.api, diag.into_errors())
}

/// Client settings with the runtime at `crate::runtime`.
fn settings() -> Settings {
    Settings {
        runtime: syn::parse_quote!(crate::runtime),
        ..Settings::default()
    }
}

/// The generated code of `source`, as text, with no errors.
/// `text` without whitespace, so expectations do not depend on line breaks.
fn squashed(text: &str) -> String {
    text.split_whitespace().collect()
}

/// Whether `text` contains `expected`, whitespace aside.
fn has(text: &str, expected: &str) -> bool {
    squashed(text).contains(&squashed(expected))
}

fn generated(source: &str, settings: &Settings) -> String {
    let output = generate(source, settings);
    assert!(output.errors.is_empty(), "{:#?}", output.errors);
    let file: syn::File = syn::parse2(output.tokens).expect("generated code parses");
    prettyplease::unparse(&file)
}

const SHOP_30: &str = r##"openapi: 3.0.3
info: {title: Shop, version: '1'}
paths:
  /orders:
    get:
      operationId: listOrders
      responses:
        '200': {description: ok}
components:
  schemas:
    OrderPaid:
      type: object
      required: [id]
      properties:
        id: {type: string}
        amount: {type: integer}
x-jeri-webhook-signature:
  description: Signed by the shop.
  scheme: header
  header: X-Shop-Signature
  encoding: hex
  prefix: sha256=
  eventType: {in: header, name: X-Shop-Event}
  x-jeri-assumption: The raw body is signed.
x-webhooks:
  Order paid:
    post:
      summary: Order paid
      description: An order was paid.
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/OrderPaid'}
      responses:
        '200': {description: ok}
  Order shipped:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                carrier: {type: string}
      responses:
        '200': {description: ok}
  Unknown:
    post:
      responses:
        '200': {description: ok}
"##;

#[test]
fn x_webhooks_become_events_with_their_payload_types() {
    let (api, errors) = model(SHOP_30);
    assert!(errors.is_empty(), "{errors:#?}");
    let names: Vec<(&str, &str)> = api
        .webhooks
        .iter()
        .map(|hook| (hook.name.as_str(), hook.rust_name.as_str()))
        .collect();
    // `Unknown` is the enum's variant for events not described, so the webhook named so
    // takes another name.
    assert_eq!(
        names,
        [
            ("Order paid", "OrderPaid"),
            ("Order shipped", "OrderShipped"),
            ("Unknown", "Unknown2"),
        ]
    );
    assert_eq!(api.webhooks[0].payload, TypeRef::Named("OrderPaid".into()));
    assert_eq!(
        api.webhooks[0].docs.description.as_deref(),
        Some("An order was paid.")
    );
    assert_eq!(api.webhooks[0].origin, "x-webhooks.Order paid.post");
    // An inline payload is a type of its own, like any inline schema.
    let TypeRef::Named(shipped) = &api.webhooks[1].payload else {
        panic!("an inline object payload is a named type");
    };
    assert!(
        api.types.iter().any(|def| &def.name == shipped),
        "{shipped}"
    );
    assert_eq!(api.webhooks[2].payload, TypeRef::Json);
    let signature = api.webhook_signature.expect("the signature is read");
    assert_eq!(
        signature.scheme,
        SignatureScheme::Header {
            header: "x-shop-signature".into(),
            encoding: DigestEncoding::Hex,
            prefix: "sha256=".into(),
        }
    );
    assert_eq!(signature.secret, SecretEncoding::Text);
    assert_eq!(
        signature.event_type,
        EventTypeLocation::Header("x-shop-event".into())
    );
    assert_eq!(signature.docs.assumptions, ["The raw body is signed."]);
}

#[test]
fn the_webhooks_module_has_the_event_enum_and_the_verifier() {
    let text = generated(SHOP_30, &settings());
    for expected in [
        "pub mod webhooks {",
        "OrderPaid(super::types::OrderPaid),",
        "Unknown2(::serde_json::Value),",
        "Unknown {\n /// The event name the request carried; empty when it carried none.\n name: ::std::string::String,",
        "pub const NAMES: &'static [&'static str] = &[\"Order paid\", \"Order shipped\", \"Unknown\",];",
        "impl crate::runtime::webhook::WebhookEvent for Event {",
        "::core::option::Option::Some(\"Order paid\") => {\n                crate::runtime::webhook::decode_json(body).map(Event::OrderPaid)",
        "HeaderName::from_static(\"x-shop-signature\",),\n                crate::runtime::webhook::SignatureEncoding::Hex,",
        ".with_prefix(\"sha256=\")",
        "EventTypeSource::Header(\n            crate::runtime::reqwest::header::HeaderName::from_static(\"x-shop-event\"),",
        "crate::runtime::webhook::WebhookSecret::new(text.as_bytes())",
        "Verifier::new(scheme(), secret).event_type(event_type())",
        "verifier(::core::clone::Clone::clone(secret)).verify(headers, body)?.event::<Event>()",
        "/// An order was paid.",
        "Assumption: The raw body is signed.",
    ] {
        assert!(has(&text, expected), "missing {expected:?} in\n{text}");
    }
}

#[test]
fn a_subset_client_keeps_the_webhooks_and_their_types() {
    let settings = Settings {
        only: vec![Selector::OperationId("listOrders".into())],
        runtime: syn::parse_quote!(crate::runtime),
        ..Settings::default()
    };
    let text = generated(SHOP_30, &settings);
    assert!(text.contains("pub struct OrderPaid"), "{text}");
    assert!(text.contains("OrderPaid(super::types::OrderPaid),"));
}

#[test]
fn a_document_without_webhooks_has_no_module() {
    let source = SHOP_30
        .split("x-jeri-webhook-signature:")
        .next()
        .unwrap_or_default();
    let text = generated(source, &settings());
    assert!(!text.contains("pub mod webhooks"), "{text}");
}

const STANDARD_31: &str = r##"openapi: 3.1.0
info: {title: Mail, version: '1'}
paths: {}
components:
  parameters:
    Id: {name: webhook-id, in: header, required: true, schema: {type: string}}
webhooks:
  email.sent:
    post:
      parameters:
        - $ref: '#/components/parameters/Id'
        - {name: webhook-timestamp, in: header, required: true, schema: {type: string}}
        - {name: Webhook-Signature, in: header, required: true, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [type]
              properties:
                type: {type: string}
                created_at: {type: [string, 'null'], format: date-time}
      responses:
        '200': {description: ok}
"##;

#[test]
fn webhooks_of_31_documenting_standard_webhooks_headers_verify_that_way() {
    let (api, errors) = model(STANDARD_31);
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(api.webhooks.len(), 1);
    assert_eq!(api.webhooks[0].rust_name, "EmailSent");
    assert_eq!(api.webhooks[0].origin, "webhooks.email.sent.post");
    let signature = api.webhook_signature.expect("Standard Webhooks recognised");
    assert_eq!(
        signature.scheme,
        SignatureScheme::StandardWebhooks {
            tolerance_seconds: 300
        }
    );
    assert_eq!(signature.secret, SecretEncoding::Base64);
    assert_eq!(
        signature.event_type,
        EventTypeLocation::Property("type".into())
    );
    let text = generated(STANDARD_31, &settings());
    for expected in [
        "Scheme::standard_webhooks()",
        "::std::time::Duration::from_secs(300u64)",
        "WebhookSecret::standard(text)",
        "EventTypeSource::Property(::std::string::ToString::to_string(\"type\"),)",
        "Some(\"email.sent\")",
    ] {
        assert!(has(&text, expected), "missing {expected:?} in\n{text}");
    }
}

#[test]
fn webhooks_without_the_standard_headers_or_the_extension_have_no_verifier() {
    let source = STANDARD_31.replace("webhook-timestamp", "x-sent-at");
    let (api, errors) = model(&source);
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(api.webhook_signature.is_none());
    let text = generated(&source, &settings());
    assert!(text.contains("pub enum Event"));
    assert!(!text.contains("pub fn verifier"), "{text}");
}

#[test]
fn the_webhook_signature_setting_signs_a_document_that_does_not_say() {
    let source = STANDARD_31.replace("webhook-timestamp", "x-sent-at");
    let with_setting = Settings {
        webhook_signature: Some("{scheme: standard-webhooks, toleranceSeconds: 60}".into()),
        ..settings()
    };
    let text = generated(&source, &with_setting);
    assert!(text.contains("pub fn verifier"), "{text}");
    assert!(has(&text, "StandardWebhooks"), "{text}");
    // Text that is not YAML is an error naming the setting, never a panic.
    let broken = Settings {
        webhook_signature: Some("{scheme: [".into()),
        ..settings()
    };
    let output = generate(&source, &broken);
    assert!(
        output.errors.iter().any(|e| e
            .message
            .contains("`webhook_signature` setting is not YAML")),
        "{:#?}",
        output.errors
    );
}

/// `(pointer, message)` of each error of `source`.
fn located(source: &str) -> Vec<(String, String)> {
    generate(source, &Settings::default())
        .errors
        .into_iter()
        .map(|error| (error.pointer, error.message))
        .collect()
}

#[test]
fn bad_shapes_are_located_errors() {
    let head = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";
    let cases = [
        ("x-webhooks: [a, b]\n", "x-webhooks", "must be a map"),
        (
            "x-webhooks:\n  E: 3\n",
            "x-webhooks.E",
            "is not a path item",
        ),
        (
            "x-webhooks:\n  E: {$ref: '#/x'}\n",
            "x-webhooks.E",
            "is a `$ref`",
        ),
        ("x-webhooks:\n  E: {}\n", "x-webhooks.E", "has no operation"),
        (
            "x-jeri-webhook-signature: 7\n",
            "x-jeri-webhook-signature",
            "must be a map",
        ),
        (
            "x-jeri-webhook-signature: {scheme: rsa}\n",
            "x-jeri-webhook-signature.scheme",
            "cannot be read",
        ),
        (
            "x-jeri-webhook-signature: {scheme: header}\n",
            "x-jeri-webhook-signature.header",
            "cannot be read",
        ),
        (
            "x-jeri-webhook-signature: {scheme: header, header: 'bad header'}\n",
            "x-jeri-webhook-signature.header",
            "cannot be read",
        ),
        (
            "x-jeri-webhook-signature: {scheme: header, header: x-s, encoding: b32}\n",
            "x-jeri-webhook-signature.encoding",
            "cannot be read",
        ),
        (
            "x-jeri-webhook-signature: {scheme: header, header: x-s, algorithm: hmac-sha1}\n",
            "x-jeri-webhook-signature.algorithm",
            "cannot be read",
        ),
        (
            "x-jeri-webhook-signature: {scheme: standard-webhooks, toleranceSeconds: -1}\n",
            "x-jeri-webhook-signature.toleranceSeconds",
            "cannot be read",
        ),
        (
            "x-jeri-webhook-signature: {scheme: header, header: x-s, eventType: {in: query}}\n",
            "x-jeri-webhook-signature.eventType",
            "cannot be read",
        ),
    ];
    for (tail, pointer, message) in cases {
        let source = format!("{head}{tail}");
        let errors = located(&source);
        assert!(
            errors
                .iter()
                .any(|(at, text)| at == pointer && text.contains(message)),
            "{tail}: {errors:#?}"
        );
    }
}

#[test]
fn the_product_spec_describes_its_named_events() {
    let source = include_str!("../../../spec/openapi.yaml");
    let (api, errors) = model(source);
    assert!(errors.is_empty(), "{errors:#?}");
    let names: Vec<&str> = api.webhooks.iter().map(|hook| hook.name.as_str()).collect();
    // In document order, not sorted by name.
    assert_eq!(
        names[..2],
        ["Customer created", "Customer birthday"],
        "{names:?}"
    );
    assert!(names.contains(&"Balance changed"), "{names:?}");
    assert!(
        api.webhooks
            .iter()
            .all(|hook| matches!(hook.payload, TypeRef::Named(_))),
        "every named event has a payload type"
    );
    let signature = api.webhook_signature.expect("x-jeri-webhook-signature");
    assert_eq!(
        signature.scheme,
        SignatureScheme::Header {
            header: "x-jericommerce-hmac-sha256".into(),
            encoding: DigestEncoding::HexOrBase64,
            prefix: String::new(),
        }
    );
    assert_eq!(
        signature.event_type,
        EventTypeLocation::Header("x-jericommerce-event-type".into())
    );
}

#[test]
fn svix_webhooks_of_the_corpus_become_events() {
    let Some(dir) = jeri_test_support::shared("specs") else {
        return;
    };
    let source = std::fs::read_to_string(dir.join("realworld/svix.json")).expect("svix.json");
    let (api, errors) = model(&source);
    let in_webhooks: Vec<&SpecError> = errors
        .iter()
        .filter(|error| error.pointer.starts_with("webhooks"))
        .collect();
    assert!(in_webhooks.is_empty(), "{in_webhooks:#?}");
    assert_eq!(api.webhooks.len(), 14);
    let first = &api.webhooks[0];
    assert_eq!(
        (first.name.as_str(), first.rust_name.as_str()),
        ("endpoint.created", "EndpointCreated")
    );
    assert_eq!(first.payload, TypeRef::Named("EndpointCreatedEvent".into()));
    assert_eq!(first.origin, "webhooks.endpoint.created.post");
    // Its webhooks document no Standard Webhooks headers and it has no signature
    // extension, so no verifier is generated for it.
    assert!(api.webhook_signature.is_none());
}
