//! The operations the runtime tests call, the way generated code calls them, and
//! transports to the shared loopback recording server.
#![allow(dead_code)] // each test file uses a different part

pub mod chunked;

use std::time::Duration;

use jeri_runtime::{
    Call, CallOptions, Error, Method, OperationInfo, Received, RetryPolicy, SecurityRequirement,
    Transport, TransportBuilder,
};
#[allow(unused_imports)] // each test file uses a different part
pub use jeri_test_support::{API_KEY, Reply, Server, TOKEN};

/// Transports to the recording server.
pub trait ServerExt {
    /// A transport with the test API key and fast retries.
    fn transport(&self) -> Transport;
    /// A transport builder with the test API key and fast retries.
    fn builder(&self) -> TransportBuilder;
}

impl ServerExt for Server {
    fn transport(&self) -> Transport {
        self.builder().build().expect("transport")
    }

    fn builder(&self) -> TransportBuilder {
        Transport::builder()
            .base_url(self.url())
            .api_key(API_KEY)
            .retry_policy(fast_retries())
    }
}

/// The default policy with millisecond backoff, so tests do not wait.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy::new()
        .base_delay(Duration::from_millis(1))
        .max_delay(Duration::from_millis(5))
}

pub const API_KEY_HEADER: SecurityRequirement = SecurityRequirement::ApiKeyHeader {
    scheme: "apiKey",
    header: "api-key",
};

pub static GET_CUSTOMER: OperationInfo = OperationInfo {
    id: "getCustomer",
    method: Method::Get,
    path: "/v1/programs/{programId}/customers/{email}",
    security: &[&[API_KEY_HEADER]],
};

pub static REDEEM_REWARD: OperationInfo = OperationInfo {
    id: "redeemReward",
    method: Method::Post,
    path: "/v1/programs/{programId}/rewards/{rewardId}/redeem",
    security: &[
        &[API_KEY_HEADER],
        &[SecurityRequirement::Bearer { scheme: "bearer" }],
    ],
};

/// `GET /v1/programs/{programId}/customers/{email}`, built the way generated code
/// builds it.
pub fn get_customer_call(
    transport: &Transport,
    program_id: &str,
    email: &str,
    options: CallOptions,
) -> Result<Call, Error> {
    let mut call = Call::new(transport, &GET_CUSTOMER, options);
    call.path_literal("/v1/programs/");
    call.path_param("programId", &program_id)?;
    call.path_literal("/customers/");
    call.path_param("email", &email)?;
    Ok(call)
}

/// Calls `GET /v1/programs/{programId}/customers/{email}` the way generated
/// code does, returning the response with its body read.
pub async fn get_customer(
    transport: &Transport,
    program_id: &str,
    email: &str,
    options: CallOptions,
) -> Result<Received, Error> {
    get_customer_call(transport, program_id, email, options)?
        .send()
        .await
}

/// `POST /v1/programs/p1/rewards/r1/redeem` with a JSON body, built the way generated
/// code builds it.
pub fn redeem_call(transport: &Transport, options: CallOptions) -> Result<Call, Error> {
    let mut call = Call::new(transport, &REDEEM_REWARD, options);
    call.path_literal("/v1/programs/");
    call.path_param("programId", &"p1")?;
    call.path_literal("/rewards/");
    call.path_param("rewardId", &"r1")?;
    call.path_literal("/redeem");
    call.json_body(&serde_json::json!({ "email": "ana@example.com" }))?;
    Ok(call)
}

/// Calls `POST /v1/programs/p1/rewards/r1/redeem` with a JSON body.
pub async fn redeem(transport: &Transport, options: CallOptions) -> Result<Received, Error> {
    redeem_call(transport, options)?.send().await
}

/// A decoder documenting any `2xx` as JSON and every other status as an error.
pub fn json_value(received: Received) -> Result<serde_json::Value, Error> {
    match received.status() {
        200..=299 => received.json(),
        _ => Err(received.unexpected()),
    }
}

/// A base URL nothing listens on: a port bound and released.
pub fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    drop(listener);
    format!("http://{address}")
}

/// A server speaking raw HTTP/1.1 on 127.0.0.1: it reads each request whole, writes
/// `answer` as it is (empty: no answer at all) and closes the connection, for answers
/// a well-behaved server cannot give (a body cut short, a connection dropped after the
/// request arrived). Returns its base URL and a count of the requests it read.
pub async fn raw_server(
    answer: &'static [u8],
) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let count = std::sync::Arc::new(AtomicUsize::new(0));
    let counter = count.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let counter = counter.clone();
            tokio::spawn(async move {
                let mut read = Vec::new();
                let mut chunk = [0u8; 4096];
                loop {
                    let Ok(n @ 1..) = socket.read(&mut chunk).await else {
                        return;
                    };
                    read.extend_from_slice(&chunk[..n]);
                    if let Some(end) = read.windows(4).position(|w| w == b"\r\n\r\n") {
                        let head = String::from_utf8_lossy(&read[..end]).to_ascii_lowercase();
                        let length = head
                            .lines()
                            .find_map(|line| line.strip_prefix("content-length:"))
                            .and_then(|value| value.trim().parse::<usize>().ok())
                            .unwrap_or(0);
                        if read.len() >= end + 4 + length {
                            break;
                        }
                    }
                }
                counter.fetch_add(1, Ordering::SeqCst);
                let _ = socket.write_all(answer).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    (url, count)
}
