// The checker needs neuron-ts's declarations, not its implementation: a slot's unit is the brand
// of a declared type, and `h` is declared `const h: H`. Its programs (check, run, the esbuild and
// vite plugins) therefore read each of neuron-ts's stdlib/ and runtime/ files as the declarations
// TypeScript emits for it — a fifth of the text to parse and bind on a cold start. The editor
// plugin works on the editor's own program; test/transpiler/ts-plugin.test.ts checks that both
// report the same. Emitted declarations are cached on disk by content, so a cold run reuses them.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { TS, TypeScript } from "./analysis/typescript.ts";
import { neuronTsRoot } from "./checker.ts";

export class DeclarationView {
  private readonly memo = new Map<string, { source: string; declarations: string }>();

  constructor(private readonly ts: TypeScript, private readonly options: TS.CompilerOptions) {}

  /** Whether `fileName` is read as its declarations: a .ts file of neuron-ts's stdlib/ or runtime/. */
  applies(fileName: string): { cacheDir: string } | undefined {
    if (!/\.[cm]?ts$/.test(fileName) || /\.d\.[cm]?ts$/.test(fileName)) return undefined;
    const root = neuronTsRoot(path.dirname(fileName));
    if (!root || !/^(stdlib|runtime)[\\/]/.test(path.relative(root, fileName))) return undefined;
    return { cacheDir: path.join(root, "node_modules", ".cache", "neuron-ts", "declarations") };
  }

  /** The text the checker's program reads for a file. */
  text(fileName: string, source: string): string {
    const where = this.applies(fileName);
    if (!where) return source;
    const known = this.memo.get(fileName);
    if (known?.source === source) return known.declarations;
    const key = createHash("sha1").update(`${this.ts.version}\0${fileName}\0${source}`).digest("hex");
    const cached = path.join(where.cacheDir, `${key}.d.ts`);
    let declarations: string;
    try {
      declarations = readFileSync(cached, "utf8");
    } catch {
      declarations = this.ts.transpileDeclaration(source, { fileName, compilerOptions: this.options }).outputText;
      try {
        // Written aside and renamed into place, so a process checking in parallel never reads half.
        mkdirSync(where.cacheDir, { recursive: true });
        const partial = `${cached}.${process.pid}.tmp`;
        writeFileSync(partial, declarations);
        renameSync(partial, cached);
      } catch {
        // A read-only install still checks, only without the cache.
      }
    }
    this.memo.set(fileName, { source, declarations });
    return declarations;
  }
}
