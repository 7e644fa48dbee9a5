//! Request bodies (`tests/specs/request-media.yaml`) sent over loopback to a recording
//! server: a body documented in five media types is sent in each, per call, with the
//! documented `Content-Type` (or the caller's, checked to lie in a range such as
//! `image/*`); typed multipart forms send text, numbers, booleans, JSON objects, files
//! in memory and streamed files as the spec's `encoding` says; a content type outside
//! the documented range, and a stream sent a second time, fail before anything is sent;
//! a streamed form is never retried, and its file goes out chunk by chunk as the stream
//! produces it (never gathered in memory first).

use axum::extract::FromRequest as _;
use bytes::Bytes;
use jeri_runtime::{CallOptions, Error, FilePart, Multipart};
use jeri_test_support::{Recorded, Reply, Server};

mod media {
    jeri_macros::generate!("../../specs/request-media.yaml");
}

use media::requests::{CreateNoteContent, CreateNoteForm, UploadForm};
use media::types::{Meta, Note};

fn client(server: &Server) -> media::Client {
    let transport = media::Client::transport_builder()
        .base_url(server.url())
        .build()
        .expect("a transport for the loopback server");
    media::Client::from_transport(transport)
}

/// One part of a recorded multipart body: name, file name, content type, bytes.
#[derive(Debug, PartialEq)]
struct Part {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    body: Vec<u8>,
}

fn part(name: &str, content_type: Option<&str>, body: &[u8]) -> Part {
    Part {
        name: name.to_owned(),
        file_name: None,
        content_type: content_type.map(str::to_owned),
        body: body.to_vec(),
    }
}

fn file(name: &str, file_name: &str, content_type: &str, body: &[u8]) -> Part {
    Part {
        file_name: Some(file_name.to_owned()),
        ..part(name, Some(content_type), body)
    }
}

/// The parts of a recorded `multipart/form-data` body, read by axum's parser.
async fn parts(recorded: &Recorded) -> Vec<Part> {
    let mut request = axum::http::Request::builder().method("POST").uri("/");
    for (name, value) in &recorded.headers {
        request = request.header(name, value);
    }
    let request = request
        .body(axum::body::Body::from(recorded.body.clone()))
        .expect("a request from the recorded one");
    let mut form = axum::extract::Multipart::from_request(request, &())
        .await
        .expect("a multipart/form-data body");
    let mut out = Vec::new();
    while let Some(field) = form.next_field().await.expect("a well-formed part") {
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(str::to_owned);
        let body = field.bytes().await.expect("the part's bytes").to_vec();
        out.push(Part {
            name,
            file_name,
            content_type,
            body,
        });
    }
    out
}

fn content_type(recorded: &Recorded) -> &str {
    recorded.header("content-type").unwrap_or("<none>")
}

#[tokio::test]
async fn a_body_documented_in_several_media_types_is_sent_in_the_one_picked() {
    let server = Server::start(vec![Reply::status(204)]).await;
    let client = client(&server);
    let note = Note {
        title: "Q3 plan".to_owned(),
        pages: Some(12),
    };

    // The preferred media type takes the schema's type as before.
    client.create_note(note.clone()).await.expect("json");
    client
        .create_note(CreateNoteContent::Form(note.clone()))
        .await
        .expect("form");
    client
        .create_note(CreateNoteForm::new("Q3 plan".to_owned()).pages(12))
        .await
        .expect("typed multipart");
    client
        .create_note(Multipart::new().text("title", "raw").text("pages", 1))
        .await
        .expect("untyped multipart");
    client
        .create_note("Q3 plan, 12 pages".to_owned())
        .await
        .expect("text");
    client
        .create_note(CreateNoteContent::Bytes {
            content_type: "image/png".to_owned(),
            bytes: vec![0x89, b'P', b'N', b'G'],
        })
        .await
        .expect("bytes within image/*");

    let recorded = server.requests();
    assert_eq!(recorded.len(), 6);
    assert_eq!(content_type(&recorded[0]), "application/json");
    assert_eq!(
        recorded[0].json(),
        serde_json::json!({"title": "Q3 plan", "pages": 12})
    );
    assert_eq!(
        content_type(&recorded[1]),
        "application/x-www-form-urlencoded"
    );
    let mut fields: Vec<(String, String)> = url::form_urlencoded::parse(&recorded[1].body)
        .into_owned()
        .collect();
    fields.sort();
    assert_eq!(
        fields,
        [
            ("pages".to_owned(), "12".to_owned()),
            ("title".to_owned(), "Q3 plan".to_owned())
        ]
    );
    assert!(content_type(&recorded[2]).starts_with("multipart/form-data; boundary="));
    assert_eq!(
        parts(&recorded[2]).await,
        [part("title", None, b"Q3 plan"), part("pages", None, b"12")]
    );
    assert_eq!(
        parts(&recorded[3]).await,
        [part("title", None, b"raw"), part("pages", None, b"1")]
    );
    assert_eq!(content_type(&recorded[4]), "text/plain; charset=utf-8");
    assert_eq!(recorded[4].body, b"Q3 plan, 12 pages");
    assert_eq!(content_type(&recorded[5]), "image/png");
    assert_eq!(recorded[5].body, [0x89, b'P', b'N', b'G']);
}

#[tokio::test]
async fn variants_holding_one_rust_type_are_each_sent_as_their_media_type() {
    let server = Server::start(vec![Reply::status(204)]).await;
    let client = client(&server);

    // `Title` is `String`: `From` takes it to the preferred variant, JSON.
    client.put_title("Plan".to_owned()).await.expect("json");
    client
        .put_title(media::requests::PutTitleContent::Text("Plan".to_owned()))
        .await
        .expect("text");

    let recorded = server.requests();
    assert_eq!(content_type(&recorded[0]), "application/json");
    assert_eq!(recorded[0].body, br#""Plan""#);
    assert_eq!(content_type(&recorded[1]), "text/plain; charset=utf-8");
    assert_eq!(recorded[1].body, b"Plan");
}

#[tokio::test]
async fn a_content_type_outside_the_documented_range_is_refused_before_sending() {
    let server = Server::start(vec![Reply::status(204)]).await;
    let client = client(&server);

    for outside in ["text/plain", "image/*", "image", ""] {
        let error = client
            .create_note(CreateNoteContent::Bytes {
                content_type: outside.to_owned(),
                bytes: b"not an image".to_vec(),
            })
            .await
            .expect_err("a content type outside image/* is refused");
        match error {
            Error::InvalidInput { operation, message } => {
                assert_eq!(operation, "createNote");
                assert!(message.contains("image/*"), "{message}");
            }
            other => panic!("expected InvalidInput for {outside:?}, got {other:?}"),
        }
    }
    // A single-media body under `*/*` takes any one concrete type, but not a range.
    let error = client
        .put_raw()
        .body(b"x".to_vec())
        .content_type("*/*")
        .await
        .expect_err("a range is no content type");
    assert!(matches!(error, Error::InvalidInput { .. }), "{error:?}");
    assert_eq!(server.count(), 0, "nothing reached the server");

    client
        .put_raw()
        .body(b"%PDF".to_vec())
        .content_type("application/pdf")
        .await
        .expect("a concrete type within */*");
    assert_eq!(content_type(&server.single()), "application/pdf");
}

/// A stream of `chunks` chunks of `size` bytes, chunk `i` filled with byte `i`.
fn chunks(
    chunks: u8,
    size: usize,
) -> impl futures_util::Stream<Item = Result<Bytes, std::io::Error>> {
    futures_util::stream::iter((0..chunks).map(move |i| Ok(Bytes::from(vec![i; size]))))
}

#[tokio::test]
async fn a_typed_form_sends_each_property_as_its_encoding_says() {
    let server = Server::start(vec![Reply::status(204)]).await;
    let client = client(&server);

    let streamed: Vec<u8> = (0..4u8).flat_map(|i| vec![i; 40_000]).collect();
    let form = UploadForm::new(
        "Annual report".to_owned(),
        FilePart::bytes("report.pdf", "application/pdf", b"%PDF-1.7".to_vec()),
    )
    .copies(3)
    .draft(false)
    .meta(Meta {
        author: Some("Ada".to_owned()),
        year: Some(2024),
    })
    .tags(vec!["finance".to_owned(), "2024".to_owned()])
    .summary("# Summary".to_owned())
    .attachments(vec![
        FilePart::bytes("notes.txt", "text/plain", "see page 3"),
        FilePart::stream(
            "scan.bin",
            "application/octet-stream",
            chunks(4, 40_000),
            None,
        ),
    ]);
    client.upload(form).await.expect("upload");

    let recorded = server.single();
    assert!(content_type(&recorded).starts_with("multipart/form-data; boundary="));
    assert_eq!(
        parts(&recorded).await,
        [
            part("title", None, b"Annual report"),
            part("copies", None, b"3"),
            part("draft", None, b"false"),
            // `encoding.meta.contentType` replaces the default `application/json`.
            part(
                "meta",
                Some("application/vnd.meta+json"),
                br#"{"author":"Ada","year":2024}"#
            ),
            part("tags", None, b"finance"),
            part("tags", None, b"2024"),
            part("summary", Some("text/markdown"), b"# Summary"),
            file("document", "report.pdf", "application/pdf", b"%PDF-1.7"),
            file("attachments", "notes.txt", "text/plain", b"see page 3"),
            file(
                "attachments",
                "scan.bin",
                "application/octet-stream",
                &streamed
            ),
        ]
    );
}

#[tokio::test]
async fn a_streamed_file_is_sent_once_and_never_retried() {
    let server = Server::start(vec![Reply::status(503)]).await;
    let client = client(&server);

    let form = UploadForm::new(
        "Scan".to_owned(),
        FilePart::stream(
            "scan.bin",
            "application/octet-stream",
            chunks(3, 1_000),
            Some(3_000),
        ),
    );
    let request = client.upload(form).options(
        CallOptions::default()
            .retry_non_idempotent(true)
            .max_attempts(3),
    );
    let again = request.clone();
    let error = request.await.expect_err("503 is an error");
    assert!(matches!(error, Error::Api(_)), "{error:?}");
    assert_eq!(server.count(), 1, "a streamed body is not retried");
    let sent = server.single();
    assert_eq!(
        sent.header("content-length").map(str::parse::<usize>),
        Some(Ok(sent.body.len())),
        "with every length known the form has a Content-Length"
    );
    assert_eq!(
        parts(&sent).await[1],
        file(
            "document",
            "scan.bin",
            "application/octet-stream",
            &[0; 1_000]
                .iter()
                .chain(&[1; 1_000])
                .chain(&[2; 1_000])
                .copied()
                .collect::<Vec<u8>>()
        )
    );

    // The clone shares the stream the first request took.
    let error = again.await.expect_err("the stream was already sent");
    match error {
        Error::InvalidInput { message, .. } => {
            assert!(message.contains("already sent"), "{message}");
        }
        other => panic!("expected InvalidInput, got {other:?}"),
    }
    assert_eq!(server.count(), 1, "nothing more reached the server");
}

/// A file streamed to a raw loopback listener whose second chunk exists only once the
/// listener has received the first: a runtime that read the stream into memory before
/// sending would wait forever.
#[tokio::test]
async fn a_streamed_file_goes_out_chunk_by_chunk() {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback listener");
    let url = format!("http://{}", listener.local_addr().expect("its address"));
    let first_arrived = std::sync::Arc::new(tokio::sync::Notify::new());
    let gate = first_arrived.clone();
    let server = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.expect("one connection");
        let mut seen = Vec::new();
        let mut buffer = [0u8; 4096];
        let contains = |seen: &[u8], marker: &[u8]| seen.windows(marker.len()).any(|w| w == marker);
        while !contains(&seen, b"SECOND-CHUNK") {
            let read = socket.read(&mut buffer).await.expect("the request");
            assert!(read > 0, "the connection closed early");
            seen.extend_from_slice(&buffer[..read]);
            if contains(&seen, b"FIRST-CHUNK") {
                first_arrived.notify_one();
            }
        }
        socket
            .write_all(b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
            .await
            .expect("the answer");
        seen
    });

    let stream = futures_util::stream::unfold(0u8, move |step| {
        let gate = gate.clone();
        async move {
            match step {
                0 => Some((
                    Ok::<_, std::io::Error>(Bytes::from_static(b"FIRST-CHUNK")),
                    1,
                )),
                1 => {
                    gate.notified().await;
                    Some((Ok(Bytes::from_static(b"SECOND-CHUNK")), 2))
                }
                _ => None,
            }
        }
    });
    let transport = media::Client::transport_builder()
        .base_url(&url)
        .build()
        .expect("a transport");
    let client = media::Client::from_transport(transport);
    let form = UploadForm::new(
        "Live".to_owned(),
        FilePart::stream("live.bin", "application/octet-stream", stream, None),
    );
    tokio::time::timeout(std::time::Duration::from_secs(10), client.upload(form))
        .await
        .expect("the stream was sent as it was produced, not gathered first")
        .expect("204");
    let seen = server.await.expect("the listener task");
    let text = String::from_utf8_lossy(&seen).to_ascii_lowercase();
    // No length was given, so the form has none: it goes out chunked.
    assert!(text.contains("transfer-encoding: chunked"), "{text}");
    let first = text.find("first-chunk").expect("the first chunk");
    let second = text.find("second-chunk").expect("the second chunk");
    assert!(first < second, "{text}");
}

#[tokio::test]
async fn a_file_part_reads_any_reqwest_body_through_the_runtimes_reexport() {
    let server = Server::start(vec![Reply::status(204)]).await;
    let client = client(&server);
    // No reqwest dependency of the caller's own: the runtime's re-export names the body.
    let body = jeri_runtime::reqwest::Body::from(vec![7u8; 1_500]);
    let form = UploadForm::new(
        "Body",
        FilePart::body("body.bin", "application/octet-stream", body, Some(1_500)),
    );
    client.upload(form).await.expect("upload");

    let sent = server.single();
    assert_eq!(
        sent.header("content-length").map(str::parse::<usize>),
        Some(Ok(sent.body.len())),
        "with the body's length given the form has a Content-Length"
    );
    assert_eq!(
        parts(&sent).await,
        [
            part("title", None, b"Body"),
            file(
                "document",
                "body.bin",
                "application/octet-stream",
                &[7; 1_500]
            ),
        ]
    );
}
