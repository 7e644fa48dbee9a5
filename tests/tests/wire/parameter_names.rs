//! Parameters whose names become the same Rust argument (`tests/specs/parameter-names.yaml`):
//! the first in document order keeps the name, the others take their location after it
//! (`name_query`, `sort_direction_query`, `last_event_id_header`), and each value goes
//! where its parameter says.

use jeri_tests::fixtures::loopback;
use jeri_tests::recording::{Reply, Server};

mod api {
    jeri_macros::generate!("../../specs/parameter-names.yaml");
}

#[tokio::test]
async fn each_of_two_same_named_parameters_is_sent_in_its_place() {
    let server = Server::start(vec![Reply::status(204)]).await;
    let client = api::Client::from_transport(loopback(api::Client::transport_builder(), &server));
    client
        .get_thing("in-path", "in-query")
        .sort_direction("dotted")
        .sort_direction_query("snake")
        .last_event_id("in-query-too")
        .last_event_id_header("in-header")
        .await
        .expect("sent");
    let request = server.single();
    assert_eq!(request.path(), "/things/in-path");
    assert_eq!(
        request.query_pairs(),
        [
            ("name".to_owned(), "in-query".to_owned()),
            ("sort.direction".to_owned(), "dotted".to_owned()),
            ("sort_direction".to_owned(), "snake".to_owned()),
            ("last_event_id".to_owned(), "in-query-too".to_owned()),
        ]
    );
    assert_eq!(request.header("last-event-id"), Some("in-header"));
}
