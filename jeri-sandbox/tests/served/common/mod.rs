//! A sandbox on 127.0.0.1 and a small JSON-over-HTTP helper.

#![allow(dead_code)]

use jeri_sandbox::Sandbox;
use reqwest::Method;
use serde_json::Value;

pub const PROGRAM: &str = "acme-rewards";

/// A running sandbox and an HTTP client for it.
pub struct Harness {
    pub sandbox: Sandbox,
    pub http: reqwest::Client,
}

/// A response: status and JSON body (`Value::Null` when empty).
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub body: Value,
}

impl Harness {
    pub async fn start() -> Harness {
        let sandbox = Sandbox::start().await.expect("sandbox starts");
        Harness {
            sandbox,
            http: reqwest::Client::new(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sandbox.base_url())
    }

    /// A request with the API key, and a JSON body when `body` is not null.
    pub fn request(&self, method: Method, path: &str, body: &Value) -> reqwest::RequestBuilder {
        let request = self
            .http
            .request(method, self.url(path))
            .header("api-key", self.sandbox.api_key());
        if body.is_null() {
            request
        } else {
            request
                .header("content-type", "application/json")
                .body(body.to_string())
        }
    }

    pub async fn send(&self, request: reqwest::RequestBuilder) -> Reply {
        let response = request.send().await.expect("request is answered");
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let text = response.text().await.expect("body is read");
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).expect("body is JSON")
        };
        Reply {
            status,
            content_type,
            body,
        }
    }

    pub async fn call(&self, method: Method, path: &str, body: Value) -> Reply {
        self.send(self.request(method, path, &body)).await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.call(Method::GET, path, Value::Null).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Reply {
        self.call(Method::POST, path, body).await
    }

    /// Creates a customer with a profile, a loyalty record and a wallet pass (so `auth`
    /// tokens are issued for them).
    pub async fn customer(&self, email: &str, balance: i64) {
        let reply = self
            .post(
                &format!("/v1/programs/{PROGRAM}/integrations/api"),
                serde_json::json!([
                    {"email": email, "feature": "users", "payload": {"firstName": "Jane"}},
                    {"email": email, "feature": "loyalty", "payload": {
                        "loyaltyCustomerId": "loy-1", "balance": balance,
                        "memberSince": "2024-03-01T09:30:00Z"}}
                ]),
            )
            .await;
        assert_eq!(reply.status, 201, "{:?}", reply.body);
        assert!(self.sandbox.state().give_wallet_pass(PROGRAM, email));
    }

    pub async fn balance(&self, email: &str) -> Value {
        let reply = self
            .get(&format!(
                "/v1/programs/{PROGRAM}/customers/{}",
                email.replace('@', "%40")
            ))
            .await;
        assert_eq!(reply.status, 200, "{:?}", reply.body);
        reply.body["loyaltyData"]["balance"].clone()
    }

    /// A customer token of the given type.
    pub async fn token(&self, email: &str, token_type: &str) -> String {
        let reply = self
            .get(&format!(
                "/v1/programs/{PROGRAM}/customers/token?email={}&token_type={token_type}",
                email.replace('@', "%40")
            ))
            .await;
        assert_eq!(reply.status, 200, "{:?}", reply.body);
        reply.body["accessToken"]
            .as_str()
            .expect("accessToken")
            .to_owned()
    }
}

/// Asserts the spec's `ErrorBody` shape with the given status.
pub fn assert_error(reply: &Reply, status: u16) {
    assert_eq!(reply.status, status, "{:?}", reply.body);
    assert!(reply.content_type.starts_with("application/json"));
    assert_eq!(reply.body["statusCode"], status);
    let message = &reply.body["message"];
    assert!(message.is_string() || message.is_array(), "{message:?}");
    if status != 401 {
        assert!(reply.body["error"].is_string(), "{:?}", reply.body);
    }
}

/// The messages of a 400 body.
pub fn messages(reply: &Reply) -> Vec<String> {
    assert_error(reply, 400);
    reply.body["message"]
        .as_array()
        .expect("message list")
        .iter()
        .map(|message| message.as_str().unwrap_or_default().to_owned())
        .collect()
}
