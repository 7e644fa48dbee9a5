//! Rules of a request body's schema (`required`, bounds, lengths, item counts, closed
//! objects, through references and array items) are checked before sending, for
//! `tests/specs/body-rules.yaml`: a body that breaks them is `Error::InvalidInput` listing
//! every problem with where it is, and nothing reaches the server. `pattern` and `format`
//! are the server's to check, so bodies breaking only those go out.

use jeri_runtime::Error;
use jeri_tests::fixtures::loopback;
use jeri_tests::recording::{Reply, Server};

mod api {
    jeri_macros::generate!("../../specs/body-rules.yaml");
}

use api::types::{Coupon, Line, Order, SearchBody};

fn client(server: &Server) -> api::Client {
    let builder = api::Client::transport_builder();
    api::Client::from_transport(loopback(builder, server))
}

fn line(note: &str, amount: Option<f64>) -> Line {
    Line {
        note: note.to_owned(),
        amount,
    }
}

fn search(q: &str, page: Option<i64>) -> SearchBody {
    SearchBody {
        q: q.to_owned(),
        page,
    }
}

fn order(sku: &str, quantity: i32, lines: Vec<Line>) -> Order {
    Order {
        sku: sku.to_owned(),
        quantity,
        lines,
        coupon: None,
    }
}

/// The message of the `InvalidInput` from `operation_id`; anything else fails the test.
fn refusal<T: std::fmt::Debug>(result: Result<T, Error>, operation_id: &str) -> String {
    match result {
        Err(Error::InvalidInput { operation, message }) => {
            assert_eq!(operation, operation_id);
            message
        }
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

#[tokio::test]
async fn bodies_within_the_rules_are_sent_as_given() {
    let server = Server::start(vec![Reply::status(204); 3]).await;
    let client = client(&server);
    let mut lower = order("ab", 1, vec![line("", Some(0.01))]);
    // Both alternatives of `Coupon` differ by format only: the server tells them apart.
    lower.coupon = Some(Coupon::String(jeri_runtime::uuid::Uuid::nil()));
    client.create_order(lower).await.expect("the lower bounds");
    let lines = (0..3).map(|_| line("12345", None)).collect();
    client
        .create_order(order("abcdefgh", 99, lines))
        .await
        .expect("the upper bounds (the lowercase SKU breaks only the pattern)");
    client
        .search(search("q", None))
        .await
        .expect("a form body within its rules");
    let bodies: Vec<serde_json::Value> = server
        .requests()
        .iter()
        .take(2)
        .map(|request| request.json())
        .collect();
    assert_eq!(bodies[0]["coupon"], "00000000-0000-0000-0000-000000000000");
    assert_eq!(bodies[0]["lines"][0]["amount"], 0.01);
    assert_eq!(bodies[1]["sku"], "abcdefgh");
    assert_eq!(server.requests()[2].body, b"q=q");
}

#[tokio::test]
async fn every_broken_rule_is_named_and_nothing_is_sent() {
    let server = Server::start(vec![]).await;
    let client = client(&server);
    let message = refusal(
        client.create_order(order("a", 0, vec![])).await,
        "createOrder",
    );
    assert_eq!(
        message,
        "the request body breaks the spec's rules: sku must be at least 2 characters long; \
         quantity must be >= 1; lines must have at least 1 item"
    );
    let lines = vec![line("123456", Some(0.0)), line("ok", None)];
    let message = refusal(
        client.create_order(order("abc", 100, lines)).await,
        "createOrder",
    );
    assert_eq!(
        message,
        "the request body breaks the spec's rules: quantity must be <= 99; \
         lines.0.note must be at most 5 characters long; lines.0.amount must be > 0"
    );
    let many = (0..4).map(|_| line("x", None)).collect();
    let message = refusal(
        client.create_order(order("abc", 1, many)).await,
        "createOrder",
    );
    assert!(
        message.ends_with("lines must have at most 3 items"),
        "{message}"
    );
    assert_eq!(server.count(), 0, "nothing reaches the server");
}

#[tokio::test]
async fn form_and_optional_bodies_are_checked_when_there_is_one() {
    let server = Server::start(vec![Reply::status(204); 2]).await;
    let client = client(&server);
    let message = refusal(client.search(search("", None)).await, "search");
    assert!(
        message.ends_with("q must be at least 1 character long"),
        "{message}"
    );
    let message = refusal(client.search(search("q", Some(0))).await, "search");
    assert!(message.ends_with("page must be >= 1"), "{message}");
    let empty = api::types::PutNoteBody {
        text: String::new(),
    };
    let message = refusal(client.put_note().body(empty).await, "putNote");
    assert!(
        message.ends_with("text must be at least 1 character long"),
        "{message}"
    );
    assert_eq!(server.count(), 0);
    client.put_note().await.expect("no body, nothing to check");
    client
        .post_anything(serde_json::json!({"any": ["thing"]}))
        .await
        .expect("a free-form body has no rules");
    assert_eq!(server.count(), 2);
}
