import { defineConfig } from "vite";
import vue from "@vitejs/plugin-vue";
import { authPage } from "../auth-page.mjs";

export default defineConfig({
  plugins: [
    // <onedrive-picker> is a custom element, not a Vue component.
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === "onedrive-picker" } } }),
    authPage(),
  ],
  // The dev server's pre-bundling would move the module away from its wasm.
  optimizeDeps: { exclude: ["onedrive-picker"] },
});
