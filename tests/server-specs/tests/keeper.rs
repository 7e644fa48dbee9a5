//! keeper's generated server, implemented in memory, driven by keeper's generated client
//! over loopback; and what the generated checks refuse before the implementation runs.

mod support;

#[cfg(shared_specs)]
mod keeper {
    use std::collections::BTreeMap;
    use std::sync::Mutex;

    use jeri_server::{Answer, Answers, Reply};
    use jeri_server_specs::keeper::{api, client};
    use serde_json::json;

    use super::support::{details, send, serve, transport};
    use api::server::{self, Server};
    use api::types;

    /// What keeper's `format: date-time` properties are.
    type Time = jeri_runtime::chrono::DateTime<jeri_runtime::chrono::Utc>;

    const TOKEN: &str = "Bearer keeper-token";

    /// Enrolled hosts, and each job's start and finish, by report uuid.
    #[derive(Default)]
    struct Keeper {
        hosts: Mutex<Vec<String>>,
        jobs: Mutex<BTreeMap<String, Job>>,
    }

    struct Job {
        id: types::ReportId,
        output: Vec<String>,
        finished: Option<(i32, i32, Time)>,
    }

    impl Answers for Keeper {}

    impl Keeper {
        fn signed_in(authorization: &str) -> Result<(), Answer> {
            if authorization == TOKEN {
                Ok(())
            } else {
                Err(Answer::Unauthorized)
            }
        }
    }

    impl Server for Keeper {
        async fn enrol(&self, request: server::EnrolRequest) -> Reply<server::EnrolResponse> {
            Keeper::signed_in(&request.authorization)?;
            let mut hosts = self.hosts.lock().expect("not poisoned");
            hosts.push(request.body.host);
            Ok(server::EnrolResponse::Status201)
        }

        async fn ping(&self, request: server::PingRequest) -> Reply<server::PingResponse> {
            Keeper::signed_in(&request.authorization)?;
            let hosts = self.hosts.lock().expect("not poisoned");
            Ok(server::PingResponse::Status201(types::PingResponseN201 {
                host: hosts.last().cloned().unwrap_or_default(),
                ok: !hosts.is_empty(),
            }))
        }

        async fn report_start(
            &self,
            request: server::ReportStartRequest,
        ) -> Reply<server::ReportStartResponse> {
            Keeper::signed_in(&request.authorization)?;
            let mut jobs = self.jobs.lock().expect("not poisoned");
            let existed_already = jobs.contains_key(&request.body.id.uuid);
            jobs.entry(request.body.id.uuid.clone()).or_insert(Job {
                id: request.body.id,
                output: Vec::new(),
                finished: None,
            });
            Ok(server::ReportStartResponse::Status201(
                types::ReportStartResponseN201 { existed_already },
            ))
        }

        async fn report_output(
            &self,
            request: server::ReportOutputRequest,
        ) -> Reply<server::ReportOutputResponse> {
            Keeper::signed_in(&request.authorization)?;
            let mut jobs = self.jobs.lock().expect("not poisoned");
            let job = jobs.get_mut(&request.body.id.uuid);
            let existed_already = job.is_some();
            if let Some(job) = job {
                job.output.push(request.body.record.msg);
            }
            Ok(server::ReportOutputResponse::Status201(
                types::ReportOutputResponseN201 { existed_already },
            ))
        }

        async fn report_finish(
            &self,
            request: server::ReportFinishRequest,
        ) -> Reply<server::ReportFinishResponse> {
            Keeper::signed_in(&request.authorization)?;
            let mut jobs = self.jobs.lock().expect("not poisoned");
            let job = jobs.get_mut(&request.body.id.uuid);
            let existed_already = job.is_some();
            if let Some(job) = job {
                let body = request.body;
                job.finished = Some((body.duration_millis, body.exit_status, body.end_time));
            }
            Ok(server::ReportFinishResponse::Status201(
                types::ReportFinishResponseN201 { existed_already },
            ))
        }

        async fn global_jobs(
            &self,
            request: server::GlobalJobsRequest,
        ) -> Reply<server::GlobalJobsResponse> {
            Keeper::signed_in(&request.authorization)?;
            let jobs = self.jobs.lock().expect("not poisoned");
            let summary = jobs
                .values()
                .filter_map(|job| {
                    let (millis, status, when) = job.finished?;
                    Some(types::ReportSummary {
                        age_seconds: 0,
                        duration_seconds: millis / 1000,
                        host: job.id.host.clone(),
                        job: job.id.job.clone(),
                        status,
                        when,
                    })
                })
                .collect();
            Ok(server::GlobalJobsResponse::Status201(
                types::GlobalJobsResponseN201 { summary },
            ))
        }
    }

    /// A keeper that implements nothing: every operation answers 501.
    struct Nothing;
    impl Answers for Nothing {}
    impl Server for Nothing {}

    /// A `format: date-time` value, as keeper's types hold it.
    fn time(text: &str) -> Time {
        text.parse().expect("an RFC 3339 date-time")
    }

    fn report_id(uuid: &str) -> client::types::ReportId {
        client::types::ReportId {
            host: "build-01".to_owned(),
            job: "nightly".to_owned(),
            pid: 4242,
            time: time("2026-05-25T10:00:00Z"),
            uuid: uuid.to_owned(),
        }
    }

    #[tokio::test]
    async fn the_client_drives_the_in_memory_server() {
        let base = serve(server::router(Keeper::default())).await;
        let keeper = client::Client::from_transport(transport(&base));
        keeper
            .enrol(
                TOKEN,
                client::types::EnrolBody {
                    host: "build-01".to_owned(),
                    key: "secret".to_owned(),
                },
            )
            .await
            .expect("enrol succeeds");
        let ping = keeper.ping(TOKEN).await.expect("ping succeeds");
        assert_eq!((ping.host.as_str(), ping.ok), ("build-01", true));

        let start = || client::types::ReportStartBody {
            id: report_id("job-1"),
            script: "make test".to_owned(),
            start_time: time("2026-05-25T10:00:01Z"),
        };
        let first = keeper.report_start(TOKEN, start()).await.expect("started");
        let again = keeper.report_start(TOKEN, start()).await.expect("started");
        assert_eq!(
            (first.existed_already, again.existed_already),
            (false, true)
        );
        let output = client::types::ReportOutputBody {
            id: report_id("job-1"),
            record: client::types::OutputRecord {
                msg: "ok".to_owned(),
                stream: "stdout".to_owned(),
                time: time("2026-05-25T10:00:02Z"),
            },
        };
        assert!(
            keeper
                .report_output(TOKEN, output)
                .await
                .expect("output")
                .existed_already
        );
        let finish = client::types::ReportFinishBody {
            duration_millis: 61_000,
            end_time: time("2026-05-25T10:01:02Z"),
            exit_status: 0,
            id: report_id("job-1"),
        };
        keeper.report_finish(TOKEN, finish).await.expect("finished");

        let jobs = keeper.global_jobs(TOKEN).await.expect("jobs");
        assert_eq!(jobs.summary.len(), 1);
        assert_eq!(jobs.summary[0].duration_seconds, 61);
        assert_eq!(jobs.summary[0].when, time("2026-05-25T10:01:02Z"));

        let refused = keeper
            .ping("Bearer wrong")
            .await
            .expect_err("a wrong token");
        assert_eq!(refused.status(), Some(401));
    }

    #[tokio::test]
    async fn every_problem_of_a_request_is_listed_before_the_implementation_runs() {
        let base = serve(server::router(Keeper::default())).await;
        let http = reqwest::Client::new();
        let (status, content_type, body) = send(
            http.post(format!("{base}/report/finish"))
                .header("content-type", "application/json")
                .body(
                    json!({
                        "duration_millis": 3_000_000_000u64,
                        "end_time": "yesterday",
                        "exit_status": "0",
                        "id": {"host": "h", "job": "j", "pid": -1, "time": "2026-05-25T10:00:00Z"}
                    })
                    .to_string(),
                ),
        )
        .await;
        assert_eq!(status, 400);
        assert_eq!(content_type, "application/problem+json");
        assert_eq!(
            details(&body),
            [
                "Authorization is required",
                "duration_millis must be <= 2147483647",
                "end_time must be a valid `date-time`",
                "exit_status must be of type integer",
                "id.uuid is required",
                "id.pid must be >= 0",
            ]
        );
        assert_eq!(body["problems"][0]["in"], "header");
        assert_eq!(body["problems"][5]["pointer"], "/id/pid");
        assert_eq!(body["problems"][5]["in"], "body");

        let (status, _, body) = send(
            http.post(format!("{base}/enrol"))
                .header("authorization", TOKEN)
                .header("content-type", "text/plain")
                .body("host=x"),
        )
        .await;
        assert_eq!(status, 400);
        assert_eq!(
            details(&body),
            ["body must be sent as application/json, not text/plain"]
        );
    }

    #[tokio::test]
    async fn unknown_routes_and_unimplemented_operations() {
        let base = serve(server::router(Keeper::default())).await;
        let http = reqwest::Client::new();
        let (status, _, body) = send(http.get(format!("{base}/nowhere"))).await;
        assert_eq!((status, body["title"].as_str()), (404, Some("Not Found")));
        let (status, _, body) = send(http.delete(format!("{base}/ping"))).await;
        assert_eq!(status, 404);
        assert_eq!(body["detail"], "no operation for DELETE /ping");

        let base = serve(server::router(Nothing)).await;
        let keeper = client::Client::from_transport(transport(&base));
        let error = keeper.ping(TOKEN).await.expect_err("not implemented");
        assert_eq!(error.status(), Some(501));
    }
}

#[test]
fn the_shared_specs_are_present_or_skipped() {
    let present = jeri_server_specs::specs_present();
    assert_eq!(present, cfg!(shared_specs));
}
