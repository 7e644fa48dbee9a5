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
//! keeps the DHAT profiles there; `JERI_BENCH_CALLGRIND_DIR=<dir>` also writes callgrind
//! profiles of each side there (`callgrind_annotate --inclusive=yes <file>`).

mod clients;
mod dhat;
mod server;

use std::fmt::Display;
use std::process::Command;
use std::time::{Duration, Instant};

use tokio::task::JoinSet;

use clients::Clients;

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
/// Where to write callgrind profiles of the client child, when set.
const CALLGRIND_VAR: &str = "JERI_BENCH_CALLGRIND_DIR";

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

fn text(error: impl Display) -> String {
    error.to_string()
}

fn main() {
    let outcome = match std::env::var(CHILD_VAR) {
        Ok(spec) => dhat::child(&spec),
        Err(_) => bench(),
    };
    if let Err(error) = outcome {
        eprintln!("overhead bench failed: {error}");
        std::process::exit(1);
    }
}

fn bench() -> Result<(), String> {
    let plan = Plan::from_env();
    let addr = server::start_server()?;
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
        Ok(output) if output.status.success() => dhat::dhat_table(addr, &plan),
        _ => {
            println!("DHAT counts skipped: valgrind is not installed.");
            Ok(())
        }
    }
}
