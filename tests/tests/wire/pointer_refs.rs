//! `$ref`s to JSON pointers other than named components (`tests/specs/pointer-refs.yaml`):
//! a parameter and a response taken from another operation, a property schema taken from
//! a component, all called over loopback.

use jeri_test_support::{Reply, Server};

mod shelters {
    jeri_macros::generate!("../../specs/pointer-refs.yaml");
}

fn client(server: &Server) -> shelters::Client {
    let transport = shelters::Client::transport_builder()
        .base_url(server.url())
        .build()
        .expect("a transport for the loopback server");
    shelters::Client::from_transport(transport)
}

#[tokio::test]
async fn referenced_parameters_responses_and_properties_work_like_written_ones() {
    let body = r#"{"name":"Rex","keeper":{"id":7}}"#;
    let server = Server::start(vec![Reply::json(200, body), Reply::json(200, body)]).await;
    let client = client(&server);

    let pet = client.get_pet("p 1").await.expect("getPet");
    assert_eq!(pet.name, "Rex");
    assert_eq!(pet.keeper.as_ref().map(|keeper| keeper.id), Some(7));

    // The twin's parameter and response are the pet's, through pointers (a copy of an
    // inline schema is its own type, with the same shape).
    let twin = client.get_twin("p 1").await.expect("getTwin");
    assert_eq!(twin.name, "Rex");
    assert_eq!(twin.keeper.map(|keeper| keeper.id), Some(7));

    let paths: Vec<String> = server
        .requests()
        .iter()
        .map(|request| request.path().to_owned())
        .collect();
    assert_eq!(paths, ["/pets/p%201", "/pets/p%201/twin"]);
}
