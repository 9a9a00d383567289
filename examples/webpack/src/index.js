// The picker in a webpack 5 app: the dialog, opened from a button.
import { OneDrivePicker } from "onedrive-picker";

// The tenant: Microsoft's by default; the tests point it at the emulator with ?emulator=.
const tenant = new URLSearchParams(location.search).get("emulator");
const status = document.getElementById("status");

document.getElementById("attach").addEventListener("click", async () => {
  try {
    const items = await OneDrivePicker.open({
      clientId: "c5b4b6f0-1d2e-4f3a-9b8c-7d6e5f4a3b2c",
      authority: tenant ? `${tenant}/common` : "https://login.microsoftonline.com/organizations",
      graphBase: tenant ? `${tenant}/v1.0` : undefined,
      redirectUri: `${location.origin}/auth.html`,
      multiple: true,
    });
    status.textContent = `Picked: ${items.map((item) => item.name).join(", ")}`;
  } catch (e) {
    status.textContent = e.code === "cancelled" ? "Nothing picked." : `Error: ${e.message}`;
  }
});
