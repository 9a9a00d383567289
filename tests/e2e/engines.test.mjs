// End-to-end on the two other engines: the packed element and the dialog of
// `OneDrivePicker.open()` on a portal page, and the Leptos component on the demo page, each sign
// in through their window and pick, in Firefox ESR (headless) and in WebKitGTK (MiniBrowser),
// against the emulator; so does the element in an iframe of another site (through the relay
// page), and inside the emulator's Teams host (nested app authentication: no window at all).
// Chromium runs every other test file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startEmulator, serveStatic, installPackage, writePortal, tokenFor, PORTAL_CLIENT as CLIENT, stopAll, ADELE, MEGAN } from "./support.mjs";
import { firefox, webkit } from "./engines.mjs";

const SCOPES = "openid profile offline_access User.Read Files.Read.All Sites.Read.All";
let emulator, site, portal, framing, demoEmulator, demo, hosted;

before(async () => {
  const { dir, emulatorArgs } = installPackage();
  emulator = await startEmulator(emulatorArgs);
  const page = writePortal(dir, emulator);
  site = await serveStatic({ dir });
  portal = page(site);
  // The same portal framed by a page of another site (localhost is another site than 127.0.0.1).
  writeFileSync(join(dir, "framing.html"), `<!doctype html><html lang="en"><meta charset="utf-8"><title>Intranet</title>
<h1>Intranet</h1><iframe title="Files" src="${portal.replace("127.0.0.1", "localhost")}" width="900" height="600"></iframe></html>`);
  framing = `${site.origin}/framing.html`;
  // The Teams host: another emulator (its consents start empty) and the portal it frames.
  const second = installPackage();
  const hostEmulator = await startEmulator(second.emulatorArgs);
  const hostSite = await serveStatic({ dir: second.dir });
  const app = writePortal(second.dir, hostEmulator)(hostSite).replace("127.0.0.1", "localhost");
  hosted = { emulator: hostEmulator, site: hostSite, url: (as) => `${hostEmulator.base}/naa/host?${new URLSearchParams({ app, as })}` };
  // Consent given beforehand: the sign-in window shows the account choice, then closes.
  await tokenFor(emulator.base, ADELE, SCOPES, { clientId: CLIENT, redirect: `${site.origin}/node_modules/onedrive-picker/auth.html` });
  // The demo page (the Leptos component) and an emulator with its registration.
  [demoEmulator, demo] = await Promise.all([startEmulator(), serveStatic()]);
  await tokenFor(demoEmulator.base, ADELE, "openid profile offline_access User.Read Files.ReadWrite.All Sites.Read.All", { redirect: `${demo.origin}/auth.html` });
});

after(() => stopAll(emulator, site, demoEmulator, demo, hosted?.emulator, hosted?.site));

/** Signs in through the picker's window (opened by clicking `role` `name`) and picks Welcome.docx. */
async function signInAndPick(page, ...opener) {
  if (opener.length) await page.click(...opener);
  const popup = await page.popup(() => page.click("button", "Sign in with Microsoft"));
  // The account, unless the authority's session answers by itself (a second sign-in).
  await popup.clickCssUnlessClosed(`button[data-upn="${ADELE}"]`);
  await page.click("option", "Welcome.docx").catch(async (e) => assert.fail(`${e.message}; the page shows: ${await page.shows()}`));
  await page.click("button", "Select");
  await page.waitForText("Picked: Welcome.docx");
  assert.equal(await popup.isClosed(), true, `${page.name}: the sign-in window closed`);
}

/** With `auth-mode="redirect"`, the page itself goes to the sign-in and comes back; then picks. */
async function signInByRedirect(page) {
  await page.click("button", "Sign in with Microsoft");
  await page.clickCss(`button[data-upn="${ADELE}"]`);
  await page.click("option", "Welcome.docx").catch(async (e) => assert.fail(`${e.message}; the page shows: ${await page.shows()}`));
  await page.click("button", "Select");
  await page.waitForText("Picked: Welcome.docx");
}

/** Signs in inside the emulator's Teams host as `upn` (its consent prompt) and picks `file`: no window opens. */
async function signInThroughTheHost(engine, [upn, file]) {
  const host = await engine.open(hosted.url(upn));
  const windows = await engine.windows();
  const app = host.frame('iframe[title="App"]');
  await app.click("button", "Sign in with Microsoft");
  await host.click("button", "Accept"); // the host's own consent prompt
  await app.click("option", file).catch(async (e) => assert.fail(`${e.message}; the frame shows: ${await app.shows()}`));
  await app.click("button", "Select");
  await app.waitForText(`Picked: ${file}`);
  assert.equal(await engine.windows(), windows, `${host.name}: no window opened`);
}

/** The element framed by a page of another site signs in through the relay page, and picks. */
async function signInFramed(engine) {
  const top = await engine.open(framing);
  const frame = top.frame('iframe[title="Files"]');
  const relay = await frame.popup(() => frame.click("button", "Sign in with Microsoft"));
  const signIn = await relay.popup(() => relay.click("button", "Continue to sign in"));
  await signIn.clickCssUnlessClosed(`button[data-upn="${ADELE}"]`);
  await frame.click("option", "Welcome.docx").catch(async (e) => assert.fail(`${e.message}; the frame shows: ${await frame.shows()}`));
  await frame.click("button", "Select");
  await frame.waitForText("Picked: Welcome.docx");
}

// Each engine signs in to the host as its own account: the host's consent prompt shows for both.
const accounts = { firefox: [ADELE, "Welcome.docx"], webkit: [MEGAN, "Budget 2026.xlsx"] };
for (const [name, launch, upn] of [["Firefox ESR", firefox, accounts.firefox], ["WebKitGTK", webkit, accounts.webkit]]) {
  test(`${name}: the element, the dialog and the Leptos component sign in through their window and pick; the element by redirect too, and in Polish`, async () => {
    const engine = await launch();
    try {
      await signInAndPick(await engine.open(portal));
      await signInAndPick(await engine.open(portal), "button", "Attach from Microsoft 365");
      await signInAndPick(await engine.open(`${demo.origin}/leptos/?emulator=${encodeURIComponent(demoEmulator.base)}`));
      await signInByRedirect(await engine.open(`${portal}&auth-mode=redirect`));
      // Another language: its own module, fetched by this engine too.
      await (await engine.open(`${portal}&locale=pl`)).waitForText("Zaloguj się przez Microsoft");
    } finally {
      await engine.close();
    }
  });

  test(`${name}: in an iframe of another site (the relay page), and inside a Teams host (no window), the element signs in and picks`, async () => {
    const engine = await launch();
    try {
      await signInFramed(engine);
    } finally {
      await engine.close();
    }
    const fresh = await launch();
    try {
      await signInThroughTheHost(fresh, upn);
    } finally {
      await fresh.close();
    }
  });
}
