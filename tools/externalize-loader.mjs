// Trunk post-build hook: moves the inline module script Trunk writes into index.html (the wasm
// loader) into its own file, so that the page works under a strict Content-Security-Policy
// (`script-src 'self' 'wasm-unsafe-eval'`, no inline script). The file is named by its content
// hash and referenced with Subresource Integrity, like Trunk's other assets.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("run as a Trunk post_build hook (TRUNK_STAGING_DIR is not set)");
const index = join(dir, "index.html");
const html = readFileSync(index, "utf8");
const inline = /<script type="module">([\s\S]*?)<\/script>/g;
const found = [...html.matchAll(inline)];
if (found.length !== 1) throw new Error(`expected one inline module script in index.html, found ${found.length}`);
const code = found[0][1].trim() + "\n";
const name = `loader-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.js`;
const integrity = `sha384-${createHash("sha384").update(code).digest("base64")}`;
writeFileSync(join(dir, name), code);
writeFileSync(index, html.replace(found[0][0], `<script type="module" src="/${name}" integrity="${integrity}"></script>`));
if (/<script(?![^>]*\ssrc=)[^>]*>/.test(readFileSync(index, "utf8"))) throw new Error("an inline script is left in index.html");
console.log(`externalize-loader: ${name}`);
