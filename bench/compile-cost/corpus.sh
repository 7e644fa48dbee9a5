#!/usr/bin/env bash
# Compile cost of a generated client per corpus spec, and progenitor's where it generates.
#
# For each spec of ../shared/specs (or $CORPUS): a scratch crate invoking the generator
# (jeri's `generate!` with the spec's skip list, progenitor's `generate_api!` for the four
# specs it reads), checked and built from scratch (incremental off, dev profile as a user's
# `cargo build` has it, proc macros unoptimized), CPU seconds and peak memory from
# /usr/bin/time. Dependencies are built first and not counted.
#
# Prints a markdown table. Knobs: SPECS (space-separated file names relative to the corpus;
# default every spec), CORPUS, GENERATORS (default "jeri progenitor").
# Scratch crates live under target/compile-cost/corpus (never committed).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CORPUS=${CORPUS:-$ROOT/../shared/specs}
WORK="$ROOT/target/compile-cost/corpus"
GENERATORS=${GENERATORS:-"jeri progenitor"}
DEFAULT_SPECS="keeper.json propolis-server.json buildomat.json nexus.json realworld/haystack.json
realworld/petstore.yaml realworld/twilio-messaging-v1.json realworld/kratos.json
realworld/hyperswitch.json realworld/openai.yaml realworld/klaviyo.json realworld/inventree.yaml
realworld/stripe.yaml realworld/github.json"
SPECS=${SPECS:-$DEFAULT_SPECS}
# The operations each spec's real defects force out (the corpus test's skip lists).
skip_of() {
    case $1 in
    realworld/kratos.json) echo ', skip("updateSettingsFlow")' ;;
    realworld/openai.yaml) echo ', skip("getCertificate", "modifyCertificate", "deleteCertificate", "listProjectCertificates", "activateProjectCertificates", "deactivateProjectCertificates")' ;;
    *) echo "" ;;
    esac
}
# progenitor 0.15 generates code for these only (BENCHMARKS.md §3).
progenitor_reads() {
    case $1 in
    keeper.json | propolis-server.json | buildomat.json | nexus.json) return 0 ;;
    *) return 1 ;;
    esac
}

if [[ ! -d $CORPUS ]]; then
    echo "corpus not found at $CORPUS" >&2
    exit 1
fi
mkdir -p "$WORK"
crate_of() { # generator spec -> crate name
    local base=${2##*/}
    base=${base%.*}
    echo "$1-${base//[^a-zA-Z0-9]/-}" | tr 'A-Z' 'a-z'
}

write_workspace() { # generator
    local gen=$1 dir="$WORK/$1" members="" spec name
    mkdir -p "$dir"
    for spec in $SPECS; do
        [[ $gen == progenitor ]] && ! progenitor_reads "$spec" && continue
        name=$(crate_of "$gen" "$spec")
        mkdir -p "$dir/$name/src"
        members+="    \"$name\",\n"
        if [[ $gen == jeri ]]; then
            sed -e "s#@NAME@#$name#" >"$dir/$name/Cargo.toml" <<EOF
[package]
name = "@NAME@"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
jeri-macros = { path = "$ROOT/jeri-macros" }
jeri-runtime = { path = "$ROOT/jeri-runtime" }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
EOF
            printf '#![allow(missing_docs)]\njeri_macros::generate!("%s"%s);\n' \
                "$CORPUS/$spec" "$(skip_of "$spec")" >"$dir/$name/src/lib.rs"
        else
            sed -e "s#@NAME@#$name#" -e '/^\[workspace\]/d' \
                "$HERE/templates/progenitor/Cargo.toml.in" >"$dir/$name/Cargo.toml"
            printf 'progenitor::generate_api!("%s");\n' "$CORPUS/$spec" >"$dir/$name/src/lib.rs"
        fi
    done
    printf '[workspace]\nresolver = "3"\nmembers = [\n%b]\n\n[profile.dev]\nincremental = false\n' \
        "$members" >"$dir/Cargo.toml"
    [[ $gen == jeri ]] && cp "$ROOT/Cargo.lock" "$dir/Cargo.lock"
    return 0
}

measure() { # generator crate command -> "cpu_s peak_mib" or "fails"
    local dir="$WORK/$1" out
    out=$(mktemp)
    touch "$dir/$2/src/lib.rs"
    if (cd "$dir" && /usr/bin/time -f "%U %S %M" -o "$out" cargo "$3" -q -p "$2" >/dev/null 2>"$dir/$2.$3.log"); then
        awk '{ printf "%.1f %d\n", $1 + $2, $3 / 1024 }' "$out"
    else
        echo "fails"
    fi
    rm -f "$out"
}

for gen in $GENERATORS; do
    write_workspace "$gen"
    echo "[corpus] building $gen's dependencies" >&2
    # The dependencies, once, through the smallest crate (every crate of a generator has
    # the same ones); the crates themselves are measured below.
    (cd "$WORK/$gen" && cargo build -q -p "$(crate_of "$gen" keeper.json)" >/dev/null 2>&1 &&
        cargo check -q -p "$(crate_of "$gen" keeper.json)" >/dev/null 2>&1) || true
done

echo "| spec | generator | check CPU s | check peak MiB | build CPU s | build peak MiB |"
echo "|---|---|---:|---:|---:|---:|"
for spec in $SPECS; do
    for gen in $GENERATORS; do
        [[ $gen == progenitor ]] && ! progenitor_reads "$spec" && continue
        name=$(crate_of "$gen" "$spec")
        read -r check_cpu check_mib _ <<<"$(measure "$gen" "$name" check) -"
        read -r build_cpu build_mib _ <<<"$(measure "$gen" "$name" build) -"
        echo "| \`$spec\` | $gen | $check_cpu | $check_mib | $build_cpu | $build_mib |"
    done
done
