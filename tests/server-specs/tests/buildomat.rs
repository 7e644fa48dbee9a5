//! buildomat's generated server, partly implemented in memory, driven by buildomat's
//! generated client over loopback: text and byte bodies, a query parameter that is a
//! value or a list, a header enum and a `default` response.

mod support;

#[cfg(shared_specs)]
mod buildomat {
    use std::sync::Mutex;

    use jeri_server::{Answers, Reply};
    use jeri_server_specs::buildomat::{api, client};

    use super::support::{details, send, serve, transport};
    use api::server::{self, Server};
    use api::types;

    /// A user's name and the chunks uploaded so far.
    #[derive(Default)]
    struct Buildomat {
        name: Mutex<String>,
        chunks: Mutex<Vec<Vec<u8>>>,
    }

    impl Answers for Buildomat {}

    impl Server for Buildomat {
        async fn whoami(&self, _request: server::WhoamiRequest) -> Reply<server::WhoamiResponse> {
            let name = self.name.lock().expect("not poisoned").clone();
            Ok(server::WhoamiResponse::Status200(types::WhoamiResult {
                id: "user-1".to_owned(),
                name,
            }))
        }

        async fn whoami_put_name(
            &self,
            request: server::WhoamiPutNameRequest,
        ) -> Reply<server::WhoamiPutNameResponse> {
            *self.name.lock().expect("not poisoned") = request.body.unwrap_or_default();
            Ok(server::WhoamiPutNameResponse::Status200)
        }

        async fn worker_task_upload_chunk(
            &self,
            request: server::WorkerTaskUploadChunkRequest,
        ) -> Reply<server::WorkerTaskUploadChunkResponse> {
            let mut chunks = self.chunks.lock().expect("not poisoned");
            chunks.push(request.body);
            Ok(server::WorkerTaskUploadChunkResponse::Status201(
                types::UploadedChunk {
                    id: format!("{}-{}", request.task, chunks.len()),
                },
            ))
        }

        async fn get_thing_or_things(
            &self,
            request: server::GetThingOrThingsRequest,
        ) -> Reply<server::GetThingOrThingsResponse> {
            let ids = request.id.unwrap_or_default();
            Ok(server::GetThingOrThingsResponse::Status200(ids.join("+")))
        }

        async fn header_arg(
            &self,
            request: server::HeaderArgRequest,
        ) -> Reply<server::HeaderArgResponse> {
            let status = match request.accept_language {
                Some(_) => 204,
                None => 202,
            };
            Ok(server::HeaderArgResponse::Default { status })
        }
    }

    #[tokio::test]
    async fn the_client_drives_the_in_memory_server() {
        let app = Buildomat::default();
        let base = serve(server::router(app)).await;
        let buildomat = client::Client::from_transport(transport(&base));

        buildomat
            .whoami_put_name()
            .body("Ada".to_owned())
            .await
            .expect("the name is set");
        assert_eq!(buildomat.whoami().await.expect("whoami").name, "Ada");

        let chunk = buildomat
            .worker_task_upload_chunk("t1", vec![0, 159, 255])
            .await
            .expect("the chunk is stored");
        assert_eq!(chunk.id, "t1-1");

        let things = buildomat
            .get_thing_or_things()
            .id(vec!["a".to_owned(), "b".to_owned()])
            .await
            .expect("things");
        assert_eq!(things, "a+b");

        buildomat
            .header_arg()
            .accept_language(client::types::HeaderArgAcceptLanguage::De)
            .await
            .expect("the default response is a success");

        // Operations left out of the implementation answer 501.
        let error = buildomat.workers_list().await.expect_err("not implemented");
        assert_eq!(error.status(), Some(501));
    }

    #[tokio::test]
    async fn parameters_are_checked_against_their_schemas() {
        let base = serve(server::router(Buildomat::default())).await;
        let http = reqwest::Client::new();
        let (status, _, body) = send(
            http.get(format!("{base}/v1/header-arg"))
                .header("accept-language", "fr"),
        )
        .await;
        assert_eq!(status, 400);
        assert_eq!(details(&body), ["accept-language must be one of: de, en"]);

        let (status, _, body) = send(http.get(format!("{base}/v1/things?id=x"))).await;
        assert_eq!((status, body), (200, serde_json::json!("x")));

        let (status, _, _) = send(http.get(format!("{base}/v1/header-arg"))).await;
        assert_eq!(status, 202);
    }
}
