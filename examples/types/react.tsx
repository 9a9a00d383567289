// <onedrive-picker> in React 19's JSX.
import type {} from "onedrive-picker/react";
import type { PickedItem } from "onedrive-picker";

export function Attach({ onPicked }: { onPicked: (items: PickedItem[]) => void }) {
  return (
    <onedrive-picker
      client-id="c"
      multiple
      max-count={3}
      mode="all"
      onpicker-pick={(e) => onPicked(e.detail)}
      onpicker-error={(e) => console.warn(e.detail.code)}
      tokenProvider={async () => "token"}
    />
  );
}

// @ts-expect-error: not a mode
export const wrongMode = <onedrive-picker client-id="c" mode="everything" />;
// @ts-expect-error: a pick's detail is a list of items, not a string
export const wrongDetail = <onedrive-picker client-id="c" onpicker-pick={(e: CustomEvent<string>) => e} />;
