// <onedrive-picker> as Vue 3's templates see it (vue-tsc checks templates against this).
import type {} from "onedrive-picker/vue";
import type { GlobalComponents } from "vue";

type Props = InstanceType<GlobalComponents["onedrive-picker"]>["$props"];
export const ok: Props = { "client-id": "c", multiple: true, onPickerPick: (e) => void e.detail.length };
// @ts-expect-error: not a mode
export const wrong: Props = { mode: "everything" };
