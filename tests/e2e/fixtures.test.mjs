// End-to-end: the packed tarball adopted as developers adopt a package. `npm ci` installs the
// example apps' workspace (examples/), `npm install` adds the tarball; `tsc --noEmit` checks the
// typed fixtures (and must refuse the wrong one); Vite + React 19, Vite + Vue 3, Vite + Svelte 5,
// webpack 5 and Angular (a project of its own: its TypeScript is not the workspace's) build the
// apps with the registry's releases, and each app, and a plain page with no bundler, signs in and
// picks in Chromium against the emulator, under a strict CSP, with no request failing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, ADELE, startEmulator, serveStatic, launchBrowser, clickSignIn, completeSignIn, stopAll } from "./support.mjs";

const EXAMPLES = join(ROOT, "examples");
const CLIENT = "c5b4b6f0-1d2e-4f3a-9b8c-7d6e5f4a3b2c";
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' http://127.0.0.1:*; connect-src 'self' http://127.0.0.1:*; frame-src http://127.0.0.1:*";
let emulator, browser;

const npm = (args, cwd = EXAMPLES) => execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, stdio: ["ignore", "ignore", "inherit"] });

before(async () => {
  const tarball = readdirSync(join(ROOT, "target/package")).find((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error("tools/package.sh has not packed the tarball");
  for (const project of [EXAMPLES, join(EXAMPLES, "angular")]) {
    npm(["ci"], project);
    npm(["install", "--no-save", join(ROOT, "target/package", tarball)], project);
  }
  // The apps' registration: the redirect pages they serve (any loopback port, as Entra allows).
  const apps = join(mkdtempSync(join(tmpdir(), "apps-")), "apps.json");
  const redirect = (path) => [`http://127.0.0.1:8080${path}`, `http://localhost:8080${path}`];
  writeFileSync(apps, JSON.stringify([{
    clientId: CLIENT, displayName: "Contoso report builder",
    spaRedirectUris: [...redirect("/auth.html"), ...redirect("/node_modules/onedrive-picker/auth.html")],
    webRedirectUris: [], signInAudience: "AzureADandPersonalMicrosoftAccount",
    apiPermissions: ["User.Read", "Files.Read.All", "Sites.Read.All"],
  }]));
  emulator = await startEmulator(["--apps", apps]);
  browser = await launchBrowser();
});

after(() => stopAll(browser, emulator));

test("the types: tsc --noEmit passes over the typed fixtures and refuses the wrong one", () => {
  const tsc = (project) => spawnSync(join(EXAMPLES, "node_modules/.bin/tsc"), ["--noEmit", "-p", project], { cwd: join(EXAMPLES, "types"), encoding: "utf8" });
  const good = tsc("tsconfig.json");
  assert.equal(good.status, 0, good.stdout + good.stderr);
  const wrong = tsc("wrong/tsconfig.json");
  assert.notEqual(wrong.status, 0, "the wrong fixture must not compile");
  assert.match(wrong.stdout, /Property 'nmae' does not exist on type 'PickedItem'/);
  assert.match(wrong.stdout, /wrong\.ts\(5,1\): error TS2322/);
  // The React app's own code compiles against the JSX types.
  const react = spawnSync(join(EXAMPLES, "node_modules/.bin/tsc"), ["--noEmit", "-p", "tsconfig.json"], { cwd: join(EXAMPLES, "vite-react"), encoding: "utf8" });
  assert.equal(react.status, 0, react.stdout + react.stderr);
});

/** Opens `path` of `site` pointed at the emulator; returns the page and what failed to load. */
async function open(site, path) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const failures = [];
  page.on("pageerror", (e) => failures.push(String(e)));
  page.on("response", (r) => r.status() >= 400 && failures.push(`${r.status()} ${r.url()}`));
  page.on("requestfailed", (r) => failures.push(`failed ${r.url()}`));
  await page.goto(`${site.origin}${path}?emulator=${encodeURIComponent(emulator.base)}`);
  return { context, page, failures };
}

/** Signs in (through `signIn`, the picker's button) and picks Welcome.docx. */
async function signInAndPick(page, scope = "") {
  const popup = await clickSignIn(page, `${scope}role=button[name="Sign in with Microsoft"s]`);
  await completeSignIn(popup, ADELE);
  await page.click(`${scope}role=option[name="Welcome.docx"s]`);
  await page.click(`${scope}role=button[name="Select"s]`);
  await page.waitForSelector('role=status >> text="Picked: Welcome.docx"');
}

const APPS = [["vite-react", "element"], ["vite-vue", "element"], ["vite-svelte", "element"], ["webpack", "dialog"], ["angular", "element"]];
for (const [app, how] of APPS) {
  test(`${app}: built from the tarball, it signs in and picks`, async () => {
    npm(["run", "build"], join(EXAMPLES, app));
    const emitted = readdirSync(join(EXAMPLES, app, "dist"), { recursive: true }).map(String);
    // Every module the package ships (the first screen, the rest of the widget, a module per
    // language): the bundler saw each `new URL("./….wasm", import.meta.url)`.
    const shipped = readdirSync(join(ROOT, "target/package/onedrive-picker")).filter((f) => f.endsWith(".wasm"));
    assert.ok(shipped.length > 2, `the package's modules: ${shipped}`);
    assert.equal(emitted.filter((f) => f.endsWith(".wasm")).length, shipped.length, `every wasm module emitted: ${emitted}`);
    assert.ok(emitted.some((f) => f.endsWith(".css")), "the stylesheet emitted");
    assert.ok(emitted.includes("auth.html") && emitted.includes("auth.js"), "the redirect page at the root");
    const site = await serveStatic({ dir: join(EXAMPLES, app, "dist"), headers: { "content-security-policy": CSP } });
    try {
      const { context, page, failures } = await open(site, "/");
      if (how === "dialog") {
        await page.getByRole("button", { name: "Attach from Microsoft 365" }).click();
        await signInAndPick(page, "role=dialog >> ");
        assert.equal(await page.locator("dialog").count(), 0, "the dialog is gone");
      } else {
        await signInAndPick(page, "onedrive-picker >> ");
      }
      assert.deepEqual(failures, []);
      await context.close();
    } finally {
      site.stop();
    }
  });
}

test("plain HTML, no bundler: the package served as it is signs in and picks", async () => {
  const site = await serveStatic({ dir: EXAMPLES, headers: { "content-security-policy": CSP } });
  try {
    const { context, page, failures } = await open(site, "/plain-html/index.html");
    await signInAndPick(page, "onedrive-picker >> ");
    assert.deepEqual(failures, []);
    await context.close();
  } finally {
    site.stop();
  }
});
