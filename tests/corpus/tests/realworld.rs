#![cfg(corpus)]
//! Clients for corpus specs called over loopback: an `oauth2`-secured call (petstore), a
//! multipart upload (haystack), http `basic` (twilio), and a byte body from an operation
//! whose only response is `default` with `*/*` (nexus).

use jeri_corpus::{haystack, nexus, petstore, twilio};
use jeri_runtime::{Multipart, Transport};
use jeri_test_support::{Reply, Server};

fn transport(server: &Server) -> jeri_runtime::TransportBuilder {
    Transport::builder().base_url(server.url())
}

#[tokio::test]
async fn petstore_oauth2_access_token_is_sent_as_bearer() {
    let server = Server::start(vec![Reply::json(
        200,
        r#"{"id": 7, "name": "Rex", "photoUrls": [], "status": "available"}"#,
    )])
    .await;
    let transport = transport(&server)
        .bearer_token("oauth-access-token")
        .build()
        .expect("a transport");
    let pet = petstore::Client::from_transport(transport)
        .get_pet_by_id(7)
        .await
        .expect("the pet decodes");
    // petstore documents the pet as JSON and as XML; a JSON answer is the JSON variant.
    match pet {
        petstore::requests::GetPetByIdResponse200Body::Json(pet) => assert_eq!(pet.name, "Rex"),
        other => panic!("expected the JSON variant, got {other:?}"),
    }
    let request = server.single();
    assert_eq!(request.path(), "/pet/7");
    assert_eq!(
        request.header("authorization"),
        Some("Bearer oauth-access-token")
    );
}

#[tokio::test]
async fn haystack_multipart_upload_sends_files_and_fields() {
    let server = Server::start(vec![Reply::json(200, r#"{"ok": true}"#)]).await;
    let client = haystack::Client::from_transport(transport(&server).build().expect("transport"));
    let form = Multipart::new()
        .file("files", "notes.txt", "text/plain", b"first file".to_vec())
        .file(
            "files",
            "data.bin",
            "application/octet-stream",
            vec![0u8, 255, 1],
        )
        .text("meta", r#"{"source": "test"}"#)
        .text("split_length", 100);
    let answer = client
        .upload_file(form)
        .await
        .expect("the 200 body decodes");
    assert_eq!(answer, serde_json::json!({"ok": true}));
    let request = server.single();
    assert_eq!(request.path(), "/file-upload");
    let content_type = request.header("content-type").unwrap_or_default();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .expect("a multipart content type with its boundary");
    let body = request.body.clone();
    let text = String::from_utf8_lossy(&body);
    assert!(text.contains(boundary));
    for expected in [
        "Content-Disposition: form-data; name=\"files\"; filename=\"notes.txt\"\r\nContent-Type: text/plain\r\n\r\nfirst file\r\n",
        "Content-Disposition: form-data; name=\"files\"; filename=\"data.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n",
        "Content-Disposition: form-data; name=\"meta\"\r\n\r\n{\"source\": \"test\"}\r\n",
        "Content-Disposition: form-data; name=\"split_length\"\r\n\r\n100\r\n",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    let bytes_at = body
        .windows(3)
        .position(|w| w == [0u8, 255, 1])
        .expect("the binary part arrives unchanged");
    assert!(bytes_at > 0);
}

#[tokio::test]
async fn twilio_basic_auth() {
    let server = Server::start(vec![Reply::json(200, r#"{"services": [], "meta": {}}"#)]).await;
    let transport = transport(&server)
        .basic_auth("AC123", "auth-token")
        .build()
        .expect("a transport");
    twilio::Client::from_transport(transport)
        .list_service()
        .page_size(20)
        .await
        .expect("the page decodes");
    let request = server.single();
    assert_eq!(request.path(), "/v1/Services");
    assert_eq!(request.raw_query(), Some("PageSize=20"));
    // base64("AC123:auth-token")
    assert_eq!(
        request.header("authorization"),
        Some("Basic QUMxMjM6YXV0aC10b2tlbg==")
    );
}

#[tokio::test]
async fn nexus_default_any_media_response_is_bytes_and_form_body_is_sent() {
    let download: Vec<u8> = (0..=255).rev().collect();
    let server = Server::start(vec![
        Reply::status(200)
            .header("content-type", "application/octet-stream")
            .body(download.clone()),
    ])
    .await;
    let client = nexus::Client::from_transport(transport(&server).build().expect("transport"));
    let body = serde_json::from_value(serde_json::json!({
        "client_id": "6f1c4bd0-0b6e-4c47-9df3-1a2b3c4d5e6f",
        "device_code": "abc",
        "grant_type": "urn:ietf:params:oauth:grant-type:device_code",
    }))
    .expect("a token request");
    let bytes: Vec<u8> = client
        .device_access_token(body)
        .await
        .expect("the body comes back as bytes");
    assert_eq!(bytes, download);
    let request = server.single();
    assert_eq!(
        request.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let body = String::from_utf8(request.body).expect("a form body is text");
    assert!(body.contains("device_code=abc"), "{body}");
    assert!(
        body.contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code"),
        "{body}"
    );
}
