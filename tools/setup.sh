#!/usr/bin/env bash
# Installs everything the demo and the tests need, skipping whatever is already present:
# the wasm32 target, Trunk, wasm-bindgen-cli (the version in Cargo.lock), wasm-split-cli, cargo-fuzz,
# wasm-opt, esbuild, playwright-core, puppeteer-core and selenium-webdriver (npm, in tools/node_modules),
# and Debian's Chromium with its driver, Firefox ESR and WebKitGTK's WebDriver.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/env.sh

TRUNK_VERSION=0.21.14
say() { printf '\n==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then as_root apt-get update -q; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "Installing Trunk $TRUNK_VERSION (about 8 minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock. Not --locked: its lockfile pins
# a webpki-roots version the registry does not serve.
WASM_BINDGEN=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN" ]; then
  say "Installing wasm-bindgen-cli $WASM_BINDGEN (about 3 minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN" --force
fi

if [ "$(cargo fuzz --version 2>/dev/null || true)" != "cargo-fuzz 0.13.2" ]; then
  say "Installing cargo-fuzz 0.13.2 (about 1 minute)"
  cargo install cargo-fuzz --version 0.13.2 --locked
fi

# wasm-split-cli has no --version: cargo's list of installed crates says which one is there.
if ! command -v wasm-split-cli >/dev/null || ! cargo install --list | grep -qx "wasm_split_cli_support v0.2.4:"; then
  say "Installing wasm-split-cli 0.2.4 (about 1 minute)"
  cargo install wasm_split_cli_support --version 0.2.4 --features build-binary --locked
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  say "Installing Node.js and npm"
  apt_install nodejs npm
fi

if [ ! -x tools/node_modules/.bin/wasm-opt ] || [ ! -f tools/node_modules/playwright-core/package.json ] || [ ! -f tools/node_modules/axe-core/axe.min.js ] \
   || [ ! -f tools/node_modules/@azure/msal-browser/lib/msal-browser.min.js ] || [ ! -x tools/node_modules/.bin/esbuild ] \
   || [ ! -f tools/node_modules/@microsoft/microsoft-graph-client/lib/graph-js-sdk.js ] \
   || [ ! -f tools/node_modules/puppeteer-core/package.json ] || [ ! -f tools/node_modules/selenium-webdriver/package.json ]; then
  say "Installing wasm-opt (binaryen), esbuild, playwright-core, puppeteer-core, selenium-webdriver, axe-core, msal-browser and the Graph JavaScript client from npm"
  (cd tools && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  say "Installing Chromium and ChromeDriver"
  apt_install chromium chromium-driver
fi

# The other two engines, headless: Firefox ESR (driven over WebDriver BiDi by puppeteer-core) and
# WebKitGTK's MiniBrowser (WebKitWebDriver, in a virtual display). About a minute and 520 MB.
if [ ! -x /usr/lib/firefox-esr/firefox-esr ] || ! command -v WebKitWebDriver >/dev/null || ! command -v Xvfb >/dev/null; then
  say "Installing Firefox ESR, WebKitGTK's WebDriver and a virtual display"
  apt_install --no-install-recommends firefox-esr webkit2gtk-driver xvfb xauth
fi
