// The <onedrive-picker> custom element: the picker configured by attributes, in its own shadow
// root (its stylesheet inside, the page's styles outside), announcing `pick`, `cancel`, `signin`,
// `signout`, `error`, `upload` and `uploadprogress` as DOM events. Importing this module defines the element and mounts
// nothing by itself.
import init, { mountPicker } from "./onedrive_picker.js";

const base = new URL(".", import.meta.url);
let ready;
/** Loads the wasm once, on first use. */
const load = () => (ready ??= init({ module_or_path: new URL("onedrive_picker_bg.wasm", base) }));

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
  "token-storage": ["tokenStorage", text],
  mode: ["mode", text],
  multiple: ["multiple", flag],
  "max-count": ["maxCount", number],
  filters: ["filters", text],
  sources: ["sources", text],
  start: ["start", text],
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
};

// Where there is no DOM (server rendering, Node), importing defines nothing and throws nothing:
// the class extends a stand-in, and the element is defined only where custom elements exist.
const ElementBase = globalThis.HTMLElement ?? class {};

export class OneDrivePickerElement extends ElementBase {
  static observedAttributes = Object.keys(ATTRIBUTES);
  #handle = null;
  #queued = false;

  constructor() {
    super();
    this.attachShadow({ mode: "open" });
  }

  /** A token provider `(scopes, refresh) => Promise<string>` (a property: functions are not attributes). */
  set tokenProvider(f) {
    this._tokenProvider = f;
    this.#schedule();
  }

  connectedCallback() {
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
    options.redirectUri ??= new URL("auth.html", base).href;
    if (this._tokenProvider) options.tokenProvider = this._tokenProvider;
    options.onPick = (items) => this.#emit("pick", items);
    options.onCancel = () => this.#emit("cancel", null);
    options.onSignIn = (account) => this.#emit("signin", account);
    options.onSignOut = () => this.#emit("signout", null);
    options.onError = (error) => this.#emit("error", error);
    options.onUpload = (items) => this.#emit("upload", items);
    options.onUploadProgress = (progress) => this.#emit("uploadprogress", progress);
    try {
      if (this.#handle) {
        // Attribute changes: built again in place, still signed in.
        this.#handle.update(options);
        return;
      }
      const root = this.shadowRoot;
      root.replaceChildren();
      const style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = new URL("picker.css", base).href;
      const host = document.createElement("div");
      root.append(style, host);
      this.#handle = mountPicker(host, options);
      // A listener may have removed the element while it mounted.
      if (!this.isConnected) this.disconnectedCallback();
    } catch (e) {
      this.#emit("error", { code: "config_error", message: String(e), action: "give_up", requestId: null });
    }
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
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
 * (`{ clientId, authority, multiple: true, … }`) plus `tokenProvider`.
 */
export function open(options = {}) {
  return new Promise((resolve, reject) => {
    const dialog = document.createElement("dialog");
    dialog.className = "odp-dialog";
    dialog.setAttribute("aria-label", options.title ?? "Microsoft 365 file picker");
    const picker = document.createElement("onedrive-picker");
    for (const [attribute, [option]] of Object.entries(ATTRIBUTES)) {
      const value = options[option];
      if (value === undefined || value === false) continue;
      picker.setAttribute(attribute, value === true ? "" : String(value));
    }
    if (options.openFiles === undefined) picker.setAttribute("open-files", "false");
    if (options.tokenProvider) picker.tokenProvider = options.tokenProvider;
    let settled = false;
    const finish = (ok, value) => {
      if (settled) return;
      settled = true;
      dialog.close();
      dialog.remove();
      ok ? resolve(value) : reject(value);
    };
    picker.addEventListener("pick", (e) => finish(true, e.detail));
    picker.addEventListener("cancel", () => finish(false, new PickerError("cancelled", "The user cancelled.")));
    // Errors the user can act on stay on screen; a configuration error ends the dialog.
    picker.addEventListener("error", (e) => {
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

/** The one-call API: `await OneDrivePicker.open({ clientId, … })`. */
export const OneDrivePicker = { open };
