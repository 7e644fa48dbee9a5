//! Types that contain themselves through properties of `allOf` members (one struct
//! referring to the next twice) and through a nullable union, for
//! `tests/specs/recursion.yaml`: the generated code compiles (each cycle is boxed where it
//! closes) and values of any depth travel both ways.

use jeri_tests::fixtures::loopback;
use jeri_tests::recording::{Reply, Server};

mod api {
    jeri_macros::generate!("../../specs/recursion.yaml");
}

fn client(server: &Server) -> api::Client {
    api::Client::from_transport(loopback(api::Client::transport_builder(), server))
}

#[tokio::test]
async fn a_three_schema_cycle_through_all_of_members_decodes_at_depth() {
    let answer = r#"{"id":"r1","obj":{"created":"today",
        "createdBy":{"source":"web","customer":{"id":"r2"}},
        "lastModifiedBy":{"source":"api","customer":{"id":"r3","obj":{"created":"then"}},
        "previousCustomer":{"id":"r4"}}}}"#;
    let server = Server::start(vec![Reply::json(200, answer)]).await;
    let reference = client(&server)
        .get_customer_reference("r1")
        .await
        .expect("the nested reference decodes");
    let customer = reference.obj.as_ref().expect("the customer is there");
    let modified = customer.last_modified_by.as_ref().expect("modified");
    let inner = modified.customer.as_ref().expect("its customer");
    assert_eq!(inner.id.as_deref(), Some("r3"));
    let innermost = inner.obj.as_ref().expect("and that one's customer");
    assert_eq!(innermost.created.as_deref(), Some("then"));
    let previous = modified
        .previous_customer
        .as_ref()
        .expect("the previous one");
    assert_eq!(previous.id.as_deref(), Some("r4"));
    let created = customer.created_by.as_ref().expect("creator");
    assert_eq!(
        created.customer.as_ref().and_then(|c| c.id.as_deref()),
        Some("r2")
    );
    assert_eq!(server.single().target, "/customers/r1");
}

#[tokio::test]
async fn a_nullable_union_that_contains_itself_travels_both_ways() {
    let body = r#"{"not":{"not":{"not":"x"}}}"#;
    let server = Server::start(vec![Reply::json(200, body)]).await;
    let expression: api::types::Expression =
        serde_json::from_str(body).expect("the expression decodes");
    let echoed = client(&server)
        .echo_expression(expression.clone())
        .await
        .expect("the echo decodes");
    assert_eq!(echoed, expression);
    assert_eq!(
        String::from_utf8_lossy(&server.single().body),
        body,
        "sent as written"
    );
}
