//! Requests per second the sandbox serves for `getCustomer` and `increaseBalance` (one
//! item), with 1, 16 and 64 concurrent client tasks using plain reqwest.
//!
//! The sandbox runs on its own thread with a single-threaded runtime and the client on
//! the main thread with another, so each side has at most one core; the server's CPU
//! time per request is reported beside the wall-clock figures, which depend on what
//! else the machine runs.
//!
//! Run with `cargo bench -p jeri-sandbox --bench throughput`; `JERI_BENCH_QUICK=1` makes a
//! smoke run.

use std::fmt::Display;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use jeri_sandbox::{Sandbox, SeedCustomer};
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue};
use tokio::sync::oneshot;
use tokio::task::JoinSet;

const PROGRAM: &str = "bench-program";
const EMAIL: &str = "ana@example.com";
const TASKS: [usize; 3] = [1, 16, 64];

#[derive(Clone, Copy)]
enum Op {
    GetCustomer,
    IncreaseBalance,
}

impl Op {
    fn name(self) -> &'static str {
        match self {
            Op::GetCustomer => "getCustomer",
            Op::IncreaseBalance => "increaseBalance×1",
        }
    }
}

/// One reqwest client with the sandbox's key, and the two request targets.
#[derive(Clone)]
struct Target {
    http: reqwest::Client,
    customer_url: String,
    increase_url: String,
}

impl Target {
    fn new(base_url: &str, api_key: &str) -> Result<Target, String> {
        let mut headers = HeaderMap::new();
        headers.insert("api-key", HeaderValue::from_str(api_key).map_err(text)?);
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .build()
            .map_err(text)?;
        Ok(Target {
            http,
            customer_url: format!("{base_url}/v1/programs/{PROGRAM}/customers/{EMAIL}"),
            increase_url: format!("{base_url}/v1/programs/{PROGRAM}/balance/increase"),
        })
    }

    async fn once(&self, op: Op) -> Result<(), String> {
        let (request, expected) = match op {
            Op::GetCustomer => (self.http.get(&self.customer_url), StatusCode::OK),
            Op::IncreaseBalance => (
                self.http
                    .post(&self.increase_url)
                    .header(CONTENT_TYPE, "application/json")
                    .body(format!(
                        r#"[{{"email":"{EMAIL}","amount":1,"reason":"bench"}}]"#
                    )),
                StatusCode::CREATED,
            ),
        };
        let response = request.send().await.map_err(text)?;
        let status = response.status();
        let body = response.bytes().await.map_err(text)?;
        if status == expected && !body.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "{}: status {status}: {}",
                op.name(),
                String::from_utf8_lossy(&body)
            ))
        }
    }
}

/// Scheduler-accounted CPU time of every thread of this process but the calling one.
fn other_threads_cpu() -> Option<Duration> {
    let own = read_schedstat("/proc/thread-self/schedstat")?;
    let mut total = 0u64;
    for entry in std::fs::read_dir("/proc/self/task").ok()? {
        let path = entry.ok()?.path().join("schedstat");
        total += read_schedstat(&path.to_string_lossy())?;
    }
    Some(Duration::from_nanos(total.saturating_sub(own)))
}

fn read_schedstat(path: &str) -> Option<u64> {
    std::fs::read_to_string(path)
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

struct Outcome {
    wall: Duration,
    server_cpu: Option<Duration>,
    latencies: Vec<Duration>,
}

async fn run(target: &Target, op: Op, requests: usize, tasks: usize) -> Result<Outcome, String> {
    let cpu_before = other_threads_cpu();
    let started = Instant::now();
    let mut set = JoinSet::new();
    for task in 0..tasks {
        let share = requests / tasks + usize::from(task < requests % tasks);
        let target = target.clone();
        set.spawn(async move {
            let mut latencies = Vec::with_capacity(share);
            for _ in 0..share {
                let sent = Instant::now();
                target.once(op).await?;
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
    let server_cpu = other_threads_cpu()
        .zip(cpu_before)
        .map(|(after, before)| after.saturating_sub(before));
    latencies.sort_unstable();
    Ok(Outcome {
        wall,
        server_cpu,
        latencies,
    })
}

fn percentile_us(sorted: &[Duration], fraction: f64) -> f64 {
    let last = sorted.len().saturating_sub(1);
    let index = ((last as f64) * fraction).round() as usize;
    sorted
        .get(index)
        .map_or(f64::NAN, |latency| latency.as_secs_f64() * 1e6)
}

async fn table(target: &Target, requests: usize) -> Result<(), String> {
    println!("| operation | tasks | requests | req/s | p50 µs | p99 µs | server CPU µs/req |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for op in [Op::GetCustomer, Op::IncreaseBalance] {
        for tasks in TASKS {
            // Opens the connections and warms the store before anything is timed.
            run(target, op, (requests / 10).max(tasks), tasks).await?;
            let outcome = run(target, op, requests, tasks).await?;
            let count = outcome.latencies.len();
            let server_cpu = outcome.server_cpu.map_or_else(
                || "n/a".to_owned(),
                |cpu| format!("{:.1}", cpu.as_secs_f64() * 1e6 / count.max(1) as f64),
            );
            println!(
                "| {} | {tasks} | {count} | {:.0} | {:.1} | {:.1} | {server_cpu} |",
                op.name(),
                count as f64 / outcome.wall.as_secs_f64().max(1e-9),
                percentile_us(&outcome.latencies, 0.50),
                percentile_us(&outcome.latencies, 0.99),
            );
        }
    }
    Ok(())
}

/// Starts the sandbox on its own thread; it stops when the returned sender is used or
/// dropped.
fn start_sandbox() -> Result<(String, String, oneshot::Sender<()>), String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(text)?;
    let (ready_tx, ready_rx) = mpsc::channel();
    let (stop_tx, stop_rx) = oneshot::channel::<()>();
    std::thread::Builder::new()
        .name("sandbox".into())
        .spawn(move || {
            runtime.block_on(async move {
                let seeded = SeedCustomer::new(PROGRAM, EMAIL)
                    .first_name("Ana")
                    .balance(0);
                match Sandbox::builder().customer(seeded).start().await {
                    Ok(sandbox) => {
                        let _ =
                            ready_tx.send(Ok((sandbox.base_url(), sandbox.api_key().to_owned())));
                        let _ = stop_rx.await;
                        sandbox.shutdown().await;
                    }
                    Err(error) => {
                        let _ = ready_tx.send(Err(text(error)));
                    }
                }
            });
        })
        .map_err(text)?;
    let (base_url, api_key) = ready_rx.recv().map_err(text)??;
    Ok((base_url, api_key, stop_tx))
}

fn text(error: impl Display) -> String {
    error.to_string()
}

fn bench() -> Result<(), String> {
    let quick = std::env::var("JERI_BENCH_QUICK").is_ok_and(|value| value != "0");
    let requests = if quick { 320 } else { 24_000 };
    let (base_url, api_key, stop) = start_sandbox()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(text)?;
    let target = Target::new(&base_url, &api_key)?;
    println!(
        "Sandbox throughput: {requests} requests per row after a warm-up; sandbox and client \
         each on one thread."
    );
    println!();
    let outcome = runtime.block_on(table(&target, requests));
    let _ = stop.send(());
    outcome
}

fn main() {
    if let Err(error) = bench() {
        eprintln!("throughput bench failed: {error}");
        std::process::exit(1);
    }
}
