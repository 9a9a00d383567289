#!/usr/bin/env bash
# Runs the demo: the offline Microsoft 365 tenant (emulator) on http://127.0.0.1:8787 and the
# picker page on http://127.0.0.1:8080. Installs missing tools first. Extra arguments go to the
# emulator (e.g. --latency-ms 300 --throttle-rate 0.1). Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
source tools/env.sh

EMULATOR_PORT=8787
PAGE_PORT=8080
cargo build -p emulator
target/debug/emulator --port "$EMULATOR_PORT" "$@" &
emulator_pid=$!
trap 'kill "$emulator_pid" 2>/dev/null || true' EXIT INT TERM
printf '\nOpen http://127.0.0.1:%s/ (the page builds first; the emulator is at http://127.0.0.1:%s/).\n\n' "$PAGE_PORT" "$EMULATOR_PORT"
trunk serve --address 127.0.0.1 --port "$PAGE_PORT" --no-autoreload
