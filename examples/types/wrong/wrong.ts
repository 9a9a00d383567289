// Must not compile: the types are real, not `any`. The test expects tsc to fail here with these.
import type {} from "onedrive-picker";
const picker = document.querySelector("onedrive-picker")!;
picker.addEventListener("picker-pick", (e) => e.detail.map((item) => item.nmae));
picker.maxCount = "three";
