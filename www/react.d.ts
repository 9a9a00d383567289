// JSX types of <onedrive-picker> for React 19: `import type {} from "onedrive-picker/react"` once.
// React 19 sets what the element has as a property (tokenProvider) and listens to `on` + an
// event's name: <onedrive-picker client-id="…" onpicker-pick={(e) => e.detail} />.
import type { DetailedHTMLProps, HTMLAttributes } from "react";
import type {
  OneDrivePickerAttributes,
  OneDrivePickerElement,
  OneDrivePickerEventMap,
  TokenProvider,
} from "./onedrive-picker.js";

/** `on` + each event's name, as React 19 listens to a custom element's events. */
export type OneDrivePickerEventProps = {
  [K in keyof OneDrivePickerEventMap as `on${K}`]?: (event: OneDrivePickerEventMap[K]) => void;
};

/** The props of <onedrive-picker> in JSX. */
export type OneDrivePickerJsxProps = DetailedHTMLProps<HTMLAttributes<OneDrivePickerElement>, OneDrivePickerElement> &
  OneDrivePickerAttributes &
  OneDrivePickerEventProps & { tokenProvider?: TokenProvider | null };

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "onedrive-picker": OneDrivePickerJsxProps;
    }
  }
}
