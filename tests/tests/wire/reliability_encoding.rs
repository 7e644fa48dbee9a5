//! No argument can change which resource a request addresses: whatever a
//! path parameter or query value holds, the server reads back exactly that
//! value from exactly one path segment (or one query pair), and the values
//! that cannot be a segment are refused before anything is sent.

use std::future::IntoFuture;

use jeri_client::types::{CouponAssignmentRequest, TokenType};
use jeri_client::{Client, Error};
use jeri_tests::cases::check;
use jeri_tests::fixtures::{self, client};
use jeri_tests::recording::{Recorded, Reply, Server};
use proptest::prelude::*;
use tokio::runtime::Runtime;

const CASES: u32 = 128;

/// Pieces that mean something in a URL or to a server, or that encoders
/// tend to get wrong.
const PIECES: &[&str] = &[
    "/", "..", ".", "?", "#", "%", "+", " ", "%2F", "%2e%2E", "%00", "@", ":", ";", "&", "=", "\\",
    "\0", "\n", "\r\n", "\t", "\u{7f}", "é", "日本", "😀", "\u{202e}", "a", "Z9", "-_~", "[]",
    "{}", "|", "\"", "'", "<>", "`", "^",
];

/// Arbitrary text: mostly compositions of the pieces above, sometimes any
/// Unicode string at all.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(prop::sample::select(PIECES), 1..8).prop_map(|pieces| pieces.concat()),
        1 => any::<String>(),
    ]
}

/// Text that the client must accept as a path segment.
fn segment() -> impl Strategy<Value = String> {
    text().prop_filter("refused values have their own test", |value| {
        !matches!(value.as_str(), "" | "." | "..")
    })
}

struct Bench {
    runtime: Runtime,
    server: Server,
    client: Client,
}

impl Bench {
    fn new(answer: serde_json::Value, status: u16) -> Bench {
        let runtime = Runtime::new().expect("a runtime");
        let server = runtime.block_on(Server::start(vec![Reply::json(status, answer.to_string())]));
        let client = client(server.url());
        Bench {
            runtime,
            server,
            client,
        }
    }

    /// The one request `send` made.
    fn sent<T: std::fmt::Debug>(
        &self,
        send: impl IntoFuture<Output = Result<T, Error>>,
    ) -> Result<Recorded, TestCaseError> {
        self.server.take_requests();
        let outcome = self.runtime.block_on(send.into_future());
        prop_assert!(outcome.is_ok(), "{outcome:?}");
        let mut requests = self.server.take_requests();
        prop_assert_eq!(requests.len(), 1);
        Ok(requests.remove(0))
    }
}

#[test]
fn path_params_arrive_as_exactly_the_value_in_one_segment() {
    let bench = Bench::new(fixtures::customer(), 200);
    check(CASES, (segment(), segment()), |(program, email)| {
        let request = bench.sent(bench.client.get_customer(program.as_str(), email.as_str()))?;
        prop_assert_eq!(request.raw_query(), None);
        prop_assert_eq!(
            request.decoded_segments(),
            vec![
                "v1".to_owned(),
                "programs".to_owned(),
                program,
                "customers".to_owned(),
                email
            ]
        );
        Ok(())
    });
}

#[test]
fn every_path_param_position_is_encoded_alike() {
    let bench = Bench::new(fixtures::coupon_assignment(), 201);
    check(CASES, (segment(), segment()), |(program, coupon)| {
        let body = CouponAssignmentRequest {
            email: "ada@example.com".into(),
        };
        let request = bench.sent(bench.client.assign_coupon(
            program.as_str(),
            coupon.as_str(),
            body,
        ))?;
        // Only unreserved characters, `%` escapes and the separators remain.
        prop_assert!(
            request
                .path()
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || b"-._~%/".contains(&byte)),
            "{}",
            request.path()
        );
        prop_assert_eq!(
            request.decoded_segments(),
            vec![
                "v1".to_owned(),
                "programs".to_owned(),
                program,
                "coupons".to_owned(),
                coupon,
                "assign".to_owned()
            ]
        );
        Ok(())
    });
}

#[test]
fn query_values_arrive_as_exactly_the_value() {
    let bench = Bench::new(fixtures::customer_token(), 200);
    check(
        CASES,
        // Any lifetime the spec allows (`minimum: 1`); those below are refused before
        // sending (tests/tests/limits.rs).
        (segment(), text(), 1..=i64::MAX),
        |(program, email, lifetime)| {
            let request = bench.sent(
                bench
                    .client
                    .get_customer_token(program.as_str(), email.as_str(), TokenType::Download)
                    .expires_in(lifetime),
            )?;
            prop_assert_eq!(
                request.decoded_segments(),
                vec![
                    "v1".to_owned(),
                    "programs".to_owned(),
                    program,
                    "customers".to_owned(),
                    "token".to_owned()
                ]
            );
            prop_assert_eq!(
                request.query_pairs(),
                vec![
                    ("email".to_owned(), email),
                    ("token_type".to_owned(), "download".to_owned()),
                    ("expires_in".to_owned(), lifetime.to_string()),
                ]
            );
            Ok(())
        },
    );
}

#[tokio::test]
async fn values_that_cannot_be_a_segment_are_refused_before_sending() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let client = client(server.url());
    let mut refused = 0;
    for value in ["", ".", ".."] {
        let body = || CouponAssignmentRequest {
            email: "ada@example.com".into(),
        };
        let outcomes = [
            (
                "programId",
                client.get_customer(value, "ada@example.com").await.err(),
            ),
            ("email", client.get_customer("acme", value).await.err()),
            (
                "programId",
                client
                    .get_customer_token(value, "a@b.c", TokenType::Auth)
                    .await
                    .err(),
            ),
            (
                "programId",
                client.assign_coupon(value, "c1", body()).await.err(),
            ),
            (
                "couponId",
                client.assign_coupon("acme", value, body()).await.err(),
            ),
            (
                "programId",
                client
                    .get_customer_token(value, value, TokenType::Auth)
                    .await
                    .err(),
            ),
        ];
        for (param, outcome) in outcomes {
            match outcome {
                Some(Error::InvalidInput { message, .. }) => {
                    assert!(
                        message.contains(&format!("`{param}`")),
                        "{value:?}: {message}"
                    );
                    refused += 1;
                }
                other => panic!("{param} = {value:?}: expected invalid input, got {other:?}"),
            }
        }
    }
    assert_eq!(refused, 18);
    assert_eq!(server.count(), 0, "nothing may be sent for a refused value");
}

#[tokio::test]
async fn dots_are_only_refused_as_the_whole_value() {
    let server = Server::start(vec![Reply::json(200, fixtures::customer().to_string())]).await;
    let client = client(server.url());
    for value in ["...", ".a", "a.", "./", "%2e%2e", " .."] {
        client.get_customer("acme", value).await.expect("sent");
        let request = server.take_requests().remove(0);
        assert_eq!(request.decoded_segments()[4], value);
        assert_eq!(request.decoded_segments().len(), 5);
    }
    // A query value has no segments to escape from, so dots are sent.
    let query_server = Server::start(vec![Reply::json(
        200,
        fixtures::customer_token().to_string(),
    )])
    .await;
    client_for(&query_server)
        .get_customer_token("acme", "..", TokenType::Auth)
        .await
        .expect("sent");
    assert_eq!(query_server.single().query_pairs()[0].1, "..");
}

fn client_for(server: &Server) -> Client {
    client(server.url())
}
