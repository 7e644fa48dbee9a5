#!/usr/bin/env bash
# Conformance of jeri-sandbox to spec/openapi.yaml, checked with schemathesis: builds and
# starts the sandbox binary on a free 127.0.0.1 port, runs schemathesis against it with
# the API key, and stops the server on exit.
#
# Environment: SCHEMATHESIS_MAX_EXAMPLES (default 100 per operation and phase),
# SCHEMATHESIS_SEED (default 1, so CI runs are reproducible), PYTHON (default python3).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

python="${PYTHON:-python3}"
api_key="schemathesis-key"
max_examples="${SCHEMATHESIS_MAX_EXAMPLES:-100}"
seed="${SCHEMATHESIS_SEED:-1}"
report_dir="$root/target/schemathesis-report"

schemathesis="$(bash "$root/.ci/schemathesis-install.sh")"
"$schemathesis" --version

cargo build --quiet -p jeri-sandbox --bin jeri-sandbox
binary="$root/target/debug/jeri-sandbox"

port="$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base_url="http://127.0.0.1:$port"
log="$root/target/schemathesis-sandbox.log"

"$binary" --listen "127.0.0.1:$port" --api-key "$api_key" >"$log" 2>&1 &
server_pid=$!
stop_server() {
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
}
trap stop_server EXIT

ready=""
for _ in $(seq 1 100); do
    if "$python" - "$base_url/v1/status" "$api_key" <<'PY' 2>/dev/null; then
import sys, urllib.request
request = urllib.request.Request(sys.argv[1], headers={"api-key": sys.argv[2]})
with urllib.request.urlopen(request, timeout=1) as response:
    sys.exit(0 if response.status == 200 else 1)
PY
        ready=yes
        break
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "schemathesis: the sandbox exited early:" >&2
        cat "$log" >&2
        exit 1
    fi
    sleep 0.1
done
if [[ -z "$ready" ]]; then
    echo "schemathesis: the sandbox did not answer on $base_url" >&2
    cat "$log" >&2
    exit 1
fi
echo "schemathesis: sandbox up at $base_url"

# schemathesis keeps a crash cache in `.schemathesis/` under the working directory; keep
# it inside target/ rather than in the checkout.
work_dir="$root/target/schemathesis-work"
mkdir -p "$work_dir"
cd "$work_dir"
"$schemathesis" run "$root/spec/openapi.yaml" \
    --url "$base_url" \
    --header "api-key: $api_key" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,negative_data_rejection,ignored_auth \
    --max-examples "$max_examples" \
    --seed "$seed" \
    --workers 1 \
    --generation-database none \
    --request-timeout 10 \
    --no-color \
    --report junit \
    --report-dir "$report_dir"
