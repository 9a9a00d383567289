// The element's types, as a page meets them. Each `@ts-expect-error` line must be an error.
import { OneDrivePickerElement, type PickedItem, type PickerErrorInfo } from "onedrive-picker";

const picker = document.querySelector("onedrive-picker");
if (picker) {
  const same: OneDrivePickerElement = picker;
  picker.addEventListener("picker-pick", (e) => {
    const items: PickedItem[] = e.detail;
    const names: string[] = items.map((item) => item.name);
    const size: number | null = items[0].size;
    void [names, size];
  });
  picker.addEventListener("picker-error", (e) => {
    const error: PickerErrorInfo = e.detail;
    const retry: boolean = error.action === "retry";
    void retry;
  });
  picker.addEventListener("picker-signin", (e) => void e.detail.username.toLowerCase());
  picker.addEventListener("click", (e) => void e.clientX);
  picker.multiple = true;
  picker.maxCount = 3;
  picker.mode = "folders";
  picker.clientId = null;
  picker.tokenProvider = async (scopes) => `token for ${scopes.join(" ")}`;
  const mode: "files" | "folders" | "all" | null = picker.mode;
  void [same, mode];

  // @ts-expect-error: a mode that does not exist
  picker.mode = "everything";
  // @ts-expect-error: a flag is a boolean
  picker.multiple = "yes";
  picker.addEventListener("picker-pick", (e) => {
    // @ts-expect-error: a picked item has no `title`
    void e.detail[0].title;
  });
}

const created = document.createElement("onedrive-picker");
created.theme = "dark";
// @ts-expect-error: not a theme
created.theme = "sepia";
