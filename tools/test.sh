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
# Each step says when it starts, and how long the run has taken so far.
step() { printf '\n==> %s (at %dm%02ds)\n' "$*" $((SECONDS / 60)) $((SECONDS % 60)); }

step "Formatting"
cargo fmt --all --check
cargo fmt --manifest-path tests/fuzz/Cargo.toml --check

step "Clippy (native)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Clippy (wasm32)"
cargo clippy -p onedrive-picker --target wasm32-unknown-unknown --lib --features csr --locked -- -D warnings
# The browser tests reach the interior through the `internals` feature.
cargo clippy -p onedrive-picker --target wasm32-unknown-unknown --all-targets --features internals,csr --locked -- -D warnings
cargo clippy -p onedrive-picker --target wasm32-unknown-unknown --lib --features split --locked -- -D warnings
cargo clippy -p onedrive-picker-demo --target wasm32-unknown-unknown --locked -- -D warnings
# Leptos's server rendering and hydration (the crate's `ssr` and `hydrate` features).
cargo clippy -p onedrive-picker-leptos-ssr --all-targets --features ssr --locked -- -D warnings
cargo clippy -p onedrive-picker-leptos-ssr --target wasm32-unknown-unknown --all-targets --features hydrate --locked -- -D warnings

step "Native tests"
cargo test --workspace --locked 2>&1 | tee -a "$LOG"

step "Browser tests (headless Chromium)"
cargo test -p onedrive-picker --target wasm32-unknown-unknown --features internals,csr --locked 2>&1 | tee -a "$LOG"

step "Leptos server rendering (native) and hydration (headless Chromium): examples/leptos-ssr"
cargo test -p onedrive-picker-leptos-ssr --features ssr --locked 2>&1 | tee -a "$LOG"
cargo test -p onedrive-picker-leptos-ssr --target wasm32-unknown-unknown --features hydrate --locked 2>&1 | tee -a "$LOG"

step "The crate as crates.io would take it (cargo package)"
cargo package -p onedrive-picker --locked --allow-dirty 2>&1 | tail -n 3

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
