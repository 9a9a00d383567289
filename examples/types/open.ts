// OneDrivePicker.open(), mountPicker() and setAssetBase().
import { OneDrivePicker, PickerError, load, mountPicker, setAssetBase, type PickedItem, type SaveResult } from "onedrive-picker";

setAssetBase("https://cdn.example/onedrive-picker/");

export async function attach(): Promise<PickedItem[]> {
  try {
    return await OneDrivePicker.open({ clientId: "c", multiple: true, filters: "documents", title: "Attach" });
  } catch (e) {
    if (e instanceof PickerError && e.code === "cancelled") return [];
    throw e;
  }
}

/** Save as: the dialog resolves with where the file went (uploaded from the Blob). */
export async function saveAs(report: Blob): Promise<string | undefined> {
  const saved: SaveResult = await OneDrivePicker.open({ clientId: "c", mode: "save", saveName: "Report.docx", saveContent: report });
  return saved.item?.webUrl ?? undefined;
}

/** Redirect sign-in: back on the page, the dialog again (or `null`: no sign-in coming back). */
export async function resumed(): Promise<PickedItem[]> {
  const items = await OneDrivePicker.resume({ clientId: "c", authMode: "redirect" });
  return items ?? [];
}

export async function inline(element: HTMLElement) {
  await load();
  const handle = mountPicker(element, {
    clientId: "c",
    tokenStorage: "session",
    onPick: (items) => void items.map((item) => item.webUrl),
    onUploadProgress: (p) => void (p.loaded / p.total),
    onSave: (saved) => void saved.folder.driveId,
  });
  handle.update({ clientId: "c", locale: "de" });
  handle.unmount();
  // @ts-expect-error: maxCount is a number
  mountPicker(element, { clientId: "c", maxCount: "3" });
  // @ts-expect-error: not a token storage
  mountPicker(element, { clientId: "c", tokenStorage: "cookie" });
  // @ts-expect-error: not a sign-in mode
  mountPicker(element, { clientId: "c", authMode: "iframe" });
}
