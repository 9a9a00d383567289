#!/usr/bin/env bash
# Runs every test: formatting and lints on both targets, native tests (widget and emulator),
# browser tests (wasm-bindgen-test in headless Chromium), the release builds of the demo page and
# of the npm package, the end-to-end tests (real Chromium against the emulator), a short fuzzing
# run, and the emulator under load. Installs missing tools first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
source tools/env.sh

mkdir -p target
LOG=target/test-output.log
: > "$LOG"
step() { printf '\n==> %s\n' "$*"; }

step "Formatting"
cargo fmt --all --check
cargo fmt --manifest-path tests/fuzz/Cargo.toml --check

step "Clippy (native)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Clippy (wasm32)"
cargo clippy -p onedrive-picker --target wasm32-unknown-unknown --lib --locked -- -D warnings
# The browser tests reach the interior through the `internals` feature.
cargo clippy -p onedrive-picker --target wasm32-unknown-unknown --all-targets --features internals --locked -- -D warnings
cargo clippy -p onedrive-picker --target wasm32-unknown-unknown --lib --features split --locked -- -D warnings

step "Native tests"
cargo test --workspace --locked 2>&1 | tee -a "$LOG"

step "Browser tests (headless Chromium)"
cargo test -p onedrive-picker --target wasm32-unknown-unknown --features internals --locked 2>&1 | tee -a "$LOG"

step "Release build of the demo page"
trunk build --release

step "The npm package (tools/package.sh)"
bash tools/package.sh

step "End-to-end tests (headless Chromium + emulator)"
cargo build -p emulator --locked
node --test --test-timeout=480000 --test-reporter=spec tests/e2e/ 2>&1 | tee -a "$LOG"

step "Fuzzing (a short, seeded run of each target; tools/fuzz.sh 600 for a long one)"
SKIP_SETUP=1 FUZZ_RUNS=500000 bash tools/fuzz.sh

step "The emulator under load (50 clients for 60 s: no failed request, memory flat)"
cargo run -q -p emulator --locked --example load -- --bin target/debug/emulator --clients 50 --seconds 60 --max-growth-mib 16

# One closing line over every runner: cargo's "test result" lines and node's summary.
awk '/^test result:/ { p += $4; f += $6 } /^ℹ pass / { p += $3 } /^ℹ fail / { f += $3 }
     END { printf "\ntests: %d passed, %d failed\n", p, f }' "$LOG"
