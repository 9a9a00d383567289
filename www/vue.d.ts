// Template types of <onedrive-picker> for Vue 3: `import type {} from "onedrive-picker/vue"` once
// (and tell the compiler it is a custom element: `isCustomElement: (tag) => tag === "onedrive-picker"`).
// Listen with `@picker-pick="(e) => e.detail"`.
import type { DefineComponent } from "vue";
import type { OneDrivePickerAttributes, OneDrivePickerEventMap, TokenProvider } from "./onedrive-picker.js";

/** `on` + each event's name in camel case, as Vue's templates type `@picker-pick`. */
type CamelEvent<S extends string> = S extends `${infer H}-${infer T}` ? `${Capitalize<H>}${CamelEvent<Capitalize<T>>}` : Capitalize<S>;
export type OneDrivePickerVueEvents = {
  [K in keyof OneDrivePickerEventMap as `on${CamelEvent<K & string>}`]?: (event: OneDrivePickerEventMap[K]) => void;
};

/** <onedrive-picker> as Vue's templates see it. */
export type OneDrivePickerVue = DefineComponent<
  OneDrivePickerAttributes & OneDrivePickerVueEvents & { tokenProvider?: TokenProvider | null }
>;

declare module "vue" {
  interface GlobalComponents {
    "onedrive-picker": OneDrivePickerVue;
  }
}
