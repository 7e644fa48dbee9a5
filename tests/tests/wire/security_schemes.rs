//! Several security schemes of one kind, each given its own credential by name
//! (`tests/specs/security-schemes.yaml`): what reaches a loopback server.

use jeri_runtime::{Error, RetryPolicy, TransportBuilder};
use jeri_test_support::{Reply, Server};

mod vault {
    jeri_macros::generate!("../../specs/security-schemes.yaml");
}

async fn server(replies: usize) -> Server {
    Server::start((0..replies).map(|_| Reply::status(204)).collect()).await
}

fn builder(server: &Server) -> TransportBuilder {
    vault::Client::transport_builder()
        .base_url(server.url())
        .retry_policy(RetryPolicy::disabled())
}

#[tokio::test]
async fn each_api_key_goes_in_its_own_schemes_header() {
    let server = server(2).await;
    let transport = builder(&server)
        .scheme_secret("userKey", "user-secret")
        .scheme_secret("adminKey", "admin-secret")
        .build()
        .expect("transport");
    let client = vault::Client::from_transport(transport);
    client.list_items().await.expect("listItems");
    client
        .admin_action()
        .await
        .expect("adminAction needs both keys");

    let requests = server.requests();
    assert_eq!(requests[0].header("x-user-key"), Some("user-secret"));
    assert_eq!(requests[0].header("x-admin-key"), None);
    assert_eq!(requests[1].header("x-user-key"), Some("user-secret"));
    assert_eq!(requests[1].header("x-admin-key"), Some("admin-secret"));
}

#[tokio::test]
async fn a_requirement_of_two_schemes_needs_both() {
    let server = server(1).await;
    let transport = builder(&server)
        .scheme_secret("userKey", "user-secret")
        .build()
        .expect("transport");
    let client = vault::Client::from_transport(transport);
    match client.admin_action().await {
        Err(Error::MissingCredentials { operation }) => assert_eq!(operation, "adminAction"),
        other => panic!("expected missing credentials, got {other:?}"),
    }
    assert_eq!(
        server.count(),
        0,
        "nothing is sent without every credential"
    );
    client.health().await.expect("`security: []` needs nothing");
    assert_eq!(server.single().header("x-user-key"), None);
}

#[tokio::test]
async fn alternatives_take_the_first_scheme_with_a_credential() {
    let server = server(2).await;
    let oauth_only = builder(&server)
        .scheme_secret("oauth", "oauth-access-token")
        .build()
        .expect("transport");
    vault::Client::from_transport(oauth_only)
        .delegated()
        .await
        .expect("delegated with the oauth token");
    let both = builder(&server)
        .scheme_secret("partnerToken", "partner-token")
        .scheme_secret("oauth", "oauth-access-token")
        .build()
        .expect("transport");
    vault::Client::from_transport(both)
        .delegated()
        .await
        .expect("delegated with the partner token");

    let requests = server.requests();
    assert_eq!(
        requests[0].header("authorization"),
        Some("Bearer oauth-access-token")
    );
    assert_eq!(
        requests[1].header("authorization"),
        Some("Bearer partner-token")
    );
}

#[test]
fn a_credential_for_a_scheme_the_spec_lacks_is_a_configuration_error() {
    let result = vault::Client::transport_builder()
        .base_url("http://127.0.0.1:9")
        .scheme_secret("adminkey", "admin-secret")
        .build();
    match result {
        Err(Error::Config(message)) => {
            assert!(message.contains("\"adminkey\""), "{message}");
            assert!(
                message.contains("userKey, adminKey, partnerToken, oauth"),
                "{message}"
            );
        }
        other => panic!("expected a configuration error, got {other:?}"),
    }
}
