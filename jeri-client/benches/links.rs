//! Links per second from the link builders, as a bulk campaign would build them (one per
//! email). Run with `cargo bench -p jeri-client --bench links`; set `LINKS_BENCH_N` to
//! change the number of links per measurement.
//!
//! Two rates per row: per wall-clock second, and per second of this thread's CPU time
//! (from `/proc/thread-self/schedstat`, Linux), which is the rate one core sustains and
//! does not drop when other processes share the machine.

use std::hint::black_box;
use std::time::{Duration, Instant};

use jeri_client::links::{AuthToken, DownloadToken, LinkBuilder, RedirectTo, Slug, TokenEncoding};

const DEFAULT_LINKS: usize = 200_000;
const DISTINCT_TOKENS: usize = 1_024;
const BASE64URL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A JWT-sized token (HS256 header, a ~150-character payload, a 43-character signature)
/// drawn from a fixed-seed generator so every run measures the same input.
fn jwt_shaped(rng: &mut fastrand::Rng) -> String {
    // 0 to 31 extra payload characters, so token lengths (and padding) vary.
    let payload_len = 140 + rng.usize(..32);
    let mut part = |len: usize| -> String {
        (0..len)
            .map(|_| char::from(BASE64URL[rng.usize(..BASE64URL.len())]))
            .collect()
    };
    format!(
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.{}.{}",
        part(payload_len),
        part(43)
    )
}

/// Nanoseconds this thread has run on a CPU, when the kernel says.
fn thread_cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

fn measure(label: &str, n: usize, mut build: impl FnMut(usize) -> usize) {
    // One untimed pass warms caches and the allocator.
    let mut total_len = 0;
    for i in 0..n.min(10_000) {
        total_len += build(i);
    }
    let cpu_start = thread_cpu_ns();
    let start = Instant::now();
    for i in 0..n {
        total_len += build(i);
    }
    let elapsed = start.elapsed().max(Duration::from_nanos(1));
    let cpu = cpu_start
        .zip(thread_cpu_ns())
        .map(|(before, after)| after.saturating_sub(before).max(1));
    black_box(total_len);
    let per_second = n as f64 / elapsed.as_secs_f64();
    let per_cpu_second = cpu.map_or_else(
        || "n/a".to_owned(),
        |ns| format!("{:.0}", n as f64 * 1e9 / ns as f64),
    );
    let cpu_per_link = cpu.map_or_else(
        || "n/a".to_owned(),
        |ns| format!("{:.0}", ns as f64 / n as f64),
    );
    println!(
        "{label:<34} {n:>8} links: {per_second:>10.0} links/s wall ({:.0} ns/link), {per_cpu_second:>10} links/s per core ({cpu_per_link} ns CPU/link)",
        elapsed.as_nanos() as f64 / n as f64,
    );
}

fn main() {
    let n = std::env::var("LINKS_BENCH_N")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(DEFAULT_LINKS);
    let mut rng = fastrand::Rng::with_seed(0x6a65_7269);
    let raws: Vec<String> = (0..DISTINCT_TOKENS).map(|_| jwt_shaped(&mut rng)).collect();
    let downloads: Vec<DownloadToken> = raws
        .iter()
        .map(|raw| DownloadToken::new(raw.as_str()))
        .collect::<Result<_, _>>()
        .expect("generated tokens are non-empty");
    let auths: Vec<AuthToken> = raws
        .iter()
        .map(|raw| AuthToken::new(raw.as_str()))
        .collect::<Result<_, _>>()
        .expect("generated tokens are non-empty");
    let slug = Slug::new("acme-store").expect("valid slug");
    let mean_len = raws.iter().map(String::len).sum::<usize>() / raws.len();
    println!("token length ≈ {mean_len} characters, {DISTINCT_TOKENS} distinct tokens");

    for encoding in [TokenEncoding::Standard, TokenEncoding::UrlSafeNoPad] {
        let builder = LinkBuilder::new().with_encoding(encoding);
        measure(&format!("download link ({encoding})"), n, |i| {
            let token = &downloads[i % DISTINCT_TOKENS];
            builder
                .download_link(black_box(&slug), black_box(token))
                .as_str()
                .len()
        });
        measure(&format!("session link ({encoding})"), n, |i| {
            let token = &auths[i % DISTINCT_TOKENS];
            let redirect = &RedirectTo::KNOWN[i % RedirectTo::KNOWN.len()];
            builder
                .session_link(black_box(&slug), black_box(token), black_box(redirect))
                .as_str()
                .len()
        });
    }
    let builder = LinkBuilder::new();
    let links: Vec<String> = auths
        .iter()
        .map(|token| {
            builder
                .session_link(&slug, token, &RedirectTo::Profile)
                .into_string()
        })
        .collect();
    measure("parse session link (standard)", n, |i| {
        builder
            .parse(black_box(&links[i % DISTINCT_TOKENS]))
            .map(|parsed| parsed.expose_token().len())
            .unwrap_or(0)
    });
}
