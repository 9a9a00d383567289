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
