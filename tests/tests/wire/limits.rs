//! Limits of a parameter's schema (`minimum`/`maximum` with their exclusive forms,
//! `minLength`/`maxLength`, `minItems`/`maxItems`) are checked before a request is sent,
//! for `tests/specs/limits.yaml`: a value outside one is `Error::InvalidInput` naming the
//! parameter and the limit, and nothing reaches the server; values on the bounds go out.
//! The same holds where a parameter's schema is a `$ref` (to a reference, too).

use jeri_runtime::Error;
use jeri_tests::fixtures::loopback;
use jeri_tests::recording::{Reply, Server};

mod api {
    jeri_macros::generate!("../../specs/limits.yaml");
}

fn client(server: &Server) -> api::Client {
    let builder = api::Client::transport_builder();
    api::Client::from_transport(loopback(builder, server))
}

/// Each request fails before sending with `InvalidInput` from `operation`, naming the
/// limit and ending with what was measured.
async fn assert_refused<R>(operation_id: &str, cases: impl IntoIterator<Item = (R, &str, &str)>)
where
    R: std::future::IntoFuture<Output = Result<Vec<String>, Error>>,
{
    for (request, limit, got) in cases {
        match request.await {
            Err(Error::InvalidInput { operation, message }) => {
                assert_eq!(operation, operation_id);
                assert!(message.contains(limit), "{message}");
                assert!(message.ends_with(got), "{message}");
            }
            other => panic!("expected InvalidInput for {limit}, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn values_on_the_bounds_are_sent() {
    let server = Server::start(vec![Reply::json(200, "[]"), Reply::json(200, "[]")]).await;
    let client = client(&server);
    client
        .list_books("ab", -3)
        .limit(1)
        .score(5.0)
        .tags(vec!["a".to_owned()])
        .await
        .expect("the lower bounds");
    client
        .list_books("abcd", 2)
        .limit(100)
        .score(0.001)
        .tags(vec!["a".to_owned(), "b".to_owned()])
        .await
        .expect("the upper bounds");
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(
        targets,
        [
            "/shelves/ab/books?limit=1&score=5&tags=a",
            "/shelves/abcd/books?limit=100&score=0.001&tags=a&tags=b"
        ]
    );
}

#[tokio::test]
async fn a_value_outside_a_limit_is_refused_before_sending() {
    let server = Server::start(Vec::new()).await;
    let client = client(&server);
    let cases = [
        (
            client.list_books("a", 0),
            "`code` must be at least 2 characters long",
            "got 1",
        ),
        (
            client.list_books("abcde", 0),
            "`code` must be at most 4 characters long",
            "got 5",
        ),
        // Characters, not bytes: four characters of two bytes each are within.
        (
            client.list_books("ñññññ", 0),
            "at most 4 characters long",
            "got 5",
        ),
        (
            client.list_books("ab", 3),
            "`X-Shelf-Row` must be less than 3",
            "got 3",
        ),
        (
            client.list_books("ab", -4),
            "`X-Shelf-Row` must be at least -3",
            "got -4",
        ),
        (
            client.list_books("ab", 0).limit(0),
            "`limit` must be at least 1",
            "got 0",
        ),
        (
            client.list_books("ab", 0).limit(101),
            "`limit` must be at most 100",
            "got 101",
        ),
        (
            client.list_books("ab", 0).score(0.0),
            "`score` must be greater than 0",
            "got 0",
        ),
        (
            client.list_books("ab", 0).score(5.5),
            "`score` must be at most 5",
            "got 5.5",
        ),
        (
            client.list_books("ab", 0).tags(Vec::new()),
            "`tags` must be at least 1 item",
            "got 0",
        ),
        (
            client
                .list_books("ab", 0)
                .tags(vec!["a".into(), "b".into(), "c".into()]),
            "`tags` must be at most 2 items",
            "got 3",
        ),
    ];
    assert_refused("listBooks", cases).await;
    assert!(
        client.list_books("ññññ", 0).await.is_err(),
        "no server answer queued"
    );
    assert_eq!(server.count(), 1, "only the last, valid request went out");
}

#[tokio::test]
async fn limits_of_referenced_schemas_are_checked_too() {
    let server = Server::start(vec![Reply::json(200, "[]")]).await;
    let client = client(&server);
    let cases = [
        (
            client.list_shelves().limit(0),
            "`limit` must be at least 1",
            "got 0",
        ),
        (
            client.list_shelves().limit(51),
            "`limit` must be at most 50",
            "got 51",
        ),
        (
            client.list_shelves().prefix("a".into()),
            "`prefix` must be at least 2 characters long",
            "got 1",
        ),
        (
            client.list_shelves().prefix("abcde".into()),
            "`prefix` must be at most 4 characters long",
            "got 5",
        ),
        (
            client.list_shelves().rows(Vec::new()),
            "`rows` must be at least 1 item",
            "got 0",
        ),
        (
            client.list_shelves().rows(vec![1, 2, 3]),
            "`rows` must be at most 2 items",
            "got 3",
        ),
        (
            client.list_shelves().floor(0.0),
            "`floor` must be greater than 0",
            "got 0",
        ),
    ];
    assert_refused("listShelves", cases).await;
    assert_eq!(server.count(), 0, "nothing went out");
    client
        .list_shelves()
        .limit(50)
        .prefix("ab".into())
        .rows(vec![1, 2])
        .floor(0.5)
        .await
        .expect("values within the limits go out");
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(
        targets,
        ["/shelves?limit=50&prefix=ab&rows=1&rows=2&floor=0.5"]
    );
}
