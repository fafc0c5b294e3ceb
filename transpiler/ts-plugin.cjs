// tsserver loads language-service plugins with require(), so this CommonJS file is the plugin's
// entry: it bundles ts-plugin.ts with esbuild (as bin/neuron-ts.mjs does for the CLI, so no build
// step can leave it stale) and exports its factory. `typescript` stays external: the plugin uses
// the `ts` tsserver hands it.
"use strict";
const path = require("node:path");
const { buildSync } = require("esbuild");

const out = buildSync({
  entryPoints: [path.join(__dirname, "ts-plugin.ts")],
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  packages: "external",
  write: false,
  logLevel: "error",
});
const mod = { exports: {} };
new Function("module", "exports", "require", "__filename", "__dirname", out.outputFiles[0].text)(
  mod, mod.exports, require, path.join(__dirname, "ts-plugin.ts"), __dirname,
);
module.exports = mod.exports.default ?? mod.exports.pluginModuleFactory;
