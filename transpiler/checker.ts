// The unit checker's core: analyses one source file of a program (unit references, brands,
// inference) and runs every rule over it. Front ends (CLI, run, language-service plugin, esbuild
// and vite plugins) call this with the `ts` they were handed.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { BrandReader } from "./analysis/brands.ts";
import { UnitInference } from "./analysis/infer.ts";
import type { TS, TypeScript } from "./analysis/typescript.ts";
import { findUnitReferences, type UnitReferences } from "./analysis/unit-references.ts";
import { RULES } from "./rules/index.ts";
import { fillMessage, type RuleContext } from "./rules/rule.ts";

export interface UnitDiagnostic {
  /** The rule that reported it ("slot-dimension"). */
  readonly rule: string;
  /** The message id within the rule ("slotDimension"). */
  readonly messageId: string;
  readonly code: number;
  readonly data: Readonly<Record<string, string>>;
  readonly message: string;
  readonly fileName: string;
  readonly start: number;
  readonly length: number;
  /** 1-based, as editors and tsc print them. */
  readonly line: number;
  readonly column: number;
}

export interface FileAnalysis {
  readonly ts: TypeScript;
  readonly checker: TS.TypeChecker;
  readonly sourceFile: TS.SourceFile;
  readonly units: UnitReferences;
  readonly brands: BrandReader;
  readonly inference: UnitInference;
}

const packageRootOf = new Map<string, string | null>();

/** The neuron-ts package directory containing `dir`, if any. */
export function neuronTsRoot(dir: string): string | null {
  const cached = packageRootOf.get(dir);
  if (cached !== undefined) return cached;
  let found: string | null = null;
  const pj = path.join(dir, "package.json");
  if (existsSync(pj)) {
    try {
      found = JSON.parse(readFileSync(pj, "utf8")).name === "neuron-ts" ? dir : null;
    } catch {
      found = null;
    }
  } else {
    const up = path.dirname(dir);
    found = up === dir ? null : neuronTsRoot(up);
  }
  packageRootOf.set(dir, found);
  return found;
}

/** Whether a path is in a dependency or is neuron-ts's own stdlib/, runtime/ or units/. */
export function isLibraryPath(fileName: string): boolean {
  if (/[\\/]node_modules[\\/]/.test(fileName) || fileName.endsWith(".d.ts")) return true;
  const root = neuronTsRoot(path.dirname(fileName));
  return !!root && /^(stdlib|runtime|units)[\\/]/.test(path.relative(root, fileName));
}

/**
 * Whether a file is neuron-ts's own or a dependency's: its declarations are NEURON's slots (a read
 * is NEURON's number), and it is neither checked nor transformed.
 */
export function isLibraryFile(program: TS.Program, sf: TS.SourceFile): boolean {
  return sf.isDeclarationFile || program.isSourceFileFromExternalLibrary(sf) || isLibraryPath(sf.fileName);
}

export function analyzeFile(ts: TypeScript, program: TS.Program, sourceFile: TS.SourceFile): FileAnalysis {
  const checker = program.getTypeChecker();
  const units = findUnitReferences(ts, checker, sourceFile);
  const brands = new BrandReader(ts, checker);
  const inference = new UnitInference({ ts, checker, brands, units, isLibraryFile: (sf) => isLibraryFile(program, sf) });
  return { ts, checker, sourceFile, units, brands, inference };
}

/** One line of the user's source text for a node, as messages quote it. */
export function sourceText(node: TS.Node, sf: TS.SourceFile): string {
  return node.getText(sf).replace(/\s+/g, " ");
}

export function checkAnalyzedFile(a: FileAnalysis): UnitDiagnostic[] {
  const { ts, sourceFile: sf } = a;
  const out: UnitDiagnostic[] = [];
  const contexts = RULES.map((rule): RuleContext<string> => ({
    ts, checker: a.checker, sourceFile: sf, inference: a.inference, brands: a.brands, units: a.units,
    source: (node) => sourceText(node, sf),
    report(node, messageId, data) {
      const m = rule.messages[messageId];
      if (!m) throw new Error(`rule ${rule.name} has no message '${messageId}'`);
      const start = node.getStart(sf);
      const lc = sf.getLineAndCharacterOfPosition(start);
      out.push({
        rule: rule.name, messageId, code: m.code, data, message: fillMessage(m.text, data),
        fileName: sf.fileName, start, length: node.getEnd() - start, line: lc.line + 1, column: lc.character + 1,
      });
    },
  }));
  const visit = (node: TS.Node): void => {
    RULES.forEach((rule, i) => rule.visit(node, contexts[i]!));
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out.sort((x, y) => x.start - y.start || x.code - y.code);
}

/** The unit diagnostics of one file of a program (none for neuron-ts's own files). */
export function checkFile(ts: TypeScript, program: TS.Program, sourceFile: TS.SourceFile): UnitDiagnostic[] {
  if (isLibraryFile(program, sourceFile)) return [];
  return checkAnalyzedFile(analyzeFile(ts, program, sourceFile));
}
