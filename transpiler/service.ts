// A long-lived unit-checking project over a TypeScript language service: the esbuild and vite
// plugins, `neuron-ts run` and the benchmark share it, so a file is parsed and typed once per
// version and a re-check after an edit is incremental.
import type { TS, TypeScript } from "./analysis/typescript.ts";
import { analyzeFile, checkAnalyzedFile, isLibraryFile, type UnitDiagnostic } from "./checker.ts";
import { DeclarationView } from "./declaration-view.ts";
import { resolvePackageFrom, scriptCompilerOptions } from "./program.ts";
import { transformAnalyzedFile } from "./transform.ts";

export interface UnitProjectOptions {
  /** Resolve neuron-ts, neuron-ts/units and neuron-ts/plot to this package root's sources. */
  readonly root?: string;
  /** Compiler options (default: what `neuron-ts run` compiles scripts with). */
  readonly compilerOptions?: TS.CompilerOptions;
}

export interface TransformOutput {
  /** The transformed source (the original when the file uses no units). */
  readonly code: string;
  readonly diagnostics: readonly UnitDiagnostic[];
}

/** Quick test before any parsing: only files that import the units module are transformed. */
export function mentionsUnits(code: string): boolean {
  return code.includes("neuron-ts/units") || /["'][^"']*units\/index(\.ts)?["']/.test(code);
}

export class UnitProject {
  private readonly roots = new Set<string>();
  private readonly overlays = new Map<string, { text: string; version: number }>();
  private readonly service: TS.LanguageService;
  private readonly options: TS.CompilerOptions;

  constructor(private readonly ts: TypeScript, opts: UnitProjectOptions = {}) {
    this.options = opts.compilerOptions ?? scriptCompilerOptions(ts);
    const view = new DeclarationView(ts, this.options);
    const sys = ts.sys;
    const host: TS.LanguageServiceHost = {
      getCompilationSettings: () => this.options,
      getScriptFileNames: () => [...this.roots],
      getScriptVersion: (f) => {
        const o = this.overlays.get(f);
        if (o) return `o${o.version}`;
        return String(sys.getModifiedTime?.(f)?.getTime() ?? 0);
      },
      getScriptSnapshot: (f) => {
        const o = this.overlays.get(f);
        const text = o ? o.text : sys.readFile(f);
        return text === undefined ? undefined : ts.ScriptSnapshot.fromString(o ? text : view.text(f, text));
      },
      getCurrentDirectory: () => sys.getCurrentDirectory(),
      getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
      fileExists: (f) => this.overlays.has(f) || sys.fileExists(f),
      readFile: (f, enc) => this.overlays.get(f)?.text ?? sys.readFile(f, enc),
      readDirectory: sys.readDirectory,
      directoryExists: sys.directoryExists,
      getDirectories: sys.getDirectories,
      realpath: sys.realpath,
      useCaseSensitiveFileNames: () => sys.useCaseSensitiveFileNames,
    };
    if (opts.root) resolvePackageFrom(ts, host as TS.LanguageServiceHost & TS.ModuleResolutionHost, opts.root, () => this.options);
    this.service = ts.createLanguageService(host, ts.createDocumentRegistry());
  }

  get languageService(): TS.LanguageService {
    return this.service;
  }

  /** Adds a root file; with `text`, its content is that text (a new version) instead of the disk's. */
  setFile(fileName: string, text?: string): void {
    this.roots.add(fileName);
    if (text === undefined) return;
    const o = this.overlays.get(fileName);
    if (o?.text === text) return;
    this.overlays.set(fileName, { text, version: (o?.version ?? 0) + 1 });
  }

  program(): TS.Program {
    const p = this.service.getProgram();
    if (!p) throw new Error("neuron-ts: the language service has no program");
    return p;
  }

  /** The user files of the program: roots and what they import, less neuron-ts and dependencies. */
  userFiles(): TS.SourceFile[] {
    const p = this.program();
    return p.getSourceFiles().filter((sf) => !isLibraryFile(p, sf));
  }

  /** Syntax errors and unit errors of one file. */
  check(fileName: string): UnitDiagnostic[] {
    const p = this.program();
    const sf = p.getSourceFile(fileName);
    if (!sf || isLibraryFile(p, sf)) return [];
    return [...syntaxDiagnostics(this.ts, p, sf), ...checkAnalyzedFile(analyzeFile(this.ts, p, sf))];
  }

  checkAll(): UnitDiagnostic[] {
    return this.userFiles().flatMap((sf) => this.check(sf.fileName));
  }

  /** Checks a file and, when clean, transforms it. */
  transform(fileName: string, text?: string): TransformOutput {
    // A file the program already has with this text needs no new program (run checks first).
    const known = this.service.getProgram()?.getSourceFile(fileName);
    if (!known || (text !== undefined && known.text !== text)) this.setFile(fileName, text);
    const p = this.program();
    const sf = p.getSourceFile(fileName);
    if (!sf) throw new Error(`neuron-ts: cannot read ${fileName}`);
    if (isLibraryFile(p, sf)) return { code: sf.text, diagnostics: [] };
    const a = analyzeFile(this.ts, p, sf);
    const diagnostics = [...syntaxDiagnostics(this.ts, p, sf), ...checkAnalyzedFile(a)];
    return { code: diagnostics.length ? sf.text : transformAnalyzedFile(a), diagnostics };
  }
}

/** TypeScript's syntax errors, as unit diagnostics (a file that does not parse is not checked). */
export function syntaxDiagnostics(ts: TypeScript, program: TS.Program, sf: TS.SourceFile): UnitDiagnostic[] {
  return program.getSyntacticDiagnostics(sf).map((d) => {
    const start = d.start ?? 0;
    const lc = sf.getLineAndCharacterOfPosition(start);
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    return {
      rule: "syntax", messageId: "syntax", code: d.code, data: { message }, message, fileName: sf.fileName,
      start, length: d.length ?? 0, line: lc.line + 1, column: lc.character + 1,
    };
  });
}
