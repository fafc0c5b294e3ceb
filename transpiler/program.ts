// Compiler options and programs for checking scripts. A script anywhere on disk that imports
// `neuron-ts` is checked against this package's sources, as `neuron-ts run` bundles it: the three
// entry points resolve to the package root given, whatever node_modules the script can see.
import path from "node:path";
import type { TS, TypeScript } from "./analysis/typescript.ts";
import { DeclarationView } from "./declaration-view.ts";

/** The package's entry points, resolved to its sources. */
export function packageEntryPoints(root: string): Record<string, string> {
  return {
    "neuron-ts": path.join(root, "stdlib", "index.ts"),
    "neuron-ts/units": path.join(root, "units", "index.ts"),
    "neuron-ts/plot": path.join(root, "stdlib", "plot", "index.ts"),
    "neuron-ts/data": path.join(root, "stdlib", "data", "index.ts"),
  };
}

/**
 * Options for scripts checked without a tsconfig: what `neuron-ts run` compiles them as. The
 * library is ES2015's core and iterables, not all of ES2022: a unit is never read from a built-in's
 * type, and parsing less makes a cold check faster.
 */
export function scriptCompilerOptions(ts: TypeScript): TS.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es5.d.ts", "lib.es2015.core.d.ts", "lib.es2015.collection.d.ts", "lib.es2015.iterable.d.ts",
      "lib.es2015.symbol.d.ts", "lib.es2015.symbol.wellknown.d.ts"],
    types: [],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    allowJs: false,
  };
}

/** Makes `host` resolve neuron-ts, neuron-ts/units and neuron-ts/plot to `root`'s sources. */
export function resolvePackageFrom<H extends TS.ModuleResolutionHost & { resolveModuleNameLiterals?: unknown }>(
  ts: TypeScript, host: H, root: string, options: () => TS.CompilerOptions,
): H {
  const entries = packageEntryPoints(root);
  const cache = ts.createModuleResolutionCache(host.getCurrentDirectory?.() ?? process.cwd(), (f) => f, options());
  const resolve: TS.CompilerHost["resolveModuleNameLiterals"] = (literals, containingFile, redirected, opts, containingSourceFile) =>
    literals.map((lit) => {
      const target = entries[lit.text];
      if (target) return { resolvedModule: { resolvedFileName: target, extension: ts.Extension.Ts, isExternalLibraryImport: false } };
      const mode = ts.getModeForUsageLocation(containingSourceFile, lit, opts);
      return ts.resolveModuleName(lit.text, containingFile, opts, host, cache, redirected, mode);
    });
  return Object.assign(host, { resolveModuleNameLiterals: resolve });
}

/**
 * A program for checking `files`: neuron-ts resolved to `root`, its implementation read as
 * declarations (declaration-view.ts).
 */
export function createScriptProgram(
  ts: TypeScript, files: readonly string[], root: string,
  options: TS.CompilerOptions = scriptCompilerOptions(ts),
): TS.Program {
  const host = resolvePackageFrom(ts, ts.createCompilerHost(options, true), root, () => options);
  // The checker reads units from types, never from JSDoc: skipping JSDoc makes parsing cheaper.
  if (ts.JSDocParsingMode) host.jsDocParsingMode = ts.JSDocParsingMode.ParseNone;
  const view = new DeclarationView(ts, options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (!view.applies(fileName)) return getSourceFile.call(host, fileName, languageVersion, onError, shouldCreate);
    const text = host.readFile(fileName);
    return text === undefined ? undefined : ts.createSourceFile(fileName, view.text(fileName, text), {
      languageVersion: typeof languageVersion === "object" ? languageVersion.languageVersion : languageVersion,
      jsDocParsingMode: host.jsDocParsingMode,
    }, true);
  };
  return ts.createProgram({ rootNames: files, options, host });
}
