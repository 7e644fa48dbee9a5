//! The loopback server both implementations talk to.

use std::net::SocketAddr;

use axum::body::Bytes;
use axum::extract::Query;
use axum::http::{HeaderMap, StatusCode, header};
use axum::routing::{get, post};

use crate::{API_KEY, BATCH_JSON, EMAIL, EXPIRES_IN, JSON, PROGRAM, TOKEN_JSON, USER_AGENT, text};

#[derive(serde::Deserialize)]
struct TokenQuery {
    email: String,
    token_type: String,
    expires_in: i64,
}

fn json_response(status: StatusCode, body: &'static str) -> axum::response::Response {
    axum::response::IntoResponse::into_response((status, [(header::CONTENT_TYPE, JSON)], body))
}

/// Both implementations must send the key and ask for JSON; a request that does not is
/// answered 400, which both treat as a failure.
fn well_formed(headers: &HeaderMap) -> bool {
    headers.get("api-key").is_some_and(|value| value == API_KEY)
        && headers
            .get(header::ACCEPT)
            .is_some_and(|value| value == JSON)
        && headers
            .get(header::USER_AGENT)
            .is_some_and(|value| value == USER_AGENT)
}

async fn token(headers: HeaderMap, Query(query): Query<TokenQuery>) -> axum::response::Response {
    if well_formed(&headers)
        && query.email == EMAIL
        && query.token_type == "auth"
        && query.expires_in == EXPIRES_IN
    {
        json_response(StatusCode::OK, TOKEN_JSON)
    } else {
        json_response(StatusCode::BAD_REQUEST, "{}")
    }
}

async fn increase(headers: HeaderMap, body: Bytes) -> axum::response::Response {
    let json_body = headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value == JSON);
    if well_formed(&headers) && json_body && body.first() == Some(&b'[') {
        json_response(StatusCode::CREATED, BATCH_JSON)
    } else {
        json_response(StatusCode::BAD_REQUEST, "{}")
    }
}

/// Serves on its own thread and single-threaded runtime until the process exits.
pub(crate) fn start_server() -> Result<SocketAddr, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(text)?;
    listener.set_nonblocking(true).map_err(text)?;
    let addr = listener.local_addr().map_err(text)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(text)?;
    let app = axum::Router::new()
        .route(
            &format!("/v1/programs/{PROGRAM}/customers/token"),
            get(token),
        )
        .route(
            &format!("/v1/programs/{PROGRAM}/balance/increase"),
            post(increase),
        );
    std::thread::Builder::new()
        .name("loopback-server".into())
        .spawn(move || {
            runtime.block_on(async move {
                let served = match tokio::net::TcpListener::from_std(listener) {
                    Ok(listener) => axum::serve(listener, app).await,
                    Err(error) => Err(error),
                };
                if let Err(error) = served {
                    eprintln!("loopback server stopped: {error}");
                }
            });
        })
        .map_err(text)?;
    Ok(addr)
}
