// End-to-end: the packed npm tarball in a page with no Rust of its own — the <onedrive-picker>
// element configured only by attributes signs in, browses and announces a pick as a DOM event.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { startEmulator, serveStatic, launchBrowser, clickSignIn, completeSignIn, installPackage, tokenFor, PORTAL_CLIENT as CLIENT, stopAll } from "./support.mjs";

const ADELE = "AdeleV@contoso.onmicrosoft.com";
let emulator, site, browser, dir;

before(async () => {
  let emulatorArgs;
  ({ dir, emulatorArgs } = installPackage());
  emulator = await startEmulator(emulatorArgs);
  writeFileSync(
    join(dir, "index.html"),
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>Portal</title>
<h1>Connector for Microsoft 365</h1>
<script type="module" src="/node_modules/onedrive-picker/onedrive-picker.js"></script>
<onedrive-picker client-id="${CLIENT}" authority="${emulator.base}/common" graph-url="${emulator.base}/v1.0"
  scopes="User.Read Files.Read.All Sites.Read.All" multiple max-count="2" open-files="false"></onedrive-picker>
</html>`,
  );
  writeFileSync(join(dir, "blank.html"), `<!doctype html><html lang="en"><meta charset="utf-8"><title>Blank</title><h1>Blank</h1></html>`);
  site = await serveStatic({ dir, headers: { "content-security-policy": "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' http://127.0.0.1:*; connect-src 'self' http://127.0.0.1:*; frame-src http://127.0.0.1:*" } });
  browser = await launchBrowser();
});

after(() => stopAll(browser, emulator, site));

test("the packed element, configured by attributes only, signs in and announces a pick", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    window.picks = [];
    window.events = [];
    document.addEventListener("picker-pick", (e) => window.picks.push(e.detail));
    for (const type of ["signin", "signout", "error"]) {
      document.addEventListener(`picker-${type}`, (e) => window.events.push({ type, detail: e.detail }));
    }
  });
  await page.goto(`${site.origin}/`);
  // Nothing mounts until the element is on the page; the element's styles stay in its shadow root.
  await page.waitForSelector('onedrive-picker >> role=button[name="Sign in with Microsoft"s]');
  assert.equal(await page.evaluate(() => document.querySelector(".odp-picker")), null, "not in the light DOM");
  assert.equal(await page.evaluate(() => document.styleSheets.length), 0, "no stylesheet in the page");
  const popup = await clickSignIn(page);
  await completeSignIn(popup, ADELE);
  await page.waitForSelector('onedrive-picker >> role=option[name="Welcome.docx"s]');
  await page.click('onedrive-picker >> role=option[name="Welcome.docx"s]');
  await page.click('onedrive-picker >> role=option[name="Budget.xlsx"s]');
  await page.click('onedrive-picker >> role=button[name="Select"s]');
  await page.waitForFunction(() => window.picks.length === 1);
  const [picked] = await page.evaluate(() => window.picks);
  assert.deepEqual(picked.map((i) => i.name), ["Welcome.docx", "Budget.xlsx"]);
  const [signin, ...others] = await page.evaluate(() => window.events);
  assert.deepEqual(others, []);
  assert.equal(signin.type, "signin");
  assert.equal(signin.detail.name, "Adele Vance");
  assert.equal(signin.detail.username, ADELE);
  assert.match(signin.detail.tenantId, /^[0-9a-f]{8}-[0-9a-f-]{27}$/);
  // An attribute change applies at once, and the account stays signed in (tokens in memory).
  await page.evaluate(() => document.querySelector("onedrive-picker").setAttribute("mode", "folders"));
  await page.waitForSelector('onedrive-picker >> role=option[name="Welcome.docx"s][disabled]');
  await page.waitForSelector('onedrive-picker >> role=group[name="Adele Vance"s]'); // who is signed in
  await page.evaluate(() => document.querySelector("onedrive-picker").setAttribute("locale", "de"));
  await page.waitForSelector('onedrive-picker >> role=button[name="Auswählen"s]');
  await page.click('onedrive-picker >> role=button[name="Abmelden"s]');
  await page.waitForSelector('onedrive-picker >> role=button[name="Mit Microsoft anmelden"s]');
  assert.deepEqual((await page.evaluate(() => window.events)).map((e) => e.type), ["signin", "signout"]);
  // Removing the element unmounts it.
  await page.evaluate(() => document.querySelector("onedrive-picker").remove());
  assert.deepEqual(errors, []);
  await context.close();
});

test("element conventions: properties set before the element is defined are taken up and reflected, and its events leave a host dialog open", async () => {
  const { access_token: token } = await tokenFor(emulator.base, ADELE, "User.Read Files.Read.All", {
    clientId: CLIENT, redirect: "http://127.0.0.1:8080/node_modules/onedrive-picker/auth.html",
  });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${site.origin}/blank.html`);
  const seen = await page.evaluate(async ({ base, token }) => {
    // Before the module loads: plain properties on an element nobody has defined yet.
    const dialog = document.createElement("dialog");
    const el = document.createElement("onedrive-picker");
    el.graphBase = `${base}/v1.0`;
    el.multiple = true;
    el.maxCount = 2;
    el.tokenProvider = async () => token;
    window.events = [];
    for (const type of ["cancel", "error", "close"]) dialog.addEventListener(type, () => window.events.push(`dialog ${type}`));
    el.addEventListener("picker-cancel", () => window.events.push("picker-cancel"));
    dialog.append(el);
    document.body.append(dialog);
    dialog.showModal();
    const { OneDrivePickerElement } = await import("/node_modules/onedrive-picker/onedrive-picker.js");
    await customElements.whenDefined("onedrive-picker");
    return {
      upgraded: el instanceof OneDrivePickerElement,
      attributes: ["graph-url", "multiple", "max-count"].map((a) => el.getAttribute(a)),
      properties: [el.graphBase, el.multiple, el.maxCount, el.mode, typeof el.tokenProvider],
    };
  }, { base: emulator.base, token });
  assert.deepEqual(seen, {
    upgraded: true,
    attributes: [`${emulator.base}/v1.0`, "", "2"],
    properties: [`${emulator.base}/v1.0`, true, 2, null, "function"],
  });
  // The token provider signs in: no sign-in screen. Cancel is the picker's event, not the dialog's.
  await page.click('onedrive-picker >> role=option[name="Welcome.docx"s]');
  await page.click('onedrive-picker >> role=button[name="Cancel"s]');
  await page.waitForFunction(() => window.events.length > 0);
  assert.deepEqual(await page.evaluate(() => window.events), ["picker-cancel"]);
  assert.equal(await page.evaluate(() => document.querySelector("dialog").open), true, "the host dialog stays open");
  // A flag set false removes its attribute.
  assert.equal(await page.evaluate(() => { const el = document.querySelector("onedrive-picker"); el.multiple = false; return el.hasAttribute("multiple"); }), false);
  await context.close();
});

/** The portal page in a fresh browser profile, its element showing sign-in. */
async function portal() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${site.origin}/`);
  await page.waitForSelector('onedrive-picker >> role=button[name="Sign in with Microsoft"s]');
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

test("an error the user sees is a `picker-error` event: a blocked sign-in window", async () => {
  const { context, page } = await portal();
  const detail = await page.evaluate(
    () =>
      new Promise((ok) => {
        window.open = () => null;
        const el = document.querySelector("onedrive-picker");
        el.addEventListener("picker-error", (e) => ok(e.detail));
        el.shadowRoot.querySelector(".odp-signin-button").click();
      }),
  );
  assert.equal(detail.code, "popup_blocked");
  assert.equal(detail.action, "retry");
  assert.match(detail.message, /blocked/);
  assert.equal(detail.requestId, null);
  await context.close();
});

test("a bad attribute is a `picker-error` event with a code", async () => {
  const { context, page } = await portal();
  const detail = await page.evaluate(
    () =>
      new Promise((ok) => {
        const el = document.createElement("onedrive-picker");
        el.setAttribute("graph-url", location.origin.replace("127.0.0.1", "localhost") + "/v1.0");
        el.setAttribute("mode", "everything");
        el.addEventListener("picker-error", (e) => ok(e.detail));
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
  await page.waitForSelector('dialog[open] onedrive-picker >> role=button[name="Sign in with Microsoft"s]');
  await completeSignIn(await clickSignIn(page, 'dialog >> role=button[name="Sign in with Microsoft"s]'), ADELE);
  await page.click('dialog >> role=option[name="Notes.txt"s]');
  await page.click('dialog >> role=button[name="Select"s]');
  const { items } = await page.evaluate(() => window.result);
  assert.deepEqual(items.map((i) => i.name), ["Notes.txt"]);
  assert.equal(await page.locator("dialog").count(), 0, "the dialog is gone");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "opener", "focus returned to the opener");
  // Escape: rejected with a code.
  await openDialog(page);
  await page.waitForSelector("dialog[open] onedrive-picker .odp-picker");
  await page.keyboard.press("Escape");
  assert.deepEqual(await page.evaluate(() => window.result), { error: { name: "PickerError", code: "cancelled" } });
  // Bad options: rejected with the configuration error, and no dialog is left behind.
  await openDialog(page, { mode: "everything" });
  assert.deepEqual(await page.evaluate(() => window.result), { error: { name: "PickerError", code: "config_error" } });
  assert.equal(await page.locator("dialog").count(), 0);
  await context.close();
});

test("importing the package where there is no DOM (server rendering, Node) defines nothing and throws nothing", () => {
  const entry = join(dir, "node_modules/onedrive-picker/onedrive-picker.js");
  // A process of its own: no DOM globals, nothing left behind.
  const out = execFileSync(process.execPath, [
    "--input-type=module",
    "-e",
    `const m = await import(${JSON.stringify(pathToFileURL(entry).href)});
     const opened = await m.open({ clientId: "c" }).then(() => "resolved", (e) => e.name + " " + e.code);
     const resumed = await m.resume({ clientId: "c" });
     console.log(JSON.stringify({ keys: Object.keys(m).sort(), dom: typeof customElements, opened, resumed }));`,
  ]).toString();
  const { keys, dom, opened, resumed } = JSON.parse(out);
  assert.equal(dom, "undefined", "the test runs without a DOM");
  assert.equal(opened, "PickerError no_browser", "open() where there is no DOM rejects, typed");
  assert.equal(resumed, null, "resume() where there is no DOM has nothing to resume");
  assert.deepEqual(keys, ["OneDrivePicker", "OneDrivePickerElement", "PickerError", "load", "mountPicker", "open", "resume", "setAssetBase"]);
});

test("the element fills the box the page gives it, and the list follows the box when it changes", async () => {
  // Scrollbars that take room (as in Firefox and on Windows), not Playwright's hidden ones.
  const { chromium } = await import("./support.mjs").then((m) => m.playwright());
  const classic = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", headless: true, ignoreDefaultArgs: ["--hide-scrollbars"], args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  try {
    const page = await classic.newPage({ viewport: { width: 1100, height: 1000 } });
    await page.goto(`${site.origin}/`);
    await page.evaluate(() => (document.querySelector("onedrive-picker").style.height = "600px"));
    const popup = await clickSignIn(page);
    await completeSignIn(popup, ADELE);
    await page.waitForSelector('onedrive-picker >> role=option[name="Welcome.docx"s]');
    const box = async () => {
      const element = await page.locator("onedrive-picker").boundingBox();
      const select = await page.locator("onedrive-picker").getByRole("button", { name: "Select", exact: true }).boundingBox();
      const list = await page.locator("onedrive-picker").getByRole("listbox").boundingBox();
      return { element, select, list };
    };
    let b = await box();
    assert.equal(Math.round(b.element.height), 600);
    assert.ok(b.select.y + b.select.height <= b.element.y + b.element.height + 1, `Select inside the box: ${JSON.stringify(b)}`);
    const rows = () => page.locator("onedrive-picker .odp-item").count();
    const before = await rows();
    // Taller: the list takes the room, and renders the rows that now show.
    await page.evaluate(() => (document.querySelector("onedrive-picker").style.height = "950px"));
    await page.waitForFunction(() => document.querySelector("onedrive-picker").shadowRoot.querySelector(".odp-items").clientHeight > 600);
    b = await box();
    assert.ok(b.select.y + b.select.height <= b.element.y + b.element.height + 1);
    assert.ok(b.list.height > 600, `the list grew: ${b.list.height}`);
    assert.ok((await rows()) >= before, "rows follow the height");
    // Headings sit over their values though the list's scrollbar takes room.
    const [heading, value] = await page.evaluate(() => {
      const root = document.querySelector("onedrive-picker").shadowRoot;
      const right = (e) => Math.round(e.getBoundingClientRect().right);
      return [right(root.querySelector(".odp-col-size")), right(root.querySelector(".odp-item .odp-size"))];
    });
    assert.equal(heading, value, "the Size heading's right edge is its values'");
  } finally {
    await classic.close();
  }
});
