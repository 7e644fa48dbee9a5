//! Serving a generated router on loopback, a client transport for it, and raw requests.

#![allow(dead_code)]

use std::net::SocketAddr;

use serde_json::Value;

/// Serves `app` on a free 127.0.0.1 port; its base URL.
pub async fn serve(app: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .expect("bind a loopback port");
    let address = listener.local_addr().expect("the bound address");
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{address}")
}

/// A transport without credentials for `base_url`.
pub fn transport(base_url: &str) -> jeri_runtime::Transport {
    jeri_runtime::Transport::builder()
        .base_url(base_url)
        .build()
        .expect("a transport for the loopback server")
}

/// Status, content type and JSON body (`Null` when empty) of a raw request.
pub async fn send(request: reqwest::RequestBuilder) -> (u16, String, Value) {
    let (status, content_type, bytes) = send_raw(request).await;
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).expect("the body is JSON")
    };
    (status, content_type, body)
}

/// Status, content type and body bytes of a raw request.
pub async fn send_raw(request: reqwest::RequestBuilder) -> (u16, String, Vec<u8>) {
    let response = request.send().await.expect("the server answers");
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = response.bytes().await.expect("the body is read").to_vec();
    (status, content_type, body)
}

/// The `detail` of each problem of a default `400` body.
pub fn details(body: &Value) -> Vec<String> {
    body["problems"]
        .as_array()
        .map(|problems| {
            problems
                .iter()
                .map(|problem| problem["detail"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}
