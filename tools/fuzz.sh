#!/usr/bin/env bash
# Fuzzes the decoders that read what the network sends (tests/fuzz: Graph responses, token
# responses, redirect parameters, the emulator's OData query parser) with cargo fuzz (libFuzzer),
# each for SECONDS (default 10; try 600 for a long one). With FUZZ_RUNS=N instead, each target
# runs N inputs from a fixed seed: the same inputs on every machine (the test command's short
# run, so that CI does not fail by chance where another run would pass).
# Installs missing tools first. A crash stops the run and leaves its input under
# tests/fuzz/artifacts/; `cargo fuzz run --fuzz-dir tests/fuzz -s none -O TARGET FILE` replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${SKIP_SETUP:-}" ] || bash tools/setup.sh
source tools/env.sh
SECONDS_EACH=${1:-10}
TARGETS=(graph_response token_response redirect_params odata_query)
# -s none: no sanitizer, so the stable toolchain builds it (Rust code is memory-safe already;
# the fuzzing looks for panics, overflows and failed assertions).
cargo fuzz build --fuzz-dir tests/fuzz -s none -O
for t in "${TARGETS[@]}"; do
  mkdir -p "tests/fuzz/corpus/$t"
  if [ -n "${FUZZ_RUNS:-}" ]; then
    # A fresh corpus: the result must not depend on what earlier runs left behind.
    corpus=$(mktemp -d)
    limit=(-runs="$FUZZ_RUNS" -seed=1)
    printf '\n==> fuzz %s: %s inputs from seed 1\n' "$t" "$FUZZ_RUNS"
  else
    corpus="tests/fuzz/corpus/$t"
    limit=(-max_total_time="$SECONDS_EACH")
    printf '\n==> fuzz %s for %s s\n' "$t" "$SECONDS_EACH"
  fi
  cargo fuzz run --fuzz-dir tests/fuzz -s none -O "$t" "$corpus" "tests/fuzz/seeds/$t" -- \
    "${limit[@]}" -print_final_stats=1 2>&1 | grep -E '^Done|panicked|ERROR|SUMMARY|Test unit written' || true
  [ -z "${FUZZ_RUNS:-}" ] || rm -rf "$corpus"
  # cargo fuzz exits non-zero on a crash; pipefail would hide which target: check the artifacts.
  if compgen -G "tests/fuzz/artifacts/$t/crash-*" > /dev/null; then
    echo "fuzz: $t crashed; see tests/fuzz/artifacts/$t/" >&2
    exit 1
  fi
done
printf '\nfuzz: %s targets, no crash\n' "${#TARGETS[@]}"
