// End-to-end: the packed element in every language — its words from the locale files, plurals
// by Intl.PluralRules, each language's module fetched only by a picker that speaks it; Arabic
// right to left with no axe violation; the pseudo-locale at 360 px with nothing clipped and
// nothing left untranslated; and the page's own words (`messages`) in the element and the dialog.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { axeViolations, ROOT } from "./support.mjs";
import { usePackagePage } from "./package-page.mjs";

const portal = usePackagePage();
const open = (viewport) => portal.open(viewport);

/** A locale file's `key = text` lines, as an object. */
function readLocale(tag) {
  const text = readFileSync(join(ROOT, "src/picker/messages/locales", `${tag}.messages`), "utf8");
  const out = {};
  for (const line of text.split("\n").map((l) => l.trim())) {
    if (!line || line.startsWith("#")) continue;
    const at = line.indexOf("=");
    out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}

/** English's plain messages (docs/messages.md is generated from the table). */
function english() {
  const out = {};
  for (const m of readFileSync(join(ROOT, "docs/messages.md"), "utf8").matchAll(/^\| `([a-z_]+)` \| [^|]* \| (.*) \|$/gm)) out[m[1]] = m[2].replace(/\\\|/g, "|");
  return out;
}

const LANGUAGES = readdirSync(join(ROOT, "src/picker/messages/locales")).map((f) => f.replace(/\.messages$/, "")).sort();

/** The sign-in element in language `tag` (no token: the sign-in screen), in `main`. */
const signInScreen = (page, tag) => page.evaluate((tag) => window.element({ locale: tag }, { token: false }), tag);

/** `form` with `{count}` as the page's Intl writes `n` in `tag`, from the plural forms `t`. */
const plural = (page, t, key, tag, n) =>
  page.evaluate(({ t, key, tag, n }) => {
    const form = t[`${key}.${new Intl.PluralRules(tag).select(n)}`] ?? t[`${key}.other`];
    return form.replace("{count}", new Intl.NumberFormat(tag).format(n));
  }, { t, key, tag, n });

for (const tag of LANGUAGES) {
  test(`${tag}: the sign-in and browsing screens in its words and plurals, its module alone fetched`, async () => {
    const t = readLocale(tag);
    const { context, page, modules } = await open();
    // The file's plural forms are the ones the browser's Intl.PluralRules chooses from.
    const forms = Object.keys(t).filter((k) => k.startsWith("item_count.")).map((k) => k.split(".")[1]).sort();
    assert.deepEqual(forms, (await page.evaluate((tag) => new Intl.PluralRules(tag).resolvedOptions().pluralCategories, tag)).sort());
    await signInScreen(page, tag);
    const signIn = page.locator("#s");
    await signIn.getByRole("button", { name: t.sign_in, exact: true }).waitFor();
    assert.equal(await signIn.locator(".odp-signin p").textContent(), t.sign_in_prompt);
    assert.equal(await signIn.locator(".odp-picker").getAttribute("lang"), tag);
    assert.equal(await signIn.locator(".odp-picker").getAttribute("dir"), tag === "ar" ? "rtl" : null);

    await page.evaluate((tag) => window.mount({ locale: tag, multiple: true, upload: true, createFolder: true }), tag);
    const p = page.locator("#p");
    const nav = p.getByRole("navigation", { name: t.sources, exact: true });
    await nav.getByRole("button").first().waitFor();
    assert.deepEqual(await nav.getByRole("button").allTextContents(), [t.source_mine, t.source_recent, t.source_shared, t.source_sites, t.source_teams]);
    await p.getByRole("option", { name: "Documents", exact: true }).waitFor();
    assert.equal(await p.getByRole("option", { name: "Documents", exact: true }).locator(".odp-size").textContent(), await plural(page, t, "item_count", tag, 3));
    assert.equal(await p.getByRole("option", { name: "Big folder (10,000 items)", exact: true }).locator(".odp-size").textContent(), await plural(page, t, "item_count", tag, 10000));
    assert.equal(await p.getByRole("searchbox").getAttribute("placeholder"), t.search_here);
    for (const key of ["select", "cancel", "details", "upload_files", "new_folder", "list_view", "grid_view"]) {
      assert.equal(await p.getByRole("button", { name: t[key], exact: true }).count(), 1, `${key}: ${t[key]}`);
    }
    // No English left: no element's text or accessible name is an English message the language
    // words differently.
    const en = english();
    const left = await p.evaluate((root, words) => {
      const seen = new Set();
      for (const e of root.querySelectorAll("*")) {
        for (const s of [e.childElementCount ? "" : e.textContent, e.getAttribute("aria-label"), e.getAttribute("title"), e.getAttribute("placeholder")]) {
          if (s?.trim()) seen.add(s.trim());
        }
      }
      return words.filter((w) => seen.has(w));
    }, Object.entries(en).filter(([k, v]) => t[k] !== v && !v.includes("{")).map(([, v]) => v));
    assert.deepEqual(left, []);
    assert.deepEqual(modules.sort(), [`locale_${tag.slice(0, 2)}`, "locales"]);
    await context.close();
  });
}

test("English needs no language module; a page's two languages fetch two", async () => {
  const { context, page, modules } = await open();
  await page.evaluate(() => window.mount({ locale: "en-GB" }));
  await page.locator("#p").getByRole("option", { name: "Documents", exact: true }).waitFor();
  assert.deepEqual(modules, []);
  await signInScreen(page, "fr-CA");
  await page.locator("#s").getByRole("button", { name: readLocale("fr").sign_in, exact: true }).waitFor();
  assert.deepEqual(modules.sort(), ["locale_fr", "locales"]);
  await context.close();
});

async function faults(method, rule) {
  const r = await fetch(`${portal.emulator.base}/_emulator/faults`, {
    method, headers: { "content-type": "application/json" }, body: rule ? JSON.stringify(rule) : undefined,
  });
  assert.equal(r.status, 204);
}

test("Arabic: right to left on every screen, and axe-core finds no violation", async () => {
  const t = readLocale("ar");
  const { context, page } = await open();
  const found = [];
  const check = async (screen) => found.push(...(await axeViolations(page)).map((v) => `${screen}: ${v}`));
  await signInScreen(page, "ar");
  await page.locator("#s").getByRole("button", { name: t.sign_in, exact: true }).waitFor();
  await check("sign-in");
  // One picker on the page at a time (two would share their landmark's name).
  await page.evaluate(() => document.querySelector("#s").remove());
  await page.evaluate(() => window.mount({ locale: "ar", multiple: true, upload: true, createFolder: true }));
  const p = page.locator("#p");
  await p.getByRole("option", { name: "Documents", exact: true }).waitFor();
  assert.equal(await p.locator(".odp-picker").getAttribute("dir"), "rtl");
  const nav = await p.getByRole("navigation", { name: t.sources, exact: true }).boundingBox();
  const list = await p.getByRole("listbox").boundingBox();
  assert.ok(nav.x > list.x, "the navigation pane is at the start edge, the right");
  await check("browse");
  await p.getByRole("button", { name: t.details, exact: true }).click();
  await p.getByRole("option", { name: "Welcome.docx", exact: true }).click();
  await p.getByRole("region", { name: t.selected, exact: true }).waitFor();
  await check("details and tray");
  await p.getByRole("button", { name: t.new_folder, exact: true }).click();
  await p.getByRole("textbox", { name: t.folder_name, exact: true }).fill("a/b");
  await check("new folder");
  await page.keyboard.press("Escape");
  await faults("POST", { fault: "server-error", path_contains: "/children", times: 50 });
  await p.getByRole("option", { name: "Documents", exact: true }).dblclick();
  await p.getByRole("alert").waitFor({ timeout: 30_000 });
  await faults("DELETE");
  await check("error");
  assert.deepEqual(found, []);
  await context.close();
});

test("the pseudo-locale at 360 px: every string comes from the table, and none is clipped (a pasted link's error too)", async () => {
  const { context, page } = await open({ width: 360, height: 740 });
  await signInScreen(page, "en-XA");
  await page.locator("#s .odp-signin-button").waitFor();
  await page.evaluate(() => window.mount({ locale: "en-XA", multiple: true, upload: true, createFolder: true }));
  const p = page.locator("#p");
  await p.getByRole("option", { name: "Documents", exact: true }).waitFor();
  for (const name of ["Budget.xlsx", "Welcome.docx"]) await p.getByRole("option", { name, exact: true }).click();
  await p.locator(".odp-details-toggle").click();
  await p.locator(".odp-new-folder").click();
  // A pasted link that leads nowhere: the Open link button, and the error under the box.
  await p.getByRole("searchbox").fill(`${portal.emulator.base}/_share/nothing-here`);
  await p.locator(".odp-open-link").click();
  await p.locator(".odp-link-error").filter({ hasText: /^\[/ }).waitFor();
  const problems = () => page.evaluate(() => {
    const out = [];
    // The user's data: names of files and of people.
    const data = new Set([...document.querySelectorAll("#p [role=option]")].map((e) => e.title).concat(["Adele Vance"]));
    const roots = [document.querySelector("#s").shadowRoot.querySelector(".odp-picker"), document.querySelector("#p .odp-picker")];
    const ours = (s) => s.startsWith("[") || data.has(s) || /\d/.test(s) || /^[×☰▦↑✕…·/|\s]*$/.test(s);
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent.trim();
        const e = n.parentElement;
        if (!text || !e.getClientRects().length || e.closest("[hidden]")) continue;
        if (!ours(text)) out.push(`untranslated: ${text}`);
        if (!text.startsWith("[")) continue;
        const r = e.getBoundingClientRect();
        const style = getComputedStyle(e);
        if (e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1) out.push(`${style.overflowX === "visible" ? "spills over" : "clipped"}: ${text}`);
        // Off screen, unless in a strip that scrolls sideways (the sources on a phone).
        const strip = (x) => x && x !== root && (["auto", "scroll"].includes(getComputedStyle(x).overflowX) || strip(x.parentElement));
        if ((r.right > innerWidth + 1 || r.left < -1) && !strip(e.parentElement)) out.push(`off screen: ${text}`);
      }
      for (const e of root.querySelectorAll("[aria-label], [title], [placeholder]")) {
        for (const a of ["aria-label", "title", "placeholder"]) {
          const v = e.getAttribute(a)?.trim();
          if (v && !ours(v)) out.push(`untranslated ${a}: ${v}`);
        }
      }
    }
    return out;
  });
  assert.deepEqual(await problems(), []);
  // The check sees a string cut short: Select made too narrow for its word.
  await page.addStyleTag({ content: "#p .odp-confirm { width: 40px; overflow: hidden; white-space: nowrap }" });
  assert.ok((await problems()).some((p) => p.startsWith("clipped: [Šéļéçţ")), "a clipped string is found");
  await context.close();
});

test("the pseudo-locale at 360 px: the save bar, and a taken name's choice, come from the table, unclipped", async () => {
  const { context, page } = await open({ width: 360, height: 740 });
  await page.evaluate(() => window.mount({ locale: "en-XA", mode: "save", saveName: "Welcome.docx" }));
  const p = page.locator("#p");
  await p.getByRole("option", { name: "Welcome.docx", exact: true }).waitFor();
  await p.locator(".odp-save .odp-confirm").click();
  await p.locator(".odp-save-taken").waitFor();
  const problems = await page.evaluate(() => {
    const out = [];
    const bar = document.querySelector("#p .odp-save");
    const walker = document.createTreeWalker(bar, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent.trim();
      const e = n.parentElement;
      if (!text || !e.getClientRects().length) continue;
      if (!text.startsWith("[") && !/^\d/.test(text)) out.push(`untranslated: ${text}`);
      if (e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1) out.push(`clipped: ${text}`);
      const r = e.getBoundingClientRect();
      if (r.right > innerWidth + 1 || r.left < -1) out.push(`off screen: ${text}`);
    }
    return out;
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test("messages: the page's own words in the element and the dialog; a key that does not exist is a configuration error", async () => {
  const { context, page } = await open();
  // The element, its words set as a property before it mounts.
  await page.evaluate(() => window.element({}, { token: false, messages: { en: { sign_in: "Connect to Contoso files" }, "*": { title: "Contoso" } } }));
  const s = page.locator("#s");
  await s.getByRole("button", { name: "Connect to Contoso files", exact: true }).waitFor();
  assert.equal(await s.locator(".odp-title").textContent(), "Contoso");
  // In German, `*` applies and English's own words do not.
  await page.evaluate(() => document.querySelector("#s").setAttribute("locale", "de"));
  await s.getByRole("button", { name: "Mit Microsoft anmelden", exact: true }).waitFor();
  assert.equal(await s.locator(".odp-title").textContent(), "Contoso");

  // The dialog: Select is "Insert", plurals too.
  const picked = page.evaluate(({ base }) => window.OneDrivePicker.open({
    graphBase: `${base}/v1.0`, tokenProvider: async () => window.token,
    messages: { en: { select: "Insert", "item_count.one": "just {count} thing", "item_count.other": "{count} things" } },
  }).then((items) => items.map((i) => i.name)), { base: portal.emulator.base });
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("option", { name: "Welcome.docx", exact: true }).click();
  assert.equal(await dialog.getByRole("option", { name: "Documents", exact: true }).locator(".odp-size").textContent(), "3 things");
  await dialog.getByRole("button", { name: "Insert", exact: true }).click();
  assert.deepEqual(await picked, ["Welcome.docx"]);

  // A misspelt key: the error screen says which, and the page hears `config_error`.
  await page.evaluate(() => window.mount({ messages: { en: { selct: "Attach" } } }));
  const alert = page.locator("#p").getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.textContent(), /no message is called “selct”/);
  assert.deepEqual(await page.evaluate(() => window.errors.map((e) => e.code)), ["config_error"]);
  await context.close();
});
