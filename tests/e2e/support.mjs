// Shared end-to-end fixtures: the emulator binary, a static server for dist/, and Chromium.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { createServer } from "node:http";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { createRequire } from "node:module";

export const ROOT = resolve(import.meta.dirname, "../..");
const require = createRequire(join(ROOT, "tools/package.json"));
const { chromium } = require("playwright-core");

/**
 * Starts `target/debug/emulator --port 0` and resolves once it listens with its base URL (Graph
 * and sign-in) and its file host's (`files`: downloads and thumbnails, another origin).
 */
export function startEmulator(args = []) {
  const bin = process.env.EMULATOR_BIN ?? join(ROOT, "target/debug/emulator");
  const child = spawn(bin, ["--port", "0", ...args], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((ok, fail) => {
    let out = "";
    const timer = setTimeout(() => fail(new Error("emulator did not start: " + out)), 30_000);
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      const files = out.match(/file host on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m && files) {
        clearTimeout(timer);
        ok({ base: m[1], files: files[1], stop: () => child.kill() });
      }
    });
    child.on("exit", (code) => fail(new Error(`emulator exited with ${code}: ${out}`)));
  });
}

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".svg": "image/svg+xml" };

/**
 * Serves `dir` on 127.0.0.1 (a free port); unknown paths, and those in `standIn`, get a plain
 * page (a redirect target whose URL a test reads itself). `headers` go on every response.
 */
export function serveStatic({ dir = join(ROOT, "dist"), standIn = [], headers = {} } = {}) {
  const server = createServer(async (req, res) => {
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    const path = new URL(req.url, "http://x").pathname;
    if (standIn.includes(path)) {
      return res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>redirect target</title>");
    }
    const file = normalize(join(dir, path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(dir)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>redirect target</title>");
    }
  });
  return new Promise((ok) =>
    server.listen(0, "127.0.0.1", () => ok({ origin: `http://127.0.0.1:${server.address().port}`, stop: () => server.close() })),
  );
}

/** The seeded tenant's accounts: two work accounts of Contoso, and a personal one. */
export const ADELE = "AdeleV@contoso.onmicrosoft.com";
export const MEGAN = "MeganB@contoso.onmicrosoft.com";
export const PAT = "pat.kim@outlook.com";

/**
 * Writes a portal page into `dir` (an `installPackage()` directory) and returns the address of
 * that page on `site` for `query`. The page has the element, with its attributes from the page's
 * query (the client, the emulator's authority and Graph unless the query says otherwise), a
 * button "Attach from Microsoft 365" that opens `OneDrivePicker.open()` with the same client,
 * and a status that says what was picked ("Picked: a, b"). It loads the emulator's bridge script
 * (`/naa/bridge.js`, as a Teams app loads TeamsJS), which offers nested app authentication only
 * when the emulator's host page frames it.
 */
export function writePortal(dir, emulator) {
  const attributes = { "client-id": PORTAL_CLIENT, authority: `${emulator.base}/common`, "graph-url": `${emulator.base}/v1.0` };
  const dialog = { clientId: PORTAL_CLIENT, authority: attributes.authority, graphBase: attributes["graph-url"] };
  writeFileSync(
    join(dir, "index.html"),
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>Portal</title>
<h1>Connector for Microsoft 365</h1>
<script src="${emulator.base}/naa/bridge.js"></script>
<script type="module" src="portal.js"></script>
<button id="attach">Attach from Microsoft 365</button>
<p role="status"></p>
</html>`,
  );
  writeFileSync(
    join(dir, "portal.js"),
    `import { OneDrivePicker } from "/node_modules/onedrive-picker/onedrive-picker.js";
const show = (items) => (document.querySelector("[role=status]").textContent = "Picked: " + items.map((i) => i.name).join(", "));
const picker = document.createElement("onedrive-picker");
for (const [name, value] of new URLSearchParams(location.search)) picker.setAttribute(name, value);
picker.addEventListener("picker-pick", (e) => show(e.detail));
document.querySelector("h1").after(picker);
const dialog = { ...${JSON.stringify(dialog)}, authMode: picker.getAttribute("auth-mode") ?? undefined };
document.getElementById("attach").addEventListener("click", () => OneDrivePicker.open(dialog).then(show, () => {}));
// Back from a redirect sign-in begun in the dialog: the dialog again.
OneDrivePicker.resume(dialog).then((items) => items && show(items), () => {});
`,
  );
  return (site, query = {}) => `${site.origin}/?${new URLSearchParams({ ...attributes, ...query })}`;
}

/** The portal's own app registration in the emulator: the package's redirect page, any loopback port. */
export const PORTAL_CLIENT = "0d5e2c1b-7f3a-4e6d-9c8b-1a2b3c4d5e6f";

/**
 * "Installs" the packed tarball (`tools/package.sh`) the way a portal would, unpacked under
 * `node_modules/onedrive-picker` of a fresh directory, and writes `apps.json` there registering
 * the portal's app (redirect URIs on 127.0.0.1 and localhost, for its window and for a host
 * brokering its tokens). Returns the directory and the
 * emulator arguments that load the registration.
 */
export function installPackage() {
  const tarball = readdirSync(join(ROOT, "target/package")).find((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error("tools/package.sh has not packed the tarball");
  const dir = mkdtempSync(join(tmpdir(), "portal-"));
  mkdirSync(join(dir, "node_modules/onedrive-picker"), { recursive: true });
  execFileSync("tar", ["-xzf", join(ROOT, "target/package", tarball), "-C", join(dir, "node_modules/onedrive-picker"), "--strip-components=1"]);
  const redirect = (host) => `http://${host}:8080/node_modules/onedrive-picker/auth.html`;
  const apps = join(dir, "apps.json");
  writeFileSync(
    apps,
    JSON.stringify([
      {
        clientId: PORTAL_CLIENT, displayName: "Contoso portal",
        // The package's redirect page; and nested app authentication, as Entra requires it.
        spaRedirectUris: [redirect("127.0.0.1"), redirect("localhost"), "brk-multihub://localhost:8080", "brk-multihub://127.0.0.1:8080"],
        webRedirectUris: [], signInAudience: "AzureADandPersonalMicrosoftAccount",
        apiPermissions: ["User.Read", "Files.Read.All", "Sites.Read.All"],
      },
    ]),
  );
  return { dir, emulatorArgs: ["--apps", apps] };
}

/**
 * Playwright turns third-party storage partitioning off; Chrome has it on. Passing this after
 * Playwright's own `--disable-features` (the last one wins) keeps its other choices and gives
 * back the browser's default, for tests of embedding in frames of another origin.
 */
export const PARTITIONED = "--disable-features=HttpsUpgrades,Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,GlobalMediaControls,DestroyProfileOnBrowserClose,AvoidUnnecessaryBeforeUnloadCheckSync,PaintHolding,LensOverlay";

/** Ends what a test file started: browsers are closed, servers and emulators stopped (any left
 * unset, because `before` failed, are passed over). */
export async function stopAll(...things) {
  for (const thing of things) {
    if (typeof thing?.close === "function") await thing.close();
    else thing?.stop?.();
  }
}

/** Playwright itself (for a launch of one's own). */
export const playwright = () => ({ chromium });

/** Launches Debian's Chromium headless, with the flags this closed network needs (and `extra`). */
export async function launchBrowser(extra = []) {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", headless: true, args: chromiumArgs(extra) });
}

/**
 * A fresh browser profile of its own (a persistent context in a new directory). Unlike
 * `browser.newContext()`, which is off the record like an incognito window (third-party cookies
 * blocked), it keeps Chrome's default for a normal profile: third-party cookies allowed, which
 * silent sign-in in a hidden iframe needs.
 */
export async function launchProfile(extra = []) {
  const dir = mkdtempSync(join(tmpdir(), "profile-"));
  mkdirSync(join(dir, "Default"));
  // Third-party cookies allowed, as in Chrome's default settings (Chromium may ship blocking).
  writeFileSync(join(dir, "Default/Preferences"), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
  return chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: chromiumArgs(extra),
  });
}

function chromiumArgs(extra) {
  return [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    ...extra,
  ];
}

/**
 * Signs `upn` in over HTTP (as a portal's server holding a user's token would) and returns the
 * token response. Uses the emulator's demo app (or `app`: `{clientId, redirect}`) and its pages,
 * without a browser.
 */
export async function tokenFor(base, upn, scope, app = {}) {
  const { createHash, randomBytes } = await import("node:crypto");
  const clientId = app.clientId ?? "c5b4b6f0-1d2e-4f3a-9b8c-7d6e5f4a3b2c";
  const redirect = app.redirect ?? "http://127.0.0.1:8080/auth.html";
  const verifier = randomBytes(48).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const authorize = `${base}/common/oauth2/v2.0/authorize`;
  const query = new URLSearchParams({
    client_id: clientId, response_type: "code", redirect_uri: redirect, scope, state: "server",
    code_challenge: challenge, code_challenge_method: "S256", response_mode: "query",
  });
  let html = await (await fetch(`${authorize}?${query}`)).text();
  const field = (name) => html.match(new RegExp(`name="${name}" value="([^"]+)"`))[1];
  const account = html.match(new RegExp(`value="([^"]+)" data-upn="${upn}"`))[1];
  let r = await fetch(authorize, { method: "POST", redirect: "manual", body: new URLSearchParams({ ctx: field("ctx"), action: "signin", account }) });
  const cookie = (r.headers.get("set-cookie") ?? "").split(";")[0];
  if (r.status === 200) {
    html = await r.text();
    r = await fetch(authorize, {
      method: "POST", redirect: "manual", headers: { cookie },
      body: new URLSearchParams({ ctx: field("ctx"), action: "accept", account: field("account") }),
    });
  }
  const code = new URL(r.headers.get("location")).searchParams.get("code");
  const token = await fetch(`${base}/common/oauth2/v2.0/token`, {
    method: "POST",
    headers: { origin: "http://127.0.0.1:8080" },
    body: new URLSearchParams({ client_id: clientId, grant_type: "authorization_code", code, redirect_uri: redirect, code_verifier: verifier }),
  });
  return token.json();
}

const AXE = join(ROOT, "tools/node_modules/axe-core/axe.min.js");

/**
 * Runs axe-core (WCAG 2.x A and AA rules, and best practices) over the whole page, shadow roots
 * included, and returns its violations as short lines (`rule (impact): target — summary`).
 */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) {
    await page.evaluate(await readFile(AXE, "utf8"));
  }
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      resultTypes: ["violations"],
    });
    return result.violations.flatMap((v) =>
      v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.flat().join(" ")} — ${n.failureSummary.replace(/\s+/g, " ")}`),
    );
  });
}

/** Clicks `selector` (the sign-in button by default) and returns the sign-in window it opens. */
export async function clickSignIn(page, selector = 'role=button[name="Sign in with Microsoft"s]') {
  const [popup] = await Promise.all([page.waitForEvent("popup"), page.click(selector)]);
  // The pointer leaves for the sign-in window (resting where the button was, it would rest on
  // whatever row the picker draws there, and fetch that folder ahead).
  await page.mouse.move(0, 0);
  // The window goes to the authority in the click when the attempt was prepared, else opens
  // blank and is sent there once the flow's code is here (as MSAL.js does). A silent sign-in
  // (existing session and consent) may finish and close the window at once.
  await popup.waitForURL((u) => u.protocol !== "about:", { timeout: 15_000 }).catch(() => {});
  await popup.waitForLoadState().catch(() => {});
  return popup;
}

/**
 * Completes the emulator's pages in the sign-in window as `upn`: picks the account, then accepts
 * consent if the emulator asks (the window closes by itself when it does not).
 */
export async function completeSignIn(popup, upn) {
  await popup.click(`button[data-upn="${upn}"]`);
  const consent = await Promise.race([
    popup.waitForSelector("#accept", { timeout: 10_000 }).then(() => true),
    popup.waitForEvent("close", { timeout: 10_000 }).then(() => false),
  ]).catch(() => false);
  if (consent) await popup.click("#accept");
}

/**
 * The option the listing's keyboard focus is on, as a screen reader follows it: the one the
 * listbox names in `aria-activedescendant`. `scope` is a page or a locator.
 */
export async function activeOption(scope) {
  const id = await scope.locator("role=listbox").getAttribute("aria-activedescendant");
  assert.ok(id, "the listbox has an active option");
  return scope.locator(`[id="${id}"]`);
}
