// The unit transform as a vite (and vitest) plugin, so tests and bundles run the same numbers as
// `neuron-ts run`: `plugins: [neuronTsUnits()]` in vite.config.ts or vitest.config.ts. Each
// TypeScript module that imports neuron-ts/units is checked (a unit error fails the transform
// with file, line and column) and gets its units compiled to numbers.
import type { TypeScript } from "./analysis/typescript.ts";
import { isLibraryPath } from "./checker.ts";
import { validateOptions } from "./options.ts";
import { mentionsUnits, UnitProject } from "./service.ts";
import { loadTypeScript } from "./load-typescript.ts";

export interface NeuronTsUnitsOptions {
  /** Resolve neuron-ts to this package root's sources when checking. */
  readonly root?: string;
  /** The TypeScript compiler API to check with (default: the `typescript` package). */
  readonly typescript?: TypeScript;
}

/** The subset of vite's Plugin this plugin implements (vite is not a dependency of neuron-ts). */
export interface VitePluginLike {
  name: string;
  enforce: "pre";
  transform(this: { error(e: { message: string; id?: string; loc?: { line: number; column: number } }): never }, code: string, id: string):
    Promise<{ code: string; map: null } | undefined>;
}

export function neuronTsUnits(options?: NeuronTsUnitsOptions): VitePluginLike {
  const opts = validateOptions<NeuronTsUnitsOptions>("neuronTsUnits", options, { root: "string", typescript: "object" });
  let project: UnitProject | undefined;
  return {
    name: "neuron-ts-units",
    enforce: "pre",
    async transform(code, id) {
      const file = id.split("?")[0]!;
      if (!/\.[cm]?tsx?$/.test(file) || isLibraryPath(file) || !mentionsUnits(code)) return undefined;
      if (!project) {
        const ts = opts.typescript ?? loadTypeScript();
        project = new UnitProject(ts, opts.root ? { root: opts.root } : {});
      }
      const r = project.transform(file, code);
      const first = r.diagnostics[0];
      if (first) {
        const all = r.diagnostics.map((d) => `${d.fileName}:${d.line}:${d.column}: ${d.message}`).join("\n");
        this.error({ message: `unit errors:\n${all}`, id: file, loc: { line: first.line, column: first.column - 1 } });
      }
      return { code: r.code, map: null };
    },
  };
}

export default neuronTsUnits;
