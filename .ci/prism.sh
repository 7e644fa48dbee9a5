#!/usr/bin/env bash
# Installs Prism (Stoplight's OpenAPI mock and validation proxy), pinned, into
# target/prism, for the conformance tests (tests/conformance). Prints the path of the
# `prism` executable. Needs node and npm; installs nothing outside target/.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=5.16.0
DIR=target/prism
BIN="$DIR/node_modules/.bin/prism"

if [ -x "$BIN" ] && [ "$(cat "$DIR/version" 2>/dev/null)" = "$VERSION" ]; then
    echo "$PWD/$BIN"
    exit 0
fi
command -v npm >/dev/null || { echo "npm is not installed" >&2; exit 1; }
mkdir -p "$DIR"
npm install --prefix "$DIR" --no-audit --no-fund --no-save --loglevel=error \
    "@stoplight/prism-cli@$VERSION" >&2
echo "$VERSION" > "$DIR/version"
echo "$PWD/$BIN"
