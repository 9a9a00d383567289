// End-to-end: a link pasted in the search box. The folder a sharing link shares opens (below the
// source, Up leads back), the file is chosen, and a link that leads nowhere or that the user may
// not open says so — in the packed element (which, signed in, asks for the permission /shares
// needs first, then opens the link by itself), the dialog and the Leptos component.
import { test } from "node:test";
import assert from "node:assert/strict";
import { usePackagePage } from "./package-page.mjs";
import { useDemo } from "./demo.mjs";
import { tokenFor, clickSignIn, completeSignIn, MEGAN, ADELE, PAT, PORTAL_CLIENT } from "./support.mjs";

const portal = usePackagePage();
const demo = useDemo();

/** Megan's sharing link (`type`, `scope`) to `path` in her OneDrive, on `emulator` (signed in
 * to `app`, the emulator's demo app unless given). */
async function megansLink(emulator, path, type = "view", scope = "organization", app = undefined) {
  const { access_token } = await tokenFor(emulator.base, MEGAN, "openid User.Read Files.ReadWrite.All", app);
  const r = await fetch(`${emulator.base}/v1.0/me/drive/root:/${encodeURI(path)}:/createLink`, {
    method: "POST",
    headers: { authorization: `Bearer ${access_token}`, "content-type": "application/json" },
    body: JSON.stringify({ type, scope }),
  });
  assert.ok(r.ok, `createLink ${path}: ${r.status}`);
  return (await r.json()).link.webUrl;
}

/** Pastes `link` in `scope`'s search box. */
async function paste(scope, link) {
  await scope.getByRole("searchbox").fill(link);
}

/** Megan's link on the package page's emulator (where the portal's app is registered). */
const portalLink = (path, type, scope) => megansLink(portal.emulator, path, type, scope, {
  clientId: PORTAL_CLIENT, redirect: `${portal.site.origin}/node_modules/onedrive-picker/auth.html`,
});

/** The crumbs of `scope`'s folder path. */
const crumbs = (scope) => scope.getByRole("navigation", { name: "Folder path" }).getByRole("listitem");

const chosen = (scope) => scope.locator(".odp-chip-name").allTextContents();

test("the element: a folder's link opens it, a file's link chooses it, and broken or closed links say why", async () => {
  const { context, page } = await portal.open();
  await page.evaluate(() => {
    window.picks = [];
    document.addEventListener("picker-pick", (e) => window.picks.push(e.detail.map((i) => i.name)));
    window.element({ multiple: "" });
  });
  const picker = page.locator("onedrive-picker");
  await picker.getByRole("option", { name: "Welcome.docx", exact: true }).waitFor();
  const open = picker.getByRole("button", { name: "Open link", exact: true });
  assert.equal(await open.isVisible(), false, "no link, no button");
  // A link for specific people, not Adele: it says so.
  const alert = picker.locator(".odp-link-error");
  await paste(picker, await portalLink("Private notes.docx", "edit", "users"));
  await open.click();
  await alert.filter({ hasText: "You don't have access to what this link shares." }).waitFor();
  assert.equal(await alert.getAttribute("role"), "alert");
  // A link anyone in the organization may open: the folder opens.
  await paste(picker, await portalLink("Drafts"));
  await open.click();
  await picker.getByRole("option", { name: "Outline.docx", exact: true }).waitFor();
  assert.deepEqual(await crumbs(picker).allTextContents(), ["My files", "Drafts"]);
  assert.equal(await picker.getByRole("searchbox").inputValue(), "", "the link leaves the box");
  // A file's link: chosen, and said so; then one that leads nowhere.
  await paste(picker, await portalLink("Private notes.docx"));
  await picker.getByRole("searchbox").press("Enter");
  await picker.getByRole("status").filter({ hasText: "Private notes.docx is selected." }).waitFor();
  assert.deepEqual(await chosen(picker), ["Private notes.docx"]);
  await paste(picker, `${portal.emulator.base}/_share/nothing-here`);
  assert.equal(await alert.textContent(), "", "typing clears the error");
  await open.click();
  await alert.filter({ hasText: "This link doesn't lead to a file or folder. It may have been removed." }).waitFor();
  assert.deepEqual(await chosen(picker), ["Private notes.docx"], "nothing the user did is lost");
  await picker.getByRole("button", { name: "Select", exact: true }).click();
  await page.waitForFunction(() => window.picks.length === 1);
  assert.deepEqual(await page.evaluate(() => window.picks), [["Private notes.docx"]]);
  await context.close();
});

test("the dialog: an item's own web address chooses it; one the filters refuse says so", async () => {
  const { context, page } = await portal.open();
  const graph = `${portal.emulator.base}/v1.0`;
  const web = async (path) => {
    const r = await fetch(`${graph}/me/drive/root:${encodeURI(path)}`, { headers: { authorization: `Bearer ${portal.token}` } });
    return (await r.json()).webUrl;
  };
  const picked = page.evaluate((base) => window.OneDrivePicker.open({ graphBase: base, tokenProvider: async () => window.token, filters: ".xlsx" })
    .then((items) => items.map((i) => i.name)), graph);
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("option", { name: "Welcome.docx", exact: true }).waitFor();
  await paste(dialog, await web("/Welcome.docx"));
  await dialog.getByRole("searchbox").press("Enter");
  await dialog.locator(".odp-link-error").filter({ hasText: "Welcome.docx can't be picked here." }).waitFor();
  await paste(dialog, await web("/Budget.xlsx"));
  await dialog.getByRole("searchbox").press("Enter");
  await dialog.getByRole("status").filter({ hasText: "Budget.xlsx is selected." }).waitFor();
  await dialog.getByRole("button", { name: "Select", exact: true }).click();
  assert.deepEqual(await picked, ["Budget.xlsx"]);
  await context.close();
});

test("the element, signed in: a link first asks for the permission /shares needs, then opens by itself (anyone's link, another organization's account)", async () => {
  const { context, page } = await portal.open();
  const link = await portalLink("Drafts", "view", "anonymous");
  await page.evaluate(() => window.element({}, { token: false }));
  const picker = page.locator("onedrive-picker");
  await completeSignIn(await clickSignIn(page), PAT);
  await picker.getByRole("option").first().waitFor();
  await paste(picker, link);
  const open = picker.getByRole("button", { name: "Open link", exact: true });
  const [popup] = await Promise.all([page.waitForEvent("popup"), open.click()]);
  // Signed in already: the emulator asks for consent to the new scope only.
  await popup.click("#accept");
  await picker.getByRole("option", { name: "Outline.docx", exact: true }).waitFor();
  assert.deepEqual(await crumbs(picker).allTextContents(), ["My files", "Drafts"]);
  await context.close();
});

test("the Leptos component: a folder's link opens below the source, Up leads back; locked to its start, a link is only searched for", async () => {
  const { context, page } = await demo.signedIn(ADELE);
  const link = await megansLink(demo.emulator, "Drafts");
  await paste(page, link);
  await page.getByRole("button", { name: "Open link", exact: true }).click();
  await page.getByRole("option", { name: "Outline.docx", exact: true }).waitFor();
  assert.deepEqual(await crumbs(page).allTextContents(), ["My files", "Drafts"]);
  await crumbs(page).getByRole("button", { name: "My files", exact: true }).click();
  await page.getByRole("option", { name: "Welcome.docx", exact: true }).waitFor();
  await context.close();
  // Locked to its start, the picker searches for what is typed, links too.
  const locked = await demo.browser.newContext();
  const tab = await locked.newPage();
  await tab.goto(`${demo.site.origin}/leptos/?emulator=${encodeURIComponent(demo.emulator.base)}&start=${encodeURIComponent("path:/Documents")}&lock-to-start`);
  await completeSignIn(await clickSignIn(tab), ADELE);
  await tab.getByRole("option", { name: "Reports", exact: true }).waitFor();
  await paste(tab, link);
  assert.equal(await tab.getByRole("button", { name: "Open link", exact: true }).isVisible(), false);
  await tab.getByRole("searchbox").press("Enter");
  await tab.getByText("Nothing matches your search.").waitFor();
  await locked.close();
});
