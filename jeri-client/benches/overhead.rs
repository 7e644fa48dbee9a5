//! Request overhead of the generated client against hand-written reqwest code doing the
//! same requests: same headers, the URL built with `url`, the body serialized and the
//! response decoded with serde_json into the same types.
//!
//! One loopback axum server runs on its own thread and runtime and answers
//! `getCustomerToken` (fixed JSON) and `increaseBalance` (50 items in, a fixed
//! `BatchResult` out). The clients run on the main thread's single-threaded runtime, so
//! that thread's CPU time is the client's cost alone, whatever else the machine runs.
//!
//! Allocations and instructions per request come from DHAT: the bench runs itself under
//! `valgrind --tool=dhat` as a client-only child against the same server, twice with
//! different request counts, and divides the difference.
//!
//! Run with `cargo bench -p jeri-client --bench overhead`. `JERI_BENCH_QUICK=1` makes a
//! smoke run; `JERI_BENCH_VALGRIND=0` skips the DHAT counts; `JERI_BENCH_DHAT_DIR=<dir>`
//! keeps the DHAT profiles there.

use std::fmt::Display;
use std::hint::black_box;
use std::net::SocketAddr;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::Query;
use axum::http::{HeaderMap, StatusCode, header};
use axum::routing::{get, post};
use jeri_client::types::{BalanceChange, BatchResult, CustomerToken, TokenType};
use jeri_client::{Client, RetryPolicy};
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderValue};
use tokio::task::JoinSet;
use url::Url;

const PROGRAM: &str = "prog_bench";
const API_KEY: &str = "sk_bench_0123456789abcdef";
// The `+` makes the query encoding do real work on both sides.
const EMAIL: &str = "ana+vip@example.com";
const EXPIRES_IN: i64 = 3600;
const BATCH_ITEMS: usize = 50;
const USER_AGENT: &str = concat!("jeri-client/", env!("CARGO_PKG_VERSION"));
const JSON: &str = "application/json";
const TOKEN_JSON: &str = r#"{"accessToken":"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbmErdmlwQGV4YW1wbGUuY29tIiwicHJvZ3JhbUlkIjoicHJvZ19iZW5jaCIsInR5cGUiOiJhdXRoIiwiZXhwIjoxODkzNDU2MDAwfQ.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmUtc2lnbmF0dXJl"}"#;
const BATCH_JSON: &str = r#"{"accepted":48,"failed":2,"errors":[{"index":7,"email":"customer7@example.com","message":"Customer not found"},{"index":31,"email":"customer31@example.com","message":"Customer not found"}]}"#;
const CONCURRENT_TASKS: usize = 64;

/// Set in the DHAT child to `<side> <operation> <requests>`.
const CHILD_VAR: &str = "JERI_OVERHEAD_CHILD";
/// The server address the DHAT child talks to.
const ADDR_VAR: &str = "JERI_OVERHEAD_ADDR";
/// A directory to keep the DHAT profiles in.
const KEEP_VAR: &str = "JERI_BENCH_DHAT_DIR";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Generated,
    Handwritten,
}

impl Side {
    const BOTH: [Side; 2] = [Side::Generated, Side::Handwritten];

    fn name(self) -> &'static str {
        match self {
            Side::Generated => "generated",
            Side::Handwritten => "hand-written",
        }
    }
}

#[derive(Clone, Copy)]
enum Op {
    Token,
    Batch,
}

impl Op {
    const BOTH: [Op; 2] = [Op::Token, Op::Batch];

    fn name(self) -> &'static str {
        match self {
            Op::Token => "getCustomerToken",
            Op::Batch => "increaseBalance×50",
        }
    }
}

/// Sizes of one run.
struct Plan {
    /// Requests per implementation per scenario, over all rounds.
    requests: usize,
    rounds: usize,
    /// Requests each DHAT child makes in its short and its long run.
    counted: (usize, usize),
}

impl Plan {
    fn from_env() -> Plan {
        if std::env::var("JERI_BENCH_QUICK").is_ok_and(|value| value != "0") {
            Plan {
                requests: 400,
                rounds: 2,
                counted: (10, 60),
            }
        } else {
            Plan {
                requests: 12_000,
                rounds: 6,
                counted: (50, 550),
            }
        }
    }
}

// ---------------------------------------------------------------- server

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
fn start_server() -> Result<SocketAddr, String> {
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

// ---------------------------------------------------------------- clients

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
struct Clients {
    generated: Client,
    handwritten: Handwritten,
    items: Arc<Vec<BalanceChange>>,
}

impl Clients {
    fn new(addr: SocketAddr) -> Result<Clients, String> {
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
    async fn once(&self, side: Side, op: Op) -> Result<(), String> {
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

// ---------------------------------------------------------------- measuring

/// CPU time the calling thread has used, from the scheduler's own accounting (ns).
fn thread_cpu() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// What one implementation did in one scenario, summed over rounds.
#[derive(Default)]
struct Tally {
    wall: Duration,
    cpu: Option<Duration>,
    latencies: Vec<Duration>,
}

impl Tally {
    fn add(&mut self, wall: Duration, cpu: Option<Duration>, latencies: Vec<Duration>) {
        let first = self.latencies.is_empty();
        self.wall += wall;
        self.cpu = match (first, self.cpu, cpu) {
            (true, _, cpu) => cpu,
            (false, Some(sum), Some(cpu)) => Some(sum + cpu),
            _ => None,
        };
        self.latencies.extend(latencies);
    }

    fn per_second(&self) -> f64 {
        self.latencies.len() as f64 / self.wall.as_secs_f64().max(1e-9)
    }

    fn percentile_us(&mut self, fraction: f64) -> f64 {
        self.latencies.sort_unstable();
        let last = self.latencies.len().saturating_sub(1);
        let index = ((last as f64) * fraction).round() as usize;
        self.latencies
            .get(index)
            .map_or(f64::NAN, |latency| latency.as_secs_f64() * 1e6)
    }

    fn cpu_us_per_request(&self) -> Option<f64> {
        self.cpu
            .map(|cpu| cpu.as_secs_f64() * 1e6 / self.latencies.len().max(1) as f64)
    }
}

/// `requests` requests spread over `tasks` tasks, each task sequential.
async fn run(
    clients: &Clients,
    side: Side,
    op: Op,
    requests: usize,
    tasks: usize,
) -> Result<(Duration, Option<Duration>, Vec<Duration>), String> {
    let cpu_before = thread_cpu();
    let started = Instant::now();
    let mut set = JoinSet::new();
    for task in 0..tasks {
        let share = requests / tasks + usize::from(task < requests % tasks);
        let clients = clients.clone();
        set.spawn(async move {
            let mut latencies = Vec::with_capacity(share);
            for _ in 0..share {
                let sent = Instant::now();
                clients.once(side, op).await?;
                latencies.push(sent.elapsed());
            }
            Ok::<_, String>(latencies)
        });
    }
    let mut latencies = Vec::with_capacity(requests);
    while let Some(joined) = set.join_next().await {
        latencies.extend(joined.map_err(text)??);
    }
    let wall = started.elapsed();
    let cpu = thread_cpu()
        .zip(cpu_before)
        .map(|(after, before)| after.saturating_sub(before));
    Ok((wall, cpu, latencies))
}

/// Alternates the implementations round by round (A B, B A, …) so drift in the machine's
/// load hits both alike.
async fn scenario(
    clients: &Clients,
    op: Op,
    tasks: usize,
    plan: &Plan,
) -> Result<[Tally; 2], String> {
    let per_round = (plan.requests / plan.rounds).max(tasks);
    for side in Side::BOTH {
        run(clients, side, op, (per_round / 4).max(tasks), tasks).await?;
    }
    let mut tallies = [Tally::default(), Tally::default()];
    for round in 0..plan.rounds {
        let order = if round % 2 == 0 {
            Side::BOTH
        } else {
            [Side::Handwritten, Side::Generated]
        };
        for side in order {
            let (wall, cpu, latencies) = run(clients, side, op, per_round, tasks).await?;
            tallies[side as usize].add(wall, cpu, latencies);
        }
    }
    Ok(tallies)
}

fn format_cpu(cpu: Option<f64>) -> String {
    cpu.map_or_else(|| "n/a".to_owned(), |us| format!("{us:.1}"))
}

fn ratio(generated: f64, handwritten: f64) -> String {
    format!("{:.3}", generated / handwritten)
}

async fn timing_table(clients: &Clients, plan: &Plan) -> Result<(), String> {
    println!(
        "| operation | tasks | implementation | requests | req/s | p50 µs | p99 µs | client CPU µs/req |"
    );
    println!("|---|---:|---|---:|---:|---:|---:|---:|");
    let mut ratios = Vec::new();
    for op in Op::BOTH {
        for tasks in [1, CONCURRENT_TASKS] {
            let mut tallies = scenario(clients, op, tasks, plan).await?;
            let mut rows = Vec::new();
            for (side, tally) in Side::BOTH.into_iter().zip(tallies.iter_mut()) {
                let row = (
                    tally.per_second(),
                    tally.percentile_us(0.50),
                    tally.percentile_us(0.99),
                    tally.cpu_us_per_request(),
                );
                println!(
                    "| {} | {tasks} | {} | {} | {:.0} | {:.1} | {:.1} | {} |",
                    op.name(),
                    side.name(),
                    tally.latencies.len(),
                    row.0,
                    row.1,
                    row.2,
                    format_cpu(row.3),
                );
                rows.push(row);
            }
            let (g, h) = (rows[0], rows[1]);
            let cpu =
                g.3.zip(h.3)
                    .map_or_else(|| "n/a".to_owned(), |(g, h)| ratio(g, h));
            ratios.push(format!(
                "| {} | {tasks} | {} | {} | {} | {cpu} |",
                op.name(),
                ratio(g.0, h.0),
                ratio(g.1, h.1),
                ratio(g.2, h.2),
            ));
        }
    }
    println!();
    println!(
        "Ratio generated / hand-written (req/s: higher is better for generated; the rest: lower is):"
    );
    println!();
    println!("| operation | tasks | req/s | p50 | p99 | client CPU |");
    println!("|---|---:|---:|---:|---:|---:|");
    for line in ratios {
        println!("{line}");
    }
    Ok(())
}

// ---------------------------------------------------------------- DHAT counts

/// Heap blocks, heap bytes and instructions of one whole child run.
struct Counts {
    blocks: f64,
    bytes: f64,
    instructions: f64,
}

/// The number after `label` in DHAT's summary, commas removed.
fn number_after(text: &str, label: &str) -> Option<f64> {
    let start = text.find(label)? + label.len();
    let digits: String = text[start..]
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

fn dhat_run(addr: SocketAddr, side: Side, op: Op, requests: usize) -> Result<Counts, String> {
    let exe = std::env::current_exe().map_err(text)?;
    let out = std::env::temp_dir().join(format!(
        "jeri-overhead-{}-{}-{}-{requests}.dhat.json",
        std::process::id(),
        side as usize,
        op as usize,
    ));
    let output = Command::new("valgrind")
        .arg("--tool=dhat")
        .arg(format!("--dhat-out-file={}", out.display()))
        .arg(&exe)
        .env(
            CHILD_VAR,
            format!("{} {} {requests}", side as usize, op as usize),
        )
        .env(ADDR_VAR, addr.to_string())
        .output()
        .map_err(|error| format!("cannot run valgrind: {error}"))?;
    let summary = String::from_utf8_lossy(&output.stderr);
    let profile = std::fs::read_to_string(&out).unwrap_or_default();
    // Kept on request, for DHAT's viewer (dh_view.html) to show where allocations happen.
    match std::env::var_os(KEEP_VAR) {
        Some(dir) => {
            let slug = match op {
                Op::Token => "token",
                Op::Batch => "batch",
            };
            let name = format!("{}-{slug}-{requests}.dhat.json", side.name());
            let _ = std::fs::rename(&out, std::path::Path::new(&dir).join(name));
        }
        None => {
            let _ = std::fs::remove_file(&out);
        }
    }
    if !output.status.success() {
        return Err(format!("DHAT child failed ({}):\n{summary}", output.status));
    }
    let blocks_line = summary
        .lines()
        .find(|line| line.contains("Total:"))
        .ok_or_else(|| format!("no DHAT summary in:\n{summary}"))?;
    let bytes = number_after(blocks_line, "Total:");
    let blocks = number_after(blocks_line, "bytes in");
    let instructions = number_after(&profile, "\"te\":");
    match (blocks, bytes, instructions) {
        (Some(blocks), Some(bytes), Some(instructions)) => Ok(Counts {
            blocks,
            bytes,
            instructions,
        }),
        _ => Err(format!("cannot read DHAT's totals from:\n{blocks_line}")),
    }
}

fn dhat_table(addr: SocketAddr, plan: &Plan) -> Result<(), String> {
    let (short, long) = plan.counted;
    let extra = (long - short) as f64;
    println!(
        "Client process only, per request, from DHAT ({long} minus {short} sequential requests; a realloc counts as an allocation):"
    );
    println!();
    println!("| operation | implementation | allocations | bytes allocated | instructions |");
    println!("|---|---|---:|---:|---:|");
    let mut ratios = Vec::new();
    for op in Op::BOTH {
        let mut per_side = Vec::new();
        for side in Side::BOTH {
            let few = dhat_run(addr, side, op, short)?;
            let many = dhat_run(addr, side, op, long)?;
            let per = [
                (many.blocks - few.blocks) / extra,
                (many.bytes - few.bytes) / extra,
                (many.instructions - few.instructions) / extra,
            ];
            println!(
                "| {} | {} | {:.1} | {:.0} | {:.0} |",
                op.name(),
                side.name(),
                per[0],
                per[1],
                per[2]
            );
            per_side.push(per);
        }
        let (g, h) = (per_side[0], per_side[1]);
        ratios.push(format!(
            "| {} | {} | {} | {} |",
            op.name(),
            ratio(g[0], h[0]),
            ratio(g[1], h[1]),
            ratio(g[2], h[2]),
        ));
    }
    println!();
    println!("| operation | allocations ratio | bytes ratio | instructions ratio |");
    println!("|---|---:|---:|---:|");
    for line in ratios {
        println!("{line}");
    }
    Ok(())
}

/// The DHAT child: a few warm-up requests, then `requests` sequential ones.
fn child(spec: &str) -> Result<(), String> {
    let fields: Vec<usize> = spec
        .split_whitespace()
        .map(|field| field.parse().map_err(text))
        .collect::<Result<_, _>>()?;
    let [side, op, requests] = fields[..] else {
        return Err(format!(
            "{CHILD_VAR} must be `<side> <op> <requests>`, not {spec:?}"
        ));
    };
    let side = Side::BOTH[side.min(1)];
    let op = Op::BOTH[op.min(1)];
    let addr: SocketAddr = std::env::var(ADDR_VAR)
        .map_err(text)?
        .parse()
        .map_err(text)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(text)?;
    runtime.block_on(async {
        let clients = Clients::new(addr)?;
        for _ in 0..5 + requests {
            clients.once(side, op).await?;
        }
        Ok(())
    })
}

fn text(error: impl Display) -> String {
    error.to_string()
}

fn main() {
    let outcome = match std::env::var(CHILD_VAR) {
        Ok(spec) => child(&spec),
        Err(_) => bench(),
    };
    if let Err(error) = outcome {
        eprintln!("overhead bench failed: {error}");
        std::process::exit(1);
    }
}

fn bench() -> Result<(), String> {
    let plan = Plan::from_env();
    let addr = start_server()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(text)?;
    let clients = Clients::new(addr)?;
    println!(
        "Request overhead: {} requests per implementation and scenario in {} alternating rounds; \
         client on one thread, loopback server on another.",
        plan.requests, plan.rounds
    );
    println!();
    runtime.block_on(timing_table(&clients, &plan))?;
    println!();
    if std::env::var("JERI_BENCH_VALGRIND").is_ok_and(|value| value == "0") {
        println!("DHAT counts skipped (JERI_BENCH_VALGRIND=0).");
        return Ok(());
    }
    match Command::new("valgrind").arg("--version").output() {
        Ok(output) if output.status.success() => dhat_table(addr, &plan),
        _ => {
            println!("DHAT counts skipped: valgrind is not installed.");
            Ok(())
        }
    }
}
