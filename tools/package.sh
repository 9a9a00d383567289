#!/usr/bin/env bash
# Builds the embeddable package into target/package/onedrive-picker/ and packs it with npm:
# the ES module with the <onedrive-picker> element, the wasm-bindgen glue and its .wasm (wasm-opt
# -Oz), the stylesheet, the redirect page (auth.html + auth.js) and a package.json. Loading it
# mounts nothing by itself. Prints the tarball's path.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/env.sh
out=target/package/onedrive-picker
# Only the cdylib: built together with the rlib (Cargo.toml's crate-type), LTO leaves 250 KB more
# code in the wasm (measured: code section 1,194 KB against 943 KB).
cargo rustc --release --lib --crate-type cdylib --target wasm32-unknown-unknown -p onedrive-picker --locked --quiet
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --out-dir "$out" --out-name onedrive_picker \
  target/wasm32-unknown-unknown/release/onedrive_picker.wasm
# The features rustc 1.95 enables for wasm32 (binaryen must not assume others).
wasm-opt -Oz --enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-reference-types --enable-multivalue \
  "$out/onedrive_picker_bg.wasm" -o "$out/onedrive_picker_bg.wasm"
cp www/onedrive-picker.js www/picker.css www/auth.html www/auth.js "$out/"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
cat > "$out/package.json" <<JSON
{
  "name": "onedrive-picker",
  "version": "$version",
  "description": "An embeddable Microsoft 365 file picker: <onedrive-picker> element and mountPicker()",
  "license": "MIT",
  "type": "module",
  "main": "onedrive-picker.js",
  "exports": { ".": "./onedrive-picker.js", "./picker.css": "./picker.css" },
  "files": ["onedrive-picker.js", "onedrive_picker.js", "onedrive_picker_bg.wasm", "onedrive_picker.d.ts",
            "onedrive_picker_bg.wasm.d.ts", "picker.css", "auth.html", "auth.js"]
}
JSON
(cd target/package && npm pack ./onedrive-picker --silent --pack-destination . >/dev/null)
echo "target/package/onedrive-picker-$version.tgz"
