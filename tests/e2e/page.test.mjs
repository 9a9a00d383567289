// End-to-end: the picker on a page — a 360 px phone, opening files in Office for the web and
// their preview, the browser's Back and Forward, the sources the page chooses, German, and the
// themes (with screenshots in target/screenshots).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { tokenFor } from "./support.mjs";
import { useDemo, names, crumbs, item, source, ADELE, PAT, FILES } from "./demo.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const demo = useDemo();
const { signedIn, mounted } = demo;

test("on a 360 px phone the header and names fit", async () => {
  const { context, page } = await signedIn(ADELE, { width: 360, height: 740 });
  const overflow = await page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll(".odp-header button, .odp-search, .odp-view-grid, .odp-confirm, .odp-cancel")) {
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 1 || r.left < -1) out.push(el.textContent);
    }
    return out;
  });
  assert.deepEqual(overflow, [], "controls on screen");
  // The sources are a strip that scrolls sideways.
  const strip = await page.$eval(".odp-nav", (e) => [getComputedStyle(e).overflowX, e.scrollWidth > e.clientWidth]);
  assert.deepEqual(strip, ["auto", true]);
  const widths = await page.$$eval('role=listbox >> .odp-name', (els) => els.map((e) => e.getBoundingClientRect().width));
  assert.ok(Math.min(...widths.filter((w) => w > 0)) > 20 && Math.max(...widths) > 120, `names are readable: ${widths}`);
  // The search box keeps room to type in; every control is a touch target of 44 px, on screen.
  const search = await page.getByRole("searchbox").boundingBox();
  assert.ok(search.width >= 150, `the search box is ${search.width} px wide`);
  const small = [];
  for (const name of ["Upload files", "Upload folder", "New folder", "List", "Grid", "Details", "Switch account", "Sign out", "Select", "Cancel"]) {
    const box = await page.getByRole("button", { name, exact: true }).boundingBox();
    if (!box || box.height < 44 || box.x < 0 || box.x + box.width > 361) small.push(`${name}: ${JSON.stringify(box)}`);
  }
  assert.deepEqual(small, [], "44 px targets, on screen");
  // The details button is an icon with a name, not a letter.
  const details = page.getByRole("button", { name: "Details", exact: true });
  assert.equal((await details.innerText()).trim(), "");
  assert.equal(await details.locator("svg").count(), 1);
  await context.close();
});

test("open in Office for the web to view or edit, the desktop URI, and the preview", async () => {
  const { context, page } = await signedIn(ADELE);
  await page.click('role=button[name="Details"s]');
  await page.click(item("Documents"));
  await page.click(item("Reports"));
  await page.click(item("Q3 Forecast.xlsx"));
  // The embeddable preview (work and school drives), in place.
  await page.waitForSelector(".odp-preview-frame");
  assert.match(await page.getAttribute(".odp-preview-frame", "src"), /\/_preview\//);
  assert.equal(await page.textContent(".odp-details-name"), "Q3 Forecast.xlsx");
  // Office for the web: view and edit land on the emulator's Office page in those modes.
  for (const [link, mode] of [['role=link[name="Open in browser"s]', "view"], ['role=link[name="Edit in browser"s]', "edit"]]) {
    const [office] = await Promise.all([context.waitForEvent("page"), page.click(link)]);
    await office.waitForSelector("#doc-name");
    assert.equal(await office.textContent("#doc-name"), "Q3 Forecast.xlsx");
    assert.equal(await office.getAttribute("#mode", "data-mode"), mode);
    await office.close();
  }
  // The desktop app: the Office URI scheme around the file's https URL.
  const desktop = await page.getAttribute('role=link[name="Open in Excel"s]', "href");
  assert.match(desktop, /^ms-excel:ofe\|u\|http:\/\/127\.0\.0\.1:\d+\/.+Doc\.aspx\?/);
  assert.equal(await page.locator('role=link[name="Open in Excel"s]').count(), 1);
  // An image previews as its large thumbnail; a PDF offers its link.
  await page.click('role=navigation[name="Folder path"s] >> role=button[name="My files"s]');
  await page.click(item("Pictures"));
  await page.click(item("site-visit.png"));
  await page.waitForSelector(".odp-preview-image");
  await page.waitForFunction(() => document.querySelector(".odp-preview-image")?.naturalWidth > 0);
  await page.click('role=navigation[name="Folder path"s] >> role=button[name="My files"s]');
  await page.click(item("Expense policy.pdf"));
  await page.waitForSelector('role=link[name="Open"s]');
  assert.equal(await page.locator('role=link[name="Open in browser"s]').count(), 0);
  await context.close();
});

test("a personal account's files have no embeddable preview, and open by their link", async () => {
  const { context, page } = await signedIn(PAT);
  await page.click('role=button[name="Details"s]');
  await page.click(item("Getting started with OneDrive.pdf"));
  await page.waitForSelector('role=link[name="Open"s]');
  await page.waitForTimeout(600);
  assert.equal(await page.locator(".odp-preview-frame").count(), 0);
  await context.close();
});

test("browser Back and Forward move between the folders opened, and never leave the page", async () => {
  const { context, page } = await signedIn(ADELE);
  const url = page.url();
  await page.click(item("Documents"));
  await page.click(item("Reports"));
  await page.waitForSelector(item("Q3 Forecast.xlsx"));
  await page.goBack();
  await page.waitForSelector(item("Contracts"));
  assert.deepEqual(await crumbs(page), ["My files", "Documents"]);
  await page.goBack();
  await page.waitForSelector(item("Welcome.docx"));
  assert.deepEqual(await crumbs(page), ["My files"]);
  await page.goForward();
  await page.waitForSelector(item("Reports"));
  assert.deepEqual(await crumbs(page), ["My files", "Documents"]);
  await page.click(source("shared"));
  await page.waitForSelector(item("Budget 2026.xlsx"));
  await page.goBack();
  await page.waitForSelector(item("Reports"));
  assert.equal(page.url(), url, "the page stayed");
  await context.close();
});

test("the page chooses the sources, their order and where the picker starts", async () => {
  const { access_token: token } = await tokenFor(demo.emulator.base, ADELE, FILES);
  const { context, page } = await mounted(token, { sources: "shared my-files", start: "path:/Documents/Reports" });
  await page.waitForSelector(item("Q3 Forecast.xlsx", "#p"));
  const keys = await page.$$eval('#p >> role=navigation[name="Sources"s] >> role=button', (els) => els.map((e) => e.dataset.source));
  assert.deepEqual(keys, ["shared", "my-files"]);
  assert.deepEqual(await page.$$eval('#p >> role=navigation[name="Folder path"s] >> role=listitem >> role=button', (e) => e.map((x) => x.textContent)), ["My files", "Reports"]);
  await page.click('#p >> role=button[name="Up one level"s]');
  await page.waitForSelector(item("Welcome.docx", "#p"));
  await context.close();
  // A bad option is a configuration error in place, saying which.
  const bad = await mounted(token, { filters: "spreadsheets"}, '#p .odp-error[data-error="config_error"]');
  assert.match(await bad.page.textContent('#p >> role=alert'), /unknown filter 'spreadsheets'/);
  await bad.context.close();
});

test("German: every string on screen, numbers and dates the German way", async () => {
  const { access_token: token } = await tokenFor(demo.emulator.base, ADELE, FILES);
  const { context, page } = await mounted(token, { locale: "de-DE", multiple: true, maxCount: 2 });
  assert.equal(await page.getAttribute("#p .odp-picker", "lang"), "de");
  assert.deepEqual(
    await page.$$eval('#p >> role=navigation[name="Quellen"s] >> role=button', (els) => els.map((e) => e.textContent)),
    ["Meine Dateien", "Zuletzt verwendet", "Für mich freigegeben", "SharePoint", "Teams"],
  );
  assert.deepEqual(await page.$$eval("#p .odp-columns .odp-col", (els) => els.map((e) => e.textContent.trim() || e.querySelector("[role=checkbox]")?.getAttribute("aria-label"))), ["Alle auswählen", "Name", "Geändert", "Geändert von", "Größe"]);
  assert.equal(await page.textContent(`${item("Big folder (10,000 items)", "#p")} >> .odp-size`), "10.000 Elemente");
  assert.match(await page.textContent(`${item("Budget.xlsx", "#p")} >> .odp-size`), /^\d+,\d KB$/);
  assert.match(await page.textContent(`${item("Budget.xlsx", "#p")} >> .odp-modified`), /\d{2}\.\d{2}\.\d{4}|\d{1,2}\. \w+\.? \d{4}/);
  assert.equal(await page.getAttribute('#p >> role=searchbox', "placeholder"), "In dieser Bibliothek suchen");
  assert.equal(await page.textContent('#p >> role=button[name="Auswählen"s]'), "Auswählen");
  for (const name of ["Budget.xlsx", "Welcome.docx", "Notes.txt"]) await page.click(item(name, "#p"));
  assert.equal(await page.textContent('#p >> role=region[name="Ausgewählt"s] >> role=status'), "Sie können bis zu 2 Elemente auswählen.");
  assert.equal(await page.textContent("#p .odp-count"), "2 / 2");
  await context.close();
});

test("themes: light, dark and auto (the system's), with screenshots", async () => {
  const { access_token: token } = await tokenFor(demo.emulator.base, ADELE, FILES);
  const shots = join(ROOT, "target/screenshots");
  mkdirSync(shots, { recursive: true });
  const background = (page) => page.$eval("#p .odp-picker", (e) => getComputedStyle(e).backgroundColor);
  const light = await mounted(token, { theme: "light" });
  assert.equal(await background(light.page), "rgb(255, 255, 255)");
  await light.page.click(item("Welcome.docx", "#p"));
  assert.equal(await light.page.$eval('#p >> role=button[name="Select"s]', (e) => getComputedStyle(e).backgroundColor), "rgb(15, 108, 189)");
  await light.page.screenshot({ path: join(shots, "light.png") });
  await light.context.close();
  const dark = await mounted(token, { theme: "dark" });
  assert.equal(await background(dark.page), "rgb(31, 31, 31)");
  await dark.page.screenshot({ path: join(shots, "dark.png") });
  await dark.context.close();
  // auto follows prefers-color-scheme.
  const auto = await mounted(token, {});
  await auto.page.emulateMedia({ colorScheme: "dark" });
  assert.equal(await background(auto.page), "rgb(31, 31, 31)");
  await auto.page.emulateMedia({ colorScheme: "light" });
  assert.equal(await background(auto.page), "rgb(255, 255, 255)");
  await auto.context.close();
  const phone = await signedIn(ADELE, { width: 360, height: 740 });
  await phone.page.screenshot({ path: join(shots, "phone-360.png"), fullPage: true });
  await phone.context.close();
});
