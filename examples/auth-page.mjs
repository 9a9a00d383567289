// The package's redirect page, emitted at the site's root (/auth.html and /auth.js) by Vite
// (Rollup) and webpack builds: register `https://your.site/auth.html` as the SPA redirect URI.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const files = ["auth.html", "auth.js"].map((name) => [name, readFileSync(require.resolve(`onedrive-picker/${name}`))]);

/** A Vite (Rollup) plugin. */
export function authPage() {
  return {
    name: "onedrive-picker-auth-page",
    generateBundle() {
      for (const [fileName, source] of files) this.emitFile({ type: "asset", fileName, source });
    },
  };
}

/** A webpack plugin. */
export class AuthPagePlugin {
  apply(compiler) {
    const { RawSource } = compiler.webpack.sources;
    compiler.hooks.thisCompilation.tap("onedrive-picker-auth-page", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "onedrive-picker-auth-page", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        for (const [name, source] of files) compilation.emitAsset(name, new RawSource(source));
      });
    });
  }
}
