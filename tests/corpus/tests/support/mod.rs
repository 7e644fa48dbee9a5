//! Serving a test's routes on loopback and pointing a transport at them.

use std::net::SocketAddr;

use axum::Router;
use jeri_runtime::Transport;

/// Serves `app` on a free 127.0.0.1 port and returns a transport (no credentials) for it.
pub async fn serve_loopback(app: Router) -> Transport {
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .expect("bind a loopback port");
    let address = listener.local_addr().expect("the bound address");
    tokio::spawn(async move { axum::serve(listener, app).await });
    Transport::builder()
        .base_url(format!("http://{address}"))
        .build()
        .expect("a transport for the loopback server")
}
