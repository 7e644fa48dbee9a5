//! A client generated from a Swagger 2.0 document (`tests/specs/swagger2.yaml`), called
//! over loopback: `basePath` in the URL, http basic auth, a body parameter, `pipes` and
//! `multi` arrays on the wire, a multipart `formData` file and a `type: file` download.

use jeri_runtime::{Multipart, Nullable, Transport};
use jeri_tests::recording::{Reply, Server};

mod api {
    jeri_macros::generate!("../../specs/swagger2.yaml");
}

use api::types::Pet;

/// The spec's server (`host` + `basePath`) with the loopback server's origin in place of
/// the host: the base path stays.
fn client(server: &Server) -> api::Client {
    let url = api::SERVERS[0].replace("https://petstore.example.com", server.url());
    let transport: Transport = api::Client::transport_builder()
        .base_url(&url)
        .basic_auth("ada", "s3cret")
        .retry_policy(jeri_runtime::RetryPolicy::disabled())
        .build()
        .expect("a transport for the loopback server");
    api::Client::from_transport(transport)
}

#[test]
fn host_base_path_and_scheme_are_the_server_url() {
    assert_eq!(api::SERVERS, ["https://petstore.example.com/api/v1"]);
}

#[tokio::test]
async fn a_body_parameter_is_the_request_body_under_the_base_path_with_basic_auth() {
    let server = Server::start(vec![Reply::json(201, r#"{"name":"Rex","tag":null}"#)]).await;
    let pet = Pet {
        name: "Rex".to_owned(),
        tag: Nullable::Null,
    };
    let added = client(&server).add_pet(pet.clone()).await.expect("added");
    assert_eq!(added, pet);
    let request = server.single();
    assert_eq!(request.path(), "/api/v1/pets");
    assert_eq!(request.header("content-type"), Some("application/json"));
    // `x-nullable: true`: `null` is sent as written.
    assert_eq!(
        request.json(),
        serde_json::json!({"name": "Rex", "tag": null})
    );
    // base64("ada:s3cret")
    assert_eq!(
        request.header("authorization"),
        Some("Basic YWRhOnMzY3JldA==")
    );
}

#[tokio::test]
async fn pipes_and_multi_arrays_on_the_wire() {
    let server = Server::start(vec![Reply::json(200, r#"[{"name":"Rex","tag":"dog"}]"#)]).await;
    let pets = client(&server)
        .list_pets()
        .tags(vec!["a".to_owned(), "b c".to_owned()])
        .ids(vec![1, 2])
        .await
        .expect("the pets");
    assert_eq!(pets[0].tag.as_deref(), Some("dog"));
    let request = server.single();
    assert_eq!(request.path(), "/api/v1/pets");
    // `pipes`: one value joined by `|` (percent-encoded like any reserved character);
    // `multi`: the key repeated.
    assert_eq!(request.raw_query(), Some("tags=a%7Cb+c&ids=1&ids=2"));
    let pairs = request.query_pairs();
    let pair = |k: &str, v: &str| (k.to_owned(), v.to_owned());
    assert_eq!(
        pairs,
        [pair("tags", "a|b c"), pair("ids", "1"), pair("ids", "2")]
    );
}

#[tokio::test]
async fn a_form_data_file_is_a_multipart_part() {
    let server = Server::start(vec![Reply::json(200, r#"{"size":3,"note":"hi"}"#)]).await;
    let form = Multipart::new()
        .file("file", "p.png", "image/png", vec![137u8, 80, 78])
        .text("note", "hi");
    let stored = client(&server)
        .upload_photo("p1", form)
        .await
        .expect("stored");
    assert_eq!((stored.size, stored.note.as_str()), (3, "hi"));
    let request = server.single();
    assert_eq!(request.path(), "/api/v1/pets/p1/photo");
    let content_type = request.header("content-type").unwrap_or_default();
    assert!(
        content_type.starts_with("multipart/form-data; boundary="),
        "{content_type}"
    );
    let body = String::from_utf8_lossy(&request.body);
    assert!(
        body.contains("name=\"file\"; filename=\"p.png\"\r\nContent-Type: image/png\r\n\r\n"),
        "{body}"
    );
    assert!(body.contains("name=\"note\"\r\n\r\nhi\r\n"), "{body}");
}

#[tokio::test]
async fn a_file_response_is_bytes() {
    let png: Vec<u8> = vec![137, 80, 78, 71, 0, 255];
    let server = Server::start(vec![
        Reply::status(200)
            .header("content-type", "image/png")
            .body(png.clone()),
    ])
    .await;
    let bytes: Vec<u8> = client(&server)
        .download_photo("p1")
        .await
        .expect("the photo");
    assert_eq!(bytes, png);
    let request = server.single();
    assert_eq!(request.path(), "/api/v1/pets/p1/photo");
    assert_eq!(request.header("accept"), Some("image/png"));
}
