#!/usr/bin/env bash
# Builds the embeddable package into target/package/onedrive-picker/ and packs it with npm:
# the ES module with the <onedrive-picker> element, the wasm-bindgen glue and its .wasm (wasm-opt
# -Oz), the modules split from it (split_picker.wasm, a module per language, and the chunks they
# share) and their loader (__wasm_split.js), the
# stylesheet, the redirect page (auth.html + auth.js), the TypeScript declarations (with React's
# and Vue's template types), the Custom Elements Manifest, README, LICENSE and a package.json
# with exports; the scripts and the stylesheet minified.
# Loading it mounts nothing by itself. Prints the tarball's path.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/env.sh
out=target/package/onedrive-picker
# Only the cdylib: built together with the rlib (Cargo.toml's crate-type), LTO leaves 250 KB more
# code in the wasm (measured: code section 1,194 KB against 943 KB). The `split` feature and the
# linker's relocations let wasm-split cut what the first screen does not need (the sign-in flow
# after the click, a stored session's parsing, the browsing screen with Graph, the listing and
# uploads; see src/picker/sign_in/lazy.rs) into a module of its own: the first screen is the sign-in.
cargo rustc --release --lib --crate-type cdylib --target wasm32-unknown-unknown -p onedrive-picker \
  --features split --locked --quiet -- -Clink-args=--emit-relocs
rm -rf "$out" && mkdir -p "$out"
split=target/package/split && rm -rf "$split" && mkdir -p "$split"
wasm-split-cli target/wasm32-unknown-unknown/release/onedrive_picker.wasm "$split" \
  --out-name onedrive_picker --target web
wasm-bindgen --target web --keep-lld-exports --no-demangle --out-dir "$out" --out-name onedrive_picker \
  "$split/onedrive_picker.wasm"
# The features rustc 1.95 enables for wasm32 (binaryen must not assume others).
features="--enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-reference-types --enable-multivalue"
# shellcheck disable=SC2086
wasm-opt -Oz $features "$out/onedrive_picker_bg.wasm" -o "$out/onedrive_picker_bg.wasm"
chunks=()
shopt -s nullglob
for chunk in "$split"/split_*.wasm "$split"/chunk_*.wasm; do
  # shellcheck disable=SC2086
  wasm-opt -Oz $features "$chunk" -o "$out/$(basename "$chunk")"
  # A module under the bundlers' inline limit would become a `data:` URL that a CSP refuses.
  node tools/pad-wasm.mjs "$out/$(basename "$chunk")" 4097
  chunks+=("\"$(basename "$chunk")\"")
done
# The scripts the first screen loads, minified (the exports keep their names): the element and
# mountPicker, the glue, the split modules' loader.
minify() { esbuild "$1" --minify --format=esm --log-level=warning --outfile="$2"; }
minify "$out/onedrive_picker.js" "$out/onedrive_picker.min.js" && mv "$out/onedrive_picker.min.js" "$out/onedrive_picker.js"
# The split modules' loader: one fetch function for every module, asking setAssetBase() (a CDN)
# first, with each module's `new URL("./….wasm", import.meta.url)` left for bundlers to see.
node tools/split-loader.mjs "$split/__wasm_split.js"
minify "$split/__wasm_split.js" "$out/__wasm_split.js"
minify www/onedrive-picker.js "$out/onedrive-picker.js"
# The stylesheet minified too (the parts, with their comments, are www/styles/; esbuild keeps
# custom properties' values as written, the theme's space toggles included).
esbuild www/picker.css --minify --log-level=warning --outfile="$out/picker.css"
# The first screen's share (the theme and the frame), which the element links at once; it links
# picker.css when the picker's code is fetched (src/embed/styles.rs).
cat www/styles/10-theme.css www/styles/20-frame.css |
  esbuild --loader=css --minify --log-level=warning > "$out/first.css"
cp www/auth.html www/auth.js www/onedrive-picker.d.ts www/react.d.ts www/react.js \
  www/vue.d.ts www/vue.js www/custom-elements.json LICENSE "$out/"
cp docs/package-readme.md "$out/README.md"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
chunk_list=$(IFS=,; echo "${chunks[*]}")
cat > "$out/package.json" <<JSON
{
  "name": "onedrive-picker",
  "version": "$version",
  "description": "An embeddable Microsoft 365 file picker (OneDrive, SharePoint, Teams): the <onedrive-picker> element, OneDrivePicker.open() and mountPicker(), in WebAssembly",
  "keywords": ["onedrive", "sharepoint", "microsoft-365", "file-picker", "custom-element", "web-component", "microsoft-graph"],
  "license": "MIT",
  "repository": { "type": "git", "url": "https://example.invalid/onedrive-picker" },
  "type": "module",
  "main": "./onedrive-picker.js",
  "module": "./onedrive-picker.js",
  "types": "./onedrive-picker.d.ts",
  "customElements": "custom-elements.json",
  "exports": {
    ".": { "types": "./onedrive-picker.d.ts", "default": "./onedrive-picker.js" },
    "./react": { "types": "./react.d.ts", "default": "./react.js" },
    "./vue": { "types": "./vue.d.ts", "default": "./vue.js" },
    "./picker.css": "./picker.css",
    "./first.css": "./first.css",
    "./auth.html": "./auth.html",
    "./auth.js": "./auth.js",
    "./custom-elements.json": "./custom-elements.json",
    "./package.json": "./package.json"
  },
  "sideEffects": ["./onedrive-picker.js"],
  "files": ["onedrive-picker.js", "onedrive-picker.d.ts", "onedrive_picker.js", "onedrive_picker_bg.wasm",
            "__wasm_split.js", $chunk_list, "onedrive_picker.d.ts", "onedrive_picker_bg.wasm.d.ts",
            "react.d.ts", "react.js", "vue.d.ts", "vue.js", "custom-elements.json",
            "picker.css", "first.css", "auth.html", "auth.js", "README.md", "LICENSE"]
}
JSON
(cd target/package && npm pack ./onedrive-picker --silent --pack-destination . >/dev/null)
echo "target/package/onedrive-picker-$version.tgz"
