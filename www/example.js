// The example portal page's script: logs the element's events and opens the picker as a dialog.
// `?emulator=http://127.0.0.1:PORT` points both at another offline tenant on this machine.
import { OneDrivePicker } from "./onedrive-picker.js";
import { loopbackEmulator } from "./loopback.js";

const picker = document.getElementById("picker");
const log = document.getElementById("log");

const emulator = loopbackEmulator();
const authority = emulator ? `${emulator}/common` : picker.getAttribute("authority");
const graph = emulator ? `${emulator}/v1.0` : picker.getAttribute("graph-url");
if (emulator) {
  picker.setAttribute("authority", authority);
  picker.setAttribute("graph-url", graph);
}

function say(text) {
  const line = document.createElement("li");
  line.textContent = text;
  log.append(line);
}

picker.addEventListener("picker-signin", (e) => say(`picker-signin: ${e.detail.name} <${e.detail.username}>`));
picker.addEventListener("picker-signout", () => say("picker-signout"));
picker.addEventListener("picker-error", (e) => say(`picker-error: ${e.detail.code} (${e.detail.action}): ${e.detail.message}`));
picker.addEventListener("picker-cancel", () => say("picker-cancel"));
picker.addEventListener("picker-pick", (e) => say(`picker-pick: ${e.detail.map((i) => i.name).join(", ")}`));

document.getElementById("choose").addEventListener("click", async () => {
  try {
    const items = await OneDrivePicker.open({
      clientId: picker.getAttribute("client-id"),
      authority,
      graphBase: graph,
      scopes: "User.Read Files.Read.All",
      filters: ".docx .xlsx .pptx .pdf",
    });
    say(`dialog: ${items.map((i) => i.name).join(", ")}`);
  } catch (e) {
    say(`dialog: ${e.code}`);
  }
});
