#!/usr/bin/env bash
# Compile cost of jeri_macros::generate! next to progenitor::generate_api!.
#
# Measures, back to back in one run:
#   1. rebuild wall time and peak RSS of a scratch crate that invokes the generator, after a
#      harmless edit to its spec (warm dependency cache, dev profile, median of $RUNS);
#   2. the generators' own expansion time and generated line count (bench/progenitor-compare).
# Specs: spec/openapi.yaml, /work/shared/specs/nexus.json (or $NEXUS_SPEC), and synthetic
# specs of $SIZES operations (synth.py).
#
# Prints a markdown report and writes it to bench/compile-cost/results.md ($RESULTS).
# Scratch crates and their target dirs live under target/compile-cost/ (never committed).
#
# jeri is measured at a committed revision ($JERI_REV, default HEAD), extracted with
# `git archive` under target/compile-cost/, so edits made in the work tree while this runs
# cannot trigger rebuilds of jeri's crates inside the timed region.
#
# Knobs: JERI_REV, RUNS (default 3), SIZES (default "10 100 1000"), BUDGET_MS (expansion timer budget
# per generator and spec, default 2000), NEXUS_SPEC, RESULTS.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK="$ROOT/target/compile-cost"
RUNS=${RUNS:-3}
SIZES=${SIZES:-"10 100 1000"}
BUDGET_MS=${BUDGET_MS:-2000}
NEXUS_SPEC=${NEXUS_SPEC:-/work/shared/specs/nexus.json}
RESULTS=${RESULTS:-$HERE/results.md}
TOOL="python3 $HERE/spec_tool.py"
JERI_REV=$(git -C "$ROOT" rev-parse --short "${JERI_REV:-HEAD}")

mkdir -p "$WORK/specs"
LOG="$WORK/run.log"
: >"$LOG"
note() { echo "[compile-cost] $*" >&2; }

if ! python3 -c 'import yaml' 2>/dev/null; then
    note "installing PyYAML (YAML to JSON conversion for progenitor)"
    pip install --quiet pyyaml >>"$LOG" 2>&1 || pip install --quiet --break-system-packages pyyaml >>"$LOG" 2>&1
fi

# --- jeri snapshot -----------------------------------------------------------------------
SNAP="$WORK/snapshot-$JERI_REV"
if [[ ! -d $SNAP ]]; then
    note "extracting jeri at $JERI_REV"
    mkdir -p "$SNAP.tmp"
    git -C "$ROOT" archive "$JERI_REV" | tar -x -C "$SNAP.tmp"
    mv "$SNAP.tmp" "$SNAP"
fi

# --- specs -------------------------------------------------------------------------------
# Each case: label, spec given to jeri, spec given to progenitor (JSON only).
CASES=()
if [[ -f "$SNAP/spec/openapi.yaml" ]]; then
    cp "$SNAP/spec/openapi.yaml" "$WORK/specs/openapi.yaml"
    $TOOL to-json "$WORK/specs/openapi.yaml" "$WORK/specs/openapi.json"
    CASES+=("openapi.yaml|$WORK/specs/openapi.yaml|$WORK/specs/openapi.json")
else
    note "spec/openapi.yaml not found; skipped"
fi
if [[ -f "$NEXUS_SPEC" ]]; then
    cp "$NEXUS_SPEC" "$WORK/specs/nexus.json"
    CASES+=("nexus.json|$WORK/specs/nexus.json|$WORK/specs/nexus.json")
else
    note "$NEXUS_SPEC not found; skipped"
fi
for n in $SIZES; do
    python3 "$HERE/synth.py" "$n" "$WORK/specs/synth-$n.json"
    CASES+=("synth-$n.json|$WORK/specs/synth-$n.json|$WORK/specs/synth-$n.json")
done

# --- expansion timer ---------------------------------------------------------------------
# Built twice: release (the generators' intrinsic cost) and dev, where proc macros and their
# dependencies are unoptimized exactly as in a user's `cargo build`. The jeri side needs
# jeri-codegen's `generate`; without it the binary still times progenitor.
COMPARE_DIR="$SNAP/bench/progenitor-compare"
COMPARE_TARGET="$WORK/compare-target"
JERI_EXPAND="yes"
for profile in release dev; do
    note "building bench/progenitor-compare ($profile)"
    if ! (cd "$COMPARE_DIR" && CARGO_TARGET_DIR="$COMPARE_TARGET" cargo build --profile "$profile" --features jeri >>"$LOG" 2>&1); then
        note "jeri-codegen side does not build; timing progenitor only (see $LOG)"
        JERI_EXPAND="no"
        (cd "$COMPARE_DIR" && CARGO_TARGET_DIR="$COMPARE_TARGET" cargo build --profile "$profile" >>"$LOG" 2>&1)
    fi
done
compare_bin() { # profile -> binary path (cargo names the dev profile's dir "debug")
    if [[ $1 == dev ]]; then echo "$COMPARE_TARGET/debug/progenitor-compare"; else echo "$COMPARE_TARGET/$1/progenitor-compare"; fi
}

# --- scratch crates ----------------------------------------------------------------------
# One crate per (generator, spec); one target dir per generator so each generator's
# dependencies are built once and neither generator's build warms the other's cache.
scratch() { # generator label spec -> crate dir
    local gen=$1 label=$2 spec=$3
    local name="cc-$gen-${label//[^a-z0-9]/-}"
    local dir="$WORK/crates/$name"
    rm -rf "$dir"
    mkdir -p "$dir/src"
    local ext="${spec##*.}"
    cp "$spec" "$dir/spec.$ext"
    sed -e "s#@NAME@#$name#g" -e "s#@ROOT@#$SNAP#g" "$HERE/templates/$gen/Cargo.toml.in" >"$dir/Cargo.toml"
    sed -e "s#@SPEC@#$dir/spec.$ext#g" "$HERE/templates/$gen/src/lib.rs.in" >"$dir/src/lib.rs"
    if [[ $gen == jeri ]]; then
        # Same dependency versions as the workspace.
        cp "$SNAP/Cargo.lock" "$dir/Cargo.lock"
    fi
    echo "$dir"
}

# Builds crate $1 with target dir $2 under /usr/bin/time -v; prints "seconds max_rss_kib",
# or "fail" when the build fails.
timed_build() {
    local dir=$1 target=$2 out
    out=$(mktemp)
    if (cd "$dir" && CARGO_TARGET_DIR="$target" /usr/bin/time -v -o "$out" cargo build >>"$LOG" 2>&1); then
        awk '/Elapsed \(wall clock\)/ { n = split($NF, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i] }
             /Maximum resident set size/ { rss = $NF }
             END { printf "%.2f %d\n", s, rss }' "$out"
    else
        echo fail
    fi
    rm -f "$out"
}

median() { # numbers... -> median (middle of sorted; mean of the two middles when even)
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ratio() { # a b -> b/a, as "N.N×"
    awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.1f×", b / a; else print "–" }'
}

REBUILD_ROWS=()
RAW_ROWS=()
for case in "${CASES[@]}"; do
    IFS='|' read -r label jeri_spec prog_spec <<<"$case"
    ops=$($TOOL ops "$jeri_spec")
    declare -A dir=() warm=() secs=() rss=() status=()
    dir[jeri]=$(scratch jeri "$label" "$jeri_spec")
    dir[progenitor]=$(scratch progenitor "$label" "$prog_spec")
    for gen in jeri progenitor; do
        note "$label: warm build ($gen)"
        warm[$gen]=$(timed_build "${dir[$gen]}" "$WORK/target-$gen")
        status[$gen]=ok
        [[ ${warm[$gen]} == fail ]] && status[$gen]=fail
        secs[$gen]=""
        rss[$gen]=""
    done
    # Interleaved so that load from other builds on the machine hits both sides alike.
    for i in $(seq 1 "$RUNS"); do
        for gen in jeri progenitor; do
            [[ ${status[$gen]} == ok ]] || continue
            spec_file=$(ls "${dir[$gen]}"/spec.*)
            $TOOL edit "$spec_file" "$i"
            note "$label: rebuild $i/$RUNS ($gen)"
            result=$(timed_build "${dir[$gen]}" "$WORK/target-$gen")
            if [[ $result == fail ]]; then
                status[$gen]=fail
                continue
            fi
            read -r t m <<<"$result"
            secs[$gen]+=" $t"
            rss[$gen]+=" $((m / 1024))"
        done
    done
    cells=()
    for gen in jeri progenitor; do
        if [[ ${status[$gen]} == ok ]]; then
            # shellcheck disable=SC2086
            cells+=("$(median ${secs[$gen]})" "$(median ${rss[$gen]})")
        else
            cells+=("build failed" "–")
        fi
    done
    REBUILD_ROWS+=("| $label | $ops | ${cells[0]} | ${cells[2]} | $(ratio "${cells[0]}" "${cells[2]}") | ${cells[1]} | ${cells[3]} | $(ratio "${cells[1]}" "${cells[3]}") |")
    RAW_ROWS+=("| $label | ${secs[jeri]:- –} | ${secs[progenitor]:- –} | ${rss[jeri]:- –} | ${rss[progenitor]:- –} |")
    unset dir warm secs rss status
done

note "expansion timer"
EXPAND_SPECS=()
for case in "${CASES[@]}"; do
    IFS='|' read -r _ jeri_spec _ <<<"$case"
    EXPAND_SPECS+=("$jeri_spec")
done
EXPAND_RELEASE=$("$(compare_bin release)" --budget-ms "$BUDGET_MS" "${EXPAND_SPECS[@]}")
EXPAND_DEV=$("$(compare_bin dev)" --budget-ms "$BUDGET_MS" "${EXPAND_SPECS[@]}")

# --- report ------------------------------------------------------------------------------
progenitor_version=$(awk '/^name = "progenitor"$/ { getline; print $3 }' "$WORK/crates"/cc-progenitor-*/Cargo.lock 2>/dev/null | head -1 | tr -d '"')
{
    echo "# Compile cost: jeri_macros::generate! vs progenitor::generate_api!"
    echo
    echo "Written by \`bench/compile-cost/run.sh\` on $(date -u +%Y-%m-%d) with jeri at commit $JERI_REV."
    echo
    echo "Machine: $(nproc) cores (shared with other builds, so timings are noisy; ratios come from the same run),"
    echo "$(free -h | awk '/^Mem:/ { print $2 }') RAM, $(rustc --version), progenitor ${progenitor_version:-unknown}."
    echo
    echo "## Rebuild after a spec edit"
    echo
    echo "Dev profile, warm dependency cache, median of $RUNS rebuilds, each after a harmless edit of the"
    echo "spec (JSON: \`info.description\`; YAML: a trailing comment). The scratch crate is a library that"
    echo "only invokes the macro; peak RSS is \`/usr/bin/time -v\`'s \"Maximum resident set size\" (the rustc"
    echo "process compiling that crate). jeri reads \`openapi.yaml\` as written; progenitor reads the same"
    echo "document converted to JSON."
    echo
    echo "| spec | ops | jeri s | progenitor s | progenitor/jeri | jeri peak MiB | progenitor peak MiB | progenitor/jeri |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${REBUILD_ROWS[@]}"
    echo
    echo "Raw rebuilds (seconds; MiB):"
    echo
    echo "| spec | jeri s | progenitor s | jeri MiB | progenitor MiB |"
    echo "|---|---|---|---|---|"
    printf '%s\n' "${RAW_ROWS[@]}"
    echo
    echo "## Expansion time and generated code size"
    echo
    echo "\`bench/progenitor-compare\`, both generators in one process: spec text to tokens, parsing"
    echo "included, median over repeated runs (n) within a ${BUDGET_MS} ms budget each. Lines are the"
    echo "expansion pretty-printed with prettyplease; (docs) is how many of them are doc comments."
    if [[ $JERI_EXPAND == no ]]; then
        echo
        echo "jeri-codegen's \`generate\` did not build at this commit, so only progenitor was timed."
    fi
    echo
    echo "Release build (the generators' own cost):"
    echo
    echo "$EXPAND_RELEASE"
    echo
    echo "Dev build (what a \`cargo build\` pays: proc macros and their dependencies run unoptimized):"
    echo
    echo "$EXPAND_DEV"
} >"$RESULTS.tmp"
mv "$RESULTS.tmp" "$RESULTS"
cat "$RESULTS"
