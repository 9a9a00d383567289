// The example portal page's script: logs the element's events and opens the picker as a dialog.
// `?emulator=http://127.0.0.1:PORT` points both at another offline tenant.
import { OneDrivePicker } from "./onedrive-picker.js";

const picker = document.getElementById("picker");
const log = document.getElementById("log");
const emulator = new URLSearchParams(location.search).get("emulator");
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

picker.addEventListener("signin", (e) => say(`signin: ${e.detail.name} <${e.detail.username}>`));
picker.addEventListener("signout", () => say("signout"));
picker.addEventListener("error", (e) => say(`error: ${e.detail.code} (${e.detail.action}): ${e.detail.message}`));
picker.addEventListener("cancel", () => say("cancel"));
picker.addEventListener("pick", (e) => say(`pick: ${e.detail.map((i) => i.name).join(", ")}`));

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
