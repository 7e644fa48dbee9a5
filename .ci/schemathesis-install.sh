#!/usr/bin/env bash
# Installs schemathesis (pinned to 4.x) into a virtualenv under target/, once, and prints
# the path of its `schemathesis` executable. Needs python3 with venv and the PyPI registry;
# installs nothing outside target/. Environment: PYTHON (default python3).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/target/schemathesis-venv"
python="${PYTHON:-python3}"
if [[ ! -x "$venv/bin/schemathesis" ]]; then
    echo "schemathesis: installing into $venv" >&2
    "$python" -m venv "$venv" >&2
    "$venv/bin/pip" install --quiet --upgrade pip >&2
    "$venv/bin/pip" install --quiet 'schemathesis>=4,<5' >&2
fi
echo "$venv/bin/schemathesis"
