//! haystack's generated server, driven by haystack's generated client over loopback: its
//! multipart upload of several files, sent as the runtime's untyped form and as the
//! generated typed form, read as a typed form.

mod support;

#[cfg(shared_specs)]
mod haystack {
    use jeri_runtime::{FilePart, Multipart};
    use jeri_server::{Answers, Reply};
    use jeri_server_specs::haystack::{api, client};
    use serde_json::json;

    use super::support::{details, send, serve, transport};
    use api::server::{self, Server};

    /// Indexes nothing; answers with what each upload carried.
    struct Haystack;

    impl Answers for Haystack {}

    impl Server for Haystack {
        async fn upload_file(
            &self,
            request: server::UploadFileRequest,
        ) -> Reply<server::UploadFileResponse> {
            let form = request.body;
            let files: Vec<_> = form
                .files("files")
                .map(|file| json!([file.file_name, file.body.len()]))
                .collect();
            Ok(server::UploadFileResponse::Status200(json!({
                "files": files,
                "meta": form.field::<String>("meta"),
                "split_length": form.field::<u32>("split_length"),
            })))
        }
    }

    #[tokio::test]
    async fn the_client_uploads_several_files_in_one_form() {
        let base = serve(server::router(Haystack)).await;
        let haystack = client::Client::from_transport(transport(&base));
        let form = Multipart::new()
            .file("files", "a.txt", "text/plain", b"alpha".to_vec())
            .file("files", "b.pdf", "application/pdf", vec![0xff; 3])
            .text("meta", "{\"source\": \"test\"}")
            .text("split_length", 200);
        let answer = haystack.upload_file(form).await.expect("uploaded");
        assert_eq!(
            answer,
            json!({
                "files": [["a.txt", 5], ["b.pdf", 3]],
                "meta": "{\"source\": \"test\"}",
                "split_length": 200,
            })
        );
    }

    #[tokio::test]
    async fn the_typed_form_is_read_back_by_the_generated_server() {
        let base = serve(server::router(Haystack)).await;
        let haystack = client::Client::from_transport(transport(&base));
        let form = client::requests::UploadFileForm::new(vec![
            FilePart::bytes("a.txt", "text/plain", b"alpha".to_vec()),
            FilePart::bytes("b.pdf", "application/pdf", vec![0xff; 3]),
        ])
        .meta("{\"source\": \"typed\"}".to_owned())
        // `split_length` has no type in the spec: any JSON value, a number sent as text.
        .split_length(json!(200));
        let answer = haystack.upload_file(form).await.expect("uploaded");
        assert_eq!(
            answer,
            json!({
                "files": [["a.txt", 5], ["b.pdf", 3]],
                "meta": "{\"source\": \"typed\"}",
                "split_length": 200,
            })
        );
    }

    #[tokio::test]
    async fn a_form_without_its_required_files_is_refused() {
        let base = serve(server::router(Haystack)).await;
        let form = reqwest::multipart::Form::new().text("meta", "x");
        let (status, _, body) = send(
            reqwest::Client::new()
                .post(format!("{base}/file-upload"))
                .multipart(form),
        )
        .await;
        assert_eq!(status, 400);
        assert_eq!(details(&body), ["files is required"]);
    }
}

#[test]
fn the_shared_specs_were_found() {
    jeri_server_specs::specs_present();
}
