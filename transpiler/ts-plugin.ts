// The editor plugin: a TypeScript language-service plugin that adds the unit checker's
// diagnostics to the semantic diagnostics the editor shows (red squiggles, the Problems panel).
// It checks with tsserver's own `ts` (`modules.typescript`) and the project's own program, so the
// editor and `neuron-ts check -p` report the same thing.
//
//   tsconfig.json: { "compilerOptions": { "plugins": [{ "name": "neuron-ts/transpiler/ts-plugin.cjs" }] } }
import type { TS, TypeScript } from "./analysis/typescript.ts";
import { checkFile, type UnitDiagnostic } from "./checker.ts";

/** The diagnostic source editors show beside the message. */
export const DIAGNOSTIC_SOURCE = "neuron-ts";

export function toTsDiagnostic(ts: TypeScript, d: UnitDiagnostic, file: TS.SourceFile): TS.Diagnostic {
  return {
    file, start: d.start, length: d.length, messageText: d.message,
    category: ts.DiagnosticCategory.Error, code: d.code, source: DIAGNOSTIC_SOURCE,
  };
}

/** Unit diagnostics of a file of the language service's current program. */
export function unitDiagnostics(ts: TypeScript, ls: TS.LanguageService, fileName: string): TS.Diagnostic[] {
  const program = ls.getProgram();
  const sf = program?.getSourceFile(fileName);
  if (!program || !sf) return [];
  return checkFile(ts, program, sf).map((d) => toTsDiagnostic(ts, d, sf));
}

/** Wraps a language service: every method delegates, semantic diagnostics gain the unit errors. */
export function decorateLanguageService(ts: TypeScript, ls: TS.LanguageService, log?: (s: string) => void): TS.LanguageService {
  const proxy = Object.create(null) as TS.LanguageService;
  for (const k of Object.keys(ls) as Array<keyof TS.LanguageService>) {
    const f = ls[k] as unknown;
    (proxy as unknown as Record<string, unknown>)[k] = typeof f === "function" ? (...args: unknown[]) => (f as (...a: unknown[]) => unknown).apply(ls, args) : f;
  }
  proxy.getSemanticDiagnostics = (fileName: string) => {
    const prior = ls.getSemanticDiagnostics(fileName);
    try {
      return [...prior, ...unitDiagnostics(ts, ls, fileName)];
    } catch (e) {
      // A checker bug must not take the editor's own diagnostics down with it.
      log?.(`neuron-ts units plugin: ${(e as Error).stack ?? e}`);
      return prior;
    }
  };
  return proxy;
}

/** The plugin module's export, as tsserver calls it. */
export function pluginModuleFactory(modules: { typescript: TypeScript }): TS.server.PluginModule {
  const ts = modules.typescript;
  return {
    create(info) {
      const log = (s: string) => info.project?.projectService?.logger?.info(s);
      log("neuron-ts units plugin: enabled");
      return decorateLanguageService(ts, info.languageService, log);
    },
  };
}

export default pluginModuleFactory;
