// End-to-end: save as (`mode="save"`). The user opens a folder, names the file and saves; a name
// taken there asks Replace or Keep both; a bad name says why. With the page's bytes the picker
// uploads them (asking first for the write permission it lacks); without, the page gets the
// folder and the name — in the packed element, the dialog and the Leptos component (the demo's
// `?save=`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { usePackagePage } from "./package-page.mjs";
import { useDemo } from "./demo.mjs";
import { tokenFor, clickSignIn, completeSignIn, axeViolations, ADELE, PAT } from "./support.mjs";

const portal = usePackagePage();
const demo = useDemo();

/** The text of the file at `path` in the drive `token` reaches, or the status when there is none. */
async function content(base, token, path) {
  const r = await fetch(`${base}/v1.0/me/drive/root:${encodeURI(path)}:/content`, { headers: { authorization: `Bearer ${token}` } });
  return r.ok ? r.text() : r.status;
}

/** The save bar of `scope`: its name box and its buttons. */
function bar(scope) {
  const form = scope.getByRole("form", { name: "Save as", exact: true });
  return {
    form,
    name: form.getByRole("textbox", { name: "File name", exact: true }),
    save: form.getByRole("button", { name: "Save", exact: true }),
  };
}

test("the element: a taken name asks Replace or Keep both, a bad name says why, and the page's bytes are uploaded", async () => {
  const { context, page } = await portal.open();
  await page.evaluate(() => {
    window.saves = [];
    document.addEventListener("picker-save", (e) => window.saves.push(e.detail));
    window.element({ mode: "save", "save-name": "Report.docx" }, { saveContent: new Blob(["first draft"]) });
  });
  const picker = page.locator("onedrive-picker");
  await picker.getByRole("option", { name: "Welcome.docx", exact: true }).waitFor();
  const b = bar(picker);
  assert.equal(await b.name.inputValue(), "Report.docx");
  assert.equal(await picker.getByRole("button", { name: "Select", exact: true }).count(), 0, "no pick");
  // Recent is no folder: Save waits, and says why.
  await picker.getByRole("navigation", { name: "Sources" }).getByRole("button", { name: "Recent", exact: true }).click();
  await b.form.getByRole("status").filter({ hasText: "Open a folder to save in." }).waitFor();
  assert.equal(await b.save.isDisabled(), true);
  await picker.getByRole("navigation", { name: "Sources" }).getByRole("button", { name: "My files", exact: true }).click();
  // A file cannot be chosen; a folder opens.
  await picker.getByRole("option", { name: "Documents", exact: true }).click();
  await picker.getByRole("option", { name: "Reports", exact: true }).waitFor();
  await b.name.fill("Bad:name.docx");
  await b.save.click();
  await b.form.getByRole("alert").filter({ hasText: "Names can't contain “:”." }).waitFor();
  // Back in My files, a name that is taken.
  await picker.getByRole("navigation", { name: "Folder path" }).getByRole("button", { name: "My files", exact: true }).click();
  await picker.getByRole("option", { name: "Welcome.docx", exact: true }).waitFor();
  assert.equal(await b.form.locator("#odp-save-error").textContent(), "", "another folder: the error was about the one before");
  await b.name.fill("Welcome.docx");
  await b.save.click();
  const taken = b.form.getByRole("alert").filter({ hasText: "“Welcome.docx” already exists here." });
  await taken.waitFor();
  assert.deepEqual(await axeViolations(page), [], "the save bar and its choice");
  await taken.getByRole("button", { name: "Keep both", exact: true }).click();
  await page.waitForFunction(() => window.saves.length === 1);
  const [saved] = await page.evaluate(() => window.saves);
  assert.equal(saved.conflictBehavior, "rename");
  assert.notEqual(saved.name, "Welcome.docx", "kept both: another name");
  assert.equal(saved.item.name, saved.name);
  assert.equal(saved.folder.isFolder, true);
  assert.equal(await content(portal.emulator.base, portal.token, `/${saved.name}`), "first draft");
  await context.close();
});

test("the dialog: without bytes it resolves with the folder and the name; Replace overwrites the file", async () => {
  const { context, page } = await portal.open();
  const graph = `${portal.emulator.base}/v1.0`;
  const open = (options) => page.evaluate(({ base, options }) => {
    window.result = window.OneDrivePicker.open({ graphBase: base, tokenProvider: async () => window.token, mode: "save", ...options });
  }, { base: graph, options });
  await open({ saveName: "Plan.txt" });
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("option", { name: "Documents", exact: true }).click();
  await dialog.getByRole("option", { name: "Reports", exact: true }).waitFor();
  await bar(dialog).save.click();
  const saved = await page.evaluate(() => window.result);
  assert.equal(saved.folder.name, "Documents");
  assert.deepEqual([saved.name, saved.conflictBehavior, saved.item], ["Plan.txt", "fail", null]);
  assert.equal(await content(portal.emulator.base, portal.token, "/Documents/Plan.txt"), 404, "the page saves it itself");
  // With bytes and a taken name: Replace.
  await page.evaluate(() => (window.bytes = new Blob(["replaced"])));
  await page.evaluate(({ base }) => {
    window.result = window.OneDrivePicker.open({ graphBase: base, tokenProvider: async () => window.token, mode: "save", saveName: "Notes.txt", saveContent: window.bytes });
  }, { base: graph });
  await dialog.getByRole("option", { name: "Welcome.docx", exact: true }).waitFor();
  await bar(dialog).save.click();
  await dialog.getByRole("button", { name: "Replace", exact: true }).click();
  const replaced = await page.evaluate(() => window.result);
  assert.deepEqual([replaced.name, replaced.conflictBehavior], ["Notes.txt", "replace"]);
  assert.equal(await content(portal.emulator.base, portal.token, "/Notes.txt"), "replaced");
  await context.close();
});

test("the element, signed in without a write permission: Save asks for it, then saves by itself", async () => {
  const { context, page } = await portal.open();
  await page.evaluate(() => {
    window.saves = [];
    document.addEventListener("picker-save", (e) => window.saves.push(e.detail));
    window.element({ mode: "save", "save-name": "Shopping.txt" }, { token: false, saveContent: new Blob(["milk"]) });
  });
  const picker = page.locator("onedrive-picker");
  await completeSignIn(await clickSignIn(page), PAT);
  await picker.getByRole("option", { name: "Documents", exact: true }).waitFor();
  const [popup] = await Promise.all([page.waitForEvent("popup"), bar(picker).save.click()]);
  await popup.click("#accept");
  await page.waitForFunction(() => window.saves.length === 1);
  const [saved] = await page.evaluate(() => window.saves);
  assert.deepEqual([saved.name, saved.conflictBehavior, saved.item.name], ["Shopping.txt", "fail", "Shopping.txt"]);
  await context.close();
});

test("the Leptos component: the demo saves its text file in the folder the user opens", async () => {
  const context = await demo.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${demo.site.origin}/leptos/?emulator=${encodeURIComponent(demo.emulator.base)}&save=Demo%20notes.txt`);
  await completeSignIn(await clickSignIn(page), ADELE);
  await page.getByRole("option", { name: "Documents", exact: true }).click();
  await page.getByRole("option", { name: "Reports", exact: true }).waitFor();
  const b = bar(page);
  assert.equal(await b.name.inputValue(), "Demo notes.txt");
  await b.save.click();
  await page.getByText("Saved Demo notes.txt in Documents").waitFor();
  const { access_token } = await tokenFor(demo.emulator.base, ADELE, "openid User.Read Files.Read");
  assert.equal(await content(demo.emulator.base, access_token, "/Documents/Demo notes.txt"), "Saved by the onedrive-picker demo.\n");
  await context.close();
});
