// Trunk post-build hook: builds the npm package (tools/package.sh) and puts it, with the example
// portal page (www/example.*), under /package/ of the demo, so that the demo shows all three ways
// in — the Leptos component (the demo page itself), the <onedrive-picker> element and
// OneDrivePicker.open() (/package/example.html) — from the same code.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync } from "node:fs";
import { join } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error("run as a Trunk post_build hook (TRUNK_STAGING_DIR is not set)");
execFileSync("bash", ["tools/package.sh"], { stdio: ["ignore", "ignore", "inherit"] });
const out = join(staging, "package");
mkdirSync(out, { recursive: true });
cpSync("target/package/onedrive-picker", out, { recursive: true });
for (const file of ["example.html", "example.js", "example.css"]) cpSync(join("www", file), join(out, file));
