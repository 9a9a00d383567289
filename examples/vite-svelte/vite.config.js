import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { authPage } from "../auth-page.mjs";

export default defineConfig({
  plugins: [svelte(), authPage()],
  // The dev server's pre-bundling would move the module away from its wasm.
  optimizeDeps: { exclude: ["onedrive-picker"] },
});
