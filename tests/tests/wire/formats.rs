//! String and integer formats as Rust types, spec defaults, and closed objects with a
//! flattened member, for `tests/specs/formats.yaml`: a table per format (value → wire
//! text → value), and loopback in both directions (the bytes the server receives, the
//! value the caller gets back, and decode errors that name the property path).

use jeri_runtime::chrono::{DateTime, NaiveDate, TimeZone as _, Utc};
use jeri_runtime::uuid::Uuid;
use jeri_runtime::{Base64, Error, Nullable};
use jeri_tests::fixtures::loopback;
use jeri_tests::recording::{Reply, Server};

mod api {
    jeri_macros::generate!("../../specs/formats.yaml");
}

mod as_strings {
    jeri_macros::generate!("../../specs/formats.yaml", types_only, formats = strings);
}

use api::types;

fn client(server: &Server) -> api::Client {
    let builder = api::Client::transport_builder();
    api::Client::from_transport(loopback(builder, server))
}

/// Each value is sent as `wire` and read back from it unchanged.
fn round_trips<T>(cases: &[(T, &str)])
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    for (value, wire) in cases {
        assert_eq!(
            serde_json::to_string(value).expect("encodes"),
            *wire,
            "{value:?}"
        );
        let back: T = serde_json::from_str(wire).expect("decodes");
        assert_eq!(&back, value, "{wire}");
    }
}

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s)
        .single()
        .expect("a UTC time")
}

#[test]
fn date_time_table() {
    let nanos = at(2024, 3, 1, 9, 30, 0) + jeri_runtime::chrono::Duration::milliseconds(250);
    let cases: [(types::Moment, &str); 3] = [
        (at(2024, 3, 1, 9, 30, 0), r#""2024-03-01T09:30:00Z""#),
        (nanos, r#""2024-03-01T09:30:00.250Z""#),
        (DateTime::UNIX_EPOCH, r#""1970-01-01T00:00:00Z""#),
    ];
    round_trips(&cases);
    // Another offset is the same instant, sent back in UTC.
    let offset: types::Moment = serde_json::from_str(r#""2024-03-01T11:30:00+02:00""#).unwrap();
    assert_eq!(offset, at(2024, 3, 1, 9, 30, 0));
    for bad in [r#""2024-03-01""#, r#""yesterday""#, "1709285400"] {
        assert!(serde_json::from_str::<types::Moment>(bad).is_err(), "{bad}");
    }
}

#[test]
fn date_table() {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a date");
    let cases: [(types::Day, &str); 2] = [
        (day(2024, 2, 29), r#""2024-02-29""#),
        (day(1999, 12, 31), r#""1999-12-31""#),
    ];
    round_trips(&cases);
    for bad in [r#""2023-02-29""#, r#""2024-03-01T00:00:00Z""#] {
        assert!(serde_json::from_str::<types::Day>(bad).is_err(), "{bad}");
    }
}

#[test]
fn uuid_table() {
    let id = Uuid::from_u128(0x3f6c9a52_1d2e_4b7a_9c3d_5e8f7a6b4c21);
    let cases: [(types::Id, &str); 2] = [
        (id, r#""3f6c9a52-1d2e-4b7a-9c3d-5e8f7a6b4c21""#),
        (Uuid::nil(), r#""00000000-0000-0000-0000-000000000000""#),
    ];
    round_trips(&cases);
    let upper: types::Id =
        serde_json::from_str(r#""3F6C9A52-1D2E-4B7A-9C3D-5E8F7A6B4C21""#).unwrap();
    assert_eq!(upper, id);
    assert!(serde_json::from_str::<types::Id>(r#""3f6c9a52""#).is_err());
}

#[test]
fn byte_table() {
    let cases: [(types::Blob, &str); 3] = [
        (Base64::from(b"hi".to_vec()), r#""aGk=""#),
        (Base64::from(vec![0xfb, 0xff]), r#""+/8=""#),
        (Base64::default(), r#""""#),
    ];
    round_trips(&cases);
    assert!(serde_json::from_str::<types::Blob>(r#""%%%""#).is_err());
}

#[test]
fn integer_tables_by_width_and_sign() {
    round_trips::<types::Int8>(&[(i8::MIN, "-128"), (i8::MAX, "127")]);
    round_trips::<types::Int16>(&[(i16::MIN, "-32768"), (i16::MAX, "32767")]);
    round_trips::<types::Int32>(&[(i32::MIN, "-2147483648")]);
    round_trips::<types::Int64>(&[(i64::MIN, "-9223372036854775808")]);
    round_trips::<types::UInt8>(&[(u8::MAX, "255")]);
    round_trips::<types::UInt16>(&[(u16::MAX, "65535")]);
    round_trips::<types::UInt32>(&[(u32::MAX, "4294967295")]);
    // Above `i64::MAX`: only a `u64` holds it.
    round_trips::<types::UInt64>(&[(u64::MAX, "18446744073709551615")]);
    // `minimum: 0` without a format stays `i64`: the bound is the server's to check.
    round_trips::<types::Count>(&[(0, "0"), (i64::MAX, "9223372036854775807")]);
    assert!(serde_json::from_str::<types::Int8>("128").is_err());
    assert!(serde_json::from_str::<types::UInt8>("-1").is_err());
    assert!(serde_json::from_str::<types::UInt32>("4294967296").is_err());
}

#[test]
fn formats_strings_keeps_every_string_a_string() {
    let record = as_strings::types::Record {
        at: "2024-03-01T09:30:00+02:00".to_owned(),
        day: "not checked".to_owned(),
        id: "any text".to_owned(),
        blob: "aGk=".to_owned(),
        seen_at: Some(vec![Some("kept as sent".to_owned()), None]),
        huge: Some(u64::MAX),
        tiny: Some(-1),
    };
    let text = serde_json::to_string(&record).expect("encodes");
    assert_eq!(
        text,
        r#"{"at":"2024-03-01T09:30:00+02:00","day":"not checked","id":"any text","blob":"aGk=","seenAt":["kept as sent",null],"huge":18446744073709551615,"tiny":-1}"#
    );
    let _email: as_strings::types::Email = String::new();
}

fn record() -> types::Record {
    types::Record::new(
        at(2024, 3, 1, 9, 30, 0),
        NaiveDate::from_ymd_opt(2024, 2, 29).expect("a date"),
        Uuid::from_u128(0x3f6c9a52_1d2e_4b7a_9c3d_5e8f7a6b4c21),
        Base64::from(b"hi".to_vec()),
    )
    .seen_at(vec![Some(DateTime::UNIX_EPOCH), None])
    .huge(u64::MAX)
    .tiny(-128)
}

const RECORD_WIRE: &str = r#"{"at":"2024-03-01T09:30:00Z","day":"2024-02-29","id":"3f6c9a52-1d2e-4b7a-9c3d-5e8f7a6b4c21","blob":"aGk=","seenAt":["1970-01-01T00:00:00Z",null],"huge":18446744073709551615,"tiny":-128}"#;

#[tokio::test]
async fn typed_formats_are_sent_byte_exact_and_read_back() {
    // The server answers with another offset and unpadded Base64: the same values.
    let answer = r#"{"at":"2024-03-01T10:30:00+01:00","day":"2024-02-29","id":"3F6C9A52-1D2E-4B7A-9C3D-5E8F7A6B4C21","blob":"aGk","seenAt":["1970-01-01T00:00:00Z",null],"huge":18446744073709551615,"tiny":-128}"#;
    let server = Server::start(vec![Reply::json(200, answer)]).await;
    let stored = client(&server).put_record(record()).await.expect("stored");
    assert_eq!(String::from_utf8_lossy(&server.single().body), RECORD_WIRE);
    assert_eq!(stored, record());
}

#[tokio::test]
async fn a_uuid_path_parameter_is_text() {
    let server = Server::start(vec![Reply::json(
        200,
        r#"{"id":"00000000-0000-0000-0000-000000000000"}"#,
    )])
    .await;
    let id = Uuid::from_u128(1);
    client(&server)
        .get_member(id.to_string())
        .await
        .expect("member");
    assert_eq!(
        server.single().path(),
        "/members/00000000-0000-0000-0000-000000000001"
    );
}

#[tokio::test]
async fn decode_errors_name_the_property_path_with_a_bounded_excerpt() {
    let padding = "x".repeat(2_000);
    let body = format!(
        r#"{{"id":"00000000-0000-0000-0000-000000000000","tier":"{padding}","loyaltyData":{{"memberSince":"yesterday"}}}}"#
    );
    let server = Server::start(vec![Reply::json(200, body.as_str())]).await;
    let error = client(&server)
        .get_member(Uuid::nil().to_string())
        .await
        .expect_err("not a date-time");
    let Error::Decode { path, excerpt, .. } = &error else {
        panic!("expected Decode, got {error:?}");
    };
    assert_eq!(path, "loyaltyData.memberSince");
    assert!(excerpt.chars().count() <= 513, "{}", excerpt.len());
    assert!(body.starts_with(excerpt.trim_end_matches('…')));
    assert!(
        error.to_string().contains("at `loyaltyData.memberSince`"),
        "{error}"
    );
}

#[tokio::test]
async fn spec_defaults_fill_properties_a_response_leaves_out() {
    let server = Server::start(vec![
        Reply::json(200, r#"{"id":"00000000-0000-0000-0000-000000000000"}"#),
        Reply::json(
            200,
            r#"{"id":"00000000-0000-0000-0000-000000000000","tier":"Gold","limit":5,"status":"active","nickname":null}"#,
        ),
    ])
    .await;
    let client = client(&server);
    let defaults = client
        .get_member(Uuid::nil().to_string())
        .await
        .expect("member");
    assert_eq!(defaults.tier.as_deref(), Some("Silver"));
    assert_eq!(defaults.limit, Some(20));
    assert_eq!(defaults.status, Some(types::Status::Paused));
    assert_eq!(defaults.nickname, Nullable::Value("Ada".to_owned()));
    // `default: none` on an array does not fit: it is not applied.
    assert_eq!(defaults.tags, None);
    let sent = client
        .get_member(Uuid::nil().to_string())
        .await
        .expect("member");
    assert_eq!(sent.tier.as_deref(), Some("Gold"));
    assert_eq!(sent.limit, Some(5));
    assert_eq!(sent.status, Some(types::Status::Active));
    assert_eq!(sent.nickname, Nullable::Null);
}

#[tokio::test]
async fn a_closed_object_with_a_flattened_member_refuses_unknown_properties() {
    let bodies = [
        r#"{"amount":5,"last4":"4242"}"#,
        r#"{"amount":5,"walletId":"w-1"}"#,
        // Open `Wallet` would take this as a card payment without a wallet id, dropping
        // `reason`; the closed `CardPayment` refuses it, so the union picks `Refund`.
        r#"{"amount":5,"reason":"damaged"}"#,
        // Neither alternative has `last4` next to `reason`.
        r#"{"amount":5,"last4":"4242","reason":"damaged"}"#,
    ];
    let server = Server::start(bodies.iter().map(|body| Reply::json(200, *body)).collect()).await;
    let client = client(&server);
    let card = client.get_payment().await.expect("a card payment");
    assert!(
        matches!(&card, types::Payment::CardPayment(p) if matches!(&p.instrument, types::Instrument::Card(c) if c.last4 == "4242")),
        "{card:?}"
    );
    let wallet = client.get_payment().await.expect("a wallet payment");
    assert!(
        matches!(&wallet, types::Payment::CardPayment(p) if matches!(&p.instrument, types::Instrument::Wallet(w) if w.wallet_id.as_deref() == Some("w-1"))),
        "{wallet:?}"
    );
    let refund = client.get_payment().await.expect("a refund");
    assert!(
        matches!(&refund, types::Payment::Refund(r) if r.reason == "damaged"),
        "{refund:?}"
    );
    let error = client.get_payment().await.expect_err("fits no alternative");
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");

    // Directly: the unknown property is named.
    let direct = serde_json::from_str::<types::CardPayment>(r#"{"amount":5,"walletId":"w","x":1}"#)
        .expect_err("closed");
    assert!(
        direct.to_string().contains(r#"unknown property "x""#),
        "{direct}"
    );
}
