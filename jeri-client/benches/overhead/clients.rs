//! The generated client and its hand-written counterpart.

use std::hint::black_box;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use jeri_client::types::{BalanceChange, BatchResult, CustomerToken, TokenType};
use jeri_client::{Client, RetryPolicy};
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderValue};
use url::Url;

use crate::{
    API_KEY, BATCH_ITEMS, EMAIL, EXPIRES_IN, JSON, Op, PROGRAM, Side, TOKEN_JSON, USER_AGENT, text,
};

/// What a careful hand-written client does: one `reqwest::Client` with the fixed headers
/// as defaults, the URL built per request, serde_json both ways.
#[derive(Clone)]
struct Handwritten {
    http: reqwest::Client,
    base: Url,
}

impl Handwritten {
    fn new(base: &str) -> Result<Handwritten, String> {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static(JSON));
        let mut key = HeaderValue::from_str(API_KEY).map_err(text)?;
        key.set_sensitive(true);
        headers.insert("api-key", key);
        let http = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .default_headers(headers)
            .timeout(Duration::from_secs(30))
            .connect_timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(text)?;
        let base = Url::parse(base).map_err(text)?;
        Ok(Handwritten { http, base })
    }

    async fn customer_token(&self) -> Result<CustomerToken, String> {
        let mut url = self.base.clone();
        url.set_path(&format!("/v1/programs/{PROGRAM}/customers/token"));
        url.query_pairs_mut()
            .append_pair("email", EMAIL)
            .append_pair("token_type", TokenType::Auth.as_str())
            .append_pair("expires_in", &EXPIRES_IN.to_string());
        let response = self.http.get(url).send().await.map_err(text)?;
        if response.status() != reqwest::StatusCode::OK {
            return Err(format!("getCustomerToken: status {}", response.status()));
        }
        let body = response.bytes().await.map_err(text)?;
        serde_json::from_slice(&body).map_err(text)
    }

    async fn increase_balance(&self, items: &[BalanceChange]) -> Result<BatchResult, String> {
        let mut url = self.base.clone();
        url.set_path(&format!("/v1/programs/{PROGRAM}/balance/increase"));
        let body = serde_json::to_vec(items).map_err(text)?;
        let response = self
            .http
            .post(url)
            .header(CONTENT_TYPE, HeaderValue::from_static(JSON))
            .body(body)
            .send()
            .await
            .map_err(text)?;
        if response.status() != reqwest::StatusCode::CREATED {
            return Err(format!("increaseBalance: status {}", response.status()));
        }
        let body = response.bytes().await.map_err(text)?;
        serde_json::from_slice(&body).map_err(text)
    }
}

/// Both clients against one server, and the batch both send.
#[derive(Clone)]
pub(crate) struct Clients {
    generated: Client,
    handwritten: Handwritten,
    items: Arc<Vec<BalanceChange>>,
}

impl Clients {
    pub(crate) fn new(addr: SocketAddr) -> Result<Clients, String> {
        let base = format!("http://{addr}");
        let generated = Client::builder()
            .base_url(&base)
            .api_key(API_KEY)
            .retry_policy(RetryPolicy::disabled())
            .build()
            .map_err(text)?;
        let items = (0..BATCH_ITEMS)
            .map(|index| BalanceChange {
                email: format!("customer{index}@example.com"),
                amount: 10 + index as i64,
                reason: "Spring campaign bonus".to_owned(),
            })
            .collect();
        Ok(Clients {
            generated,
            handwritten: Handwritten::new(&base)?,
            items: Arc::new(items),
        })
    }

    /// One request; the decoded answer is checked so neither side can skip work.
    pub(crate) async fn once(&self, side: Side, op: Op) -> Result<(), String> {
        let valid = match (side, op) {
            (Side::Generated, Op::Token) => {
                let token = self
                    .generated
                    .get_customer_token(PROGRAM, EMAIL, TokenType::Auth)
                    .expires_in(EXPIRES_IN)
                    .await
                    .map_err(text)?;
                token_is_expected(&token)
            }
            (Side::Handwritten, Op::Token) => {
                token_is_expected(&self.handwritten.customer_token().await?)
            }
            // Both sides build the batch per request: the generated client takes it by
            // value, and an application would build it from its own data either way.
            (Side::Generated, Op::Batch) => {
                let result = self
                    .generated
                    .increase_balance(PROGRAM, self.items.to_vec())
                    .await
                    .map_err(text)?;
                batch_is_expected(&result)
            }
            (Side::Handwritten, Op::Batch) => {
                let items = self.items.to_vec();
                batch_is_expected(&self.handwritten.increase_balance(&items).await?)
            }
        };
        if valid {
            Ok(())
        } else {
            Err(format!("{} {}: unexpected answer", side.name(), op.name()))
        }
    }
}

fn token_is_expected(token: &CustomerToken) -> bool {
    black_box(token).access_token.len() == TOKEN_JSON.len() - r#"{"accessToken":""}"#.len()
}

fn batch_is_expected(result: &BatchResult) -> bool {
    let result = black_box(result);
    result.accepted == 48 && result.failed == 2 && result.errors.len() == 2
}
