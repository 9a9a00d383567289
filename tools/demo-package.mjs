// Trunk post-build hook: builds the npm package (tools/package.sh) and puts it, with the example
// portal page (www/example.*), under /package/ of the demo, writes the demo page's script
// (www/demo.js, minified; the package's module is left for the browser to fetch) and takes the
// source's comments out of the demo page, so that the demo shows all three ways in — the
// <onedrive-picker> element (the demo page itself), OneDrivePicker.open()
// (/package/example.html) and the Leptos component (/leptos/, see tools/leptos-page.mjs) — from
// the same code.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error("run as a Trunk post_build hook (TRUNK_STAGING_DIR is not set)");
execFileSync("bash", ["tools/package.sh"], { stdio: ["ignore", "ignore", "inherit"] });
const out = join(staging, "package");
mkdirSync(out, { recursive: true });
cpSync("target/package/onedrive-picker", out, { recursive: true });
for (const file of ["example.html", "example.js", "example.css", "loopback.js"]) cpSync(join("www", file), join(out, file));
execFileSync("esbuild", ["www/demo.js", "--bundle", "--minify", "--format=esm", "--log-level=warning",
  "--external:./package/*", `--outfile=${join(staging, "demo.js")}`], { stdio: "inherit" });
// The demo page as served: without the source's comments and the blank lines Trunk leaves
// (its stylesheet keeps its bytes: the page names it with its integrity hash).
const page = join(staging, "index.html");
writeFileSync(page, readFileSync(page, "utf8").replace(/<!--[\s\S]*?-->/g, "").replace(/\n\s*(?=\n)/g, ""));
