// The picker in a React 19 app: the element, typed by onedrive-picker/react.
import { useState } from "react";
import "onedrive-picker";
import type {} from "onedrive-picker/react";
import type { PickedItem } from "onedrive-picker";

// The tenant: Microsoft's by default; the tests point it at the emulator with ?emulator=.
const tenant = new URLSearchParams(location.search).get("emulator");

export function App() {
  const [picked, setPicked] = useState<PickedItem[]>([]);
  return (
    <main>
      <h1>Files for the report</h1>
      <onedrive-picker
        client-id="c5b4b6f0-1d2e-4f3a-9b8c-7d6e5f4a3b2c"
        authority={tenant ? `${tenant}/common` : "https://login.microsoftonline.com/organizations"}
        graph-url={tenant ? `${tenant}/v1.0` : undefined}
        redirect-uri={`${location.origin}/auth.html`}
        multiple
        onpicker-pick={(e) => setPicked(e.detail)}
      />
      <p role="status">{picked.length > 0 && `Picked: ${picked.map((item) => item.name).join(", ")}`}</p>
    </main>
  );
}
