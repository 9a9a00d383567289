// Types of the onedrive-picker package: the <onedrive-picker> element, `OneDrivePicker.open()`,
// `mountPicker()`, and what they hand back. The block marked "generated" comes from the options
// table (src/picker/options/table.rs); a test fails when it drifts.

/** A sharing link made for a picked item (the `share-link` option). */
export interface SharingLink {
  webUrl: string;
  /** `view` or `edit`. */
  type: string | null;
  /** `anonymous`, `organization` or `users`. */
  scope: string | null;
}

/** One picked (or uploaded) item, complete enough to use without another Graph call. */
export interface PickedItem {
  /** Item id (opaque; for a shared item, its id in its own drive). */
  id: string;
  driveId: string | null;
  name: string;
  isFolder: boolean;
  /** Size in bytes. */
  size: number | null;
  mimeType: string | null;
  /** Where it opens in the browser (Office for the web for Office files); `https` only. */
  webUrl: string | null;
  /** The folder it is in, below its drive's root (`/Documents/Reports`). */
  parentPath: string | null;
  /** ISO 8601. */
  lastModifiedDateTime: string | null;
  /** Pre-authenticated and short-lived: handle it as a secret (`thumbnail-urls`). */
  thumbnailUrl: string | null;
  /** Short-lived (`download-urls`). */
  downloadUrl: string | null;
  sharingLink: SharingLink | null;
}

/** The signed-in account. */
export interface Account {
  name: string;
  username: string;
  tenantId: string;
}

/** What the user (or the page) can do about an error. */
export type ErrorAction = "retry" | "sign_in_again" | "consent" | "give_up";

/** The picker's own error codes; Graph's codes (`itemNotFound`, `activityLimitReached`…) also arrive. */
export type PickerErrorCode =
  | "popup_blocked" | "popup_closed" | "timeout" | "interaction_in_progress" | "consent_declined"
  | "state_mismatch" | "nonce_mismatch" | "interaction_required" | "server_error"
  | "network_error" | "network" | "invalid_response" | "untrusted_link" | "config_error"
  | "host_cancelled" | "host_offline" | "host_transient" | "host_error" | "host_disabled"
  | "host_account_unavailable" | "host_unavailable" | "host_timeout";

/** An error, as the `picker-error` event and `onError` give it. */
export interface PickerErrorInfo {
  code: PickerErrorCode | (string & {});
  /** The message on screen, in the picker's language. */
  message: string;
  action: ErrorAction;
  /** Graph's `request-id`, when Graph answered. */
  requestId: string | null;
}

/** Upload progress, after every fragment. */
/** Save as (`mode: "save"`): where the file goes, or went when the picker uploaded `saveContent`. */
export interface SaveResult {
  /** The folder chosen. */
  folder: PickedItem;
  /** The file's name (a kept-both upload: the name the service gave it). */
  name: string;
  /** `fail` (the name was free), `replace` or `rename` (keep both): pass it on as `@microsoft.graph.conflictBehavior` when the page saves. */
  conflictBehavior: "fail" | "replace" | "rename";
  /** The file uploaded, with `saveContent`; `null` otherwise. */
  item: PickedItem | null;
}

export interface UploadProgress {
  path: string;
  loaded: number;
  total: number;
  overallLoaded: number;
  overallTotal: number;
}

/** Brings the page's own token: `(scopes, refresh) => token`. */
export type TokenProvider = (scopes: string[], refresh: boolean) => string | Promise<string>;

// <generated from src/picker/options/table.rs: do not edit>
/** A plural form (CLDR's categories; each language uses its own). */
export type PluralForm = "zero" | "one" | "two" | "few" | "many" | "other";

/** The key of a message the picker shows (docs/messages.md). */
export type MessageKey =
  | "picker"
  | "title"
  | "sign_in_prompt"
  | "sign_in"
  | "signing_in"
  | "switch_account"
  | "sign_out"
  | "sign_in_again"
  | "review_permissions"
  | "try_again"
  | "sign_in_here"
  | "source_mine"
  | "source_recent"
  | "source_shared"
  | "source_sites"
  | "source_teams"
  | "sort_name"
  | "sort_modified"
  | "sort_size"
  | "place_site"
  | "place_library"
  | "place_team"
  | "place_channel"
  | "place_folder"
  | "sources"
  | "path"
  | "up"
  | "search_here"
  | "search_sites"
  | "clear_search"
  | "open_link"
  | "link_not_found"
  | "link_denied"
  | "link_chosen"
  | "link_not_pickable"
  | "sort_by"
  | "ascending"
  | "descending"
  | "list_view"
  | "grid_view"
  | "items"
  | "modified_by"
  | "loading"
  | "load_failed"
  | "empty_folder"
  | "no_results"
  | "nothing_here"
  | "feed_retired"
  | "allow_teams"
  | "show_more"
  | "details"
  | "details_hint"
  | "preview"
  | "location"
  | "open"
  | "open_view"
  | "open_edit"
  | "open_desktop"
  | "selected"
  | "remove"
  | "select"
  | "cancel"
  | "save_as"
  | "file_name"
  | "save"
  | "saving"
  | "save_where"
  | "select_all"
  | `all_selected.${PluralForm}`
  | `all_cleared.${PluralForm}`
  | `left_out.${PluralForm}`
  | `limit_reached.${PluralForm}`
  | `item_count.${PluralForm}`
  | "results_for"
  | `size_bytes.${PluralForm}`
  | "size_kb"
  | "size_mb"
  | "size_gb"
  | "size_tb"
  | "size_pb"
  | "error_popup_blocked"
  | "error_popup_closed"
  | "error_timeout"
  | "error_in_progress"
  | "error_consent_declined"
  | "error_state"
  | "error_nonce"
  | "error_more_permissions"
  | "error_expired"
  | "error_server"
  | "error_auth_network"
  | "error_auth_invalid"
  | "error_config"
  | "host_cancelled"
  | "host_no_network"
  | "host_transient"
  | "host_persistent"
  | "host_disabled"
  | "host_account"
  | "host_unavailable"
  | "host_timeout"
  | "error_not_found"
  | "error_forbidden"
  | "error_conflict"
  | "error_storage"
  | "error_busy"
  | "error_service"
  | "error_graph_network"
  | "error_graph_invalid"
  | "error_aborted"
  | "error_untrusted_link"
  | "error_unreadable"
  | "upload_files"
  | "upload_folder"
  | "new_folder"
  | "drop_here"
  | "uploads"
  | `uploading.${PluralForm}`
  | `uploaded.${PluralForm}`
  | "upload_cancel"
  | "cancel_all"
  | "retry"
  | "close"
  | "state_waiting"
  | "state_done"
  | "state_skipped"
  | "state_cancelled"
  | "state_conflict"
  | "conflict"
  | "choice_replace"
  | "choice_keep_both"
  | "choice_skip"
  | "for_all"
  | "needs_scope"
  | "allow"
  | "folder_name"
  | "create"
  | "name_empty"
  | "name_character"
  | "name_reserved"
  | "name_edges"
  | "name_vti"
  | "name_too_long"
  | "name_invisible"
  | "refused_too_large"
  | `refused_too_many.${PluralForm}`
  | "refused_extension"
  | "link_refused"
  | "link_policy"
  ;

/** Your own words: per language tag (or `*`, every language), texts by message key. */
export type PickerMessages = Record<string, Partial<Record<MessageKey, string>>>;

/** The options of `mountPicker()` and `OneDrivePicker.open()`. */
export interface PickerOptions {
  /** the SPA registration's application id (default: required (unless a token provider)) */
  clientId?: string;
  /** any base URL + tenant: national clouds and the emulator work; `https`, or `http` on loopback only (default: https://login.microsoftonline.com/common) */
  authority?: string;
  /** the registered redirect page (see below): an `https` page (`http` on loopback), no fragment; anything else (`javascript:`, `data:`) is a configuration error. Serve it from the portal's own origin, not a CDN (default: element and open(): the package's auth.html beside the module (bundled apps set it: see docs/recipes.md); Leptos: {page origin}/auth.html) */
  redirectUri?: string;
  /** space separated; `https://graph.microsoft.com/.default` allowed. Teams scopes are asked for when the Teams source is opened (default: User.Read Files.Read.All Sites.Read.All) */
  scopes?: string;
  /** national clouds, the emulator (default: https://graph.microsoft.com/v1.0) */
  graphBase?: string;
  /** `login`, `none`, `consent` or `select_account`, passed to the authorize request (default: none) */
  prompt?: "login" | "none" | "consent" | "select_account";
  /** the account to sign in, passed to the authorize request (not with `prompt` `select_account`, which asks the user to choose) (default: none) */
  loginHint?: string;
  /** the tenant's domain (or `organizations`, `consumers`), passed to the authorize request: the authority offers that tenant's accounts (default: none) */
  domainHint?: string;
  /** how the user signs in: `auto` gets tokens from the Teams or Outlook host when the page runs inside one that offers nested app authentication (no window; see Sign-in modes below), else in a popup; `popup` always opens the sign-in window; `redirect` takes the page to the sign-in and back to the place the picker was in; `nested` only from the host, with an error where no host offers it (default: auto) */
  authMode?: "auto" | "popup" | "redirect" | "nested";
  /** `session` or `local` storage only when you opt in. What is stored is in plain text: the access token (an hour) and the **refresh token** (24 hours for a single-page app), readable by any script on your origin, so opt in only on pages whose scripts you trust. A stored session is bound to the authority's and Graph's origins (see Security) (default: memory) */
  tokenStorage?: "memory" | "session" | "local";
  /** bring your own token: no sign-in screen (see below) (default: none) */
  tokenProvider?: (scopes: string[], refresh: boolean) => string | Promise<string>;
  /** `files`, `folders` or `all`: what can be selected; `save`: a folder and a file name to save as, instead of a pick (see Save as below) (default: files) */
  mode?: "files" | "folders" | "all" | "save";
  /** select more than one item (default: false) */
  multiple?: boolean;
  /** with `multiple`, at most this many ("You can select up to 3 items.") (default: no limit) */
  maxCount?: number;
  /** extensions with their dot and kinds: `.docx .xlsx`, `documents`, `images`, `video`, `audio`, `folders`; an unknown word is a configuration error (default: none) */
  filters?: string;
  /** which sources the navigation pane offers, in order: `my-files recent shared sites teams` (personal accounts never see `sites` and `teams`) (default: all) */
  sources?: string;
  /** a source key, or `drive:{id}`, `site:{id}`, `group:{id}`, `item:{drive id}/{item id}`, `path:/Folder/Sub` (in My files) (default: the first source) */
  start?: string;
  /** keep the user in `start` (the entry: a source, a drive, a site's library, a folder) and below it: no sources pane, no breadcrumb above it, search within it — "pick from this project's library" (default: false) */
  lockToStart?: boolean;
  /** items shown chosen when the picker opens (editing the files a form already has): each as `{drive id}/{item id}` (a picked item's `driveId` and `id`), space separated, from any folder or source; those gone, refused by the mode, the filters or `max-count`, are left out and the tray says how many (default: none) */
  selected?: string;
  /** receives the picked items (below) when the user confirms (default: none) */
  onPick?: (items: PickedItem[]) => void;
  /** the user pressed Cancel (default: none) */
  onCancel?: () => void;
  /** the element's `picker-signin` event (above) (default: none) */
  onSignIn?: (account: Account) => void;
  /** the element's `picker-signout` event (above) (default: none) */
  onSignOut?: () => void;
  /** the element's `picker-error` event (above) (default: none) */
  onError?: (error: PickerErrorInfo) => void;
  /** a single picked file also opens in a new tab (Office for the web for Office files); off, the page gets it and stays where it is (default: false) */
  openFiles?: boolean;
  /** add a short-lived `downloadUrl` to each picked file (one Graph request per file) (default: false) */
  downloadUrls?: boolean;
  /** keep each picked file's `thumbnailUrl`: a pre-authenticated link (on SharePoint it carries an access token for that file), so handle it as a secret (default: false) */
  thumbnailUrls?: boolean;
  /** "Sign out" also ends the session at the authority (default: false) */
  endSessionOnSignOut?: boolean;
  /** `en`, `de`, `fr`, `es`, `it`, `nl`, `pt-BR`, `pl`, `ja`, `zh-Hans` or `ar` (right to left), from any BCP 47 tag (`de-AT` is German, `pt-PT` Portuguese, `zh-CN` Chinese); else the first of the browser's languages the picker speaks; else English. Every string and ARIA label, plurals, numbers, sizes and dates (see Languages below) (default: the browser's languages) */
  locale?: string;
  /** your own words for any message, per language: `{ en: { select: "Attach" }, de: { select: "Anhängen" } }` (`*` for every language); the keys are in docs/messages.md, and a key that does not exist is a configuration error (default: none) */
  messages?: PickerMessages;
  /** `light`, `dark` or `auto` (the system's `prefers-color-scheme`); forced colours (high contrast) apply in every theme. Colours are the CSS custom properties above, set on the element (or on `.odp-picker`) (default: auto) */
  theme?: "light" | "dark" | "auto";
  /** browser Back and Forward move between the folders opened (an entry in the page's history for each); leave it off when the page's router owns the history (default: false) */
  history?: boolean;
  /** offer uploads into the folder shown: **Upload files**, **Upload folder**, and drag and drop of files and folders (below) (default: false) */
  upload?: boolean;
  /** the largest file, in bytes; larger ones are refused before a byte is sent (default: no limit) */
  uploadMaxSize?: number;
  /** the most files at once; those beyond are refused (default: no limit) */
  uploadMaxCount?: number;
  /** the extensions uploads take: `.docx .pdf` (also the file chooser's `accept`) (default: any) */
  uploadAccept?: string;
  /** offer **New folder** in the folder shown (default: false) */
  createFolder?: boolean;
  /** a sharing link made for each picked item: `view` or `edit`, optionally followed by `anonymous`, `organization` or `users` (the tenant's default scope otherwise) (default: none) */
  shareLink?: string;
  /** after every fragment: `{ path, loaded, total, overallLoaded, overallTotal }` (default: none) */
  onUploadProgress?: (p: UploadProgress) => void;
  /** the files uploaded (as picked items), when the uploads are through (default: none) */
  onUpload?: (items: PickedItem[]) => void;
  /** with `mode="save"`: the file name offered (the user may change it) (default: none) */
  saveName?: string;
  /** with `mode="save"`: the bytes the picker uploads to the folder and name chosen (a `Blob` or a `File`); without it the page gets the folder and name and saves the file itself (default: none) */
  saveContent?: Blob;
  /** with `mode="save"`: the folder and name chosen, and the file when the picker uploaded `saveContent` (below) (default: none) */
  onSave?: (saved: SaveResult) => void;
}

/** The element's properties: each option it has as an attribute, reflected. */
export interface OneDrivePickerProperties {
  /** the SPA registration's application id (default: required (unless a token provider)) */
  clientId: string | null;
  /** any base URL + tenant: national clouds and the emulator work; `https`, or `http` on loopback only (default: https://login.microsoftonline.com/common) */
  authority: string | null;
  /** the registered redirect page (see below): an `https` page (`http` on loopback), no fragment; anything else (`javascript:`, `data:`) is a configuration error. Serve it from the portal's own origin, not a CDN (default: element and open(): the package's auth.html beside the module (bundled apps set it: see docs/recipes.md); Leptos: {page origin}/auth.html) */
  redirectUri: string | null;
  /** space separated; `https://graph.microsoft.com/.default` allowed. Teams scopes are asked for when the Teams source is opened (default: User.Read Files.Read.All Sites.Read.All) */
  scopes: string | null;
  /** national clouds, the emulator (default: https://graph.microsoft.com/v1.0) */
  graphBase: string | null;
  /** `login`, `none`, `consent` or `select_account`, passed to the authorize request (default: none) */
  prompt: "login" | "none" | "consent" | "select_account" | null;
  /** the account to sign in, passed to the authorize request (not with `prompt` `select_account`, which asks the user to choose) (default: none) */
  loginHint: string | null;
  /** the tenant's domain (or `organizations`, `consumers`), passed to the authorize request: the authority offers that tenant's accounts (default: none) */
  domainHint: string | null;
  /** how the user signs in: `auto` gets tokens from the Teams or Outlook host when the page runs inside one that offers nested app authentication (no window; see Sign-in modes below), else in a popup; `popup` always opens the sign-in window; `redirect` takes the page to the sign-in and back to the place the picker was in; `nested` only from the host, with an error where no host offers it (default: auto) */
  authMode: "auto" | "popup" | "redirect" | "nested" | null;
  /** `session` or `local` storage only when you opt in. What is stored is in plain text: the access token (an hour) and the **refresh token** (24 hours for a single-page app), readable by any script on your origin, so opt in only on pages whose scripts you trust. A stored session is bound to the authority's and Graph's origins (see Security) (default: memory) */
  tokenStorage: "memory" | "session" | "local" | null;
  /** `files`, `folders` or `all`: what can be selected; `save`: a folder and a file name to save as, instead of a pick (see Save as below) (default: files) */
  mode: "files" | "folders" | "all" | "save" | null;
  /** select more than one item (default: false) */
  multiple: boolean;
  /** with `multiple`, at most this many ("You can select up to 3 items.") (default: no limit) */
  maxCount: number | null;
  /** extensions with their dot and kinds: `.docx .xlsx`, `documents`, `images`, `video`, `audio`, `folders`; an unknown word is a configuration error (default: none) */
  filters: string | null;
  /** which sources the navigation pane offers, in order: `my-files recent shared sites teams` (personal accounts never see `sites` and `teams`) (default: all) */
  sources: string | null;
  /** a source key, or `drive:{id}`, `site:{id}`, `group:{id}`, `item:{drive id}/{item id}`, `path:/Folder/Sub` (in My files) (default: the first source) */
  start: string | null;
  /** keep the user in `start` (the entry: a source, a drive, a site's library, a folder) and below it: no sources pane, no breadcrumb above it, search within it — "pick from this project's library" (default: false) */
  lockToStart: boolean;
  /** items shown chosen when the picker opens (editing the files a form already has): each as `{drive id}/{item id}` (a picked item's `driveId` and `id`), space separated, from any folder or source; those gone, refused by the mode, the filters or `max-count`, are left out and the tray says how many (default: none) */
  selected: string | null;
  /** a single picked file also opens in a new tab (Office for the web for Office files); off, the page gets it and stays where it is (default: false) */
  openFiles: boolean;
  /** add a short-lived `downloadUrl` to each picked file (one Graph request per file) (default: false) */
  downloadUrls: boolean;
  /** keep each picked file's `thumbnailUrl`: a pre-authenticated link (on SharePoint it carries an access token for that file), so handle it as a secret (default: false) */
  thumbnailUrls: boolean;
  /** "Sign out" also ends the session at the authority (default: false) */
  endSessionOnSignOut: boolean;
  /** `en`, `de`, `fr`, `es`, `it`, `nl`, `pt-BR`, `pl`, `ja`, `zh-Hans` or `ar` (right to left), from any BCP 47 tag (`de-AT` is German, `pt-PT` Portuguese, `zh-CN` Chinese); else the first of the browser's languages the picker speaks; else English. Every string and ARIA label, plurals, numbers, sizes and dates (see Languages below) (default: the browser's languages) */
  locale: string | null;
  /** `light`, `dark` or `auto` (the system's `prefers-color-scheme`); forced colours (high contrast) apply in every theme. Colours are the CSS custom properties above, set on the element (or on `.odp-picker`) (default: auto) */
  theme: "light" | "dark" | "auto" | null;
  /** browser Back and Forward move between the folders opened (an entry in the page's history for each); leave it off when the page's router owns the history (default: false) */
  history: boolean;
  /** offer uploads into the folder shown: **Upload files**, **Upload folder**, and drag and drop of files and folders (below) (default: false) */
  upload: boolean;
  /** the largest file, in bytes; larger ones are refused before a byte is sent (default: no limit) */
  uploadMaxSize: number | null;
  /** the most files at once; those beyond are refused (default: no limit) */
  uploadMaxCount: number | null;
  /** the extensions uploads take: `.docx .pdf` (also the file chooser's `accept`) (default: any) */
  uploadAccept: string | null;
  /** offer **New folder** in the folder shown (default: false) */
  createFolder: boolean;
  /** a sharing link made for each picked item: `view` or `edit`, optionally followed by `anonymous`, `organization` or `users` (the tenant's default scope otherwise) (default: none) */
  shareLink: string | null;
  /** with `mode="save"`: the file name offered (the user may change it) (default: none) */
  saveName: string | null;
}

/** The element's attributes, as templates and JSX write them. */
export interface OneDrivePickerAttributes {
  "client-id"?: string;
  "authority"?: string;
  "redirect-uri"?: string;
  "scopes"?: string;
  "graph-url"?: string;
  "prompt"?: "login" | "none" | "consent" | "select_account";
  "login-hint"?: string;
  "domain-hint"?: string;
  "auth-mode"?: "auto" | "popup" | "redirect" | "nested";
  "token-storage"?: "memory" | "session" | "local";
  "mode"?: "files" | "folders" | "all" | "save";
  "multiple"?: boolean | "" | "true" | "false";
  "max-count"?: number | `${number}`;
  "filters"?: string;
  "sources"?: string;
  "start"?: string;
  "lock-to-start"?: boolean | "" | "true" | "false";
  "selected"?: string;
  "open-files"?: boolean | "" | "true" | "false";
  "download-urls"?: boolean | "" | "true" | "false";
  "thumbnail-urls"?: boolean | "" | "true" | "false";
  "end-session-on-sign-out"?: boolean | "" | "true" | "false";
  "locale"?: string;
  "theme"?: "light" | "dark" | "auto";
  "history"?: boolean | "" | "true" | "false";
  "upload"?: boolean | "" | "true" | "false";
  "upload-max-size"?: number | `${number}`;
  "upload-max-count"?: number | `${number}`;
  "upload-accept"?: string;
  "create-folder"?: boolean | "" | "true" | "false";
  "share-link"?: string;
  "save-name"?: string;
}

/** The element's events, and the type of each one's `detail`. */
export interface OneDrivePickerEventMap {
  /** The user confirmed a pick: the picked items. */
  "picker-pick": CustomEvent<PickedItem[]>;
  /** The user pressed Cancel. */
  "picker-cancel": CustomEvent<null>;
  /** An account signed in: after sign-in, a switch of account, or a session restored from storage. */
  "picker-signin": CustomEvent<Account>;
  /** The account signed out. */
  "picker-signout": CustomEvent<null>;
  /** Something went wrong (the picker shows it too, with what the user can do). */
  "picker-error": CustomEvent<PickerErrorInfo>;
  /** Uploads are through: the files uploaded, as picked items. */
  "picker-upload": CustomEvent<PickedItem[]>;
  /** After every uploaded fragment. */
  "picker-uploadprogress": CustomEvent<UploadProgress>;
  /** Save as: where the file goes (or went, when the picker uploaded `saveContent`). */
  "picker-save": CustomEvent<SaveResult>;
}
// </generated>

/** The `<onedrive-picker>` element. */
export declare class OneDrivePickerElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /** Brings the page's own token (no sign-in screen); `null` when none. */
  tokenProvider: TokenProvider | null;
  /** Your own words for any message, per language; `null` when none. */
  messages: PickerMessages | null;
  addEventListener<K extends keyof OneDrivePickerEventMap>(
    type: K,
    listener: (this: OneDrivePickerElement, event: OneDrivePickerEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: OneDrivePickerElement, event: HTMLElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof OneDrivePickerEventMap>(
    type: K,
    listener: (this: OneDrivePickerElement, event: OneDrivePickerEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: OneDrivePickerElement, event: HTMLElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}
export interface OneDrivePickerElement extends OneDrivePickerProperties {}

declare global {
  interface HTMLElementTagNameMap {
    "onedrive-picker": OneDrivePickerElement;
  }
}

/** A mounted picker (`mountPicker`). */
export interface PickerHandle {
  /** Removes the picker, aborting its requests and releasing its listeners. */
  unmount(): void;
  /** Applies new options (all of them); the account stays signed in while the sign-in options stay the same. */
  update(options: PickerOptions): void;
  /** Frees the handle (the picker stays mounted until `unmount()`). */
  free(): void;
}

/** Mounts the picker into `element` (light DOM: load `picker.css` into the page). Throws on a configuration error. Call `load()` first. */
export declare function mountPicker(element: HTMLElement, options: PickerOptions): PickerHandle;

/** Loads the WebAssembly once; `mountPicker` needs it done. */
export declare function load(): Promise<unknown>;

/** Serves the package's files (wasm, stylesheet, redirect page) from `url` (a CDN) instead of beside the module. */
export declare function setAssetBase(url: string | URL): void;

/** A failed or cancelled `OneDrivePicker.open()`. */
export declare class PickerError extends Error {
  constructor(code: string, message: string);
  readonly name: "PickerError";
  /** `cancelled`, `no_browser` (called where there is no DOM), or the picker's error code (`config_error`…). */
  readonly code: "cancelled" | "no_browser" | PickerErrorCode | (string & {});
}

/** The options of `OneDrivePicker.open()`: the picker's options, and the dialog's accessible name. */
export interface OpenOptions extends Omit<PickerOptions, "onPick" | "onCancel" | "onSave"> {
  /** The dialog's accessible name (default: "Microsoft 365 file picker"). */
  title?: string;
}

/** Save as in a modal dialog: resolves with where the file goes (or went), rejects with a `PickerError` (`cancelled` on Cancel or Escape). */
export declare function open(options: OpenOptions & { mode: "save" }): Promise<SaveResult>;
/** The picker as a modal dialog: resolves with the picked items, rejects with a `PickerError` (`cancelled` on Cancel or Escape). */
export declare function open(options?: OpenOptions): Promise<PickedItem[]>;

/**
 * After a redirect sign-in begun in the dialog (`authMode: "redirect"`), call on page load with the
 * same options: opens the dialog again, signed in where the user was, and resolves as `open()`; with
 * no sign-in coming back for the dialog, resolves with `null`.
 */
export declare function resume(options?: OpenOptions): Promise<PickedItem[] | null>;

/** The one-call API: `await OneDrivePicker.open({ clientId, … })`. */
export declare const OneDrivePicker: { open: typeof open; resume: typeof resume };
