//! The one-call link helpers against a local stand-in for `getCustomerToken` on 127.0.0.1.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use jeri_client::links::{LinkBuilder, RedirectTo, Slug};
use jeri_client::runtime::Transport;
use jeri_client::{Client, Error};

/// What the stand-in saw of one request.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    program_id: String,
    query: HashMap<String, String>,
    api_key: Option<String>,
}

#[derive(Clone)]
struct Stand {
    seen: Arc<Mutex<Vec<Seen>>>,
    /// `None` answers 404 with the API's error body.
    token: Option<&'static str>,
}

async fn customer_token(
    State(stand): State<Stand>,
    Path(program_id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let api_key = headers
        .get("api-key")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    stand
        .seen
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .push(Seen {
            program_id,
            query,
            api_key,
        });
    match stand.token {
        Some(token) => Json(serde_json::json!({ "accessToken": token })).into_response(),
        None => (
            StatusCode::NOT_FOUND,
            Json(serde_json::json!({
                "statusCode": 404,
                "message": "Customer has no pass",
                "error": "Not Found"
            })),
        )
            .into_response(),
    }
}

/// Starts the stand-in and returns a client for it and the requests it records.
async fn start(token: Option<&'static str>) -> (Client, Arc<Mutex<Vec<Seen>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let app = Router::new()
        .route(
            "/v1/programs/{program_id}/customers/token",
            get(customer_token),
        )
        .with_state(Stand {
            seen: Arc::clone(&seen),
            token,
        });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1");
    let address = listener.local_addr().expect("local address");
    tokio::spawn(async move { axum::serve(listener, app).await });
    let transport = Transport::builder()
        .base_url(format!("http://{address}"))
        .api_key("test-key")
        .build()
        .expect("valid transport");
    (Client::from_transport(transport), seen)
}

fn recorded(seen: &Mutex<Vec<Seen>>) -> Vec<Seen> {
    seen.lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .clone()
}

fn expected(token_type: &str) -> Seen {
    Seen {
        program_id: "acme-id".to_owned(),
        query: HashMap::from([
            ("email".to_owned(), "ana+promo@example.com".to_owned()),
            ("token_type".to_owned(), token_type.to_owned()),
        ]),
        api_key: Some("test-key".to_owned()),
    }
}

fn slug() -> Slug {
    Slug::new("acme").expect("valid slug")
}

#[tokio::test]
async fn download_link_fetches_a_download_token() {
    let (client, seen) = start(Some("ab?")).await;
    let link = client
        .download_link("acme-id", &slug(), "ana+promo@example.com")
        .await
        .expect("a link");
    assert_eq!(
        link.as_str(),
        "https://jeri.link/acme/download?token=YWI%2F"
    );
    assert_eq!(recorded(&seen), [expected("download")]);
}

#[tokio::test]
async fn session_link_fetches_an_auth_token() {
    let (client, seen) = start(Some("ab>")).await;
    let link = client
        .session_link(
            "acme-id",
            &slug(),
            "ana+promo@example.com",
            &RedirectTo::LoyaltyRewards,
        )
        .await
        .expect("a link");
    assert_eq!(
        link.as_str(),
        "https://jeri.link/acme/YWI+?redirectTo=loyalty%2Frewards"
    );
    assert_eq!(recorded(&seen), [expected("auth")]);
}

#[tokio::test]
async fn a_link_builder_chooses_the_host() {
    let (client, _seen) = start(Some("ab?")).await;
    let builder = LinkBuilder::new()
        .with_base_url("http://127.0.0.1:1/links")
        .expect("valid base");
    let link = builder
        .fetch_session_link(
            &client,
            "acme-id",
            &slug(),
            "ana+promo@example.com",
            &RedirectTo::Profile,
        )
        .await
        .expect("a link");
    assert_eq!(
        link.as_str(),
        "http://127.0.0.1:1/links/acme/YWI%2F?redirectTo=profile"
    );
}

#[tokio::test]
async fn api_errors_come_through() {
    let (client, _seen) = start(None).await;
    let error = client
        .download_link("acme-id", &slug(), "ana+promo@example.com")
        .await
        .expect_err("the customer has no pass");
    assert!(error.is_not_found(), "{error}");
}

#[tokio::test]
async fn an_empty_access_token_is_a_decode_error() {
    let (client, _seen) = start(Some("")).await;
    let error = client
        .session_link(
            "acme-id",
            &slug(),
            "ana+promo@example.com",
            &RedirectTo::Profile,
        )
        .await
        .expect_err("no token to put in a link");
    assert!(
        matches!(
            &error,
            Error::Decode {
                operation: "getCustomerToken",
                status: 200,
                ..
            }
        ),
        "{error}"
    );
    assert!(
        error.to_string().contains("the auth token is empty"),
        "{error}"
    );
}
