// End-to-end: the picker as a picker — every source for a work and a personal account, levels
// and breadcrumbs, list and grid, sorting, search, a 100,000-item folder, selection across
// folders and sources, modes and filters, the pick result, cancel and the keyboard.
import { test } from "node:test";
import assert from "node:assert/strict";
import { tokenFor, clickSignIn, completeSignIn, activeOption } from "./support.mjs";
import { useDemo, names, crumbs, item, source, ADELE, PAT, FILES } from "./demo.mjs";

const demo = useDemo();
const { signedIn, mounted } = demo;

test("every source of a work account, down and back by breadcrumb", async () => {
  const { context, page, errors } = await signedIn(ADELE);
  const keys = await page.$$eval('role=navigation[name="Sources"s] >> role=button', (els) => els.map((e) => e.dataset.source));
  assert.deepEqual(keys, ["my-files", "recent", "shared", "sites", "teams"]);
  // Three levels down, and back by breadcrumb.
  await page.click(item("Documents"));
  await page.click(item("Deeply"));
  await page.waitForSelector('role=listbox >> .odp-item[data-kind=folder]');
  const third = (await names(page))[0];
  await page.click(item(third));
  await page.waitForFunction((n) => [...document.querySelectorAll(".odp-crumb")].at(-1)?.textContent === n, third);
  assert.equal((await crumbs(page)).length, 4);
  await page.click('role=navigation[name="Folder path"s] >> role=button[name="Documents"s]');
  await page.waitForSelector(item("Reports"));
  assert.deepEqual(await crumbs(page), ["My files", "Documents"]);
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("odp-items")), true, "focus stays in the listing");
  await page.click('role=button[name="Up one level"s]');
  await page.waitForSelector(item("Welcome.docx"));
  // Recent: files from everywhere, each saying where it lives.
  await page.click(source("recent"));
  await page.waitForSelector('role=listbox >> role=option >> .odp-detail');
  assert.deepEqual(await crumbs(page), ["Recent"]);
  // Shared with me: the owner is shown, and a shared folder opens in its own drive.
  await page.click(source("shared"));
  await page.waitForSelector(item("Budget 2026.xlsx"));
  assert.equal(await page.textContent(`${item("Budget 2026.xlsx")} >> .odp-detail`), "Megan Bowen");
  await page.click(item("Shared with team"));
  await page.waitForSelector(item("Roadmap.docx"));
  // SharePoint: followed sites, a site's libraries, a library's files; and site search.
  await page.click(source("sites"));
  await page.waitForSelector(item("Contoso Portal"));
  assert.deepEqual((await names(page)).sort(), ["Contoso Portal", "Finance"]);
  await page.click(item("Contoso Portal"));
  await page.waitForSelector(item("Policies"));
  await page.click(item("Policies"));
  await page.waitForSelector(item("Travel policy.docx"));
  assert.deepEqual(await crumbs(page), ["SharePoint", "Contoso Portal", "Policies"]);
  await page.click(source("sites"));
  await page.fill('role=searchbox', "falcon");
  await page.waitForSelector(item("Project Falcon"));
  assert.deepEqual(await names(page), ["Project Falcon"]);
  // Teams needs more permissions: asked for in place, then joined teams, channels, files.
  await page.click(source("teams"));
  await page.waitForSelector('role=button[name="Allow access to Teams"s]');
  const popup = await clickSignIn(page, 'role=button[name="Allow access to Teams"s]');
  // Signed in already: the window asks only for consent to the new permissions.
  await popup.click("#accept");
  await page.waitForSelector(item("Project Falcon"));
  await page.click(item("Project Falcon"));
  await page.waitForSelector(item("Design"));
  await page.click(item("Design"));
  await page.waitForSelector(item("Wireframes.pptx"));
  assert.deepEqual(await crumbs(page), ["Teams", "Project Falcon", "Design"]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a personal account has its own sources, and switching keeps nothing of the other", async () => {
  const { context, page, errors } = await signedIn(PAT);
  const keys = await page.$$eval('role=navigation[name="Sources"s] >> role=button', (els) => els.map((e) => e.dataset.source));
  assert.deepEqual(keys, ["my-files", "recent", "shared"], "no SharePoint or Teams for personal accounts");
  assert.ok((await names(page)).includes("Getting started with OneDrive.pdf"));
  await page.click(item("Documents"));
  await page.waitForSelector(item("Recipes.docx"));
  await page.click(source("recent"));
  await page.waitForSelector("[role=listbox] [role=option], .odp-empty");
  await page.click(source("shared"));
  await page.waitForSelector("[role=listbox] [role=option], .odp-empty");
  // Switch to a work account: the sources and the place follow the account.
  await page.click(source("my-files"));
  await page.click(item("Documents"));
  await page.waitForSelector(item("Recipes.docx"));
  await page.click(item("Recipes.docx"));
  await completeSignIn(await clickSignIn(page, 'role=button[name="Switch account"s]'), ADELE);
  await page.waitForSelector(item("Welcome.docx"));
  assert.deepEqual(await crumbs(page), ["My files"]);
  assert.equal(await page.locator('role=region[name="Selected"s] >> role=listitem').count(), 0, "the other account's selection is gone");
  assert.equal(await page.locator(source("teams")).count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test("list and grid, and each sort (on the server where Graph can, here otherwise)", async () => {
  const { context, page } = await signedIn(ADELE);
  const urls = [];
  page.on("request", (r) => r.url().includes("/children") && urls.push(decodeURIComponent(r.url())));
  await page.click(item("Documents"));
  await page.click(item("Reports"));
  await page.waitForSelector(item("Q3 Forecast.xlsx"));
  await page.click('role=group[name="Sort by"s] >> role=button[name=/^Name/]');
  await page.waitForFunction(() => document.querySelector('.odp-col-name[data-sort-state="ascending"]'));
  await page.waitForSelector(item("Q3 Forecast.xlsx"));
  assert.match(urls.at(-1), /\$orderby=name asc/, "names sort on the server");
  assert.deepEqual(await names(page), ["Annual Report 2025.docx", "Board deck.pptx", "Q3 Forecast.xlsx"]);
  await page.click('role=group[name="Sort by"s] >> role=button[name=/^Name/]');
  await page.waitForFunction(() => document.querySelector('.odp-col-name[data-sort-state="descending"]'));
  await page.waitForFunction(() => document.querySelector(".odp-items .odp-name")?.textContent === "Q3 Forecast.xlsx");
  assert.match(urls.at(-1), /\$orderby=name desc/);
  const requests = urls.length;
  await page.click('role=group[name="Sort by"s] >> role=button[name=/^Size/]');
  const sizes = await page.$$eval('role=listbox >> role=option', (els) => els.map((e) => e.querySelector(".odp-size").textContent));
  assert.deepEqual(sizes, ["21.9 KB", "10.1 KB", "8.0 KB"], "largest first");
  await page.click('role=group[name="Sort by"s] >> role=button[name=/^Modified/]');
  assert.equal(urls.length, requests, "work drives sort size and date here, without a request");
  assert.equal(await page.getAttribute(".odp-col-modified", "data-sort-state"), "descending");
  assert.equal(await page.getAttribute('role=group[name="Sort by"s] >> role=button[name=/^Modified/]', "aria-label"), "Modified, descending");
  // Grid: tiles with thumbnails, same rows.
  await page.click('role=button[name="Grid"s]');
  await page.waitForSelector('.odp-grid >> role=option >> img.odp-thumb');
  assert.equal((await names(page)).length, 3);
  await page.click('role=button[name="List"s]');
  await page.waitForSelector('.odp-list >> role=option');
  await context.close();
});

test("search: debounced, the stale request aborted, results say where they live, clearing returns", async () => {
  const { context, page } = await signedIn(ADELE);
  await page.click(item("Big folder (10,000 items)"));
  await page.waitForSelector('role=button[name="Show more"s]');
  await page.evaluate(() => (document.querySelector(".odp-items").scrollTop = 2000));
  await page.waitForFunction(() => document.querySelector(".odp-items").scrollTop === 2000);
  // The first search answers slowly; a newer query aborts it.
  const sent = [];
  const failed = [];
  page.on("request", (r) => r.url().includes("/search(") && sent.push(decodeURIComponent(r.url())));
  page.on("requestfailed", (r) => r.url().includes("/search(") && failed.push(decodeURIComponent(r.url())));
  let slow = true;
  await page.route("**/search(**", async (route) => {
    if (slow) {
      slow = false;
      await new Promise((r) => setTimeout(r, 3000));
    }
    await route.continue().catch(() => {});
  });
  await page.fill('role=searchbox', "forecast");
  await new Promise((r) => setTimeout(r, 600));
  await page.fill('role=searchbox', "report");
  await page.waitForSelector(item("Annual Report 2025.docx"));
  assert.equal(sent.length, 2, "one request per pause in typing");
  assert.match(sent[0], /q='forecast'/);
  assert.equal(failed.length, 1, "the stale search was aborted");
  assert.match(failed[0], /q='forecast'/);
  assert.equal(await page.textContent(`${item("Annual Report 2025.docx")} >> .odp-detail`), "/Documents/Reports");
  assert.equal((await crumbs(page)).at(-1), "Results for “report”");
  // Escape clears: the folder comes back where it was scrolled, with no new request.
  const before = sent.length;
  await page.press('role=searchbox', "Escape");
  await page.waitForFunction(() => document.querySelector(".odp-items").dataset.total === "200");
  await page.waitForFunction(() => document.querySelector(".odp-items").scrollTop === 2000);
  assert.equal(sent.length, before);
  assert.deepEqual(await crumbs(page), ["My files", "Big folder (10,000 items)"]);
  await context.close();
});

test("a 100,000-item folder scrolls to its last item with a bounded DOM", { timeout: 420_000 }, async () => {
  const { context, page } = await signedIn(ADELE);
  await page.click(item("Huge folder (100,000 items)"));
  await page.waitForSelector('role=button[name="Show more"s]');
  // Scrolled to the end again and again, in the page (one page of rows arrives each time);
  // the rows in the DOM are counted at every step.
  const run = await page.evaluate(async () => {
    const el = document.querySelector(".odp-items");
    const rows = () => [...el.querySelectorAll(".odp-item")];
    const tick = () => new Promise((r) => setTimeout(r, 5));
    const counts = [];
    const started = performance.now();
    for (let step = 0; step < 1000; step++) {
      const total = +el.dataset.total;
      el.scrollTop = el.scrollHeight;
      await tick();
      counts.push(rows().length);
      const last = Math.max(...rows().map((r) => +r.dataset.index));
      if (last === 99_999) return { steps: step, counts, last, ms: Math.round(performance.now() - started) };
      if (document.querySelector(".odp-list-error")) return { error: document.querySelector(".odp-list-error").textContent };
      const waited = performance.now();
      while (+el.dataset.total === total && total < 100_000) {
        if (performance.now() - waited > 20_000) return { stuck: total };
        await tick();
      }
      counts.push(rows().length);
    }
    return { unfinished: +el.dataset.total };
  });
  assert.equal(run.last, 99_999, JSON.stringify({ ...run, counts: undefined }));
  assert.ok(run.steps >= 499, "500 pages of 200");
  const most = Math.max(...run.counts);
  assert.ok(most <= 40, `at most ${most} rows were in the DOM`);
  const lastRow = "role=listbox >> .odp-item[data-index='99999']";
  assert.equal(await page.textContent(`${lastRow} >> .odp-name`), await page.getAttribute(lastRow, "title"));
  // The keyboard reaches the first row again.
  await page.focus('role=listbox');
  await page.keyboard.press("Home");
  await page.waitForSelector("role=listbox >> .odp-item[data-index='0'].odp-focused");
  console.log(`100,000 rows in ${run.steps} steps, ${run.ms} ms; at most ${most} rows in the DOM`);
  await context.close();
});

test("multiple selection across folders and sources, up to a maximum; the pick result is complete", async () => {
  const { access_token: token } = await tokenFor(demo.emulator.base, ADELE, FILES);
  const { context, page } = await mounted(token, { multiple: true, maxCount: 3, downloadUrls: true, thumbnailUrls: true });
  await page.click(item("Welcome.docx", "#p"));
  await page.click(item("Documents", "#p"));
  await page.click(item("Reports", "#p"));
  await page.click(item("Q3 Forecast.xlsx", "#p"));
  await page.click(source("shared", "#p"));
  await page.click(item("Budget 2026.xlsx", "#p"));
  assert.equal(await page.locator('#p >> role=region[name="Selected"s] >> role=listitem').count(), 3);
  assert.equal(await page.textContent("#p .odp-count"), "3 / 3");
  // A fourth is refused, and said so.
  await page.click(item("Design review.pptx", "#p"));
  assert.equal(await page.getAttribute(item("Design review.pptx", "#p"), "aria-selected"), "false");
  assert.equal(await page.textContent('#p >> role=region[name="Selected"s] >> role=status'), "You can select up to 3 items.");
  // Removing one from the tray makes room.
  await page.click('#p >> role=button[name="Remove Welcome.docx"s]');
  await page.click(item("Design review.pptx", "#p"));
  assert.deepEqual(await page.$$eval("#p .odp-chip-name", (e) => e.map((x) => x.textContent)), ["Q3 Forecast.xlsx", "Budget 2026.xlsx", "Design review.pptx"]);
  await page.click('#p >> role=button[name="Select"s]');
  await page.waitForFunction(() => window.picks.length === 1);
  const [picked] = await page.evaluate(() => window.picks);
  assert.equal(picked.length, 3);
  const q3 = picked[0];
  assert.equal(q3.name, "Q3 Forecast.xlsx");
  assert.equal(q3.isFolder, false);
  assert.equal(q3.parentPath, "/Documents/Reports");
  assert.equal(q3.mimeType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  assert.ok(q3.size > 0 && q3.id && q3.driveId);
  assert.match(q3.webUrl, /Doc\.aspx/);
  assert.match(q3.lastModifiedDateTime, /^\d{4}-\d\d-\d\dT/);
  assert.match(q3.thumbnailUrl, /^http:\/\/127\.0\.0\.1/);
  assert.match(q3.downloadUrl, /^http:\/\/127\.0\.0\.1/);
  assert.notEqual(picked[1].driveId, q3.driveId, "the shared file is in Megan's drive");
  const body = await (await fetch(q3.downloadUrl)).arrayBuffer();
  assert.equal(body.byteLength, q3.size, "the download URL serves the file without a token");
  assert.equal(await page.locator('#p >> role=region[name="Selected"s] >> role=listitem').count(), 0, "a pick empties the selection");
  await context.close();
});

test("modes and filters: what cannot be picked is shown disabled", async () => {
  const { access_token: token } = await tokenFor(demo.emulator.base, ADELE, FILES);
  const cases = [
    [{ mode: "folders" }, { "Documents": true, "Welcome.docx": false }],
    [{ mode: "all" }, { "Documents": true, "Welcome.docx": true }],
    [{ filters: ".xlsx" }, { "Budget.xlsx": true, "Welcome.docx": false, "Documents": false }],
    [{ filters: "documents" }, { "Welcome.docx": true, "Expense policy.pdf": true, "Notes.txt": true }],
    [{ mode: "all", filters: "images folders" }, { "Pictures": true, "Budget.xlsx": false }],
  ];
  for (const [options, expected] of cases) {
    const { context, page } = await mounted(token, options);
    for (const [name, allowed] of Object.entries(expected)) {
      const row = item(name, "#p");
      await page.waitForSelector(row);
      const disabled = await page.getAttribute(row, "aria-disabled");
      const folder = (await page.getAttribute(row, "data-kind")) === "folder";
      // A folder that cannot be picked still opens; a file that cannot is disabled.
      assert.equal(disabled === "true", !allowed && !folder, `${JSON.stringify(options)} ${name}`);
      if (allowed) {
        await page.click(row);
        assert.equal(await page.getAttribute(row, "aria-selected"), "true", `${JSON.stringify(options)} ${name}`);
      }
    }
    await context.close();
  }
  // Video and audio: the video in Videos can be picked; with audio, nothing here can.
  const video = await mounted(token, { filters: "video" });
  await video.page.click(item("Videos", "#p"));
  await video.page.click(item("Product demo.mp4", "#p"));
  assert.equal(await video.page.getAttribute(item("Product demo.mp4", "#p"), "aria-selected"), "true");
  await video.context.close();
  const audio = await mounted(token, { filters: "audio" });
  for (const name of ["Welcome.docx", "Budget.xlsx", "Notes.txt"]) {
    assert.equal(await audio.page.getAttribute(item(name, "#p"), "aria-disabled"), "true", name);
  }
  await audio.context.close();
  // Folders mode: a double-click opens the folder a click selects.
  const { context, page } = await mounted(token, { mode: "folders" });
  await page.dblclick(item("Documents", "#p"));
  await page.waitForSelector(item("Reports", "#p"));
  await context.close();
});

test("cancel, a double-click picks once, and the keyboard does everything", async () => {
  const { access_token: token } = await tokenFor(demo.emulator.base, ADELE, FILES);
  const { context, page } = await mounted(token, {});
  await page.click(item("Welcome.docx", "#p"));
  await page.click('#p >> role=region[name="Selected"s] >> role=button[name="Cancel"s]');
  assert.equal(await page.evaluate(() => window.cancels), 1);
  assert.equal(await page.locator('#p >> role=region[name="Selected"s] >> role=listitem').count(), 0);
  await page.dblclick(item("Budget.xlsx", "#p"));
  await page.waitForFunction(() => window.picks.length === 1);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.picks.length), 1, "picked once");
  assert.equal(await page.evaluate(() => window.picks[0][0].name), "Budget.xlsx");
  // Keyboard: arrows, Enter into a folder, Backspace up, Space selects, Enter picks.
  await page.focus('#p >> role=listbox');
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  const first = await (await activeOption(page.locator("#p"))).getAttribute("title");
  assert.equal(first, (await names(page, "#p"))[0]);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelectorAll("#p .odp-crumb").length === 2);
  await page.keyboard.press("Backspace");
  await page.waitForFunction(() => document.querySelectorAll("#p .odp-crumb").length === 1);
  await page.waitForSelector(item("Welcome.docx", "#p"));
  await page.keyboard.press("End");
  const last = await (await activeOption(page.locator("#p"))).getAttribute("title");
  await page.keyboard.press(" ");
  assert.equal(await (await activeOption(page.locator("#p"))).getAttribute("aria-selected"), "true");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => window.picks.length === 2);
  assert.equal(await page.evaluate(() => window.picks[1][0].name), last);
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("odp-items")), true);
  await context.close();
});

test("the Leptos component: Ctrl+A selects every file of the folder, announced, and picks them", async () => {
  const { context, page } = await signedIn(ADELE);
  await page.waitForSelector(item("Welcome.docx"));
  const files = await page.$$eval('role=listbox >> [role=option]:not([data-kind="folder"])', (els) => els.map((e) => e.title));
  await page.focus("role=listbox");
  await page.keyboard.press("ControlOrMeta+A");
  assert.equal(await page.getAttribute('role=checkbox[name="Select all"s]', "aria-checked"), "true");
  assert.equal(await page.textContent('role=region[name="Selected"s] >> role=status'), `All ${files.length} items selected`);
  await page.click('role=button[name="Select"s]');
  await page.waitForSelector(".odp-picked");
  assert.equal(await page.textContent(".odp-picked"), `Picked: ${files.join(", ")}`);
  await context.close();
});

test("the Leptos component: `selected` shows the items chosen before in the tray, and Select picks them", async () => {
  const { access_token: token } = await tokenFor(demo.emulator.base, ADELE, FILES);
  const key = async (path) => {
    const item = await (await fetch(`${demo.emulator.base}/v1.0/me/drive/root:${encodeURI(path)}`, { headers: { authorization: `Bearer ${token}` } })).json();
    return `${item.parentReference.driveId}/${item.id}`;
  };
  const selected = `${await key("/Documents/Reports/Q3 Forecast.xlsx")} ${await key("/Welcome.docx")}`;
  const context = await demo.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${demo.site.origin}/leptos/?emulator=${encodeURIComponent(demo.emulator.base)}&selected=${encodeURIComponent(selected)}`);
  await completeSignIn(await clickSignIn(page), ADELE);
  await page.locator(".odp-chip").nth(1).waitFor();
  assert.deepEqual(await page.locator(".odp-chip-name").allTextContents(), ["Q3 Forecast.xlsx", "Welcome.docx"]);
  await page.click('role=button[name="Select"s]');
  await page.waitForSelector(".odp-picked");
  assert.equal(await page.textContent(".odp-picked"), "Picked: Q3 Forecast.xlsx, Welcome.docx");
  await context.close();
});

test("the Leptos component: lock-to-start keeps the user in the start folder", async () => {
  const context = await demo.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${demo.site.origin}/leptos/?emulator=${encodeURIComponent(demo.emulator.base)}&start=${encodeURIComponent("path:/Documents")}&lock-to-start`);
  await completeSignIn(await clickSignIn(page), ADELE);
  await page.waitForSelector(item("Reports"));
  assert.deepEqual(await crumbs(page), ["Documents"]);
  assert.equal(await page.locator('role=navigation[name="Sources"s]').count(), 0);
  assert.equal(await page.isDisabled('role=button[name="Up one level"s]'), true);
  await context.close();
});
