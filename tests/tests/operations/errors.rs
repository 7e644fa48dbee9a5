//! The same answers for every operation: the documented success body, each
//! documented error status with both shapes of `message`, and the answers
//! the spec does not describe.

use jeri_client::types::{ErrorBody, ErrorBodyMessage};
use jeri_client::{Client, Error};
use jeri_tests::fixtures::{client, error_body, error_body_list};
use jeri_tests::operations::{OPERATIONS, Operation, Outcome};
use jeri_tests::recording::{Reply, Server};

use super::api_error;

/// One server and one client for all the cases of a test.
struct Bench {
    server: Server,
    client: Client,
}

impl Bench {
    async fn new() -> Bench {
        let server = Server::start(Vec::new()).await;
        let client = client(server.url());
        Bench { server, client }
    }

    /// Calls `operation` answered by `reply`; also returns how many requests
    /// the call sent.
    async fn answer(&self, operation: &Operation, reply: Reply) -> (Outcome, usize) {
        self.server.script(vec![reply]);
        self.server.take_requests();
        let outcome = (operation.call)(&self.client).await;
        (outcome, self.server.take_requests().len())
    }
}

#[tokio::test]
async fn every_operation_sends_its_documented_request_and_reads_its_success_body() {
    let bench = Bench::new().await;
    for operation in OPERATIONS {
        let body = (operation.response)();
        let reply = Reply::json(operation.success, body.to_string());
        bench.server.script(vec![reply]);
        let outcome = (operation.call)(&bench.client).await;
        let value = outcome.unwrap_or_else(|error| panic!("{}: {error:?}", operation.id));
        // Typed decoding then serialization gives back the documented body:
        // no field is lost, renamed or retyped on the way.
        assert_eq!(value, body, "{}", operation.id);
        let request = bench.server.single();
        bench.server.take_requests();
        assert_eq!(request.method, operation.method, "{}", operation.id);
        assert_eq!(request.target, operation.target, "{}", operation.id);
    }
}

#[tokio::test]
async fn documented_errors_decode_with_a_single_message_or_a_list() {
    let bench = Bench::new().await;
    let mut checked = 0;
    for operation in OPERATIONS {
        for &status in operation.errors {
            let single = error_body(status, "single message", "Reason");
            let list = error_body_list(status, &["first", "second"], "Reason");
            let expected = [
                ErrorBodyMessage::String("single message".into()),
                ErrorBodyMessage::Array(vec!["first".into(), "second".into()]),
            ];
            for (body, message) in [single, list].into_iter().zip(expected) {
                let (outcome, _) = bench
                    .answer(operation, Reply::json(status, body.to_string()))
                    .await;
                let error = api_error(outcome);
                let what = format!("{} {status}", operation.id);
                assert_eq!(error.status(), status, "{what}");
                assert_eq!(error.operation(), operation.id, "{what}");
                assert_eq!(error.raw_body(), body.to_string().as_bytes(), "{what}");
                let typed = error
                    .body::<ErrorBody>()
                    .unwrap_or_else(|| panic!("{what}: untyped"));
                assert_eq!(typed.status_code, i32::from(status), "{what}");
                assert_eq!(typed.message, message, "{what}");
                assert_eq!(typed.error.as_deref(), Some("Reason"), "{what}");
                checked += 1;
            }
        }
    }
    assert_eq!(
        checked,
        2 * OPERATIONS.iter().map(|op| op.errors.len()).sum::<usize>()
    );
    assert!(checked >= 90, "{checked}");
}

#[tokio::test]
async fn documented_errors_of_another_shape_stay_raw() {
    let bench = Bench::new().await;
    for operation in OPERATIONS {
        let status = operation.errors[0];
        let body = r#"{"statusCode":"not a number","message":42}"#;
        let (outcome, _) = bench.answer(operation, Reply::json(status, body)).await;
        let error = api_error(outcome);
        assert_eq!(error.status(), status, "{}", operation.id);
        assert_eq!(error.body::<ErrorBody>(), None, "{}", operation.id);
        assert_eq!(error.raw_text(), body, "{}", operation.id);
    }
}

#[tokio::test]
async fn an_empty_success_body_is_a_decode_error() {
    let bench = Bench::new().await;
    for operation in OPERATIONS {
        let (outcome, _) = bench
            .answer(operation, Reply::json(operation.success, ""))
            .await;
        assert!(
            matches!(&outcome, Err(Error::Decode { status, excerpt, .. }) if *status == operation.success && excerpt.is_empty()),
            "{}: {outcome:?}",
            operation.id
        );
    }
}

#[tokio::test]
async fn an_html_success_is_a_content_type_error() {
    let bench = Bench::new().await;
    for operation in OPERATIONS {
        let reply = Reply::status(operation.success)
            .header("content-type", "text/html")
            .body("<html><body>Sign in</body></html>");
        let (outcome, _) = bench.answer(operation, reply).await;
        match outcome {
            Err(Error::ContentType {
                operation: id,
                status,
                content_type,
                excerpt,
            }) => {
                assert_eq!(id, operation.id);
                assert_eq!(status, operation.success);
                assert_eq!(content_type, "text/html");
                assert_eq!(excerpt, "<html><body>Sign in</body></html>");
            }
            other => panic!(
                "{}: expected a content type error, got {other:?}",
                operation.id
            ),
        }
    }
}

#[tokio::test]
async fn malformed_json_is_a_decode_error() {
    let bench = Bench::new().await;
    for operation in OPERATIONS {
        let (outcome, _) = bench
            .answer(
                operation,
                Reply::json(operation.success, "{\"accepted\": 1,"),
            )
            .await;
        match outcome {
            Err(Error::Decode {
                operation: id,
                status,
                excerpt,
                ..
            }) => {
                assert_eq!((id, status), (operation.id, operation.success));
                assert_eq!(excerpt, "{\"accepted\": 1,");
            }
            other => panic!("{}: expected a decode error, got {other:?}", operation.id),
        }
    }
}

#[tokio::test]
async fn a_json_success_without_a_content_type_is_read() {
    let bench = Bench::new().await;
    for operation in OPERATIONS {
        let body = (operation.response)();
        let reply = Reply::status(operation.success).body(body.to_string());
        let (outcome, _) = bench.answer(operation, reply).await;
        assert_eq!(outcome.ok(), Some(body), "{}", operation.id);
    }
}

#[tokio::test]
async fn undocumented_statuses_keep_the_raw_body() {
    let bench = Bench::new().await;
    for operation in OPERATIONS {
        for status in [418, 500, 503] {
            let body = format!("{status} from the edge for {}", operation.id);
            let reply = Reply::status(status)
                .header("content-type", "text/plain")
                .body(body.clone());
            let (outcome, sent) = bench.answer(operation, reply).await;
            let error = api_error(outcome);
            assert_eq!(error.status(), status, "{}", operation.id);
            assert_eq!(error.raw_text(), body, "{}", operation.id);
            assert_eq!(error.body::<ErrorBody>(), None, "{}", operation.id);
            assert_eq!(sent, 1, "{}: retries are disabled", operation.id);
        }
    }
}
