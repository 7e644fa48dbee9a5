//! Which credentials go out with which operation.

use crate::support::ServerExt as _;

use crate::support::{API_KEY, Reply, Server, TOKEN, redeem};
use jeri_runtime::{
    Call, CallOptions, Credentials, Error, Method, OperationInfo, SecurityRequirement,
};

static STATUS: OperationInfo = OperationInfo {
    id: "getApiStatus",
    method: Method::Get,
    path: "/v1/status",
    security: &[],
};

static QUERY_KEY: OperationInfo = OperationInfo {
    id: "queryKeyed",
    method: Method::Get,
    path: "/v1/status",
    security: &[&[SecurityRequirement::ApiKeyQuery {
        scheme: "apiKey",
        parameter: "api_key",
    }]],
};

static BEARER_ONLY: OperationInfo = OperationInfo {
    id: "customerOnly",
    method: Method::Get,
    path: "/v1/me",
    security: &[&[SecurityRequirement::Bearer { scheme: "bearer" }]],
};

async fn send(
    transport: &jeri_runtime::Transport,
    operation: &'static OperationInfo,
) -> Result<u16, Error> {
    let mut call = Call::new(transport, operation, CallOptions::new());
    call.path_literal(operation.path);
    call.query("page", &1);
    call.send().await.map(|response| response.status())
}

#[tokio::test]
async fn first_satisfiable_alternative_is_used() {
    let server = Server::start(vec![Reply::json(201, "{}")]).await;
    let both = server
        .builder()
        .bearer_token(TOKEN)
        .build()
        .expect("transport");
    redeem(&both, CallOptions::new()).await.expect("with key");
    let customer = both.with_credentials(Credentials::bearer(TOKEN));
    redeem(&customer, CallOptions::new())
        .await
        .expect("with token");

    let requests = server.requests();
    assert_eq!(requests[0].header("api-key"), Some(API_KEY));
    assert_eq!(requests[0].header("authorization"), None);
    assert_eq!(requests[1].header("api-key"), None);
    let bearer = format!("Bearer {TOKEN}");
    assert_eq!(requests[1].header("authorization"), Some(bearer.as_str()));
}

#[tokio::test]
async fn missing_credentials_fail_before_sending() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let key_only = server.transport();
    let result = send(&key_only, &BEARER_ONLY).await;
    assert!(matches!(
        result,
        Err(Error::MissingCredentials {
            operation: "customerOnly"
        })
    ));

    let nothing = key_only.with_credentials(Credentials::none());
    let result = redeem(&nothing, CallOptions::new()).await;
    assert!(matches!(
        result,
        Err(Error::MissingCredentials {
            operation: "redeemReward"
        })
    ));

    let empty_token = key_only.with_credentials(Credentials::bearer(""));
    let result = send(&empty_token, &BEARER_ONLY).await;
    assert!(matches!(result, Err(Error::MissingCredentials { .. })));
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn operations_without_security_send_no_credentials() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let transport = server
        .builder()
        .bearer_token(TOKEN)
        .build()
        .expect("transport");
    assert_eq!(send(&transport, &STATUS).await.ok(), Some(200));
    let request = server.single();
    assert_eq!(request.header("api-key"), None);
    assert_eq!(request.header("authorization"), None);
    assert_eq!(request.target, "/v1/status?page=1");
}

#[tokio::test]
async fn api_key_in_the_query_goes_last() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    assert_eq!(send(&server.transport(), &QUERY_KEY).await.ok(), Some(200));
    let request = server.single();
    assert_eq!(
        request.target,
        format!("/v1/status?page=1&api_key={API_KEY}")
    );
    assert_eq!(request.header("api-key"), None);
}

#[tokio::test]
async fn header_params_cannot_replace_credentials() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let transport = server.transport();
    let mut call = Call::new(
        &transport,
        &crate::support::GET_CUSTOMER,
        CallOptions::new(),
    );
    call.path_literal("/x");
    call.header("api-key", &"attacker").expect("header");
    call.send().await.expect("response");
    assert_eq!(server.single().header("api-key"), Some(API_KEY));
}

#[tokio::test]
async fn redirects_never_carry_the_key_to_another_origin() {
    let elsewhere = Server::start(vec![Reply::json(200, "{}")]).await;
    let location = format!("{}/stolen", elsewhere.url());
    let server = Server::start(vec![Reply::status(302).header("location", &location)]).await;
    let response = crate::support::get_customer(&server.transport(), "p", "e", CallOptions::new())
        .await
        .expect("response");
    assert_eq!(response.status(), 302);
    assert_eq!(elsewhere.count(), 0);
}

#[tokio::test]
async fn same_origin_redirects_are_followed() {
    let server = Server::start(vec![
        Reply::status(307).header("location", "/v1/moved"),
        Reply::json(200, "{}"),
    ])
    .await;
    let response = crate::support::get_customer(&server.transport(), "p", "e", CallOptions::new())
        .await
        .expect("response");
    assert_eq!(response.status(), 200);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].target, "/v1/moved");
    assert_eq!(requests[1].header("api-key"), Some(API_KEY));
}
