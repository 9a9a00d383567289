// End-to-end: what the picker shows and hands over stays inert. A pre-authenticated thumbnail
// link reaches the page only when asked for; a name cannot disguise itself with invisible or
// direction-changing characters, in a listing or in what the user types or drops; a preview on
// the page's own origin gets no origin in its frame, and no preview learns the page's address.
import { test } from "node:test";
import assert from "node:assert/strict";
import { tokenFor } from "./support.mjs";
import { ADELE, useDemo } from "./demo.mjs";

const demo = useDemo();
const WRITE = "openid offline_access User.Read Files.ReadWrite.All Sites.Read.All";

/** Rewrites the JSON of responses whose URL matches `pattern` with `edit(body)`. */
async function rewrite(page, pattern, edit) {
  await page.route(pattern, async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    await route.fulfill({ response, body: JSON.stringify(edit(body)) });
  });
}

const option = (page, name) => page.locator("#p").getByRole("option", { name }).first();

test("a thumbnail URL is handed to the page only when it asked for it", async () => {
  const { access_token: token } = await tokenFor(demo.emulator.base, ADELE, WRITE);
  for (const [options, expect] of [[{}, false], [{ thumbnailUrls: true }, true]]) {
    const { context, page } = await demo.mounted(token, options);
    await option(page, /Welcome\.docx/).click();
    await page.locator("#p").getByRole("button", { name: "Select", exact: true }).click();
    await page.waitForFunction(() => window.picks.length === 1);
    const [[picked]] = await page.evaluate(() => window.picks);
    assert.equal(picked.name, "Welcome.docx");
    if (expect) assert.match(picked.thumbnailUrl, /^http:\/\/127\.0\.0\.1/);
    else assert.equal(picked.thumbnailUrl, null, "no thumbnail URL unless asked for");
    await context.close();
  }
});

test("invisible and direction-changing characters are shown in names and refused in new ones", async () => {
  const { access_token: token } = await tokenFor(demo.emulator.base, ADELE, WRITE);
  const context = await demo.browser.newContext();
  const page = await context.newPage();
  // The listing says a file is "invoice‮fdp.exe": shown as it is, not as "invoiceexe.pdf".
  await rewrite(page, "**/v1.0/me/drive/root/children?**", (body) => ({
    ...body,
    value: body.value.map((i) => (i.name === "Welcome.docx" ? { ...i, name: "invoice\u202Efdp.exe" } : i)),
  }));
  await page.goto(`${demo.site.origin}/leptos/?emulator=${encodeURIComponent(demo.emulator.base)}`);
  await page.waitForFunction(() => window.wasmBindings?.mountPicker);
  await page.evaluate(({ token, graph }) => {
    const host = document.createElement("div");
    host.id = "p";
    document.body.prepend(host);
    window.wasmBindings.mountPicker(host, { graphBase: graph, tokenProvider: async () => token, upload: true, createFolder: true });
  }, { token, graph: `${demo.emulator.base}/v1.0` });
  const row = option(page, /invoice/);
  await row.waitFor();
  const shown = await row.locator(".odp-name").textContent();
  assert.equal(shown, "invoice[U+202E]fdp.exe");
  assert.ok(!shown.includes("\u202E"));
  // A folder name typed with one is refused as it is typed.
  await page.locator("#p").getByRole("button", { name: "New folder" }).click();
  const name = page.locator("#p").getByRole("textbox", { name: "Folder name" });
  await name.fill("Q3\u200Bplans");
  // The error that describes the box (its aria-describedby).
  assert.match(await page.locator("#p #odp-folder-name-error").textContent(), /invisible or direction-changing characters \(U\+200B\)/);
  assert.ok(await page.locator("#p").getByRole("button", { name: "Create" }).isDisabled());
  await name.press("Escape");
  // A dropped file named with one is refused before a byte is sent, its name shown visibly.
  const puts = [];
  page.on("request", (r) => r.method() === "PUT" && puts.push(r.url()));
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(["MZ"], "invoice\u202Efdp.exe", { type: "application/octet-stream" }));
    const main = document.querySelector("#p .odp-main");
    for (const type of ["dragenter", "dragover", "drop"]) main.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  const refused = page.locator('#p .odp-upload[data-state="refused"]');
  await refused.waitFor();
  assert.equal(await refused.locator(".odp-upload-name").textContent(), "invoice[U+202E]fdp.exe");
  assert.match(await refused.locator(".odp-upload-state").textContent(), /U\+202E/);
  assert.deepEqual(puts, []);
  await context.close();
});

test("a preview on the page's own origin loses its origin; no preview gets the page's address", async () => {
  const { access_token: token } = await tokenFor(demo.emulator.base, ADELE, WRITE);
  const { context, page } = await demo.mounted(token, {});
  await page.locator("#p").getByRole("button", { name: /details/i }).click();
  // The service's preview: on another origin, it keeps its own (its script needs it).
  await option(page, /Welcome\.docx/).click();
  const frame = page.locator("#p iframe.odp-preview-frame");
  await frame.waitFor();
  assert.equal(await frame.getAttribute("referrerpolicy"), "no-referrer");
  assert.match(await frame.getAttribute("sandbox"), /allow-same-origin/);
  // A preview address on the page's own origin (a hostile or misconfigured Graph) gets none.
  await page.route("**/preview", (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ getUrl: `${demo.site.origin}/own-origin-preview` }) }),
  );
  await option(page, /Documents/).click();
  await option(page, /Reports/).click();
  await option(page, /Q3 Forecast/).click();
  await page.waitForFunction(() => document.querySelector("#p iframe.odp-preview-frame")?.src.includes("own-origin-preview"));
  const sandbox = await frame.getAttribute("sandbox");
  assert.ok(!sandbox.includes("allow-same-origin"), sandbox);
  assert.equal(await frame.getAttribute("referrerpolicy"), "no-referrer");
  await context.close();
});
