//! tower layers around every attempt, over loopback.

use crate::support::ServerExt as _;

use std::sync::{Arc, Mutex, PoisonError};

use crate::support::{API_KEY, Reply, Server, get_customer_call, json_value};
use jeri_runtime::reqwest::header::HeaderValue;
use jeri_runtime::{CallOptions, Credentials, execute};
use tower::util::{MapRequestLayer, MapResponseLayer};

#[tokio::test]
async fn every_attempt_goes_through_the_layers_in_order() {
    let server = Server::start(vec![
        Reply::status(503),
        Reply::json(200, r#"{"id":"c-1"}"#),
    ])
    .await;
    let statuses = Arc::new(Mutex::new(Vec::new()));
    let seen = statuses.clone();
    let metrics = MapResponseLayer::new(move |response: reqwest::Response| {
        seen.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(response.status().as_u16());
        response
    });
    // The outer layer (added first) sees the request before the inner one.
    let outer = MapRequestLayer::new(|mut request: reqwest::Request| {
        request
            .headers_mut()
            .insert("x-layers", HeaderValue::from_static("outer"));
        request
    });
    let inner = MapRequestLayer::new(|mut request: reqwest::Request| {
        let seen = request.headers()["x-layers"]
            .to_str()
            .unwrap_or("")
            .to_owned();
        let value = HeaderValue::from_str(&format!("{seen},inner")).expect("a header value");
        request.headers_mut().insert("x-layers", value);
        request
    });
    let transport = server
        .builder()
        .layer(outer)
        .layer(inner)
        .layer(metrics)
        .build()
        .expect("transport");

    let customer = execute(
        get_customer_call(&transport, "p", "e", CallOptions::new()),
        json_value,
    )
    .await
    .expect("the second attempt succeeds");
    assert_eq!(customer["id"], "c-1");
    assert_eq!(
        *statuses.lock().unwrap_or_else(PoisonError::into_inner),
        [503, 200]
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(request.header("x-layers"), Some("outer,inner"));
        // The credentials went in before the layers saw the request.
        assert_eq!(request.header("api-key"), Some(API_KEY));
    }

    // A transport with other credentials keeps the layers.
    let other = transport.with_credentials(Credentials::api_key("another-key"));
    execute(
        get_customer_call(&other, "p", "e", CallOptions::new()),
        json_value,
    )
    .await
    .expect("a customer");
    let last = server.requests().pop().expect("a third request");
    assert_eq!(last.header("x-layers"), Some("outer,inner"));
    assert_eq!(
        statuses
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len(),
        3
    );
}
