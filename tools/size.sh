#!/usr/bin/env bash
# Prints the size of the release build of the demo page (its script and styles; the element is the
# package's), of the Leptos component's page (the widget's wasm and JS glue, in one piece) and of
# the npm package (the first screen's wasm, glue, loader, element and styles, and
# the module fetched at sign-in): raw, gzip -9 and brotli (when available). Builds first (the
# demo's Trunk build makes the package too) unless --no-build is given.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/env.sh
[ "${1:-}" = "--no-build" ] || trunk build --release >/dev/null 2>&1
printf '%-44s %10s %10s %10s\n' file raw gzip brotli
for f in dist/*.js dist/*.css dist/leptos/*.wasm dist/leptos/*.js dist/leptos/*.css target/package/onedrive-picker/*.wasm \
  target/package/onedrive-picker/*.js target/package/onedrive-picker/*.css; do
  raw=$(stat -c %s "$f")
  gz=$(gzip -9c "$f" | wc -c)
  br=$(command -v brotli >/dev/null && brotli -cq 11 "$f" | wc -c || echo -)
  printf '%-44s %10s %10s %10s\n' "${f#target/package/}" "$raw" "$gz" "$br"
done
