// Rewrites wasm-split's module loader (__wasm_split.js) for the package: every module is fetched
// through one function, which asks setAssetBase()'s hook (a CDN) first and keeps the literal
// `new URL("./name.wasm", import.meta.url)` that bundlers see and copy. One function instead of a
// copy per module keeps the first screen's script from growing with the number of modules (a
// language each). Fails when the loader's shape changed.
import { readFileSync, writeFileSync } from "node:fs";

const [file] = process.argv.slice(2);
let js = readFileSync(file, "utf8");
const fetcher = /\(\) => \{\s*const src = fetch\(new URL\("\.\/((?:split|chunk)_[a-z0-9_]+\.wasm)", import\.meta\.url\)\);\s*src\.catch\(\(\) => \{\}\);\s*return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);\s*\}/g;
const before = (js.match(/new URL\(/g) ?? []).length;
js = js.replace(fetcher, (_, name) => `() => fetchModule("${name}", new URL("./${name}", import.meta.url))`);
const after = (js.match(/fetchModule\("/g) ?? []).length;
if (before === 0 || after !== before) {
  console.error(`split-loader: ${after} of ${before} module fetches rewritten: the loader changed`);
  process.exit(1);
}
js = js.replace(/^(import [^\n]*\n)/, `$1
/** Fetches module \`name\` (setAssetBase()'s hook first, else \`url\`); instantiates it once asked. */
function fetchModule(name, url) {
    const src = fetch(globalThis[Symbol.for("onedrive-picker.assets")]?.(name) ?? url);
    src.catch(() => {});
    return async (imports) => WebAssembly.instantiateStreaming(src, imports);
}
`);
writeFileSync(file, js);
