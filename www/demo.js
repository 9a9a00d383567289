// The demo page's script (index.html): the <onedrive-picker> element from the npm package, as a
// portal loads it (its first screen is the sign-in, and the rest arrives when it is needed),
// wired to the offline Microsoft 365 tenant and configured from the page's address:
// `?emulator=URL` another emulator instance on this machine (plain http on loopback only),
// `?auth-mode=redirect` (or `popup`) how the user signs in, `?locale=fr` its language (`en-XA`
// the pseudo-locale), `?selected=` items shown chosen (`{drive id}/{item id}`, space separated),
// `?start=path:/Documents` where it starts, `&lock-to-start` to keep the user there, and
// `?save=Notes.txt` a small text file saved instead of picking (save as).
import "./package/onedrive-picker.js";
import { loopbackEmulator } from "./loopback.js";

const picker = document.getElementById("picker");
const query = new URLSearchParams(location.search);

const emulator = loopbackEmulator();
if (emulator) {
  picker.setAttribute("authority", `${emulator}/common`);
  picker.setAttribute("graph-url", `${emulator}/v1.0`);
  // The other pages follow it there.
  for (const link of document.querySelectorAll(".odp-example-link, .odp-leptos-link")) {
    link.search = `?emulator=${encodeURIComponent(emulator)}`;
  }
}
document.querySelector(".odp-authority").textContent = picker.getAttribute("authority");
document.querySelector(".odp-graph").textContent = picker.getAttribute("graph-url");

for (const name of ["auth-mode", "locale", "selected", "start"]) {
  if (query.get(name)) picker.setAttribute(name, query.get(name));
}
if (query.has("lock-to-start")) picker.setAttribute("lock-to-start", "");
if (query.get("save")) {
  picker.setAttribute("mode", "save");
  picker.setAttribute("save-name", query.get("save"));
  picker.saveContent = new Blob(["Saved by the onedrive-picker demo.\n"], { type: "text/plain" });
}

const picked = document.querySelector(".odp-picked");
picker.addEventListener("picker-pick", (e) => {
  picked.textContent = e.detail.length ? `Picked: ${e.detail.map((i) => i.name).join(", ")}` : "";
});
picker.addEventListener("picker-save", (e) => {
  document.querySelector(".odp-saved").textContent = `Saved ${e.detail.name} in ${e.detail.folder.name}`;
});
