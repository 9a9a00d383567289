// End-to-end: the packed npm tarball in a page with no Rust of its own — the <onedrive-picker>
// element configured only by attributes signs in, browses and announces a pick as a DOM event.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startEmulator, serveStatic, launchBrowser, clickSignIn, completeSignIn } from "./support.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const ADELE = "AdeleV@contoso.onmicrosoft.com";
// The portal's own registration: its redirect page is the package's (any loopback port).
const CLIENT = "0d5e2c1b-7f3a-4e6d-9c8b-1a2b3c4d5e6f";
const REDIRECT = "http://127.0.0.1:8080/node_modules/onedrive-picker/auth.html";
let emulator, site, browser, dir;

before(async () => {
  // "Install" the tarball the way a portal would: unpacked under node_modules.
  const tarball = readdirSync(join(ROOT, "target/package")).find((f) => f.endsWith(".tgz"));
  assert.ok(tarball, "tools/package.sh has packed the tarball");
  dir = mkdtempSync(join(tmpdir(), "portal-"));
  mkdirSync(join(dir, "node_modules/onedrive-picker"), { recursive: true });
  execFileSync("tar", ["-xzf", join(ROOT, "target/package", tarball), "-C", join(dir, "node_modules/onedrive-picker"), "--strip-components=1"]);
  const apps = join(dir, "apps.json");
  writeFileSync(
    apps,
    JSON.stringify([
      {
        clientId: CLIENT, displayName: "Contoso portal", spaRedirectUris: [REDIRECT], webRedirectUris: [],
        signInAudience: "AzureADandPersonalMicrosoftAccount", apiPermissions: ["User.Read", "Files.Read.All", "Sites.Read.All"],
      },
    ]),
  );
  emulator = await startEmulator(["--apps", apps]);
  writeFileSync(
    join(dir, "index.html"),
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>Portal</title>
<h1>Connector for Microsoft 365</h1>
<script type="module" src="/node_modules/onedrive-picker/onedrive-picker.js"></script>
<onedrive-picker client-id="${CLIENT}" authority="${emulator.base}/common" graph-url="${emulator.base}/v1.0"
  scopes="User.Read Files.Read.All Sites.Read.All" multiple max-count="2" open-files="false"
  token-storage="session"></onedrive-picker>
</html>`,
  );
  site = await serveStatic({ dir, headers: { "content-security-policy": "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' http://127.0.0.1:*; connect-src 'self' http://127.0.0.1:*; frame-src http://127.0.0.1:*" } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  emulator?.stop();
  site?.stop();
});

test("the packed element, configured by attributes only, signs in and announces a pick", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    window.picks = [];
    document.addEventListener("pick", (e) => window.picks.push(e.detail));
  });
  await page.goto(`${site.origin}/`);
  // Nothing mounts until the element is on the page; the element's styles stay in its shadow root.
  await page.waitForSelector("onedrive-picker .odp-signin-button");
  assert.equal(await page.evaluate(() => document.querySelector(".odp-picker")), null, "not in the light DOM");
  assert.equal(await page.evaluate(() => document.styleSheets.length), 0, "no stylesheet in the page");
  const popup = await clickSignIn(page);
  await completeSignIn(popup, ADELE);
  await page.waitForSelector('onedrive-picker .odp-item[title="Welcome.docx"]');
  await page.click('onedrive-picker .odp-item[title="Welcome.docx"]');
  await page.click('onedrive-picker .odp-item[title="Budget.xlsx"]');
  await page.click("onedrive-picker .odp-confirm");
  await page.waitForFunction(() => window.picks.length === 1);
  const [picked] = await page.evaluate(() => window.picks);
  assert.deepEqual(picked.map((i) => i.name), ["Welcome.docx", "Budget.xlsx"]);
  // An attribute change applies at once (the session survives in the storage the page chose);
  // removing the element unmounts it.
  await page.evaluate(() => document.querySelector("onedrive-picker").setAttribute("mode", "folders"));
  await page.waitForSelector('onedrive-picker .odp-item[title="Welcome.docx"][aria-disabled="true"]');
  await page.evaluate(() => document.querySelector("onedrive-picker").remove());
  assert.deepEqual(errors, []);
  await context.close();
});

/** The portal page in a fresh browser profile, its element showing sign-in. */
async function portal() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${site.origin}/`);
  await page.waitForSelector("onedrive-picker .odp-signin-button");
  return { context, page };
}

/** Calls `OneDrivePicker.open(options)` in the page; `window.result` settles with its outcome. */
function openDialog(page, options = {}) {
  return page.evaluate(
    async ({ client, base, options }) => {
      const { OneDrivePicker } = await import("/node_modules/onedrive-picker/onedrive-picker.js");
      window.result = OneDrivePicker.open({ clientId: client, authority: `${base}/common`, graphBase: `${base}/v1.0`, ...options })
        .then((items) => ({ items }), (e) => ({ error: { name: e.name, code: e.code } }));
    },
    { client: CLIENT, base: emulator.base, options },
  );
}

test("a bad attribute is an `error` event with a code", async () => {
  const { context, page } = await portal();
  const detail = await page.evaluate(
    () =>
      new Promise((ok) => {
        const el = document.createElement("onedrive-picker");
        el.setAttribute("graph-url", location.origin.replace("127.0.0.1", "localhost") + "/v1.0");
        el.setAttribute("mode", "everything");
        el.addEventListener("error", (e) => ok(e.detail));
        document.body.append(el);
      }),
  );
  assert.equal(detail.code, "config_error");
  assert.match(detail.message, /mode/);
  await context.close();
});

test("OneDrivePicker.open() resolves with the items, and rejects on Escape with a code", async () => {
  const { context, page } = await portal();
  await page.evaluate(() => {
    document.querySelector("onedrive-picker").remove();
    const opener = document.createElement("button");
    opener.id = "opener";
    opener.textContent = "Choose files";
    document.body.append(opener);
    opener.focus();
  });
  // A fresh profile: the dialog signs in first.
  await openDialog(page, { scopes: "User.Read Files.Read.All" });
  await page.waitForSelector("dialog[open] onedrive-picker .odp-signin-button");
  await completeSignIn(await clickSignIn(page, "dialog .odp-signin-button"), ADELE);
  await page.click('dialog .odp-item[title="Notes.txt"]');
  await page.click("dialog .odp-confirm");
  const { items } = await page.evaluate(() => window.result);
  assert.deepEqual(items.map((i) => i.name), ["Notes.txt"]);
  assert.equal(await page.locator("dialog").count(), 0, "the dialog is gone");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "opener", "focus returned to the opener");
  // Escape: rejected with a code.
  await openDialog(page);
  await page.waitForSelector("dialog[open] onedrive-picker .odp-picker");
  await page.keyboard.press("Escape");
  assert.deepEqual(await page.evaluate(() => window.result), { error: { name: "PickerError", code: "cancelled" } });
  await context.close();
});
