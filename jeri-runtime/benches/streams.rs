//! Server-Sent Events framing: events per second through `EventParser` against a plain
//! line splitter (what a hand-rolled SSE reader does: split at LF, keep `data:` lines),
//! and the memory one stream holds. Plain `std` (no criterion); prints markdown tables.
//!
//! ```text
//! cargo bench -p jeri-runtime --bench streams
//! ```
//!
//! `JERI_BENCH_QUICK=1` runs a tenth of the events.

use std::hint::black_box;
use std::time::Instant;

use jeri_runtime::EventParser;

/// An OpenAI/Mistral-style stream: `events` chunks of a completion, each a JSON delta of
/// about 200 bytes with a comment every 50 events, LF line ends, then `[DONE]`.
fn stream(events: usize) -> Vec<u8> {
    let mut body = Vec::new();
    for i in 0..events {
        if i % 50 == 0 {
            body.extend_from_slice(b": keep-alive\n\n");
        }
        body.extend_from_slice(
            format!(
                "data: {{\"id\":\"cmpl-7f3a\",\"object\":\"chat.completion.chunk\",\
                 \"created\":1764892800,\"model\":\"mistral-small-latest\",\"choices\":\
                 [{{\"index\":0,\"delta\":{{\"content\":\"token {i}\"}},\"finish_reason\":null}}]}}\n\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(b"data: [DONE]\n\n");
    body
}

/// The events' data through the parser; returns how many events it framed.
fn parse(chunks: &[&[u8]]) -> usize {
    let mut parser = EventParser::new(1 << 20);
    let mut count = 0;
    for chunk in chunks {
        parser.feed(chunk).expect("within the limit");
        while let Some(event) = parser.next_event() {
            black_box(&event.data);
            count += 1;
        }
    }
    count
}

/// A plain line splitter: the carried partial line, split at LF, `data: ` lines kept as
/// strings (no CR or CRLF, no multi-line data, no fields, no comments handled).
fn split_lines(chunks: &[&[u8]]) -> usize {
    let mut partial: Vec<u8> = Vec::new();
    let mut count = 0;
    for chunk in chunks {
        partial.extend_from_slice(chunk);
        let mut start = 0;
        while let Some(end) = partial[start..].iter().position(|&b| b == b'\n') {
            let line = &partial[start..start + end];
            if let Some(data) = line.strip_prefix(b"data: ") {
                black_box(String::from_utf8_lossy(data).into_owned());
                count += 1;
            }
            start += end + 1;
        }
        partial.drain(..start);
    }
    count
}

/// Events per second of `run` over `chunks`, best of `rounds`.
fn rate(run: fn(&[&[u8]]) -> usize, chunks: &[&[u8]], rounds: usize) -> (f64, usize) {
    let mut best = f64::MAX;
    let mut events = 0;
    for _ in 0..rounds {
        let started = Instant::now();
        events = run(chunks);
        best = best.min(started.elapsed().as_secs_f64());
    }
    (events as f64 / best, events)
}

fn main() {
    let quick = std::env::var("JERI_BENCH_QUICK").as_deref() == Ok("1");
    let events = if quick { 20_000 } else { 200_000 };
    let body = stream(events);
    println!("{} events, {} bytes\n", events + 1, body.len());
    println!("| chunk size | parser events/s | line splitter events/s | parser / splitter |");
    println!("|---|---|---|---|");
    for size in [64, 1_460, 16_384] {
        let chunks: Vec<&[u8]> = body.chunks(size).collect();
        // Interleaved, so that a busy machine slows both alike.
        let mut parser_best: f64 = 0.0;
        let mut splitter_best: f64 = 0.0;
        for _ in 0..5 {
            let (parsed, framed) = rate(parse, &chunks, 1);
            let (split, lines) = rate(split_lines, &chunks, 1);
            assert_eq!(framed, lines, "both find every event");
            parser_best = parser_best.max(parsed);
            splitter_best = splitter_best.max(split);
        }
        println!(
            "| {size} B | {:.2} M | {:.2} M | {:.2} |",
            parser_best / 1e6,
            splitter_best / 1e6,
            parser_best / splitter_best
        );
    }

    // What one stream holds between events: the parser after a stream of events, all
    // taken, with the last chunk ending inside an event (the usual state while waiting).
    let mut parser = EventParser::new(1 << 20);
    let chunks: Vec<&[u8]> = body.chunks(1_460).collect();
    for chunk in &chunks[..chunks.len() - 1] {
        parser.feed(chunk).expect("within the limit");
        while parser.next_event().is_some() {}
    }
    let held = parser.held_bytes();
    println!();
    println!("| memory per stream | bytes |");
    println!("|---|---|");
    println!(
        "| `EventStream<T>` value | {} |",
        std::mem::size_of::<jeri_runtime::EventStream<serde_json::Value>>()
    );
    println!(
        "| `JsonLines<T>` value | {} |",
        std::mem::size_of::<jeri_runtime::JsonLines<serde_json::Value>>()
    );
    println!("| parser heap between events (1,460-byte chunks, ~200-byte events) | {held} |");
}
