import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { authPage } from "../auth-page.mjs";

export default defineConfig({
  plugins: [react(), authPage()],
  // The dev server's pre-bundling would move the module away from its wasm.
  optimizeDeps: { exclude: ["onedrive-picker"] },
});
