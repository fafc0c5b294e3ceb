// The unit transform as an esbuild plugin: every TypeScript file that imports neuron-ts/units is
// checked and, when clean, loaded with its units compiled to numbers; unit errors are build errors
// with the file, line and column of the offending expression.
import type { Message, Plugin } from "esbuild";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { TypeScript } from "./analysis/typescript.ts";
import { isLibraryPath, type UnitDiagnostic } from "./checker.ts";
import { validateOptions } from "./options.ts";
import { mentionsUnits, UnitProject } from "./service.ts";
import { loadTypeScript } from "./load-typescript.ts";

export interface UnitsPluginOptions {
  /** Resolve neuron-ts to this package root's sources when checking (as `neuron-ts run` does). */
  readonly root?: string;
  /** A project to share (`neuron-ts run` passes the one it has checked the script with). */
  readonly project?: UnitProject;
  /** The TypeScript compiler API to check with (default: the `typescript` package). */
  readonly typescript?: TypeScript;
}

export function toEsbuildMessage(d: UnitDiagnostic, text: string): Partial<Message> {
  const lineText = text.split(/\r?\n/)[d.line - 1] ?? "";
  return {
    text: d.message,
    location: { file: d.fileName, line: d.line, column: d.column - 1, length: Math.min(d.length, lineText.length - d.column + 1), lineText, namespace: "file", suggestion: "" },
  };
}

export function unitsPlugin(options?: UnitsPluginOptions): Plugin {
  const opts = validateOptions<UnitsPluginOptions>("unitsPlugin", options, { root: "string", project: "object", typescript: "object" });
  let project = opts.project;
  const getProject = async (): Promise<UnitProject> => {
    if (!project) {
      const ts = opts.typescript ?? loadTypeScript();
      project = new UnitProject(ts, opts.root ? { root: opts.root } : {});
    }
    return project;
  };
  return {
    name: "neuron-ts-units",
    setup(build) {
      build.onLoad({ filter: /\.[cm]?tsx?$/ }, async (args) => {
        if (args.namespace !== "file" || isLibraryPath(args.path)) return undefined;
        const text = await readFile(args.path, "utf8");
        if (!mentionsUnits(text)) return undefined;
        const r = (await getProject()).transform(args.path, text);
        if (r.diagnostics.length) return { errors: r.diagnostics.map((d) => toEsbuildMessage(d, text)) };
        return { contents: r.code, loader: path.extname(args.path) === ".tsx" ? "tsx" : "ts" };
      });
    },
  };
}
