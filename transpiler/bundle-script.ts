// The slow half of `neuron-ts run`, loaded only when the run cache has no bundle for a script:
// the unit check (TypeScript) and the bundle (esbuild). A cached run never loads this module's
// dependencies.
import type { Plugin } from "esbuild";
import path from "node:path";
import { unitsPlugin } from "./esbuild-plugin.ts";
import { formatDiagnostic, formatSummary } from "./format.ts";
import { loadEsbuild } from "./load-esbuild.ts";
import { loadTypeScript } from "./load-typescript.ts";
import { packageEntryPoints } from "./program.ts";
import { UnitProject } from "./service.ts";

/** esbuild plugin: resolves the package's own entry points to its sources. */
export function packageAliasPlugin(root: string): Plugin {
  const entries = packageEntryPoints(root);
  return {
    name: "neuron-ts-package",
    setup(b) {
      b.onResolve({ filter: /^neuron-ts(\/(units|plot|data))?$/ }, (args) => ({ path: entries[args.path]! }));
    },
  };
}

export interface ScriptBundle {
  /** The bundle's code; its last line is `//# sourceMappingURL=<outfile's name>.map`. */
  readonly code: string;
  /** Its source map, with paths relative to `outfile`'s directory. */
  readonly map: string;
  /** Every file bundled into it (absolute paths). */
  readonly inputs: string[];
}

/**
 * Checks `script` and bundles it as if written to `outfile`: the bundle must be written in that
 * directory, since its source map holds paths relative to it. Returns null (having printed the
 * diagnostics) when the script has unit errors; esbuild's errors are thrown.
 */
export async function checkAndBundle(script: string, outfile: string, root: string, project?: UnitProject): Promise<ScriptBundle | null> {
  const abs = path.resolve(script);
  // Unit errors refuse the run: the numbers they would store are not what the script says.
  project ??= new UnitProject(loadTypeScript(), { root });
  project.setFile(abs);
  const errors = project.checkAll();
  if (errors.length) {
    for (const d of errors) process.stderr.write(`${formatDiagnostic(d)}\n`);
    process.stderr.write(`\n${formatSummary(errors)}\nneuron-ts run: not running ${script}: fix the unit errors above.\n`);
    return null;
  }
  const result = await loadEsbuild().build({
    metafile: true,
    write: false,
    entryPoints: [abs],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // A linked map, not an inline one: Node reads a module's map when it compiles it, and decoding
    // an inline (base64) map of the whole engine took ~18 ms of every start.
    sourcemap: "linked",
    sourcesContent: false,
    logLevel: "silent",
    // Native and large runtime packages stay external and load from this package's node_modules.
    external: ["better-sqlite3", "typescript", "esbuild", "playwright-core"],
    plugins: [packageAliasPlugin(root), unitsPlugin({ project })],
    banner: {
      js: "import { createRequire as __ntsCreateRequire } from 'node:module'; const require = __ntsCreateRequire(import.meta.url);",
    },
  });
  const code = result.outputFiles!.find((f) => !f.path.endsWith(".map"))!.text;
  const map = result.outputFiles!.find((f) => f.path.endsWith(".map"))!.text;
  const inputs = Object.keys(result.metafile!.inputs).map((f) => path.resolve(f));
  return { code, map, inputs };
}
