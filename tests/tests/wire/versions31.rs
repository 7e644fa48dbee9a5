//! A client generated from an OpenAPI 3.1 document (`tests/specs/versions31.yaml`),
//! called over loopback: a `[string, "null"]` property sent as `null` and read back, a
//! `const` refusing other values, a tuple, base64 content as bytes, and a numeric
//! `exclusiveMinimum: 0` parameter refusing `0` before anything is sent.

use jeri_runtime::Error;
use jeri_tests::fixtures::loopback;
use jeri_tests::recording::{Reply, Server};

mod api {
    jeri_macros::generate!("../../specs/versions31.yaml");
}

use api::types::{Note, NoteKind};

fn client(server: &Server) -> api::Client {
    api::Client::from_transport(loopback(api::Client::transport_builder(), server))
}

fn note(title: Option<&str>) -> Note {
    Note {
        kind: NoteKind::new(),
        title: title.map(str::to_owned),
        position: vec![1.5, -2.0],
        attachment: None,
        author: None,
        labels: None,
    }
}

#[tokio::test]
async fn a_null_title_is_sent_as_null_and_read_back() {
    let stored = r#"{"kind":"note","title":null,"position":[1.5,-2.0]}"#;
    let server = Server::start(vec![Reply::json(200, stored)]).await;
    let answer = client(&server)
        .put_note("n1", note(None))
        .await
        .expect("the note is stored");
    assert_eq!(answer.title, None);
    let sent: serde_json::Value =
        serde_json::from_slice(&server.single().body).expect("a JSON body");
    assert_eq!(sent["title"], serde_json::Value::Null);
    assert_eq!(sent["kind"], "note");
    assert_eq!(sent["position"], serde_json::json!([1.5, -2.0]));
}

#[tokio::test]
async fn the_constant_refuses_any_other_value() {
    let server = Server::start(vec![Reply::json(
        200,
        r#"{"kind":"memo","title":"x","position":[0,0]}"#,
    )])
    .await;
    let error = client(&server)
        .get_note("n1")
        .await
        .expect_err("`memo` is not the constant");
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
}

#[tokio::test]
async fn a_tuple_and_base64_content_travel_as_written() {
    let body = r#"{"kind":"note","title":"Map","position":[3.0,4.5],"attachment":"AAH/","author":{"name":"Ada","email":null},"labels":{"home":"yes"}}"#;
    let server = Server::start(vec![Reply::json(200, body)]).await;
    let got = client(&server)
        .get_note("n2")
        .await
        .expect("the note decodes");
    assert_eq!(got.position, vec![3.0, 4.5]);
    let bytes: &[u8] = got.attachment.as_ref().expect("an attachment").as_ref();
    assert_eq!(bytes, &[0u8, 1, 255]);
    let author = got.author.as_ref().expect("an author");
    assert_eq!(
        (author.name.as_str(), author.email.as_deref()),
        ("Ada", None)
    );
    assert_eq!(
        got.labels
            .as_ref()
            .and_then(|l| l.get("home"))
            .map(String::as_str),
        Some("yes")
    );
    // Sent back, the bytes are Base64 text again.
    let server = Server::start(vec![Reply::json(200, body)]).await;
    client(&server)
        .put_note("n2", got.clone())
        .await
        .expect("stored");
    let sent: serde_json::Value =
        serde_json::from_slice(&server.single().body).expect("a JSON body");
    assert_eq!(sent["attachment"], "AAH/");
    assert_eq!(sent["position"], serde_json::json!([3.0, 4.5]));
}

#[tokio::test]
async fn an_exclusive_minimum_of_zero_refuses_zero_before_sending() {
    let server = Server::start(vec![Reply::json(200, "[]")]).await;
    let error = client(&server)
        .list_notes(0)
        .await
        .expect_err("0 is not above the exclusive minimum");
    assert!(matches!(error, Error::InvalidInput { .. }), "{error:?}");
    assert!(server.requests().is_empty(), "nothing was sent");
    let notes = client(&server).list_notes(1).await.expect("1 is allowed");
    assert!(notes.is_empty());
    assert_eq!(server.single().target, "/notes?limit=1");
}
