use super::*;
use crate::Place;
use axum::http::HeaderValue;

fn request(content_type: Option<&str>, body: &str) -> Incoming {
    let mut headers = HeaderMap::new();
    if let Some(content_type) = content_type {
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_str(content_type).unwrap_or(HeaderValue::from_static("x")),
        );
    }
    headers.insert("x-count", HeaderValue::from_static("12"));
    Incoming::new(
        vec!["acme".into(), "42".into()],
        vec![
            ("tag".into(), "a".into()),
            ("limit".into(), "x".into()),
            ("tag".into(), "b".into()),
        ],
        headers,
        Bytes::from(body.to_owned()),
    )
}

fn kinds(problems: Problems) -> Vec<ProblemKind> {
    problems.into_vec().into_iter().map(|p| p.kind).collect()
}

#[test]
fn parameters_become_values_of_their_kind() {
    let mut incoming = request(None, "");
    let mut problems = Problems::new();
    assert_eq!(
        incoming.path_value(1, Scalar::Integer, &mut problems),
        Some(Value::from(42))
    );
    assert_eq!(incoming.path_value(2, Scalar::String, &mut problems), None);
    assert_eq!(
        incoming.query_array("tag", Scalar::String, true, &mut problems),
        Some(serde_json::json!(["a", "b"]))
    );
    assert_eq!(
        incoming.query_value("tag", Scalar::String, true, &mut problems),
        Some("b".into())
    );
    problems.parameter(Place::Query, "limit");
    assert_eq!(
        incoming.query_value("limit", Scalar::Integer, true, &mut problems),
        None
    );
    assert_eq!(
        incoming.query_value("page", Scalar::Integer, false, &mut problems),
        None
    );
    assert_eq!(
        incoming.header_value("x-count", Scalar::Number, true, &mut problems),
        Some(serde_json::json!(12.0))
    );
    assert_eq!(
        incoming.header_value("x-other", Scalar::Boolean, true, &mut problems),
        None
    );
    assert_eq!(
        kinds(problems),
        [
            ProblemKind::Missing,
            ProblemKind::Type(Expected::Integer),
            ProblemKind::Missing
        ]
    );
}

#[test]
fn cookies_from_every_cookie_header() {
    let mut headers = HeaderMap::new();
    headers.append(
        header::COOKIE,
        HeaderValue::from_static("a=1; theme=\"dark\""),
    );
    headers.append(header::COOKIE, HeaderValue::from_static("visits=x;b=a=b"));
    let incoming = Incoming::new(Vec::new(), Vec::new(), headers, Bytes::new());
    assert_eq!(incoming.cookie("theme"), Some("dark"));
    assert_eq!(incoming.cookie("b"), Some("a=b"));
    assert_eq!(incoming.cookie("c"), None);
    let mut problems = Problems::new();
    problems.parameter(Place::Cookie, "visits");
    assert_eq!(
        incoming.cookie_value("a", Scalar::Integer, true, &mut problems),
        Some(Value::from(1))
    );
    assert_eq!(
        incoming.cookie_value("visits", Scalar::Integer, true, &mut problems),
        None
    );
    assert_eq!(
        incoming.cookie_value("c", Scalar::String, false, &mut problems),
        None
    );
    let found = problems.into_vec();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].place, Place::Cookie);
}

#[test]
fn scalars() {
    let mut problems = Problems::new();
    assert_eq!(
        Scalar::Boolean.read("true", &mut problems),
        Some(Value::Bool(true))
    );
    assert_eq!(Scalar::Boolean.read("yes", &mut problems), None);
    assert_eq!(Scalar::Number.read("NaN", &mut problems), None);
    assert_eq!(
        Scalar::Any.read("[1]", &mut problems),
        Some(serde_json::json!([1]))
    );
    assert_eq!(Scalar::Any.read("x y", &mut problems), Some("x y".into()));
    assert_eq!(
        Scalar::Integer.read("18446744073709551615", &mut problems),
        Some(Value::from(u64::MAX))
    );
    assert_eq!(problems.len(), 2);
}

#[test]
fn bodies() {
    let mut problems = Problems::new();
    let body = request(Some("application/json; charset=utf-8"), r#"{"a":1}"#);
    assert_eq!(
        body.json_body(true, &mut problems),
        Some(serde_json::json!({"a": 1}))
    );
    let vendor = request(Some("application/vnd.x+json"), "[]");
    assert_eq!(
        vendor.json_body(true, &mut problems),
        Some(serde_json::json!([]))
    );
    assert!(problems.is_empty());
    assert_eq!(request(None, " \n").json_body(false, &mut problems), None);
    assert!(problems.is_empty());
    assert_eq!(request(None, "").json_body(true, &mut problems), None);
    assert_eq!(
        request(Some("text/plain"), "[]").json_body(true, &mut problems),
        None
    );
    assert_eq!(request(None, "[]").json_body(true, &mut problems), None);
    assert_eq!(
        request(Some("application/json"), "[").json_body(true, &mut problems),
        None
    );
    let found = kinds(problems);
    assert_eq!(found[0], ProblemKind::Missing);
    assert_eq!(
        found[1],
        ProblemKind::MediaType {
            expected: "application/json",
            sent: Some("text/plain".into())
        }
    );
    assert_eq!(
        found[2],
        ProblemKind::MediaType {
            expected: "application/json",
            sent: None
        }
    );
    assert!(matches!(&found[3], ProblemKind::NotJson(reason) if reason.contains("EOF")));
}

#[test]
fn text_bytes_and_forms() {
    let mut problems = Problems::new();
    let form = request(None, "a=1&b=x+y&a=true&c=%7B");
    assert_eq!(
        form.form_body(true, &[], &mut problems),
        Some(serde_json::json!({"a": [1, true], "b": "x y", "c": "{"}))
    );
    assert!(!form.sent_media_is("application/x-www-form-urlencoded"));
    let sent = request(Some("Application/X-WWW-Form-Urlencoded; charset=utf-8"), "");
    assert!(sent.sent_media_is("application/x-www-form-urlencoded"));
    // Read by the schema: a string stays one, an array property is a list even of one.
    let typed = request(None, "code=11111&tags=a&n=5");
    assert_eq!(
        typed.form_body(
            true,
            &[
                ("code", Scalar::String, false),
                ("tags", Scalar::String, true)
            ],
            &mut problems
        ),
        Some(serde_json::json!({"code": "11111", "tags": ["a"], "n": 5}))
    );
    assert_eq!(
        form.text_body(true, &mut problems).as_deref(),
        Some("a=1&b=x+y&a=true&c=%7B")
    );
    assert_eq!(
        form.bytes_body(true, &mut problems).map(|b| b.len()),
        Some(22)
    );
    assert!(problems.is_empty());
    assert_eq!(request(None, "").bytes_body(false, &mut problems), None);
    assert!(problems.is_empty());
    assert_eq!(request(None, "").text_body(true, &mut problems), None);
    let mut latin1 = request(None, "");
    latin1.body = Ok(Bytes::from_static(&[0xff]));
    assert_eq!(latin1.text_body(true, &mut problems), None);
    let found = kinds(problems);
    assert_eq!(found[0], ProblemKind::Missing);
    assert!(matches!(&found[1], ProblemKind::Unreadable(reason) if reason.contains("UTF-8")));
}

#[test]
fn decoding_failures_are_problems() {
    let mut problems = Problems::new();
    assert_eq!(decode::<u8>(Value::from(7), &mut problems), Some(7));
    assert_eq!(decode::<u8>(Value::from(700), &mut problems), None);
    assert_eq!(decode_ref::<u8>(&Value::from(8), &mut problems), Some(8));
    assert_eq!(decode_ref::<u8>(&Value::from(-1), &mut problems), None);
    let found = kinds(problems);
    assert_eq!(found.len(), 2);
    assert!(matches!(&found[1], ProblemKind::Unreadable(_)));
}
