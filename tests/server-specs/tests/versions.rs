//! Servers generated from an OpenAPI 3.1 document (`../specs/versions31.yaml`) and from a
//! Swagger 2.0 document (`../specs/swagger2.yaml`), implemented in memory and driven by
//! the clients generated from the same documents over loopback; and what the servers'
//! checks refuse (another value than the `const`, a limit at the exclusive minimum).

mod support;

use jeri_runtime::{Multipart, Nullable};
use jeri_server::{Answer, Answers, Reply};
use support::{send, serve};

mod v31 {
    pub mod api {
        jeri_macros::generate!("../../specs/versions31.yaml", server);
    }
    pub mod client {
        jeri_macros::generate!("../../specs/versions31.yaml");
    }
}

mod v2 {
    pub mod api {
        jeri_macros::generate!("../../specs/swagger2.yaml", server);
    }
    pub mod client {
        jeri_macros::generate!("../../specs/swagger2.yaml");
    }
}

/// Notes: stores nothing, answers with what it was given.
struct Notes;

impl Answers for Notes {}

impl v31::api::server::Server for Notes {
    async fn put_note(
        &self,
        request: v31::api::server::PutNoteRequest,
    ) -> Reply<v31::api::server::PutNoteResponse> {
        let mut note = request.body;
        note.title = note.title.map(|t| format!("{t} ({})", request.id));
        Ok(v31::api::server::PutNoteResponse::Status200(note))
    }

    async fn get_note(
        &self,
        request: v31::api::server::GetNoteRequest,
    ) -> Reply<v31::api::server::GetNoteResponse> {
        Ok(v31::api::server::GetNoteResponse::Status200(
            v31::api::types::Note {
                kind: v31::api::types::NoteKind::new(),
                title: None,
                position: vec![0.0, 1.0],
                attachment: Some(request.id.into_bytes().into()),
                author: None,
                labels: None,
            },
        ))
    }

    async fn list_notes(
        &self,
        request: v31::api::server::ListNotesRequest,
    ) -> Reply<v31::api::server::ListNotesResponse> {
        let note = |i: i64| v31::api::types::Note {
            kind: v31::api::types::NoteKind::new(),
            title: Some(format!("note {i}")),
            position: vec![i as f64, 0.0],
            attachment: None,
            author: None,
            labels: None,
        };
        Ok(v31::api::server::ListNotesResponse::Status200(
            (1..=request.limit).map(note).collect(),
        ))
    }
}

#[tokio::test]
async fn a_server_from_a_31_document_driven_by_its_client() {
    let base = serve(v31::api::server::router(Notes)).await;
    let client = v31::client::Client::from_transport(support::transport(&base));
    let note = v31::client::types::Note {
        kind: v31::client::types::NoteKind::new(),
        title: None,
        position: vec![2.0, 3.0],
        attachment: Some(vec![0u8, 255].into()),
        author: None,
        labels: None,
    };
    let stored = client.put_note("n1", note.clone()).await.expect("stored");
    assert_eq!(stored, note, "a null title comes back null");
    let titled = v31::client::types::Note {
        title: Some("Plan".to_owned()),
        ..note
    };
    let stored = client.put_note("n2", titled).await.expect("stored");
    assert_eq!(stored.title.as_deref(), Some("Plan (n2)"));
    let fetched = client.get_note("abc").await.expect("the note");
    let bytes: &[u8] = fetched.attachment.as_ref().expect("bytes").as_ref();
    assert_eq!(bytes, b"abc");
    let listed = client.list_notes(2).await.expect("two notes");
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[1].position, vec![2.0, 0.0]);

    // What the server's own checks refuse, sent raw.
    let http = reqwest::Client::new();
    let (status, _, _) = send(http.get(format!("{base}/notes?limit=0"))).await;
    assert_eq!(status, 400, "0 is not above the exclusive minimum");
    let other = r#"{"kind": "memo", "title": null, "position": [0, 0]}"#;
    let put = http
        .put(format!("{base}/notes/n3"))
        .header("content-type", "application/json")
        .body(other);
    let (status, _, _) = send(put).await;
    assert_eq!(status, 400, "`memo` is not the constant");
}

/// Pets: answers from what each request carried.
struct Pets;

impl Answers for Pets {}

fn admitted(credentials: &jeri_server::Credentials) -> Result<(), Answer> {
    match credentials.basic("basic") {
        Some(("ada", "s3cret")) => Ok(()),
        _ => Err(Answer::Unauthorized),
    }
}

impl v2::api::server::Server for Pets {
    async fn list_pets(
        &self,
        request: v2::api::server::ListPetsRequest,
    ) -> Reply<v2::api::server::ListPetsResponse> {
        admitted(&request.credentials)?;
        let tags = request.tags.unwrap_or_default();
        let ids = request.ids.unwrap_or_default();
        let pets = ids
            .iter()
            .enumerate()
            .map(|(i, id)| v2::api::types::Pet {
                name: format!("pet {id}"),
                tag: tags.get(i).cloned().into(),
            })
            .collect();
        Ok(v2::api::server::ListPetsResponse::Status200(pets))
    }

    async fn add_pet(
        &self,
        request: v2::api::server::AddPetRequest,
    ) -> Reply<v2::api::server::AddPetResponse> {
        admitted(&request.credentials)?;
        Ok(v2::api::server::AddPetResponse::Status201(request.body))
    }

    async fn upload_photo(
        &self,
        request: v2::api::server::UploadPhotoRequest,
    ) -> Reply<v2::api::server::UploadPhotoResponse> {
        admitted(&request.credentials)?;
        let form = request.body;
        let file = form
            .file("file")
            .ok_or(Answer::Internal("no file part".to_owned()))?;
        Ok(v2::api::server::UploadPhotoResponse::Status200(
            v2::api::types::Stored {
                size: file.body.len() as i64,
                note: form.field("note").unwrap_or_default(),
            },
        ))
    }

    async fn download_photo(
        &self,
        request: v2::api::server::DownloadPhotoRequest,
    ) -> Reply<v2::api::server::DownloadPhotoResponse> {
        admitted(&request.credentials)?;
        Ok(v2::api::server::DownloadPhotoResponse::Status200(
            request.id.into_bytes(),
        ))
    }
}

#[tokio::test]
async fn a_server_from_a_swagger_2_document_driven_by_its_client() {
    // The base path is where the application mounts the generated routes.
    let app = axum::Router::new().nest("/api/v1", v2::api::server::router(Pets));
    let root = serve(app).await;
    let base = v2::client::SERVERS[0].replace("https://petstore.example.com", &root);
    let transport = |password: &str| {
        jeri_runtime::Transport::builder()
            .base_url(&base)
            .basic_auth("ada", password)
            .build()
            .expect("a transport")
    };
    let client = v2::client::Client::from_transport(transport("s3cret"));
    let pet = v2::client::types::Pet {
        name: "Rex".to_owned(),
        tag: Nullable::Null,
    };
    assert_eq!(client.add_pet(pet.clone()).await.expect("added"), pet);
    // `multi`: one key per item, read back as the array.
    let pets = client.list_pets().ids(vec![7, 8]).await.expect("the pets");
    let names: Vec<(&str, bool)> = pets
        .iter()
        .map(|p| (p.name.as_str(), p.tag.is_null()))
        .collect();
    assert_eq!(names, [("pet 7", true), ("pet 8", true)]);
    // `pipes`: one key, the items joined by `|`, split again by the server.
    let pets = client
        .list_pets()
        .ids(vec![1, 2])
        .tags(vec!["a".to_owned(), "b c".to_owned()])
        .await
        .expect("the pets");
    let tags: Vec<Option<&str>> = pets
        .iter()
        .map(|p| p.tag.as_ref().into_option().map(String::as_str))
        .collect();
    assert_eq!(tags, [Some("a"), Some("b c")]);
    let form = Multipart::new()
        .file("file", "p.png", "image/png", vec![1u8, 2, 3, 4])
        .text("note", "front");
    let stored = client.upload_photo("p1", form).await.expect("stored");
    assert_eq!((stored.size, stored.note.as_str()), (4, "front"));
    assert_eq!(client.download_photo("p9").await.expect("bytes"), b"p9");
    let intruder = v2::client::Client::from_transport(transport("guess"));
    let refused = intruder.download_photo("p9").await.expect_err("refused");
    assert_eq!(refused.status(), Some(401));
}
