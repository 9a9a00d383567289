// Firefox ESR and WebKitGTK for the end-to-end tests, behind one small interface, as a user meets
// a page: find by role and accessible name (through shadow roots), click (a real click: a user
// gesture), wait for text, and follow the window a click opens. Firefox runs headless over
// WebDriver BiDi (puppeteer-core); WebKitGTK's MiniBrowser runs in a virtual display under
// WebKitWebDriver (selenium-webdriver). Chromium has Playwright (support.mjs).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { join } from "node:path";
import { ROOT } from "./support.mjs";

const require = createRequire(join(ROOT, "tools/package.json"));
const puppeteer = require("puppeteer-core");
const { Builder } = require("selenium-webdriver");

const FIREFOX = "/usr/lib/firefox-esr/firefox-esr";
const MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
const TIMEOUT = 20_000;

/**
 * The page's element with this role and accessible name, if one is shown: searched through open
 * shadow roots (only inside an open modal dialog, which makes the rest inert); the role explicit or a tag's own (button, link, dialog); the name from
 * `aria-label`, `aria-labelledby` or the text (without what is `aria-hidden`). Runs in the page.
 */
function byRole(role, name) {
  const elements = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll("*")) {
      elements.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  // A modal dialog makes the rest of the page inert: only what is inside it can be met.
  const modal = document.querySelector("dialog:modal");
  if (modal) {
    elements.push(modal);
    walk(modal);
  } else walk(document);
  const implicit = { BUTTON: "button", DIALOG: "dialog", A: "link" };
  const text = (node) =>
    node.nodeType === Node.TEXT_NODE
      ? node.textContent
      : node.nodeType === Node.ELEMENT_NODE && node.getAttribute("aria-hidden") !== "true"
        ? [...(node.shadowRoot ?? node).childNodes].map(text).join("")
        : "";
  const nameOf = (el) => {
    const label = el.getAttribute("aria-label");
    if (label !== null) return label.trim();
    const by = el.getAttribute("aria-labelledby");
    if (by) return by.split(/\s+/).map((id) => el.getRootNode().getElementById(id)?.textContent ?? "").join(" ").trim();
    return text(el).replace(/\s+/g, " ").trim();
  };
  return (
    elements.find(
      (el) => (el.getAttribute("role") ?? implicit[el.tagName]) === role && nameOf(el) === name && el.getClientRects().length > 0,
    ) ?? null
  );
}

/** Whether the page (shadow roots included) shows `wanted` as some element's whole text. Runs in the page. */
function showsText(wanted) {
  const roots = [document];
  for (let i = 0; i < roots.length; i++) for (const el of roots[i].querySelectorAll("*")) if (el.shadowRoot) roots.push(el.shadowRoot);
  return roots.some((root) => [...root.querySelectorAll("*")].some((el) => el.textContent.trim() === wanted && el.getClientRects().length > 0));
}

/** The page's text, shadow roots included. Runs in the page. */
function shownText() {
  const text = (node) => (node.nodeType === Node.TEXT_NODE ? node.textContent : [...(node.shadowRoot ?? node).childNodes].map(text).join(" "));
  return text(document.body).replace(/\s+/g, " ").trim();
}

/** Firefox ESR, headless; third-party cookies as `cookies` says (partitioned by default, as shipped). */
export async function firefox({ cookies = 5 } = {}) {
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: { "network.cookie.cookieBehavior": cookies },
  });
  /** The page, or the frame of it that `frameCss` finds. */
  const within = async (page, frameCss) =>
    frameCss ? (await page.waitForSelector(frameCss, { timeout: TIMEOUT })).contentFrame() : page;
  const wrap = (page, frameCss = null) => ({
    name: "Firefox",
    goto: (url) => page.goto(url),
    /** The same, inside the frame `css` finds (an `iframe` of the page). */
    frame: (css) => wrap(page, css),
    async click(role, name) {
      const target = await within(page, frameCss);
      const handle = await target.waitForFunction(byRole, { timeout: TIMEOUT }, role, name);
      await handle.asElement().click();
    },
    async clickCss(selector) {
      const target = await within(page, frameCss);
      await (await target.waitForSelector(selector, { timeout: TIMEOUT })).click();
    },
    /** Clicks `selector` if it shows before the window closes by itself; whether it did. */
    async clickCssUnlessClosed(selector) {
      for (const end = Date.now() + TIMEOUT; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
        if (page.isClosed()) return false;
        const el = await page.$(selector).catch(() => null);
        if (el) return (await el.click(), true);
      }
      throw new Error(`Firefox: ${selector} did not appear and the window stayed open`);
    },
    waitForText: async (text) => (await within(page, frameCss)).waitForFunction(showsText, { timeout: TIMEOUT }, text),
    /** Runs `action` (a click) and returns the window it opened. */
    async popup(action) {
      // Any new page of the browser: a window opened by a frame is not the page's `popup`.
      const opened = new Promise((resolve, reject) => {
        const seen = async (target) => {
          const next = target.type() === "page" ? await target.page() : null;
          if (!next) return;
          browser.off("targetcreated", seen);
          resolve(next);
        };
        browser.on("targetcreated", seen);
        setTimeout(() => (browser.off("targetcreated", seen), reject(new Error("Firefox: no window opened"))), TIMEOUT);
      });
      await action();
      return wrap(await opened);
    },
    isClosed: () => page.isClosed(),
    /** What the page shows (shadow roots included), for a failure's message. */
    shows: async () => (await within(page, frameCss)).evaluate(shownText),
  });
  return {
    open: async (url) => {
      const page = await browser.newPage();
      const session = wrap(page);
      await session.goto(url);
      return session;
    },
    /** How many windows (tabs and popups) are open. */
    windows: async () => (await browser.pages()).length,
    close: () => browser.close(),
  };
}

/** A free TCP port on the loopback interface. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** WebKitGTK's MiniBrowser in a virtual display, driven by WebKitWebDriver. */
export async function webkit() {
  const display = `:${90 + Math.floor(Math.random() * 400)}`;
  const xvfb = spawn("Xvfb", [display, "-screen", "0", "1280x1024x24", "-nolisten", "tcp"], { stdio: "ignore" });
  const port = await freePort();
  const driverProcess = spawn("WebKitWebDriver", [`--port=${port}`, "--host=127.0.0.1"], {
    stdio: "ignore",
    env: { ...process.env, DISPLAY: display, NO_AT_BRIDGE: "1" },
  });
  const stop = () => {
    driverProcess.kill();
    xvfb.kill();
  };
  try {
    for (let i = 0; ; i++) {
      const ready = await fetch(`http://127.0.0.1:${port}/status`).then((r) => r.ok, () => false);
      if (ready) break;
      if (i === 100) throw new Error("WebKitWebDriver did not start");
      await new Promise((r) => setTimeout(r, 100));
    }
    const driver = await new Builder()
      .usingServer(`http://127.0.0.1:${port}`)
      .withCapabilities({ browserName: "MiniBrowser", "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] } })
      .build();
    const until = async (check, what) => {
      const end = Date.now() + TIMEOUT;
      for (;;) {
        // A page on its way to another address answers nothing yet: ask again.
        const found = await check().catch(() => null);
        if (found) return found;
        if (Date.now() > end) throw new Error(`WebKit: ${what} did not appear`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    /** Switches to the window `handle`, and into its frame `frameCss` finds, if one. */
    const focus = async (handle, frameCss) => {
      await driver.switchTo().window(handle);
      if (frameCss) {
        const frame = await until(() => driver.executeScript("return document.querySelector(arguments[0])", frameCss), frameCss);
        await driver.switchTo().frame(frame);
      }
    };
    const session = (handle, frameCss = null) => ({
      name: "WebKit",
      goto: async (url) => (await driver.switchTo().window(handle), driver.get(url)),
      frame: (css) => session(handle, css),
      async click(role, name) {
        await focus(handle, frameCss);
        const el = await until(() => driver.executeScript(`return (${byRole})(arguments[0], arguments[1])`, role, name), `${role} "${name}"`);
        await el.click();
      },
      async clickCss(selector) {
        await focus(handle, frameCss);
        const el = await until(() => driver.executeScript("return document.querySelector(arguments[0])", selector), selector);
        await el.click();
      },
      async clickCssUnlessClosed(selector) {
        const found = await until(async () => {
          if (!(await driver.getAllWindowHandles()).includes(handle)) return "closed";
          await driver.switchTo().window(handle).catch(() => {});
          return driver.executeScript("return document.querySelector(arguments[0])", selector).catch(() => null);
        }, selector);
        if (found === "closed") return false;
        await found.click();
        return true;
      },
      async waitForText(text) {
        await focus(handle, frameCss);
        await until(() => driver.executeScript(`return (${showsText})(arguments[0])`, text), `"${text}"`);
      },
      async popup(action) {
        const before = await driver.getAllWindowHandles();
        await action();
        const opened = await until(async () => (await driver.getAllWindowHandles()).find((h) => !before.includes(h)), "a new window");
        return session(opened);
      },
      isClosed: async () => !(await driver.getAllWindowHandles()).includes(handle),
      shows: async () => (await focus(handle, frameCss), driver.executeScript(`return (${shownText})()`)),
    });
    const main = await driver.getWindowHandle();
    return {
      open: async (url) => {
        const s = session(main);
        await s.goto(url);
        return s;
      },
      windows: async () => (await driver.getAllWindowHandles()).length,
      close: async () => {
        await driver.quit().catch(() => {});
        stop();
      },
    };
  } catch (e) {
    stop();
    throw e;
  }
}
