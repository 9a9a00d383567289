// The <onedrive-picker> custom element: the picker configured by attributes (each also a
// property), in its own shadow root (its stylesheet inside, the page's styles outside),
// announcing `picker-pick`, `picker-cancel`, `picker-signin`, `picker-signout`, `picker-error`,
// `picker-upload`, `picker-uploadprogress` and `picker-save` as DOM events. Importing this module defines the
// element (where custom elements exist) and mounts nothing by itself.
//
// Every file the element loads is named as `new URL("./file", import.meta.url)` with a literal
// name, so that bundlers that follow it (Vite, webpack) see and emit it; `setAssetBase(url)`
// serves them from elsewhere (a CDN, or a folder where esbuild or Angular users copy them).
import init, { mountPicker } from "./onedrive_picker.js";

let assetBase = null;
const MODULE_URL = import.meta.url;
const ASSETS = Symbol.for("onedrive-picker.assets");

/**
 * Serves the package's files (the wasm modules, the stylesheet, the redirect page) from `url`
 * rather than from beside this module, e.g. a CDN. Call it before the first element mounts.
 */
export function setAssetBase(url) {
  assetBase = new URL(url, globalThis.document?.baseURI).href.replace(/\/?$/, "/");
  // The split module's loader (__wasm_split.js) asks here too.
  globalThis[ASSETS] = (name) => new URL(name, assetBase);
}
const asset = (name, bundled) => (assetBase ? new URL(name, assetBase) : bundled);

let ready;
/** Loads the wasm once, on first use. */
const load = () =>
  (ready ??= init({
    module_or_path: asset("onedrive_picker_bg.wasm", new URL("./onedrive_picker_bg.wasm", import.meta.url)),
  }));

// Attribute → mountPicker option, and how the value is read.
const text = (v) => v ?? undefined;
const flag = (v) => (v === null ? undefined : v !== "false");
const number = (v) => (v === null ? undefined : Number(v));
const ATTRIBUTES = {
  "client-id": ["clientId", text],
  authority: ["authority", text],
  "graph-url": ["graphBase", text],
  "redirect-uri": ["redirectUri", text],
  scopes: ["scopes", text],
  prompt: ["prompt", text],
  "login-hint": ["loginHint", text],
  "domain-hint": ["domainHint", text],
  "auth-mode": ["authMode", text],
  "token-storage": ["tokenStorage", text],
  mode: ["mode", text],
  multiple: ["multiple", flag],
  "max-count": ["maxCount", number],
  filters: ["filters", text],
  sources: ["sources", text],
  start: ["start", text],
  "lock-to-start": ["lockToStart", flag],
  selected: ["selected", text],
  "open-files": ["openFiles", flag],
  "download-urls": ["downloadUrls", flag],
  "thumbnail-urls": ["thumbnailUrls", flag],
  "end-session-on-sign-out": ["endSessionOnSignOut", flag],
  history: ["history", flag],
  locale: ["locale", text],
  theme: ["theme", text],
  upload: ["upload", flag],
  "upload-max-size": ["uploadMaxSize", number],
  "upload-max-count": ["uploadMaxCount", number],
  "upload-accept": ["uploadAccept", text],
  "create-folder": ["createFolder", flag],
  "share-link": ["shareLink", text],
  "save-name": ["saveName", text],
};

// Where there is no DOM (server rendering, Node), importing defines nothing and throws nothing:
// the class extends a stand-in, and the element is defined only where custom elements exist.
const ElementBase = globalThis.HTMLElement ?? class {};

export class OneDrivePickerElement extends ElementBase {
  static observedAttributes = Object.keys(ATTRIBUTES);
  #handle = null;
  /** The whole stylesheet's load, once begun (see #styled). */
  #styles = null;
  #queued = false;
  #tokenProvider = null;
  #messages = null;
  #saveContent = null;

  constructor() {
    super();
    this.attachShadow({ mode: "open" });
  }

  /** A token provider `(scopes, refresh) => Promise<string>` (a property: functions are not attributes). */
  get tokenProvider() {
    return this.#tokenProvider;
  }

  set tokenProvider(f) {
    this.#tokenProvider = typeof f === "function" ? f : null;
    this.#schedule();
  }

  /** Your own words for any message, per language: `{ en: { select: "Attach" } }` (a property: objects are not attributes). */
  get messages() {
    return this.#messages;
  }

  set messages(m) {
    this.#messages = m ?? null;
    this.#schedule();
  }

  /** With `mode="save"`: the bytes the picker uploads to the folder and name chosen, a `Blob` or a `File` (a property: bytes are not attributes). */
  get saveContent() {
    return this.#saveContent;
  }

  set saveContent(b) {
    this.#saveContent = b ?? null;
    this.#schedule();
  }

  connectedCallback() {
    // Properties set before the element was defined sit on the instance: take them up.
    for (const property of [...PROPERTIES, "tokenProvider", "messages", "saveContent"]) {
      if (!Object.hasOwn(this, property)) continue;
      const value = this[property];
      delete this[property];
      this[property] = value;
    }
    this.#schedule();
  }

  disconnectedCallback() {
    this.#handle?.unmount();
    this.#handle?.free();
    this.#handle = null;
  }

  attributeChangedCallback() {
    this.#schedule();
  }

  /** Mounts again once per task, however many attributes changed. */
  #schedule() {
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(async () => {
      this.#queued = false;
      await load();
      if (this.isConnected) this.#mount();
    });
  }

  #mount() {
    const options = {};
    for (const [attribute, [option, read]] of Object.entries(ATTRIBUTES)) {
      const value = read(this.getAttribute(attribute));
      if (value !== undefined) options[option] = value;
    }
    // Not `new URL("./auth.html", import.meta.url)`: bundlers would emit the page under a hashed
    // name, never a registered redirect URI. Bundled apps copy it and set `redirect-uri`.
    options.redirectUri ??= new URL("auth.html", assetBase ?? MODULE_URL).href;
    // A redirect sign-in comes back to the picker that began it.
    options.instance = this.id || "element";
    options.stylesheet = () => this.#styled();
    if (this.#tokenProvider) options.tokenProvider = this.#tokenProvider;
    if (this.#messages) options.messages = this.#messages;
    if (this.#saveContent) options.saveContent = this.#saveContent;
    options.onPick = (items) => this.#emit("picker-pick", items);
    options.onCancel = () => this.#emit("picker-cancel", null);
    options.onSignIn = (account) => this.#emit("picker-signin", account);
    options.onSignOut = () => this.#emit("picker-signout", null);
    options.onError = (error) => this.#emit("picker-error", error);
    options.onUpload = (items) => this.#emit("picker-upload", items);
    options.onUploadProgress = (progress) => this.#emit("picker-uploadprogress", progress);
    options.onSave = (saved) => this.#emit("picker-save", saved);
    try {
      if (this.#handle) {
        // Attribute changes: built again in place, still signed in.
        this.#handle.update(options);
        return;
      }
      const root = this.shadowRoot;
      root.replaceChildren();
      this.#styles = null;
      // The first screen's styles now; the picker's whole stylesheet comes with its code.
      const style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = asset("first.css", new URL("./first.css", import.meta.url)).href;
      const host = document.createElement("div");
      root.append(style, host);
      this.#handle = mountPicker(host, options);
      // A listener may have removed the element while it mounted.
      if (!this.isConnected) this.disconnectedCallback();
    } catch (e) {
      this.#emit("picker-error", { code: "config_error", message: String(e), action: "give_up", requestId: null });
    }
  }

  /** The picker's whole stylesheet, linked in the shadow root (once) when the picker's code is
   * fetched (the first screen has first.css, its own share): resolves once it has loaded or
   * failed. */
  #styled() {
    return (this.#styles ??= new Promise((done) => {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = asset("picker.css", new URL("./picker.css", import.meta.url)).href;
      link.onload = link.onerror = done;
      // After first.css: the whole stylesheet's rules come last, as when it is alone.
      this.shadowRoot.append(link);
    }));
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

// Each attribute is also a property, reflected: text and numbers are `null` when absent, flags
// are booleans (false removes the attribute).
const PROPERTIES = Object.values(ATTRIBUTES).map(([property]) => property);
for (const [attribute, [property, read]] of Object.entries(ATTRIBUTES)) {
  Object.defineProperty(OneDrivePickerElement.prototype, property, {
    configurable: true,
    enumerable: true,
    get() {
      const value = read(this.getAttribute(attribute));
      return read === flag ? value === true : (value ?? null);
    },
    set(value) {
      if (read === flag) this.toggleAttribute(attribute, value === true || value === "" || value === "true");
      else if (value === null || value === undefined) this.removeAttribute(attribute);
      else this.setAttribute(attribute, String(value));
    },
  });
}

if (globalThis.customElements && !customElements.get("onedrive-picker")) {
  customElements.define("onedrive-picker", OneDrivePickerElement);
}
export { mountPicker, load };

/** A failed or cancelled `OneDrivePicker.open()`: `code` is `cancelled` or the picker's error code. */
export class PickerError extends Error {
  constructor(code, message) {
    super(message);
    this.name = "PickerError";
    this.code = code;
  }
}

/**
 * The picker as a modal dialog: resolves with the picked items, or rejects with a `PickerError`
 * (`cancelled` when the user cancels or presses Escape). Focus stays in the dialog and returns to
 * the element that had it. `options` are the element's attributes in camel case
 * (`{ clientId, authority, multiple: true, … }`) plus `tokenProvider` and `messages`.
 */
export function open(options = {}) {
  if (!globalThis.document) return Promise.reject(new PickerError("no_browser", "OneDrivePicker.open() runs in a browser."));
  return new Promise((resolve, reject) => {
    const dialog = document.createElement("dialog");
    dialog.className = "odp-dialog";
    dialog.setAttribute("aria-label", options.title ?? "Microsoft 365 file picker");
    const picker = document.createElement("onedrive-picker");
    picker.id = "onedrive-picker-dialog";
    for (const [attribute, [option]] of Object.entries(ATTRIBUTES)) {
      const value = options[option];
      if (value === undefined || value === false) continue;
      picker.setAttribute(attribute, value === true ? "" : String(value));
    }
    if (options.tokenProvider) picker.tokenProvider = options.tokenProvider;
    if (options.messages) picker.messages = options.messages;
    if (options.saveContent) picker.saveContent = options.saveContent;
    let settled = false;
    const finish = (ok, value) => {
      if (settled) return;
      settled = true;
      dialog.close();
      dialog.remove();
      ok ? resolve(value) : reject(value);
    };
    picker.addEventListener("picker-pick", (e) => finish(true, e.detail));
    // Save as: where the file goes (or went).
    picker.addEventListener("picker-save", (e) => finish(true, e.detail));
    picker.addEventListener("picker-cancel", () => finish(false, new PickerError("cancelled", "The user cancelled.")));
    // Errors the user can act on stay on screen; a configuration error ends the dialog.
    picker.addEventListener("picker-error", (e) => {
      if (e.detail.code === "config_error") finish(false, new PickerError(e.detail.code, e.detail.message));
    });
    // Escape closes a modal dialog: that is a cancel.
    dialog.addEventListener("cancel", (e) => {
      e.preventDefault();
      finish(false, new PickerError("cancelled", "The user cancelled."));
    });
    dialog.append(picker);
    document.body.append(dialog);
    dialog.showModal();
  });
}

/**
 * After a redirect sign-in (`authMode: "redirect"`) begun in the dialog, the page comes back
 * without it: call this when the page loads, with the same options. It opens the dialog again
 * (signed in, where the user was) and resolves as `open()` does; with no sign-in coming back for
 * the dialog, it resolves with `null` and shows nothing.
 */
export function resume(options = {}) {
  if (!globalThis.sessionStorage) return Promise.resolve(null);
  for (let i = 0; i < sessionStorage.length; i++) {
    const key = sessionStorage.key(i);
    if (!key?.startsWith("onedrive-picker.redirect|")) continue;
    try {
      const record = JSON.parse(sessionStorage.getItem(key));
      if (record?.params && String(record.instance).endsWith("|onedrive-picker-dialog")) return open(options);
    } catch {
      // Not a record: the picker drops it.
    }
  }
  return Promise.resolve(null);
}

/** The one-call API: `await OneDrivePicker.open({ clientId, … })`. */
export const OneDrivePicker = { open, resume };
