#!/usr/bin/env bash
# Validates spec/openapi.yaml against the OpenAPI 3.0 schema with openapi-spec-validator.
# The validator is installed into a venv under target/ (kept between runs), or with
# `pip install --user` where venvs are unavailable.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
spec="${1:-$root/spec/openapi.yaml}"
venv="$root/target/spec-venv"
python="${PYTHON:-python3}"

if [[ -x "$venv/bin/openapi-spec-validator" ]]; then
    validator="$venv/bin/openapi-spec-validator"
elif "$python" -m venv "$venv" >/dev/null 2>&1 && "$venv/bin/pip" install --quiet openapi-spec-validator; then
    validator="$venv/bin/openapi-spec-validator"
else
    echo "validate-spec: venv unavailable, installing openapi-spec-validator with pip --user" >&2
    rm -rf "$venv"
    "$python" -m pip install --quiet --user openapi-spec-validator
    validator="$("$python" -c 'import site, os; print(os.path.join(site.USER_BASE, "bin", "openapi-spec-validator"))')"
fi

"$validator" "$spec"
