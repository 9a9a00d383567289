#!/usr/bin/env bash
# The benchmark: the picker side by side with Microsoft's msal-browser and Graph Toolkit (see
# bench/run.mjs).
# Installs what is missing (the project's tools, and the peer's packages from npm, pinned by
# bench/package-lock.json), builds the npm package and the emulator, then runs it (about 12
# minutes). Prints the tables, writes target/bench/results.json, and exits 1 when the picker is
# over its size budget.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${SKIP_SETUP:-}" ] || bash tools/setup.sh
source tools/env.sh
if [ ! -f bench/node_modules/esbuild/package.json ] || [ ! -f bench/node_modules/@microsoft/mgt-components/package.json ] \
   || ! grep -qs '"version": "5.30.0"' bench/node_modules/@azure/msal-browser/package.json; then
  (cd bench && npm ci --no-audit --no-fund --loglevel=error)
fi
# The demo (dist/) and the package (its post-build hook runs tools/package.sh).
trunk build --release >/dev/null
cargo build -q -p emulator --locked
exec node bench/run.mjs "$@"
