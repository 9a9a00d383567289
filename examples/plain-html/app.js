// The tenant: Microsoft's by default; the tests point it at the emulator with ?emulator=.
const picker = document.querySelector("onedrive-picker");
const tenant = new URLSearchParams(location.search).get("emulator");
if (tenant) {
  picker.authority = `${tenant}/common`;
  picker.setAttribute("graph-url", `${tenant}/v1.0`);
}
picker.addEventListener("picker-pick", (e) => {
  document.getElementById("status").textContent = `Picked: ${e.detail.map((item) => item.name).join(", ")}`;
});
