// End-to-end: folders opened before they are opened. The pointer (or the keyboard's focus)
// resting on a folder fetches its first page ahead, so that opening it needs no request of its
// own; a folder seen before shows its rows at once while its request refreshes them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useDemo, item, ADELE } from "./demo.mjs";

const demo = useDemo();
const CHILDREN = /\/v1\.0\/drives\/[^/]+\/items\/[^/]+\/children/;

/** Holds every children request from now on (none is answered); returns how many came and
 * lets them through with `release()`. */
async function holdListings(page) {
  const held = [];
  await page.route(CHILDREN, (route) => held.push(route));
  return {
    count: () => held.length,
    release: async () => {
      await page.unroute(CHILDREN);
      for (const r of held.splice(0)) await r.continue().catch(() => {});
    },
  };
}

test("a folder rested on opens from the page fetched ahead; one seen before shows at once, then refreshes", async () => {
  const { context, page, errors } = await demo.signedIn(ADELE);
  // Resting on Documents fetches its first page.
  const ahead = page.waitForResponse((r) => CHILDREN.test(r.url()) && r.ok());
  await page.hover(item("Documents"));
  await ahead;
  // Opening it needs no request: every listing request is held from here, and its rows show.
  const hold = await holdListings(page);
  await page.click(item("Documents"));
  await page.waitForSelector(item("Reports"));
  assert.equal(hold.count(), 0, "opened from the page fetched ahead");
  // Up, and Documents again: its rows show while its own request is held, then it refreshes.
  await page.click('role=button[name="Up one level"s]');
  await page.waitForSelector(item("Welcome.docx"));
  await page.click(item("Documents"));
  await page.waitForSelector(item("Reports"));
  assert.ok(hold.count() >= 1, "the folder seen before asks for its rows again");
  await hold.release();
  await page.waitForFunction(() => !document.querySelector(".odp-picker [aria-busy=true]"));
  assert.deepEqual(errors, []);
  await context.close();
});

test("the keyboard's focus resting on a folder fetches it ahead too", async () => {
  const { context, page } = await demo.signedIn(ADELE);
  await page.focus("role=listbox");
  const ahead = page.waitForResponse((r) => CHILDREN.test(r.url()) && r.ok());
  // The first row is a folder (folders come first): resting on it is enough.
  await page.keyboard.press("Home");
  await ahead;
  const hold = await holdListings(page);
  await page.keyboard.press("Enter");
  await page.waitForSelector('role=navigation[name="Folder path"s] >> role=listitem >> nth=1');
  await page.waitForSelector("role=listbox >> role=option");
  assert.equal(hold.count(), 0, "opened from the page fetched ahead");
  await hold.release();
  await context.close();
});

test("a folder opened while its page is on its way waits for that page and asks no second time", async () => {
  const { context, page, errors } = await demo.signedIn(ADELE);
  // Every listing takes 800 ms to answer.
  const asked = [];
  await page.route(CHILDREN, async (route) => {
    asked.push(route.request().url());
    await new Promise((r) => setTimeout(r, 800));
    await route.continue().catch(() => {});
  });
  await page.hover(item("Documents"));
  for (let waited = 0; asked.length === 0; waited += 10) {
    assert.ok(waited < 5_000, "resting on Documents asks for its page");
    await new Promise((r) => setTimeout(r, 10));
  }
  // Opened while its page is on its way: the page is the answer.
  await page.click(item("Documents"));
  await page.mouse.move(0, 0);
  await page.waitForSelector(item("Reports"));
  assert.equal(asked.filter((u) => u === asked[0]).length, 1, "Documents was asked for once");
  await page.waitForFunction(() => !document.querySelector(".odp-picker [aria-busy=true]"));
  assert.deepEqual(errors, []);
  await context.close();
});
