//! Allocation and instruction counts of a client-only child run under DHAT.

use std::net::SocketAddr;
use std::process::Command;

use crate::clients::Clients;
use crate::{ADDR_VAR, CALLGRIND_VAR, CHILD_VAR, KEEP_VAR, Op, Plan, Side, ratio, text};

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
    let out = std::env::temp_dir().join(format!(
        "jeri-overhead-{}-{}-{}-{requests}.dhat.json",
        std::process::id(),
        side as usize,
        op as usize,
    ));
    let output = valgrind_child(
        &["--tool=dhat", &format!("--dhat-out-file={}", out.display())],
        addr,
        side,
        op,
        requests,
    )?;
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

pub(crate) fn dhat_table(addr: SocketAddr, plan: &Plan) -> Result<(), String> {
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
    if let Some(dir) = std::env::var_os(CALLGRIND_VAR) {
        for op in Op::BOTH {
            for side in Side::BOTH {
                callgrind_run(addr, side, op, long, std::path::Path::new(&dir))?;
            }
        }
    }
    println!();
    println!("| operation | allocations ratio | bytes ratio | instructions ratio |");
    println!("|---|---:|---:|---:|");
    for line in ratios {
        println!("{line}");
    }
    Ok(())
}

/// Runs this bench as a client-only child under valgrind with `tool_args`.
fn valgrind_child(
    tool_args: &[&str],
    addr: SocketAddr,
    side: Side,
    op: Op,
    requests: usize,
) -> Result<std::process::Output, String> {
    let exe = std::env::current_exe().map_err(text)?;
    Command::new("valgrind")
        .args(tool_args)
        .arg(&exe)
        .env(
            CHILD_VAR,
            format!("{} {} {requests}", side as usize, op as usize),
        )
        .env(ADDR_VAR, addr.to_string())
        .output()
        .map_err(|error| format!("cannot run valgrind: {error}"))
}

/// Runs the child under callgrind into `dir/<side>-<op>.callgrind.out`, for
/// `callgrind_annotate --inclusive=yes` to say which functions the instructions go to.
fn callgrind_run(
    addr: SocketAddr,
    side: Side,
    op: Op,
    requests: usize,
    dir: &std::path::Path,
) -> Result<(), String> {
    let slug = match op {
        Op::Token => "token",
        Op::Batch => "batch",
    };
    let out = dir.join(format!("{}-{slug}.callgrind.out", side.name()));
    let status = valgrind_child(
        &[
            "--tool=callgrind",
            &format!("--callgrind-out-file={}", out.display()),
        ],
        addr,
        side,
        op,
        requests,
    )?
    .status;
    if status.success() {
        Ok(())
    } else {
        Err(format!("callgrind child failed ({status})"))
    }
}

/// The DHAT child: a few warm-up requests, then `requests` sequential ones.
pub(crate) fn child(spec: &str) -> Result<(), String> {
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
