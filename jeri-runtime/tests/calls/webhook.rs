//! Webhook verification: published vectors, tampering, rotation, and no panics on any
//! input.

use jeri_runtime::reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use jeri_runtime::webhook::{
    EventError, EventTypeSource, Scheme, SignatureEncoding, Verifier, WebhookErrorKind,
    WebhookEvent, WebhookSecret, decode_json,
};
use proptest::prelude::*;

/// The example of the Standard Webhooks specification and its reference libraries.
const SPEC_SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const SPEC_ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const SPEC_TIMESTAMP: i64 = 1_614_265_330;
const SPEC_BODY: &[u8] = br#"{"test": 2432232314}"#;
const SPEC_SIGNATURE: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

fn secret(text: &str) -> WebhookSecret {
    WebhookSecret::standard(text).unwrap_or_else(|error| panic!("{error}"))
}

fn raw_secret(text: &str) -> WebhookSecret {
    WebhookSecret::new(text).unwrap_or_else(|error| panic!("{error}"))
}

fn standard(at: i64) -> Verifier {
    Verifier::new(Scheme::standard_webhooks(), secret(SPEC_SECRET)).clock(move || at)
}

fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.append(
            HeaderName::from_bytes(name.as_bytes()).unwrap_or_else(|e| panic!("{e}")),
            HeaderValue::from_str(value).unwrap_or_else(|e| panic!("{e}")),
        );
    }
    map
}

fn spec_headers(signature: &str) -> HeaderMap {
    headers(&[
        ("webhook-id", SPEC_ID),
        ("webhook-timestamp", &SPEC_TIMESTAMP.to_string()),
        ("webhook-signature", signature),
    ])
}

fn kind(
    result: Result<jeri_runtime::webhook::Verified, jeri_runtime::webhook::WebhookError>,
) -> WebhookErrorKind {
    match result {
        Ok(verified) => panic!("accepted: {verified:?}"),
        Err(error) => error.kind().clone(),
    }
}

#[test]
fn the_standard_webhooks_example_signs_and_verifies() {
    let verifier = standard(SPEC_TIMESTAMP);
    let signed = verifier
        .sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        signed.get("webhook-signature").map(|v| v.as_bytes()),
        Some(SPEC_SIGNATURE.as_bytes())
    );
    let verified = verifier
        .verify(&spec_headers(SPEC_SIGNATURE), SPEC_BODY)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(verified.webhook_id(), Some(SPEC_ID));
    assert_eq!(verified.timestamp(), Some(SPEC_TIMESTAMP));
    assert_eq!(verified.body().as_ref(), SPEC_BODY);
    let event = verified
        .decode::<serde_json::Value>()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(event.payload()["test"], 2_432_232_314_u64);
    assert_eq!(event.body().as_ref(), SPEC_BODY);
}

/// The vector of the Standard Webhooks Rust reference library's `test_sign`.
#[test]
fn the_reference_library_vector_signs() {
    let verifier = Verifier::new(
        Scheme::standard_webhooks(),
        secret("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"),
    );
    let signed = verifier
        .sign(
            "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk",
            1_649_367_553,
            br#"{"email":"test@example.com","username":"test_user"}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        signed.get("webhook-signature").map(|v| v.as_bytes()),
        Some("v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=".as_bytes())
    );
}

#[test]
fn one_matching_signature_among_several_is_enough() {
    let list = format!(
        "v1a,ignored v2,{} v1,bm9wZQ== {SPEC_SIGNATURE}",
        &SPEC_SIGNATURE[3..]
    );
    assert!(
        standard(SPEC_TIMESTAMP)
            .verify(&spec_headers(&list), SPEC_BODY)
            .is_ok()
    );
    // The right digest under another version is not a v1 signature.
    let other_version = format!("v2,{}", &SPEC_SIGNATURE[3..]);
    assert_eq!(
        kind(standard(SPEC_TIMESTAMP).verify(&spec_headers(&other_version), SPEC_BODY)),
        WebhookErrorKind::BadSignature
    );
}

#[test]
fn tampering_is_refused() {
    let verifier = standard(SPEC_TIMESTAMP);
    // Body.
    assert_eq!(
        kind(verifier.verify(&spec_headers(SPEC_SIGNATURE), br#"{"test": 2432232315}"#)),
        WebhookErrorKind::BadSignature
    );
    // Signature: one character changed.
    let forged = SPEC_SIGNATURE.replace("g0hM", "g0hN");
    assert_eq!(
        kind(verifier.verify(&spec_headers(&forged), SPEC_BODY)),
        WebhookErrorKind::BadSignature
    );
    // Timestamp: signed content changes, within the tolerance.
    let moved = headers(&[
        ("webhook-id", SPEC_ID),
        ("webhook-timestamp", &(SPEC_TIMESTAMP + 1).to_string()),
        ("webhook-signature", SPEC_SIGNATURE),
    ]);
    assert_eq!(
        kind(verifier.verify(&moved, SPEC_BODY)),
        WebhookErrorKind::BadSignature
    );
    // Id.
    let renamed = headers(&[
        ("webhook-id", "msg_other"),
        ("webhook-timestamp", &SPEC_TIMESTAMP.to_string()),
        ("webhook-signature", SPEC_SIGNATURE),
    ]);
    assert_eq!(
        kind(verifier.verify(&renamed, SPEC_BODY)),
        WebhookErrorKind::BadSignature
    );
    // Secret.
    let other = Verifier::new(
        Scheme::standard_webhooks(),
        secret("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"),
    )
    .clock(|| SPEC_TIMESTAMP);
    assert_eq!(
        kind(other.verify(&spec_headers(SPEC_SIGNATURE), SPEC_BODY)),
        WebhookErrorKind::BadSignature
    );
}

#[test]
fn timestamps_outside_the_tolerance_are_refused() {
    let tolerance = 300;
    let stale =
        kind(standard(SPEC_TIMESTAMP + 301).verify(&spec_headers(SPEC_SIGNATURE), SPEC_BODY));
    assert_eq!(
        stale,
        WebhookErrorKind::Stale {
            timestamp: SPEC_TIMESTAMP,
            now: SPEC_TIMESTAMP + 301,
            tolerance
        }
    );
    let future =
        kind(standard(SPEC_TIMESTAMP - 301).verify(&spec_headers(SPEC_SIGNATURE), SPEC_BODY));
    assert_eq!(
        future,
        WebhookErrorKind::Future {
            timestamp: SPEC_TIMESTAMP,
            now: SPEC_TIMESTAMP - 301,
            tolerance
        }
    );
    // The edges themselves are accepted.
    assert!(
        standard(SPEC_TIMESTAMP + 300)
            .verify(&spec_headers(SPEC_SIGNATURE), SPEC_BODY)
            .is_ok()
    );
    assert!(
        standard(SPEC_TIMESTAMP - 300)
            .verify(&spec_headers(SPEC_SIGNATURE), SPEC_BODY)
            .is_ok()
    );
    let wide = Verifier::new(
        Scheme::standard_webhooks().with_tolerance(std::time::Duration::from_secs(3600)),
        secret(SPEC_SECRET),
    )
    .clock(|| SPEC_TIMESTAMP + 3000);
    assert!(
        wide.verify(&spec_headers(SPEC_SIGNATURE), SPEC_BODY)
            .is_ok()
    );
}

#[test]
fn missing_and_malformed_headers_are_named() {
    let verifier = standard(SPEC_TIMESTAMP);
    for absent in ["webhook-id", "webhook-timestamp", "webhook-signature"] {
        let mut map = spec_headers(SPEC_SIGNATURE);
        map.remove(absent);
        assert_eq!(
            kind(verifier.verify(&map, SPEC_BODY)),
            WebhookErrorKind::MissingHeader {
                header: absent.to_owned()
            }
        );
    }
    let mut map = spec_headers(SPEC_SIGNATURE);
    map.insert(
        "webhook-timestamp",
        HeaderValue::from_static("1614265330.5"),
    );
    let error = verifier.verify(&map, SPEC_BODY).err();
    let error = error.unwrap_or_else(|| panic!("accepted"));
    assert!(
        matches!(error.kind(), WebhookErrorKind::MalformedHeader { header, .. } if header == "webhook-timestamp")
    );
    assert!(error.kind().is_authentication());
    // The error keeps the request.
    assert_eq!(error.body().as_ref(), SPEC_BODY);
    assert_eq!(
        error.headers().get("webhook-id").map(|v| v.as_bytes()),
        Some(SPEC_ID.as_bytes())
    );
}

#[test]
fn rotation_accepts_old_and_new_secrets() {
    let old = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    let body = br#"{"type":"ping"}"#;
    let sender_old = Verifier::new(Scheme::standard_webhooks(), secret(old));
    let sender_new = Verifier::new(Scheme::standard_webhooks(), secret(SPEC_SECRET));
    let receiver = Verifier::new(Scheme::standard_webhooks(), secret(SPEC_SECRET))
        .secret(secret(old))
        .clock(|| 1_700_000_000);
    for sender in [&sender_old, &sender_new] {
        let signed = sender
            .sign("msg_1", 1_700_000_000, body)
            .unwrap_or_else(|e| panic!("{e}"));
        let verified = receiver
            .verify(&signed, body)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(verified.event_type(), Some("ping"));
    }
    // A sender holding both secrets lists a signature for each.
    let both = sender_new.clone().secret(secret(old));
    let signed = both
        .sign("msg_1", 1_700_000_000, body)
        .unwrap_or_else(|e| panic!("{e}"));
    let list = signed
        .get("webhook-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert_eq!(list.split(' ').count(), 2);
    let only_old = Verifier::new(Scheme::standard_webhooks(), secret(old)).clock(|| 1_700_000_000);
    assert!(only_old.verify(&signed, body).is_ok());
}

fn jericommerce(secret: WebhookSecret) -> Verifier {
    Verifier::new(
        Scheme::header(
            HeaderName::from_static("x-jericommerce-hmac-sha256"),
            SignatureEncoding::HexOrBase64,
        ),
        secret,
    )
    .event_type(EventTypeSource::Header(HeaderName::from_static(
        "x-jericommerce-event-type",
    )))
}

#[test]
fn a_header_signature_is_read_as_hex_or_base64() {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    let body = b"what do ya want for nothing?";
    let hex = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    let base64 = "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=";
    let verifier = jericommerce(raw_secret("Jefe"));
    for signature in [
        hex,
        &hex.to_uppercase(),
        base64,
        base64.trim_end_matches('='),
    ] {
        let map = headers(&[
            ("x-jericommerce-hmac-sha256", signature),
            ("x-jericommerce-event-type", "Customer created"),
        ]);
        let verified = verifier
            .verify(&map, body)
            .unwrap_or_else(|e| panic!("{signature}: {e}"));
        assert_eq!(verified.event_type(), Some("Customer created"));
    }
    // Configured for one encoding, the other is refused.
    let hex_only = Verifier::new(
        Scheme::header(
            HeaderName::from_static("x-jericommerce-hmac-sha256"),
            SignatureEncoding::Hex,
        ),
        raw_secret("Jefe"),
    );
    let map = headers(&[("x-jericommerce-hmac-sha256", base64)]);
    assert_eq!(
        kind(hex_only.verify(&map, body)),
        WebhookErrorKind::BadSignature
    );
    let signed = verifier
        .sign("unused", 0, body)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(verifier.verify(&signed, body).is_ok());
    assert_eq!(
        kind(verifier.verify(&signed, b"what do ya want for nothing!")),
        WebhookErrorKind::BadSignature
    );
    assert_eq!(
        kind(jericommerce(raw_secret("Jeff")).verify(&signed, body)),
        WebhookErrorKind::BadSignature
    );
    assert_eq!(
        kind(verifier.verify(&HeaderMap::new(), body)),
        WebhookErrorKind::MissingHeader {
            header: "x-jericommerce-hmac-sha256".to_owned()
        }
    );
}

#[test]
fn a_prefix_is_required_when_configured() {
    let body = b"{}";
    let github = Verifier::new(
        Scheme::header(
            HeaderName::from_static("x-hub-signature-256"),
            SignatureEncoding::Hex,
        )
        .with_prefix("sha256="),
        raw_secret("It's a Secret to Everybody"),
    );
    let signed = github.sign("", 0, body).unwrap_or_else(|e| panic!("{e}"));
    let text = signed
        .get("x-hub-signature-256")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(text.starts_with("sha256="));
    assert!(github.verify(&signed, body).is_ok());
    let bare = headers(&[("x-hub-signature-256", &text["sha256=".len()..])]);
    assert_eq!(
        kind(github.verify(&bare, body)),
        WebhookErrorKind::BadSignature
    );
}

/// What a generated event enum does: known names decode their payload, others are kept.
#[derive(Debug, PartialEq)]
enum Events {
    BalanceChanged { amount: i64 },
    Unknown(String),
}

impl WebhookEvent for Events {
    fn decode_event(event_type: Option<&str>, body: &[u8]) -> Result<Self, EventError> {
        #[derive(serde::Deserialize)]
        struct Properties {
            amount: i64,
        }
        #[derive(serde::Deserialize)]
        struct Payload {
            properties: Properties,
        }
        match event_type {
            Some("Balance changed") => {
                decode_json::<Payload>(body).map(|payload| Events::BalanceChanged {
                    amount: payload.properties.amount,
                })
            }
            Some(other) => Ok(Events::Unknown(other.to_owned())),
            None => Err(EventError::Unknown),
        }
    }
}

#[test]
fn events_decode_by_name_and_bad_bodies_name_the_path() {
    let verifier = jericommerce(raw_secret("s3cret"));
    let send = |name: Option<&str>, body: &[u8]| {
        let mut signed = verifier.sign("", 0, body).unwrap_or_else(|e| panic!("{e}"));
        if let Some(name) = name {
            signed.insert(
                "x-jericommerce-event-type",
                HeaderValue::from_str(name).unwrap_or_else(|e| panic!("{e}")),
            );
        }
        verifier
            .verify(&signed, body)
            .unwrap_or_else(|e| panic!("{e}"))
            .event::<Events>()
    };
    let good = send(Some("Balance changed"), br#"{"properties":{"amount":5}}"#);
    let good = good.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(good.payload(), &Events::BalanceChanged { amount: 5 });
    assert_eq!(good.body().as_ref(), br#"{"properties":{"amount":5}}"#);
    let kept = send(Some("Wallet pass installed"), b"{}").map(|event| event.into_payload());
    assert_eq!(
        kept.ok(),
        Some(Events::Unknown("Wallet pass installed".to_owned()))
    );
    let bad = send(
        Some("Balance changed"),
        br#"{"properties":{"amount":"five"}}"#,
    )
    .err();
    let bad = bad.unwrap_or_else(|| panic!("accepted"));
    assert!(
        matches!(bad.kind(), WebhookErrorKind::Undecodable { path, .. } if path == "properties.amount")
    );
    assert!(!bad.kind().is_authentication());
    assert_eq!(bad.body().as_ref(), br#"{"properties":{"amount":"five"}}"#);
    let unnamed = send(None, b"{}").err().map(|error| error.kind().clone());
    assert_eq!(
        unnamed,
        Some(WebhookErrorKind::UnknownEvent { event_type: None })
    );
    let not_json = send(Some("Balance changed"), b"{\"properties\":").err();
    assert!(matches!(
        not_json.map(|e| e.kind().clone()),
        Some(WebhookErrorKind::Undecodable { .. })
    ));
}

fn any_header() -> impl Strategy<Value = (String, Vec<u8>)> {
    let name = prop_oneof![
        Just("webhook-id".to_owned()),
        Just("webhook-timestamp".to_owned()),
        Just("webhook-signature".to_owned()),
        Just("x-jericommerce-hmac-sha256".to_owned()),
        Just("x-jericommerce-event-type".to_owned()),
        "[a-z][a-z0-9-]{0,12}",
    ];
    let value = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..80),
        "v1,[A-Za-z0-9+/=]{0,60}( v1,[A-Za-z0-9+/=]{0,60})?".prop_map(String::into_bytes),
        "-?[0-9]{1,22}".prop_map(String::into_bytes),
        "[0-9a-fA-F]{62,66}".prop_map(String::into_bytes),
    ];
    (name, value)
}

proptest! {
    #[test]
    fn no_request_makes_a_verifier_panic(
        pairs in proptest::collection::vec(any_header(), 0..8),
        body in proptest::collection::vec(any::<u8>(), 0..200),
        now in any::<i64>(),
    ) {
        let mut map = HeaderMap::new();
        for (name, value) in &pairs {
            if let (Ok(name), Ok(value)) = (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_bytes(value)) {
                map.append(name, value);
            }
        }
        let verifiers = [
            standard(now),
            jericommerce(raw_secret("s3cret")),
            Verifier::new(Scheme::standard_webhooks(), secret(SPEC_SECRET))
                .event_type(EventTypeSource::Property("type".to_owned()))
                .clock(move || now),
        ];
        for verifier in &verifiers {
            if let Ok(verified) = verifier.verify(&map, &body) {
                let _ = verified.event::<Events>();
            }
        }
    }
}
