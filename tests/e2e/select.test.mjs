// End-to-end: picking many at once in the packed element and the dialog — "Select all" (the
// check box and Ctrl+A) selects the folder's files up to `max-count`, says so in the tray's live
// status, and a second time deselects them. (The Leptos component's: browse.test.mjs.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { usePackagePage } from "./package-page.mjs";

const portal = usePackagePage();
const page = async () => portal.open();
const GRAPH = () => `${portal.emulator.base}/v1.0`;

/** The names of the files (not folders) `scope` lists. */
const files = (scope) => scope.locator('[role=option]:not([data-kind="folder"])').evaluateAll((els) => els.map((e) => e.title));
/** The names in the tray. */
const chosen = (scope) => scope.locator(".odp-chip-name").allTextContents();

test("the element: Ctrl+A selects the folder's files up to max-count and says so; the check box shows some", async () => {
  const { context, page: p } = await page();
  await p.evaluate(() => window.element({ multiple: "", "max-count": "3" }));
  const picker = p.locator("onedrive-picker");
  await picker.getByRole("option", { name: "Welcome.docx", exact: true }).waitFor();
  const all = picker.getByRole("checkbox", { name: "Select all", exact: true });
  assert.equal(await all.getAttribute("aria-checked"), "false");
  const names = await files(picker);
  assert.ok(names.length > 3, `more files than the limit: ${names}`);
  await picker.getByRole("listbox").focus();
  await p.keyboard.press("ControlOrMeta+A");
  assert.deepEqual(await chosen(picker), names.slice(0, 3), "the first three, in the folder's order");
  assert.equal(await picker.getByRole("status").textContent(), "You can select up to 3 items.");
  assert.equal(await all.getAttribute("aria-checked"), "mixed");
  // The page's text was not selected instead.
  assert.equal(await p.evaluate(() => String(getSelection())), "");
  await context.close();
});

test("the dialog: the check box selects every file, is checked, picks them all, and deselects them the second time", async () => {
  const { context, page: p } = await page();
  const picked = p.evaluate((base) => window.OneDrivePicker.open({ graphBase: base, tokenProvider: async () => window.token, multiple: true })
    .then((items) => items.map((i) => i.name)), GRAPH());
  const dialog = p.getByRole("dialog");
  await dialog.getByRole("option", { name: "Welcome.docx", exact: true }).waitFor();
  const names = await files(dialog);
  const all = dialog.getByRole("checkbox", { name: "Select all", exact: true });
  await all.click();
  assert.equal(await all.getAttribute("aria-checked"), "true");
  assert.equal(await dialog.getByRole("status").textContent(), `All ${names.length} items selected`);
  assert.deepEqual(await chosen(dialog), names);
  await all.click();
  assert.equal(await all.getAttribute("aria-checked"), "false");
  assert.equal(await dialog.getByRole("status").textContent(), `${names.length} items deselected`);
  assert.deepEqual(await chosen(dialog), []);
  await dialog.getByRole("listbox").focus();
  await p.keyboard.press("ControlOrMeta+a");
  await dialog.getByRole("button", { name: "Select", exact: true }).click();
  assert.deepEqual(await picked, names);
  await context.close();
});

test("single selection has no Select all, and Ctrl+A does nothing", async () => {
  const { context, page: p } = await page();
  const picked = p.evaluate((base) => window.OneDrivePicker.open({ graphBase: base, tokenProvider: async () => window.token }).catch((e) => e.code), GRAPH());
  const dialog = p.getByRole("dialog");
  await dialog.getByRole("option", { name: "Welcome.docx", exact: true }).waitFor();
  assert.equal(await dialog.getByRole("checkbox", { name: "Select all" }).count(), 0);
  await dialog.getByRole("listbox").focus();
  await p.keyboard.press("ControlOrMeta+A");
  assert.deepEqual(await chosen(dialog), []);
  await p.keyboard.press("Escape");
  assert.equal(await picked, "cancelled");
  await context.close();
});

/** `{driveId}/{id}` of the item at `path` in Adele's drive. */
async function key(path) {
  const r = await fetch(`${GRAPH()}/me/drive/root:${encodeURI(path)}`, { headers: { authorization: `Bearer ${portal.token}` } });
  const item = await r.json();
  return `${item.parentReference.driveId}/${item.id}`;
}

test("the element: `selected` shows the items chosen before in the tray, wherever they live, and says which are gone", async () => {
  const { context, page: p } = await page();
  const [welcome, q3] = [await key("/Welcome.docx"), await key("/Documents/Reports/Q3 Forecast.xlsx")];
  const gone = `${welcome.split("/")[0]}/01NOSUCHITEM`;
  await p.evaluate((selected) => window.element({ multiple: "", selected }), `${welcome} ${q3} ${gone}`);
  const picker = p.locator("onedrive-picker");
  await picker.locator(".odp-chip").nth(1).waitFor();
  assert.deepEqual(await chosen(picker), ["Welcome.docx", "Q3 Forecast.xlsx"]);
  assert.equal(await picker.getByRole("status").textContent(), "1 item chosen before is not available.");
  assert.equal(await picker.getByRole("option", { name: "Welcome.docx", exact: true }).getAttribute("aria-selected"), "true");
  await context.close();
});

test("the dialog: `selected` items are picked as they are with one press of Select; a malformed one is a configuration error", async () => {
  const { context, page: p } = await page();
  const selected = `${await key("/Welcome.docx")} ${await key("/Documents/Reports/Q3 Forecast.xlsx")}`;
  const picked = p.evaluate(({ base, selected }) => window.OneDrivePicker.open({ graphBase: base, tokenProvider: async () => window.token, multiple: true, selected })
    .then((items) => items.map((i) => i.name)), { base: GRAPH(), selected });
  const dialog = p.getByRole("dialog");
  await dialog.locator(".odp-chip").nth(1).waitFor();
  await dialog.getByRole("button", { name: "Select", exact: true }).click();
  assert.deepEqual(await picked, ["Welcome.docx", "Q3 Forecast.xlsx"]);
  const wrong = await p.evaluate((base) => window.OneDrivePicker.open({ graphBase: base, tokenProvider: async () => window.token, selected: "no-slash" }).catch((e) => e.code), GRAPH());
  assert.equal(wrong, "config_error");
  await context.close();
});

/** The crumbs shown, and whether a Sources pane is there. */
const where = async (scope) => ({
  crumbs: await scope.getByRole("navigation", { name: "Folder path", exact: true }).getByRole("listitem").allTextContents(),
  sources: await scope.getByRole("navigation", { name: "Sources", exact: true }).count(),
});

test("the element: lock-to-start keeps the user in the start folder and below, its search within it", async () => {
  const { context, page: p } = await page();
  await p.evaluate(() => window.element({ start: "path:/Documents", "lock-to-start": "" }));
  const picker = p.locator("onedrive-picker");
  await picker.getByRole("option", { name: "Reports", exact: true }).waitFor();
  assert.deepEqual(await where(picker), { crumbs: ["Documents"], sources: 0 });
  const up = picker.getByRole("button", { name: "Up one level", exact: true });
  assert.equal(await up.isDisabled(), true);
  await picker.getByRole("option", { name: "Reports", exact: true }).dblclick();
  await picker.getByRole("option", { name: "Q3 Forecast.xlsx", exact: true }).waitFor();
  assert.deepEqual((await where(picker)).crumbs, ["Documents", "Reports"]);
  await up.click();
  await picker.getByRole("option", { name: "Reports", exact: true }).waitFor();
  await picker.getByRole("listbox").focus();
  await p.keyboard.press("Backspace");
  assert.deepEqual((await where(picker)).crumbs, ["Documents"], "Backspace stops at the start");
  // Search finds Q3 Forecast.xlsx below the start, not Budget.xlsx in the drive's root.
  await picker.getByRole("searchbox").fill("xlsx");
  await picker.getByRole("searchbox").press("Enter");
  await picker.getByRole("option", { name: "Q3 Forecast.xlsx", exact: true }).waitFor();
  assert.equal(await picker.getByRole("option", { name: "Budget.xlsx", exact: true }).count(), 0);
  await context.close();
});

test("the dialog: lock-to-start, no sources and no way up", async () => {
  const { context, page: p } = await page();
  const picked = p.evaluate((base) => window.OneDrivePicker.open({ graphBase: base, tokenProvider: async () => window.token, start: "path:/Documents/Reports", lockToStart: true })
    .then((items) => items.map((i) => i.name)), GRAPH());
  const dialog = p.getByRole("dialog");
  await dialog.getByRole("option", { name: "Q3 Forecast.xlsx", exact: true }).waitFor();
  assert.deepEqual(await where(dialog), { crumbs: ["Reports"], sources: 0 });
  assert.equal(await dialog.getByRole("button", { name: "Up one level", exact: true }).isDisabled(), true);
  await dialog.getByRole("option", { name: "Q3 Forecast.xlsx", exact: true }).dblclick();
  assert.deepEqual(await picked, ["Q3 Forecast.xlsx"]);
  await context.close();
});
