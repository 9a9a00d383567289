// Trunk post-build hook: the Leptos component's page, /leptos/ of the demo. Trunk builds the app
// (examples/demo) into leptos/ and injects nothing into the demo page (`inject_scripts = false`:
// that page is the element's, www/demo.js). This writes leptos/index.html from
// examples/demo/index.html, with the app's loader in a file of its own, so that the page works
// under a strict Content-Security-Policy (`script-src 'self' 'wasm-unsafe-eval'`, no inline
// script); the file is named by its content hash and referenced with Subresource Integrity.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error("run as a Trunk post_build hook (TRUNK_STAGING_DIR is not set)");
const dir = join(staging, "leptos");
const files = readdirSync(dir);
const only = (pattern) => {
  const found = files.filter((f) => pattern.test(f));
  if (found.length !== 1) throw new Error(`expected one ${pattern} in ${dir}, found ${found.length}`);
  return found[0];
};
const js = only(/^onedrive-picker-demo-[0-9a-f]+\.js$/);
const wasm = only(/^onedrive-picker-demo-[0-9a-f]+_bg\.wasm$/);
// As Trunk's own loader: the bindings on `window.wasmBindings` (the tests mount pickers with them).
const code = `import init, * as bindings from "./${js}";
await init({ module_or_path: "./${wasm}" });
window.wasmBindings = bindings;
`;
const name = `loader-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.js`;
const integrity = `sha384-${createHash("sha384").update(code).digest("base64")}`;
writeFileSync(join(dir, name), code);
const template = readFileSync("examples/demo/index.html", "utf8");
if (!template.includes("<!-- loader -->")) throw new Error("examples/demo/index.html has no <!-- loader --> marker");
const html = template.replace("<!-- loader -->", `<script type="module" src="${name}" integrity="${integrity}"></script>`);
writeFileSync(join(dir, "index.html"), html);
if (/<script(?![^>]*\ssrc=)[^>]*>/.test(html)) throw new Error("an inline script is left in leptos/index.html");
// Trunk leaves the app's link in the demo page when it injects nothing: it has no use there.
const demo = join(staging, "index.html");
writeFileSync(demo, readFileSync(demo, "utf8").replace(/\s*<link data-trunk rel="rust"[^>]*>/, ""));
console.log(`leptos-page: leptos/index.html, ${name}`);
