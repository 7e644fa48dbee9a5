//! media's generated server (`specs/media.yaml`), implemented in memory and driven by
//! media's generated client over loopback: cookie parameters, an API key in a cookie, http
//! basic, another `Authorization` scheme, a multipart form with a file, text and byte
//! bodies both ways; and what the generated checks refuse before the implementation runs.

mod support;

use jeri_runtime::Multipart;
use jeri_server::{Answer, Answers, Reply};
use jeri_server_specs::media::{api, client};

use api::server::{self, Server};
use api::types;
use support::{details, send, send_raw, serve};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Answers from what each request carried, so the test sees what the server read.
struct Media;

impl Answers for Media {}

impl Server for Media {
    async fn get_profile(
        &self,
        request: server::GetProfileRequest,
    ) -> Reply<server::GetProfileResponse> {
        Ok(server::GetProfileResponse::Status200(types::Profile {
            theme: request.theme.as_str().to_owned(),
            visits: request.visits.unwrap_or(0),
            session: request
                .credentials
                .get("session")
                .unwrap_or_default()
                .to_owned(),
        }))
    }

    async fn get_report(
        &self,
        request: server::GetReportRequest,
    ) -> Reply<server::GetReportResponse> {
        let Some((user, "pa:ss")) = request.credentials.basic("admin") else {
            return Err(Answer::Unauthorized);
        };
        Ok(server::GetReportResponse::Status200(format!(
            "user,role\n{user},admin\n"
        )))
    }

    async fn get_badge(&self, request: server::GetBadgeRequest) -> Reply<server::GetBadgeResponse> {
        match request.credentials.get("signature") {
            Some("Signature keyId=\"k1\",signature=\"c2ln\"") => {
                Ok(server::GetBadgeResponse::Status200(PNG.to_vec()))
            }
            _ => Err(Answer::Unauthorized),
        }
    }

    async fn upload(&self, request: server::UploadRequest) -> Reply<server::UploadResponse> {
        let form = request.body;
        let document = form.file("document").ok_or(Answer::Internal(
            "the checks let a form without its document through".to_owned(),
        ))?;
        Ok(server::UploadResponse::Status201(types::Upload {
            title: form.field("title").unwrap_or_default(),
            copies: form.field("copies").unwrap_or(1),
            tags: form.field("tags").unwrap_or_default(),
            file_name: document.file_name.clone().unwrap_or_default(),
            content_type: document.content_type.clone().unwrap_or_default(),
            size: document.body.len() as i64,
        }))
    }

    async fn shout(&self, request: server::ShoutRequest) -> Reply<server::ShoutResponse> {
        Ok(server::ShoutResponse::Status200(
            request.body.to_uppercase(),
        ))
    }

    async fn subscribe(
        &self,
        request: server::SubscribeRequest,
    ) -> Reply<server::SubscribeResponse> {
        match request.body.plan {
            Some(types::SubscribeBodyPlan::Pro) => Ok(server::SubscribeResponse::Status204),
            _ => Err(Answer::Unauthorized),
        }
    }

    async fn run_query(&self, request: server::RunQueryRequest) -> Reply<server::RunQueryResponse> {
        Ok(server::RunQueryResponse::Status200(request.body.query))
    }

    async fn put_blob(&self, request: server::PutBlobRequest) -> Reply<server::PutBlobResponse> {
        let mut stored = request.name.into_bytes();
        stored.push(b':');
        stored.extend(request.body);
        Ok(server::PutBlobResponse::Status200(stored))
    }
}

fn client_for(base: &str, transport: jeri_runtime::TransportBuilder) -> client::Client {
    client::Client::from_transport(
        transport
            .base_url(base)
            .build()
            .expect("a transport for the loopback server"),
    )
}

#[tokio::test]
async fn the_client_drives_every_medium_of_the_generated_server() {
    let base = serve(server::router(Media)).await;
    let builder = jeri_runtime::Transport::builder;

    let cookies = client_for(&base, builder().api_key("s-1"));
    let profile = cookies
        .get_profile(client::types::GetProfileTheme::Dark)
        .visits(3)
        .await
        .expect("the profile");
    assert_eq!(
        (
            profile.theme.as_str(),
            profile.visits,
            profile.session.as_str()
        ),
        ("dark", 3, "s-1")
    );

    let admin = client_for(&base, builder().basic_auth("ada", "pa:ss"));
    let report = admin.get_report().await.expect("the report");
    assert_eq!(report, "user,role\nada,admin\n");
    let intruder = client_for(&base, builder().basic_auth("ada", "guess"));
    let refused = intruder.get_report().await.expect_err("a wrong password");
    assert_eq!(refused.status(), Some(401));

    let signed = client_for(
        &base,
        builder().authorization("Signature keyId=\"k1\",signature=\"c2ln\""),
    );
    assert_eq!(signed.get_badge().await.expect("the badge"), PNG);

    let plain = client_for(&base, builder());
    let form = Multipart::new()
        .text("title", "Q3 report")
        .text("copies", 2)
        .text("tags", "finance")
        .text("tags", "draft")
        .file(
            "document",
            "q3.pdf",
            "application/pdf",
            b"%PDF-1.7\n\xff".to_vec(),
        );
    let upload = plain.upload(form).await.expect("the upload");
    assert_eq!(
        (upload.title.as_str(), upload.copies, upload.tags.as_slice()),
        (
            "Q3 report",
            2,
            ["finance".to_owned(), "draft".to_owned()].as_slice()
        )
    );
    assert_eq!(
        (
            upload.file_name.as_str(),
            upload.content_type.as_str(),
            upload.size
        ),
        ("q3.pdf", "application/pdf", 10)
    );

    assert_eq!(
        plain
            .shout("quiet, please".to_owned())
            .await
            .expect("shouted"),
        "QUIET, PLEASE"
    );
    let stored = plain
        .put_blob("abc", vec![0, 1, 255])
        .await
        .expect("stored");
    assert_eq!(stored, b"abc:\x00\x01\xff");
}

#[tokio::test]
async fn responses_carry_their_documented_media_types() {
    let base = serve(server::router(Media)).await;
    let http = reqwest::Client::new();
    let (status, content_type, body) = send_raw(
        http.get(format!("{base}/report"))
            .basic_auth("ada", Some("pa:ss")),
    )
    .await;
    assert_eq!(
        (status, content_type.as_str()),
        (200, "text/csv; charset=utf-8")
    );
    assert_eq!(body, b"user,role\nada,admin\n");
    let (status, content_type, body) = send_raw(
        http.get(format!("{base}/badge"))
            .header("authorization", "Signature keyId=\"k1\",signature=\"c2ln\""),
    )
    .await;
    assert_eq!(
        (status, content_type.as_str(), body.as_slice()),
        (200, "image/png", PNG)
    );
    let (status, content_type, body) = send_raw(
        http.put(format!("{base}/blobs/x"))
            .header("content-type", "application/octet-stream")
            .body(vec![7u8]),
    )
    .await;
    assert_eq!(
        (status, content_type.as_str(), body.as_slice()),
        (200, "application/octet-stream", b"x:\x07".as_slice())
    );
}

#[tokio::test]
async fn cookies_and_credentials_are_checked_before_the_implementation_runs() {
    let base = serve(server::router(Media)).await;
    let http = reqwest::Client::new();
    let profile = format!("{base}/profile");

    // No `sid` cookie: no credential for the operation's only scheme.
    let (status, _, _) = send(http.get(&profile).header("cookie", "theme=dark")).await;
    assert_eq!(status, 401);

    let (status, _, body) = send(
        http.get(&profile)
            .header("cookie", "sid=s-1; theme=blue; visits=-1"),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        details(&body),
        ["theme must be one of: light, dark", "visits must be >= 0"]
    );
    assert_eq!(body["problems"][0]["in"], "cookie");
    let (status, _, body) = send(http.get(&profile).header("cookie", "sid=s-1; visits=x")).await;
    assert_eq!(status, 400);
    assert_eq!(
        details(&body),
        ["theme is required", "visits must be of type integer"]
    );

    // Basic credentials that are not Base64 of `user:password` are no credentials.
    for authorization in ["Basic !!!", "Basic YWRh", "Bearer YWRhOnBhOnNz"] {
        let (status, _, _) = send(
            http.get(format!("{base}/report"))
                .header("authorization", authorization),
        )
        .await;
        assert_eq!(status, 401, "{authorization}");
    }
    let (status, _, _) = send(http.get(format!("{base}/badge"))).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn forms_and_text_bodies_are_checked_before_the_implementation_runs() {
    let base = serve(server::router(Media)).await;
    let http = reqwest::Client::new();
    let uploads = format!("{base}/uploads");

    let form = reqwest::multipart::Form::new()
        .text("title", "a title longer than twenty")
        .text("copies", "0")
        .text("tags", "only");
    let (status, _, body) = send(http.post(&uploads).multipart(form)).await;
    assert_eq!(status, 400);
    assert_eq!(
        details(&body),
        [
            "document is required",
            "title must be at most 20 characters long",
            "copies must be >= 1",
        ]
    );

    let (status, _, body) = send(
        http.post(&uploads)
            .header("content-type", "application/json")
            .body("{\"title\":\"x\"}"),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        details(&body),
        ["body must be sent as multipart/form-data, not application/json"]
    );
    let (status, _, body) = send(
        http.post(&uploads)
            .header("content-type", "multipart/form-data")
            .body("--x\r\n"),
    )
    .await;
    assert_eq!(status, 400);
    assert!(details(&body)[0].contains("boundary"), "{body}");

    let (status, _, body) = send(
        http.post(format!("{base}/notes"))
            .header("content-type", "text/plain")
            .body(vec![0xffu8, 0xfe]),
    )
    .await;
    assert_eq!(status, 400);
    assert!(details(&body)[0].contains("not UTF-8"), "{body}");

    let (status, _, body) = send(
        http.put(format!("{base}/blobs/UPPER"))
            .header("content-type", "application/octet-stream")
            .body(Vec::<u8>::new()),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(details(&body).len(), 2, "{body}");
}

#[tokio::test]
async fn form_and_other_named_bodies_are_checked_against_their_schemas() {
    let base = serve(server::router(Media)).await;
    let client = client_for(&base, jeri_runtime::Transport::builder());
    client
        .subscribe(
            client::types::SubscribeBody::new("ada@example.com")
                .plan(client::types::SubscribeBodyPlan::Pro),
        )
        .await
        .expect("a valid form is accepted");
    let query = client
        .run_query(client::types::RunQueryBody::new("{ shelves }"))
        .await
        .expect("a valid query is accepted");
    assert_eq!(query, "{ shelves }");

    let http = reqwest::Client::new();
    let (status, _, body) = send(
        http.post(format!("{base}/subscriptions"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("email=not-an-email-{}&plan=pro", "x".repeat(40))),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        details(&body),
        [
            "email must be at most 40 characters long",
            "email must be a valid `email`",
        ],
        "{body}"
    );
    let (status, _, body) = send(
        http.post(format!("{base}/subscriptions"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("plan=pro"),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(details(&body), ["email is required"], "{body}");

    let (status, _, body) = send(
        http.post(format!("{base}/queries"))
            .header("content-type", "application/graphql")
            .body(r#"{"query":""}"#),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        details(&body),
        ["query must be at least 1 character long"],
        "{body}"
    );
}
