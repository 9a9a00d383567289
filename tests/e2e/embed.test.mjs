// End-to-end: the packed element in hard places — inside an iframe of another origin (the sign-in
// comes back through the relay page), two pickers on one page, and the same portal in two tabs:
// sign-in attempts, accounts and selections never mix.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startEmulator, serveStatic, launchBrowser, clickSignIn, completeSignIn, installPackage, PORTAL_CLIENT, PARTITIONED, stopAll } from "./support.mjs";

const ADELE = "AdeleV@contoso.onmicrosoft.com";
const MEGAN = "MeganB@contoso.onmicrosoft.com";
let emulator, site, browser, dir;

/** An element configured by attributes for the emulator (`extra` adds or overrides). */
const element = (extra = "") =>
  `<onedrive-picker client-id="${PORTAL_CLIENT}" authority="${emulator.base}/common" graph-url="${emulator.base}/v1.0"
    scopes="User.Read Files.Read.All" open-files="false" history="false" ${extra}></onedrive-picker>`;
const page = (body) =>
  `<!doctype html><html lang="en"><meta charset="utf-8"><title>Portal</title>
<script type="module" src="/node_modules/onedrive-picker/onedrive-picker.js"></script>
<body>${body}</body></html>`;

before(async () => {
  let emulatorArgs;
  ({ dir, emulatorArgs } = installPackage());
  emulator = await startEmulator(emulatorArgs);
  site = await serveStatic({ dir });
  // One server, two origins: the portal on 127.0.0.1, the widget's frame on localhost.
  const frameOrigin = site.origin.replace("127.0.0.1", "localhost");
  writeFileSync(join(dir, "frame.html"), page(element('token-storage="session"')));
  writeFileSync(join(dir, "portal.html"), `<!doctype html><title>Portal</title><h1>Intranet</h1>
<iframe src="${frameOrigin}/frame.html" title="Files" width="900" height="600"></iframe>`);
  writeFileSync(join(dir, "probe.html"), "<!doctype html><title>probe</title>");
  writeFileSync(join(dir, "two.html"), page(element('id="left"') + element('id="right" multiple')));
  // Storage partitioned by the top-level site, as in Chrome (Playwright turns it off).
  browser = await launchBrowser([PARTITIONED]);
});

after(() => stopAll(browser, emulator, site));

test("inside an iframe of another origin, sign-in comes back through the relay page", async () => {
  const context = await browser.newContext();
  const top = await context.newPage();
  const errors = [];
  top.on("pageerror", (e) => errors.push(String(e)));
  await top.goto(`${site.origin}/portal.html`);
  const frame = top.frames().find((f) => f.url().includes("/frame.html"));
  await frame.waitForSelector('onedrive-picker >> role=button[name="Sign in with Microsoft"s]');
  // Why the relay is needed: this browser partitions BroadcastChannel by the top-level site, so a
  // top-level window of the frame's own origin cannot reach the frame over a channel.
  const probe = await context.newPage();
  await probe.goto(`${new URL(frame.url()).origin}/probe.html`);
  await frame.evaluate(() => {
    window.heard = 0;
    new BroadcastChannel("probe").onmessage = () => window.heard++;
  });
  await probe.evaluate(() => new BroadcastChannel("probe").postMessage("hello"));
  await top.waitForTimeout(300);
  assert.equal(await frame.evaluate(() => window.heard), 0, "the channel is partitioned");
  await probe.close();
  // And third-party cookies are blocked (Chromium's default for a fresh context): the frame keeps none.
  const kept = await frame.evaluate(() => ((document.cookie = "probe=1; SameSite=None; Secure; Path=/"), document.cookie.includes("probe=1")));
  assert.equal(kept, false, "third-party cookies are blocked");

  // The picker opens the relay page (its own origin, top level), which opens the sign-in window
  // on a click; the sign-in page severs its opener, the relay keeps its own.
  const [relay] = await Promise.all([top.waitForEvent("popup"), frame.click('onedrive-picker >> role=button[name="Sign in with Microsoft"s]')]);
  await relay.waitForSelector("#continue:not([hidden])");
  assert.equal(new URL(relay.url()).hash, "", "the relayed request left the address bar");
  const [signIn] = await Promise.all([relay.waitForEvent("popup"), relay.click("#continue")]);
  await signIn.waitForLoadState();
  await completeSignIn(signIn, ADELE);
  await frame.waitForSelector('onedrive-picker >> role=option[name="Welcome.docx"s]');
  await frame.waitForSelector('onedrive-picker >> role=group[name="Adele Vance"s]'); // who is signed in
  if (!relay.isClosed()) await relay.waitForEvent("close");
  assert.ok(relay.isClosed(), "the relay window closed itself");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the relay page refuses a page of another origin", async () => {
  const context = await browser.newContext();
  const attacker = await context.newPage();
  await attacker.goto(`${site.origin.replace("127.0.0.1", "localhost")}/probe.html`);
  const target = `${site.origin}/node_modules/onedrive-picker/auth.html#relay=${encodeURIComponent("https://evil.example/?state=a.b")}`;
  const [relay] = await Promise.all([attacker.waitForEvent("popup"), attacker.evaluate((t) => window.open(t), target)]);
  await relay.waitForLoadState();
  assert.equal(await relay.isVisible("#continue"), false, "no button to open anything");
  assert.match(await relay.textContent("#status"), /not opened by the file picker/);
  await context.close();
});

test("two pickers on one page keep their sign-in attempts, accounts and selections apart", async () => {
  const context = await browser.newContext();
  const tab = await context.newPage();
  await tab.goto(`${site.origin}/two.html`);
  await tab.evaluate(() => {
    window.picks = [];
    for (const el of document.querySelectorAll("onedrive-picker")) {
      el.addEventListener("picker-pick", (e) => window.picks.push({ id: el.id, names: e.detail.map((i) => i.name) }));
    }
  });
  // Both sign-in windows open at once; the right one finishes first, with another account.
  const left = await clickSignIn(tab, '#left >> role=button[name="Sign in with Microsoft"s]');
  const right = await clickSignIn(tab, '#right >> role=button[name="Sign in with Microsoft"s]');
  assert.notEqual(left, right, "one window each");
  await completeSignIn(right, MEGAN);
  await tab.waitForSelector('#right >> role=button[name="Sign out"s]');
  assert.equal(await tab.locator('#left >> role=button[name="Sign out"s]').count(), 0, "the left picker still waits");
  await completeSignIn(left, ADELE);
  await tab.waitForSelector('#left >> role=button[name="Sign out"s]');
  await tab.waitForSelector('#left >> role=group[name="Adele Vance"s]'); // who is signed in
  await tab.waitForSelector('#right >> role=group[name="Megan Bowen"s]'); // who is signed in
  // Selections: each picker picks its own.
  await tab.click('#left >> role=option[name="Welcome.docx"s]');
  await tab.click('#right >> role=option[name="Design review.pptx"s]');
  await tab.click('#right >> role=option[name="Private notes.docx"s]');
  assert.deepEqual(await tab.locator('#left >> role=option[selected]').evaluateAll((e) => e.map((i) => i.title)), ["Welcome.docx"]);
  await tab.click('#right >> role=button[name="Select"s]');
  await tab.click('#left >> role=button[name="Select"s]');
  await tab.waitForFunction(() => window.picks.length === 2);
  assert.deepEqual(await tab.evaluate(() => window.picks), [
    { id: "right", names: ["Design review.pptx", "Private notes.docx"] },
    { id: "left", names: ["Welcome.docx"] },
  ]);
  await context.close();
});

test("the same portal in two tabs: concurrent sign-ins land in their own tab", async () => {
  const context = await browser.newContext();
  const [one, two] = [await context.newPage(), await context.newPage()];
  for (const tab of [one, two]) {
    await tab.goto(`${site.origin}/frame.html`);
    await tab.waitForSelector('onedrive-picker >> role=button[name="Sign in with Microsoft"s]');
  }
  const first = await clickSignIn(one);
  const second = await clickSignIn(two);
  await completeSignIn(second, MEGAN);
  await completeSignIn(first, ADELE);
  await one.waitForSelector('onedrive-picker >> role=button[name="Sign out"s]');
  await two.waitForSelector('onedrive-picker >> role=button[name="Sign out"s]');
  await one.waitForSelector('onedrive-picker >> role=group[name="Adele Vance"s]'); // who is signed in
  await two.waitForSelector('onedrive-picker >> role=group[name="Megan Bowen"s]'); // who is signed in
  await context.close();
});
