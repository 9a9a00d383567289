// End-to-end: uploads, new folders and sharing links in Chromium against the emulator, in all
// three ways in — the Leptos component (the demo), mountPicker and the <onedrive-picker> element
// (the packed tarball). Bytes are compared through the emulator's download URL.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  startEmulator, serveStatic, launchBrowser, clickSignIn, completeSignIn, installPackage, tokenFor,
  axeViolations, PORTAL_CLIENT as CLIENT, stopAll,
} from "./support.mjs";

const ADELE = "AdeleV@contoso.onmicrosoft.com";
let emulator, strict, plain, demo, portal, browser, dir;
const files = mkdtempSync(join(tmpdir(), "uploads-"));

/** A file of `size` bytes (a pattern seeded by `seed`) written under the temp dir; its path. */
function localFile(name, size, seed = 1) {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed) & 0xff;
  const path = join(files, `${seed}`, name);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, bytes);
  return { path, sha: createHash("sha256").update(bytes).digest("hex") };
}

/** Graph for the test itself (a token of its own): GET a path, or an item's stored bytes' hash. */
async function graph(base, path) {
  const app = base === plain.base ? {} : { clientId: CLIENT, redirect: "http://127.0.0.1:8080/node_modules/onedrive-picker/auth.html" };
  const { access_token: token } = await tokenFor(base, ADELE, "Files.ReadWrite.All", app);
  const r = await fetch(`${base}/v1.0${path}`, { headers: { authorization: `Bearer ${token}` }, redirect: "manual" });
  if (r.status === 302) {
    const bytes = Buffer.from(await (await fetch(r.headers.get("location"))).arrayBuffer());
    return { status: 200, sha: createHash("sha256").update(bytes).digest("hex"), size: bytes.length };
  }
  return { status: r.status, body: r.status === 200 ? await r.json() : null };
}

/** Chooses `paths` as the user does: the button named `button`, then the file chooser. */
async function choose(page, button, paths, scope = "") {
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.click(`${scope}role=button[name="${button}"s]`)]);
  await chooser.setFiles(paths);
}

const fault = (base, rule) => fetch(`${base}/_emulator/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(rule) });

before(async () => {
  let emulatorArgs;
  ({ dir, emulatorArgs } = installPackage());
  [emulator, strict, plain, demo] = await Promise.all([
    startEmulator(emulatorArgs),
    startEmulator([...emulatorArgs, "--link-scopes", "organization,users"]),
    startEmulator(),
    serveStatic(),
  ]);
  const common = (base) => `client-id="${CLIENT}" authority="${base}/common" graph-url="${base}/v1.0" open-files="false"`;
  writeFileSync(
    join(dir, "element.html"),
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>Portal</title>
<script type="module" src="/node_modules/onedrive-picker/onedrive-picker.js"></script>
<onedrive-picker ${common(emulator.base)} scopes="User.Read Files.ReadWrite.All" upload
  upload-max-size="1000" upload-max-count="3" upload-accept=".txt .md"></onedrive-picker></html>`,
  );
  writeFileSync(
    join(dir, "links.html"),
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>Portal</title>
<script type="module" src="/node_modules/onedrive-picker/onedrive-picker.js"></script>
<onedrive-picker ${common(strict.base)} scopes="User.Read Files.ReadWrite.All" multiple share-link="view anonymous"></onedrive-picker></html>`,
  );
  writeFileSync(
    join(dir, "anonymous.html"),
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>Portal</title>
<script type="module" src="/node_modules/onedrive-picker/onedrive-picker.js"></script>
<onedrive-picker ${common(emulator.base)} scopes="User.Read Files.ReadWrite.All" share-link="view anonymous"></onedrive-picker></html>`,
  );
  writeFileSync(
    join(dir, "mount.html"),
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>Portal</title>
<div id="files"></div>
<script type="module">
import init, { mountPicker } from "/node_modules/onedrive-picker/onedrive_picker.js";
await init({ module_or_path: "/node_modules/onedrive-picker/onedrive_picker_bg.wasm" });
window.uploaded = []; window.progress = [];
mountPicker(document.getElementById("files"), {
  clientId: "${CLIENT}", authority: "${emulator.base}/common", graphBase: "${emulator.base}/v1.0",
  redirectUri: location.origin + "/node_modules/onedrive-picker/auth.html",
  scopes: "User.Read Files.Read.All Sites.Read.All", upload: true, uploadMaxSize: 100 * 1024 * 1024,
  onUpload: (items) => window.uploaded.push(items), onUploadProgress: (p) => window.progress.push(p),
});
</script></html>`,
  );
  portal = await serveStatic({ dir });
  browser = await launchBrowser();
});

after(() => stopAll(browser, emulator, strict, plain, demo, portal));

async function open(url, upn = ADELE) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const uploads = [];
  page.on("request", (r) => {
    if (r.url().includes("/_upload/") || r.url().includes(":/content")) uploads.push({ method: r.method(), url: r.url(), range: r.headers()["content-range"] });
  });
  await page.goto(url);
  const popup = await clickSignIn(page);
  await completeSignIn(popup, upn);
  await page.waitForSelector('role=option[name="Documents"s]');
  return { context, page, errors, uploads };
}

test("mountPicker: asks for the write permission, then uploads a small and a 50 MB file through a 503 and a dropped connection, exactly", async () => {
  const { context, page, errors, uploads } = await open(`${portal.origin}/mount.html`);
  const small = localFile("hello.txt", 1234, 2);
  const big = localFile("fifty.bin", 50 * 1024 * 1024, 3);
  // The third fragment is refused with 503 (Retry-After 1); the sixth is taken but its answer lost.
  await fault(emulator.base, { fault: "unavailable", path_contains: "/_upload/", method: "PUT", skip: 2, times: 1, retry_after: 1 });
  await fault(emulator.base, { fault: "drop", path_contains: "/_upload/", method: "PUT", skip: 6, times: 1 });
  await choose(page, "Upload files", [small.path, big.path]);
  // Files.Read.All only: the files wait, and the user is asked for the write permission.
  await page.waitForSelector('role=region[name="Uploads"s] >> role=alert');
  assert.equal(uploads.length, 0, "nothing sent before the permission");
  const [popup] = await Promise.all([page.waitForEvent("popup"), page.click('role=region[name="Uploads"s] >> role=button[name="Allow uploads"s]')]);
  // Signed in already: the emulator asks for consent to the new scope only.
  await popup.click("#accept");
  await page.waitForFunction(() => window.uploaded.length === 1, null, { timeout: 120_000 });
  const [items] = await page.evaluate(() => window.uploaded);
  assert.deepEqual(items.map((i) => [i.name, i.size]).sort(), [["fifty.bin", 50 * 1024 * 1024], ["hello.txt", 1234]]);
  // Progress: after every fragment, growing, ending at the whole.
  const progress = await page.evaluate(() => window.progress);
  const bigSteps = progress.filter((p) => p.path === "fifty.bin").map((p) => p.loaded);
  assert.ok(bigSteps.length >= 10, `progress per fragment: ${bigSteps.length}`);
  assert.deepEqual(bigSteps, [...bigSteps].sort((a, b) => a - b));
  const last = progress.at(-1);
  assert.equal(last.overallLoaded, last.overallTotal);
  assert.equal(last.overallTotal, 50 * 1024 * 1024 + 1234);
  // Fragments: multiples of 320 KiB, one refused and sent again, none after the drop sent twice.
  const ranges = uploads.filter((u) => u.method === "PUT" && u.range).map((u) => u.range);
  for (const r of ranges.slice(0, -1)) {
    const [, from, to] = r.match(/bytes (\d+)-(\d+)\//);
    assert.equal((Number(to) - Number(from) + 1) % 327680, 0, r);
  }
  assert.equal(ranges.length, new Set(ranges).size + 1, "only the 503'd fragment was sent twice");
  assert.ok(uploads.some((u) => u.method === "GET"), "the session was asked where to go on");
  assert.equal((await graph(emulator.base, "/me/drive/root:/fifty.bin:/content")).sha, big.sha);
  assert.equal((await graph(emulator.base, "/me/drive/root:/hello.txt:/content")).sha, small.sha);
  await page.waitForSelector('role=option[name="fifty.bin"s]');

  // Cancel: slow fragments, cancel during the session, and nothing is left.
  await fault(emulator.base, { fault: "latency", path_contains: "/_upload/", method: "PUT", latency_ms: 1500, times: 3 });
  const cancelled = localFile("cancelled.bin", 20 * 1024 * 1024, 4);
  await choose(page, "Upload files", [cancelled.path]);
  await page.waitForFunction(() => window.progress.some((p) => p.path === "cancelled.bin" && p.loaded > 0));
  const session = uploads.filter((u) => u.url.includes("/_upload/")).at(-1).url;
  const deleted = page.waitForRequest((r) => r.method() === "DELETE" && r.url() === session);
  await page.click('role=region[name="Uploads"s] >> role=button[name=/^Cancel /]');
  await page.waitForSelector('.odp-upload[data-state="cancelled"]');
  await (await deleted).response();
  assert.equal((await fetch(session)).status, 404, "the session was deleted");
  assert.equal((await graph(emulator.base, "/me/drive/root:/cancelled.bin")).status, 404, "no file");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the element: limits refuse files with the reason before a byte is sent", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const sent = [];
  page.on("request", (r) => r.method() === "PUT" && sent.push(decodeURIComponent(r.url())));
  await page.addInitScript(() => {
    window.uploaded = [];
    document.addEventListener("picker-upload", (e) => window.uploaded.push(e.detail));
  });
  await page.goto(`${portal.origin}/element.html`);
  const popup = await clickSignIn(page);
  await completeSignIn(popup, ADELE);
  await page.waitForSelector('onedrive-picker >> role=option[name="Documents"s]');
  const chosen = [
    localFile("ok.txt", 10, 5), localFile("large.txt", 1001, 5), localFile("tool.exe", 10, 5),
    localFile("two.md", 10, 5), localFile("three.txt", 10, 5), localFile("four.txt", 10, 5),
  ];
  await choose(page, "Upload files", chosen.map((f) => f.path), "onedrive-picker >> ");
  await page.waitForFunction(() => window.uploaded.length === 1);
  const states = await page.$$eval("onedrive-picker .odp-upload", (rows) =>
    rows.map((r) => [r.querySelector(".odp-upload-name").textContent, r.dataset.state, r.querySelector(".odp-upload-state").textContent]));
  assert.deepEqual(states, [
    ["ok.txt", "done", "Uploaded"],
    ["large.txt", "refused", "Larger than 1,000 bytes."],
    ["tool.exe", "refused", "This type of file can't be uploaded here."],
    ["two.md", "done", "Uploaded"],
    ["three.txt", "done", "Uploaded"],
    ["four.txt", "refused", "At most 3 files can be uploaded at once."],
  ]);
  assert.deepEqual(sent.map((u) => u.match(/root:\/(.+):\/content/)[1]), ["ok.txt", "two.md", "three.txt"]);
  await context.close();
});

test("the component: name conflicts (replace, keep both, skip for all), a new folder, a dropped file and a folder's structure", async () => {
  const { context, page, errors } = await open(`${demo.origin}/leptos/?emulator=${encodeURIComponent(plain.base)}`);
  const upload = async (...f) => choose(page, "Upload files", f.map((x) => x.path));
  const first = localFile("minutes.txt", 100, 10);
  await upload(first);
  await page.waitForSelector('role=option[name="minutes.txt"s]', { timeout: 10_000 }).catch(async (e) => {
    throw new Error(`${await page.textContent('role=region[name="Uploads"s]').catch(() => "no panel")} ${e}`);
  });
  // Replace.
  const second = localFile("minutes.txt", 200, 11);
  await upload(second);
  await page.waitForSelector('role=alertdialog');
  assert.match(await page.textContent('role=alertdialog'), /“minutes.txt” already exists here/);
  assert.equal(await page.evaluate(() => document.activeElement.className), "odp-primary odp-conflict-keep", "focus on the safe answer");
  assert.deepEqual(await axeViolations(page), [], "the uploads panel and its question");
  await page.click('role=alertdialog >> role=button[name="Replace"s]');
  await page.waitForSelector('.odp-upload[data-state="done"]');
  assert.equal((await graph(plain.base, "/me/drive/root:/minutes.txt:/content")).sha, second.sha);
  await page.click('role=button[name="Close"s]');
  // Keep both.
  const third = localFile("minutes.txt", 300, 12);
  await upload(third);
  await page.click('role=alertdialog >> role=button[name="Keep both"s]');
  await page.waitForSelector('role=option[name="minutes 1.txt"s]');
  assert.equal((await graph(plain.base, "/me/drive/root:/minutes 1.txt:/content")).sha, third.sha);
  await page.click('role=button[name="Close"s]');
  // Skip, for all: neither file changes.
  await upload(localFile("minutes.txt", 5, 13), localFile("minutes 1.txt", 5, 13));
  await page.waitForSelector('role=alertdialog');
  await page.check('role=alertdialog >> role=checkbox[name="Do this for all conflicts"s]');
  await page.click('role=alertdialog >> role=button[name="Skip"s]');
  await page.waitForFunction(() => document.querySelectorAll('.odp-upload[data-state="skipped"]').length === 2);
  assert.equal((await graph(plain.base, "/me/drive/root:/minutes.txt:/content")).sha, second.sha);
  await page.click('role=button[name="Close"s]');

  // A new folder: names OneDrive refuses are refused as they are typed; a taken name is a clear error.
  await page.click('role=button[name="New folder"s]');
  await page.fill('role=textbox[name="Folder name"s]', "Q3: plans");
  assert.equal(await page.textContent("#odp-folder-name-error"), "Names can't contain “:”.");
  assert.ok(await page.isDisabled('role=button[name="Create"s]'));
  await page.fill('role=textbox[name="Folder name"s]', "Q3 plans");
  await page.click('role=button[name="Create"s]');
  await page.waitForSelector('role=option[name="Q3 plans"s]');
  await page.click('role=button[name="New folder"s]');
  await page.fill('role=textbox[name="Folder name"s]', "Q3 plans");
  await page.press('role=textbox[name="Folder name"s]', "Enter");
  await page.waitForSelector('#odp-folder-name-error:text("An item with this name already exists here.")');
  await page.press('role=textbox[name="Folder name"s]', "Escape");
  assert.equal(await page.evaluate(() => document.activeElement.className), "odp-new-folder", "focus back on the button");

  // A drop of a file on the listing uploads it here.
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(["dropped bytes"], "dropped.txt", { type: "text/plain" }));
    const main = document.querySelector(".odp-main");
    for (const type of ["dragenter", "dragover", "drop"]) main.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  await page.waitForSelector('role=option[name="dropped.txt"s]');
  await page.click('role=button[name="Close"s]');
  // A folder keeps its structure (folders made as needed, an existing one reused).
  const tree = join(files, "tree");
  for (const [p, n] of [["Project/a.txt", 3], ["Project/docs/b.txt", 4], ["Project/docs/deep/c.txt", 5]]) {
    mkdirSync(join(tree, p, ".."), { recursive: true });
    writeFileSync(join(tree, p), Buffer.alloc(n, 7));
  }
  await choose(page, "Upload folder", join(tree, "Project"));
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll(".odp-upload")];
    return rows.length === 3 && rows.every((r) => r.dataset.state === "done");
  });
  assert.equal((await graph(plain.base, "/me/drive/root:/Project/docs/deep/c.txt:/content")).size, 5);
  assert.equal((await graph(plain.base, "/me/drive/root:/Project/docs/b.txt:/content")).size, 4);
  assert.deepEqual(errors, []);
  await context.close();
});

test("sharing links on pick: a scope the tenant refuses keeps the selection; view and edit links come back with the items", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.picks = [];
    document.addEventListener("picker-pick", (e) => window.picks.push(e.detail));
  });
  await page.goto(`${portal.origin}/links.html`);
  const popup = await clickSignIn(page);
  await completeSignIn(popup, ADELE);
  await page.waitForSelector('onedrive-picker >> role=option[name="Welcome.docx"s]');
  await page.click('onedrive-picker >> role=option[name="Welcome.docx"s]');
  await page.click('onedrive-picker >> role=option[name="Budget.xlsx"s]');
  await page.click('onedrive-picker >> role=button[name="Select"s]');
  await page.waitForSelector('onedrive-picker >> role=region[name="Selected"s] >> role=status >> text=The sharing link could not be created');
  assert.match(await page.textContent('onedrive-picker >> role=region[name="Selected"s] >> role=status'), /organization doesn't allow/);
  assert.deepEqual(await page.evaluate(() => window.picks), []);
  assert.equal(await page.locator('onedrive-picker >> role=region[name="Selected"s] >> role=listitem').count(), 2, "the selection is kept");
  for (const [attr, type, scope] of [["edit organization", "edit", "organization"], ["view users", "view", "users"], ["view", "view", "organization"]]) {
    await page.evaluate((v) => document.querySelector("onedrive-picker").setAttribute("share-link", v), attr);
    await page.waitForSelector('onedrive-picker >> role=option[name="Welcome.docx"s]');
    await page.click('onedrive-picker >> role=option[name="Welcome.docx"s]');
    const before = await page.evaluate(() => window.picks.length);
    await page.click('onedrive-picker >> role=button[name="Select"s]');
    await page.waitForFunction((n) => window.picks.length === n + 1, before, { timeout: 10_000 }).catch(async (e) => {
      throw new Error(`${attr}: ${await page.textContent('onedrive-picker >> role=region[name="Selected"s] >> role=status')} ${e}`);
    });
    const [item] = (await page.evaluate(() => window.picks)).at(-1);
    assert.equal(item.sharingLink.type, type, attr);
    assert.equal(item.sharingLink.scope, scope, attr);
    assert.match(item.sharingLink.webUrl, /^http:\/\/127\.0\.0\.1:\d+\//);
  }
  await context.close();
  // Where the tenant allows them, anonymous links come back too.
  const open = await browser.newContext();
  const other = await open.newPage();
  await other.addInitScript(() => {
    window.picks = [];
    document.addEventListener("picker-pick", (e) => window.picks.push(e.detail));
  });
  await other.goto(`${portal.origin}/anonymous.html`);
  await completeSignIn(await clickSignIn(other), ADELE);
  // (Budget.xlsx: this root has the earlier tests' uploads, and only the rows in view exist.)
  await other.click('onedrive-picker >> role=option[name="Budget.xlsx"s]');
  await other.click('onedrive-picker >> role=button[name="Select"s]');
  await other.waitForFunction(() => window.picks.length === 1);
  const [[item]] = await other.evaluate(() => window.picks);
  assert.deepEqual([item.sharingLink.type, item.sharingLink.scope], ["view", "anonymous"]);
  await open.close();
});
