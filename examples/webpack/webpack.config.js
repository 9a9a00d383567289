const path = require("node:path");

module.exports = async () => {
  const { AuthPagePlugin } = await import("../auth-page.mjs");
  return {
    entry: "./src/index.js",
    output: { path: path.resolve(__dirname, "dist"), clean: true },
    // webpack 5 emits the wasm, the split module and the stylesheet that the package names with
    // new URL("./…", import.meta.url); the page is index.html, copied as it is.
    plugins: [new AuthPagePlugin(), { apply: (c) => c.hooks.thisCompilation.tap("page", (comp) => comp.hooks.processAssets.tap("page", () => comp.emitAsset("index.html", new c.webpack.sources.RawSource(require("node:fs").readFileSync(path.join(__dirname, "index.html")))))) }],
    performance: { hints: false },
  };
};
