// The HOC interpreter for the morphology subset: runs files one top-level statement at a time,
// keeps HOC's global names (sections, section arrays, objrefs, procs, numbers, strings), the
// section stack and the accessed section, and makes every global name visible on `h`.
//
// Sections, 3-D points, connections and mechanisms are changed through the facade's section
// handles, so HOC code and TypeScript code get the same checks and the same numbers.
//
// A load is a transaction: if any statement fails, the sections and names the load created
// are removed again (see Transaction) and the error names file:line:column.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Model } from "../../../runtime/model.ts";
import type { Section as RtSection } from "../../../runtime/section.ts";
import { pow } from "../../../runtime/math.ts";
import type { Context } from "../../context.ts";
import { formatG } from "../../format.ts";
import { RT, handleOf, isSection, type SectionHandle } from "../../handles.ts";
import type { DeclItem, Expr, Stmt } from "./ast.ts";
import { builtinClasses, GUI_FUNCTIONS, newPointProcess, type Factory } from "./classes.ts";
import { Lexer } from "./lexer.ts";
import { Parser, type NameKind } from "./parser.ts";
import { compileSectionPattern } from "./regexp.ts";
import { HocError, hocError, Source } from "./source.ts";
import { Transaction } from "./transaction.ts";
import {
  EPS, describeValue, fromJs, objectName, symKind,
  type HocEnv, type HocValue, type ProcDef, type Sym,
} from "./values.ts";
import { HocNames } from "./hnames.ts";
import { callMethod, getField, indexed, setField } from "./objects.ts";
import { isSectionVar, readSectionVar, taper, writeSectionVar } from "./sectionvars.ts";
import { BUILTINS } from "./builtins.ts";
import { SectionListImpl } from "../sectionlist.ts";


/** NEURON's HOC constants. */
const CONSTANTS: Record<string, number> = {
  PI: Math.PI, E: Math.E, GAMMA: 0.57721566490153286060, DEG: 57.29577951308232087680,
  PHI: 1.61803398874989484820, FARADAY: 96485.33212331001, R: 8.31446261815324, float_epsilon: EPS,
};

/** NEURON library files that are built in (loading them does nothing). */
const BUILTIN_LIBS = new Set(["stdrun.hoc", "nrngui.hoc", "nrngui1.hoc", "stdlib.hoc", "stdgui.hoc", "noload.hoc", "import3d.hoc", "celbild.hoc"]);
/** NEURON 8.2.2's other library files (share/nrn/lib/hoc): GUI tools neuron-ts does not have. */
const OTHER_LIBS = new Set(("atoltool attshape binfo chanbild corenrn electrod family funfit gatherv grapher impedanc " +
  "impedanx impratio inserter kinbuild lincir loadbal logax macload mkcurve mknrndll modlunit movierun mulfit mview " +
  "netbild netparmpi parcom pcchdir pointbsr pointgrp pointman prcellstate runfit shapebox showmech single single1 " +
  "singlech subiter thresh varmeth1 vecwrap vplay wingroup").split(" ").map((n) => `${n}.hoc`));

class BreakSignal {}
class ContinueSignal {}
class ReturnSignal {
  constructor(readonly value: HocValue) {}
}

interface Frame {
  readonly def: ProcDef;
  readonly args: HocValue[];
  readonly locals: Map<string, Sym>;
}

interface OpenFile {
  readonly src: Source;
  readonly lx: Lexer;
  readonly dir: string;
  readonly endChecks: Array<(src: Source) => void>;
}

export class Interp implements HocEnv {
  globals = new Map<string, Sym>();
  readonly secStack: RtSection[] = [];
  accessed: RtSection | null = null;
  readonly objStack: object[] = [];
  readonly frames: Frame[] = [];
  /** Absolute paths of files loaded with load_file (loaded once, as in NEURON). */
  readonly loaded = new Set<string>();
  /** HOC's globals on h (h.soma, h.apic, h.apical). */
  readonly names: HocNames;
  readonly classes: Map<string, Factory> = builtinClasses();
  tx: Transaction | null = null;
  private readonly files: OpenFile[] = [];
  /** The source whose syntax nodes are being run (for error positions). */
  private src: Source = new Source("<hoc>", "");
  /** Hooks that extend load_file for NEURON library names (celbild.hoc enables CellBuild). */
  readonly libraryHooks = new Map<string, () => void>();

  constructor(readonly ctx: Context) {
    this.names = new HocNames(ctx, () => this.globals, (def, args) => this.callProc(def, args, 0));
  }

  // ------------------------------------------------------------------ HocEnv

  currentSection(): RtSection {
    const top = this.secStack[this.secStack.length - 1];
    if (top) return top;
    if (this.accessed && this.accessed.alive) return this.accessed;
    // NEURON's default section is the first one created.
    const first = this.ctx.model.sections.find((s) => s.alive);
    if (first) return first;
    throw new Error("no section is accessed and none exists (create one first)");
  }

  fscan(): number {
    const f = this.files[this.files.length - 1];
    if (!f) throw new Error("fscan(): no file is being read");
    return f.lx.fscan();
  }

  write(text: string): void {
    process.stdout.write(text);
  }

  execute(text: string): void {
    const src = new Source(`execute(${JSON.stringify(text.length > 40 ? text.slice(0, 40) + "…" : text)})`, text);
    const p = new Parser(new Lexer(src), this.nameKind);
    const save = this.src;
    this.src = src;
    try {
      for (let st = p.parseTopLevel(); st; st = p.parseTopLevel()) this.execTop(st);
    } finally {
      this.src = save;
    }
  }

  // ------------------------------------------------------------------ files and transactions

  /** Runs `fn` as one transaction: on failure everything it created is removed again. */
  transaction<T>(fn: () => T): T {
    if (this.tx) return fn();
    const tx = new Transaction(this);
    this.tx = tx;
    try {
      return fn();
    } catch (e) {
      tx.rollback();
      throw e;
    } finally {
      this.tx = null;
    }
  }

  /** The directory relative names resolve against: the loading file's (NEURON chdirs there). */
  currentDir(): string {
    const f = this.files[this.files.length - 1];
    return f ? f.dir : process.cwd();
  }

  /** load_file(name): 1 if loaded now or before. `force` reloads (load_file(1, name)). */
  loadFile(name: string, force = false): number {
    const base = path.basename(name);
    if (BUILTIN_LIBS.has(base) && !existsSync(path.resolve(this.currentDir(), name))) {
      this.libraryHooks.get(base)?.();
      return 1;
    }
    const abs = path.resolve(this.currentDir(), name);
    if (OTHER_LIBS.has(base) && !existsSync(abs)) {
      throw new Error(`load_file(${JSON.stringify(name)}): ${base} is one of NEURON's library files (a GUI tool); neuron-ts does not have it`);
    }
    if (!existsSync(abs) || !statSync(abs).isFile()) {
      throw new Error(`load_file(${JSON.stringify(name)}): no such file (looked for ${abs})`);
    }
    if (this.loaded.has(abs) && !force) return 1;
    if (/\.(swc|asc|xml|h5)$/i.test(abs)) {
      throw new Error(`load_file(${JSON.stringify(name)}): this is a reconstruction, not HOC; read it with h.Import3d_SWC_read() or h.loadSWC()`);
    }
    const text = readFileSync(abs, "latin1");
    this.transaction(() => this.runSource(new Source(displayPath(abs), text), path.dirname(abs)));
    this.loaded.add(abs);
    return 1;
  }

  private runSource(src: Source, dir: string): void {
    const lx = new Lexer(src);
    const p = new Parser(lx, this.nameKind);
    const file: OpenFile = { src, lx, dir, endChecks: [] };
    this.files.push(file);
    const save = this.src;
    this.src = src;
    try {
      for (let st = p.parseTopLevel(); st; st = p.parseTopLevel()) this.execTop(st);
      for (const check of file.endChecks) check(src);
    } finally {
      this.files.pop();
      this.src = save;
    }
  }

  /** Runs `check` when the file being read ends (a session must reach its cexport()). */
  atEndOfFile(check: (src: Source) => void): void {
    this.files[this.files.length - 1]?.endChecks.push(check);
  }

  private execTop(st: Stmt): void {
    try {
      if (st.k === "expr" && st.e.k !== "assign") return this.echo(st.e);
      this.exec(st);
    } catch (e) {
      if (e instanceof BreakSignal || e instanceof ContinueSignal) throw this.err(st.pos, e instanceof BreakSignal ? "break" : "continue", "used outside a loop");
      if (e instanceof ReturnSignal) throw this.err(st.pos, "return", "used outside a proc or func");
      throw e;
    }
  }

  /** For the parser: is `name` a section or a function now? */
  private readonly nameKind = (name: string): NameKind => {
    const sym = this.globals.get(name);
    if (sym) return sym.kind === "sec" || sym.kind === "secarray" ? "section" : sym.kind === "proc" ? "function" : "other";
    if (BUILTINS.has(name) || GUI_FUNCTIONS.includes(name) || this.isSectionVar(name)) return "function";
    return typeof (this.ctx.hObject as Record<string, unknown>)[name] === "function" ? "function" : "other";
  };

  /**
   * A top-level expression statement prints its value, as HOC does: numbers and objects as
   * "\t<value> ", strings as they are; proc calls and methods without a value print nothing.
   */
  private echo(e: Expr): void {
    let v: HocValue | undefined;
    if (e.k === "call" && this.globals.get(e.name)?.kind === "proc") {
      const sym = this.globals.get(e.name) as Extract<Sym, { kind: "proc" }>;
      v = this.eval(e);
      if (sym.def.kind === "proc") return;
    } else if (e.k === "member" && e.args !== null) {
      const r = this.at(e.pos, `.${e.name}`, () => this.member(e, true));
      if (r === undefined) return;
      v = r;
    } else {
      v = this.eval(e);
    }
    if (typeof v === "string") this.write(`${v}\n`);
    else this.write(`\t${typeof v === "number" ? formatG(v) : objectName(v)} \n`);
  }

  // ------------------------------------------------------------------ errors

  err(pos: number, construct: string, reason: string): HocError {
    return hocError(this.src, pos, construct, reason);
  }

  /** Runs fn; a plain Error from the facade becomes a located HOC error. */
  private at<T>(pos: number, construct: string, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof HocError || e instanceof BreakSignal || e instanceof ContinueSignal || e instanceof ReturnSignal) throw e;
      throw this.err(pos, construct, e instanceof Error ? e.message : String(e));
    }
  }

  // ------------------------------------------------------------------ statements

  exec(s: Stmt): void {
    switch (s.k) {
      case "expr":
        this.eval(s.e);
        return;
      case "block":
        for (const b of s.body) this.exec(b);
        return;
      case "empty":
        return;
      case "procdef":
        return this.defineProc(s);
      case "local":
        return this.declareLocals(s);
      case "objref":
        for (const it of s.items) this.declareObjref(it);
        return;
      case "strdef":
        for (const it of s.items) this.declareGlobal(it, "strdef", () => ({ kind: "str", value: "" }), true);
        return;
      case "double":
        for (const it of s.items) {
          const n = it.size ? this.size(it.size, "double") : 0;
          this.declareGlobal(it, "double", () => (it.size ? { kind: "numarray", data: new Float64Array(n) } : { kind: "num", value: 0 }));
        }
        return;
      case "create":
        for (const it of s.items) this.create(it);
        return;
      case "access":
        this.accessed = this.section(s.sec, "access");
        return;
      case "connect":
        return this.connect(s);
      case "forall":
        return this.loopSections([...this.ctx.model.sections], s.body);
      case "forsec":
        return this.forsec(s);
      case "ifsec": {
        const pat = this.eval(s.what);
        if (typeof pat !== "string") throw this.err(s.what.pos, "ifsec", "needs a string pattern");
        const sec = this.at(s.pos, "ifsec", () => this.currentSection());
        const test = this.at(s.pos, "ifsec", () => compileSectionPattern(`.*${pat}.*`));
        if (test(this.ctx.sectionName(sec))) this.exec(s.body);
        return;
      }
      case "for":
        return this.forLoop(s);
      case "cfor":
        if (s.init) this.eval(s.init);
        for (; s.cond ? this.num(s.cond, "for condition") !== 0 : true; s.step && this.eval(s.step)) {
          if (this.loopBody(s.body)) break;
        }
        return;
      case "forx":
        return this.forx(s);
      case "while":
        while (this.num(s.cond, "while") !== 0) if (this.loopBody(s.body)) break;
        return;
      case "if":
        if (this.num(s.cond, "if") !== 0) this.exec(s.then);
        else if (s.else) this.exec(s.else);
        return;
      case "break":
        throw new BreakSignal();
      case "continue":
        throw new ContinueSignal();
      case "return":
        throw new ReturnSignal(s.e ? this.eval(s.e) : 0);
      case "insert":
        return this.at(s.pos, s.un ? "uninsert" : "insert", () => {
          const h = this.handle(this.currentSection()) as unknown as { insert(m: string): void; uninsert(m: string): void };
          if (s.un) h.uninsert(s.mech);
          else h.insert(s.mech);
        });
      case "sec": {
        const sec = this.section(s.sec, "section statement");
        this.secStack.push(sec);
        try {
          this.exec(s.body);
        } finally {
          this.secStack.pop();
        }
        return;
      }
      case "print": {
        // Numbers and objects are followed by a space, strings are not (`print "a", 1` is "a1 ").
        const parts = s.items.map((e) => {
          const v = this.eval(e);
          return typeof v === "number" ? `${formatG(v)} ` : typeof v === "string" ? v : `${objectName(v)} `;
        });
        this.write(parts.join("") + "\n");
        return;
      }
    }
  }

  /** Runs a loop body; true if it executed `break`. */
  private loopBody(body: Stmt): boolean {
    try {
      this.exec(body);
    } catch (e) {
      if (e instanceof BreakSignal) return true;
      if (!(e instanceof ContinueSignal)) throw e;
    }
    return false;
  }

  private forLoop(s: Extract<Stmt, { k: "for" }>): void {
    // hoc_shortfor: bounds evaluated once; the variable itself is the counter.
    const from = this.num(s.from, "for");
    const to = this.num(s.to, "for") + EPS;
    this.assign(s.v, from, "=", s.pos);
    while ((this.eval(s.v) as number) <= to) {
      if (this.loopBody(s.body)) break;
      this.assign(s.v, (this.eval(s.v) as number) + 1, "=", s.pos);
    }
  }

  private forx(s: Extract<Stmt, { k: "forx" }>): void {
    const sec = this.at(s.pos, "for (x)", () => this.currentSection());
    const n = sec.nseg;
    const xs: number[] = [];
    if (s.ends) xs.push(0);
    for (let i = 0; i < n; i++) xs.push((i + 0.5) / n);
    if (s.ends) xs.push(1);
    for (const x of xs) {
      this.assign(s.v, x, "=", s.pos);
      if (this.loopBody(s.body)) break;
    }
  }

  private loopSections(secs: RtSection[], body: Stmt): void {
    for (const sec of secs) {
      if (!sec.alive) continue;
      this.secStack.push(sec);
      let stop: boolean;
      try {
        stop = this.loopBody(body);
      } finally {
        this.secStack.pop();
      }
      if (stop) break;
    }
  }

  private forsec(s: Extract<Stmt, { k: "forsec" }>): void {
    const what = this.eval(s.what);
    if (typeof what === "string") {
      const test = this.at(s.pos, "forsec", () => compileSectionPattern(`.*${what}.*`));
      const secs = this.ctx.model.sections.filter((sec) => test(this.ctx.sectionName(sec)));
      return this.loopSections(secs, s.body);
    }
    if (what instanceof SectionListImpl) return this.loopSections([...what.sections()], s.body);
    throw this.err(s.what.pos, "forsec", `needs a "pattern" string or a SectionList, got ${describeValue(what)}`);
  }

  // ------------------------------------------------------------------ declarations

  private defineProc(s: Extract<Stmt, { k: "procdef" }>): void {
    const old = this.globals.get(s.name);
    if (old && old.kind !== "proc") throw this.err(s.pos, `${s.kind} ${s.name}`, `${s.name} is already a ${symKind(old)}`);
    if (!old && this.builtinName(s.name)) throw this.err(s.pos, `${s.kind} ${s.name}`, `${s.name} is a built-in function and cannot be redefined`);
    // Redefinition replaces the old body (pyramid.nrn redefines geometry()).
    this.setGlobal(s.name, { kind: "proc", def: { kind: s.kind, name: s.name, body: s.body, src: this.src } });
  }

  private declareLocals(s: Extract<Stmt, { k: "local" }>): void {
    const f = this.frames[this.frames.length - 1];
    if (!f) throw this.err(s.pos, s.obj ? "localobj" : "local", "only allowed inside a proc or func");
    for (const it of s.names) f.locals.set(it.name, s.obj ? { kind: "obj", value: null } : { kind: "num", value: 0 });
  }

  private declareObjref(it: DeclItem): void {
    // Inside object_push(obj), names are the object's fields.
    const top = this.objStack[this.objStack.length - 1];
    if (top && it.size === null && it.name in top) {
      (top as Record<string, unknown>)[it.name] = null;
      return;
    }
    const n = it.size ? this.size(it.size, "objref") : 0;
    // An objref declared again (also inside a proc) is reset to NULLobject.
    this.declareGlobal(it, "objref", () => (it.size ? { kind: "objarray", data: new Array<object | null>(n).fill(null) } : { kind: "obj", value: null }));
  }

  private declareGlobal(it: DeclItem, what: string, make: () => Sym, keepSame = false): void {
    const old = this.globals.get(it.name);
    const fresh = make();
    if (old && old.kind !== fresh.kind && !(old.kind === "obj" && fresh.kind === "objarray") && !(old.kind === "objarray" && fresh.kind === "obj")) {
      throw this.err(it.pos, what, `${it.name} is already a ${symKind(old)}`);
    }
    if (!old && this.builtinName(it.name)) throw this.err(it.pos, what, `${it.name} is a built-in name`);
    if (old && keepSame) return;
    this.setGlobal(it.name, fresh);
  }

  private size(e: Expr, what: string): number {
    const n = Math.trunc(this.num(e, what) + EPS);
    if (!(n >= 0)) throw this.err(e.pos, what, `array size must be ≥ 0, got ${n}`);
    return n;
  }

  /** Defines or replaces a global and makes it visible on h. */
  setGlobal(name: string, sym: Sym): void {
    this.tx?.noteGlobal(name);
    this.globals.set(name, sym);
    if (!this.names.exported.has(name) && this.names.export(name)) this.tx?.noteExport(name);
  }

  unexport(name: string): void {
    this.names.unexport(name);
  }

  isSectionVar(name: string): boolean {
    return isSectionVar(this.ctx, name);
  }

  readSectionVar(sec: RtSection, name: string, x: number | null): number {
    return readSectionVar(this.ctx, sec, name, x);
  }

  writeSectionVar(sec: RtSection, name: string, value: number, x: number | null): void {
    writeSectionVar(this.ctx, sec, name, value, x);
  }

  // ------------------------------------------------------------------ sections

  handle(sec: RtSection): SectionHandle {
    return handleOf(this.ctx, sec);
  }

  /** Creates a section for HOC (recorded in the transaction). */
  newSection(name: string, cell: object | null = null): RtSection {
    const sec = this.ctx.model.createSection(name, cell);
    this.tx?.noteSection(sec);
    return sec;
  }

  /** `create name` / `create name[n]`: an existing section name is deleted and made anew. */
  private create(it: DeclItem): void {
    const old = this.globals.get(it.name);
    if (old && old.kind !== "sec" && old.kind !== "secarray") throw this.err(it.pos, "create", `${it.name} is already a ${symKind(old)}`);
    if (!old && this.builtinName(it.name)) throw this.err(it.pos, "create", `${it.name} is a built-in name`);
    const n = it.size ? this.size(it.size, "create") : -1;
    this.createNamed(it.name, n);
  }

  /** Creates `name` (n < 0) or `name[0..n-1]`, replacing any sections of that name. */
  createNamed(name: string, n: number): void {
    const old = this.globals.get(name);
    if (old && (old.kind === "sec" || old.kind === "secarray")) {
      for (const s of old.kind === "sec" ? [old.sec] : old.secs) if (s.alive) this.ctx.model.deleteSection(s);
    }
    if (n < 0) this.setGlobal(name, { kind: "sec", sec: this.newSection(name) });
    else {
      const secs: RtSection[] = [];
      for (let i = 0; i < n; i++) secs.push(this.newSection(`${name}[${i}]`));
      this.setGlobal(name, { kind: "secarray", secs });
    }
  }

  /** Resolves a section reference; throws a located error if it is not a section. */
  section(e: Expr, construct: string): RtSection {
    const sec = this.trySection(e);
    if (!sec) throw this.err(e.pos, construct, `${exprText(e)} is not a section`);
    if (!sec.alive) throw this.err(e.pos, construct, `section ${this.ctx.sectionName(sec)} has been deleted`);
    return sec;
  }

  /** A section if `e` names one (soma, dend[i], dend meaning dend[0], cell.soma), else null. */
  trySection(e: Expr): RtSection | null {
    const t = this.target(e);
    return "sec" in t ? t.sec : null;
  }

  /** The section a plain name refers to (a pure lookup), or null. */
  private nameSection(e: Extract<Expr, { k: "name" }>): RtSection | null {
    if (this.lookupLocal(e.name) || this.pushedHas(e.name)) return null;
    const sym = this.globals.get(e.name);
    if (!sym) return null;
    if (sym.kind === "sec") {
      if (e.index) throw this.err(e.pos, e.name, `${e.name} is a single section, not an array`);
      return sym.sec;
    }
    if (sym.kind === "secarray") {
      if (sym.secs.length === 0) throw this.err(e.pos, e.name, `${e.name} has no sections`);
      return sym.secs[e.index ? this.index(e.index, sym.secs.length, e.name) : 0]!;
    }
    return null;
  }

  /** Evaluates `e` exactly once (fscan may be inside): either a section or a value. */
  private target(e: Expr): { sec: RtSection } | { value: HocValue } {
    if (e.k === "name") {
      const sec = this.nameSection(e);
      return sec ? { sec } : { value: this.readName(e) };
    }
    if (e.k === "member" && e.args === null) {
      const base = this.target(e.obj);
      if ("sec" in base) return { value: this.at(e.pos, `.${e.name}`, () => this.sectionMember(base.sec, e)) };
      const obj = this.at(e.pos, `.${e.name}`, () => asObject(base.value, e.obj));
      const raw = this.at(e.pos, `.${e.name}`, () => this.rawField(obj, e.name, e.index));
      return isSection(raw) ? { sec: raw[RT] } : { value: fromJs(raw) };
    }
    return { value: this.eval(e) };
  }

  private connect(s: Extract<Stmt, { k: "connect" }>): void {
    const child = this.section(s.child, "connect");
    const cx = s.childX ? this.num(s.childX, "connect") : 0;
    const parent = s.parent ? this.section(s.parent, "connect") : this.at(s.pos, "connect", () => this.currentSection());
    const px = this.num(s.parentX, "connect");
    this.at(s.pos, "connect", () => {
      if (cx !== 0 && cx !== 1) throw new Error(`the child end must be 0 or 1, got ${cx}`);
      if (!(px >= 0 && px <= 1)) throw new Error(`the parent position must be in [0, 1], got ${px}`);
      if (Model.isAncestor(child, parent)) {
        throw new Error(`connecting ${this.ctx.sectionName(child)} to ${this.ctx.sectionName(parent)} would form a loop`);
      }
      const ch = this.handle(child) as unknown as { connect(p: unknown, e: number): void; disconnect(): void };
      // HOC moves an already connected child (NEURON prints a notice; the move is the intent).
      if (child.parent) ch.disconnect();
      ch.connect(this.handle(parent)(px), cx);
    });
  }

  // ------------------------------------------------------------------ expressions

  num(e: Expr, construct: string): number {
    const v = this.eval(e);
    if (typeof v !== "number") throw this.err(e.pos, construct, `needs a number, got ${describeValue(v)}`);
    return v;
  }

  private index(e: Expr, n: number, name: string): number {
    const d = this.num(e, `${name}[]`);
    const i = Math.trunc(d + EPS);
    if (!(i >= 0 && i < n)) throw this.err(e.pos, `${name}[${formatG(d)}]`, `index out of range (${name} has ${n} elements)`);
    return i;
  }

  eval(e: Expr): HocValue {
    switch (e.k) {
      case "num":
        return e.value;
      case "str":
        return e.value;
      case "name":
        return this.readName(e);
      case "arg":
        return this.readArg(e);
      case "call":
        return this.at(e.pos, `${e.name}()`, () => this.call(e));
      case "member":
        return this.at(e.pos, `.${e.name}`, () => this.member(e));
      case "new":
        return this.at(e.pos, `new ${e.cls}()`, () => this.newObject(e));
      case "unary": {
        const v = this.num(e.e, e.op);
        return e.op === "-" ? -v : v === 0 ? 1 : 0;
      }
      case "binary":
        return this.binary(e);
      case "assign": {
        // A taper's value a:b is read by assignRange itself.
        const v = e.value.k === "range" ? 0 : this.eval(e.value);
        return this.assign(e.target, v, e.op, e.pos, e.value);
      }
      case "range":
        throw this.err(e.pos, "a:b", "a range only appears in a taper assignment such as diam(0:1) = 2:3");
      case "addr":
        throw this.err(e.pos, "&", "pointer arguments are outside the supported HOC subset");
    }
  }

  private binary(e: Extract<Expr, { k: "binary" }>): HocValue {
    const a = this.eval(e.l);
    const b = this.eval(e.r);
    if ((e.op === "==" || e.op === "!=") && typeof a !== "number" && typeof b !== "number") {
      // Object identity (obj == nil) and string equality.
      const same = a === b;
      return (e.op === "==") === same ? 1 : 0;
    }
    if (typeof a !== "number") throw this.err(e.l.pos, e.op, `needs a number, got ${describeValue(a)}`);
    if (typeof b !== "number") throw this.err(e.r.pos, e.op, `needs a number, got ${describeValue(b)}`);
    switch (e.op) {
      case "+":
        return a + b;
      case "-":
        return a - b;
      case "*":
        return a * b;
      case "/":
        if (b === 0) throw this.err(e.pos, "/", "division by zero");
        return a / b;
      case "%":
        if (b === 0) throw this.err(e.pos, "%", "division by zero");
        return a - b * Math.floor(a / b);
      case "^":
        return pow(a, b);
      case "<":
        return a < b - EPS ? 1 : 0;
      case ">":
        return a > b + EPS ? 1 : 0;
      case "<=":
        return a <= b + EPS ? 1 : 0;
      case ">=":
        return a >= b - EPS ? 1 : 0;
      case "==":
        return Math.abs(a - b) <= EPS ? 1 : 0;
      case "!=":
        return Math.abs(a - b) > EPS ? 1 : 0;
      case "&&":
        return a !== 0 && b !== 0 ? 1 : 0;
      case "||":
        return a !== 0 || b !== 0 ? 1 : 0;
    }
    throw this.err(e.pos, e.op, "unknown operator");
  }

  private lookupLocal(name: string): Sym | undefined {
    return this.frames[this.frames.length - 1]?.locals.get(name);
  }

  private pushedHas(name: string): object | null {
    const top = this.objStack[this.objStack.length - 1];
    return top && name in top ? top : null;
  }

  private builtinName(name: string): boolean {
    return name in CONSTANTS || BUILTINS.has(name) || GUI_FUNCTIONS.includes(name) || this.isSectionVar(name);
  }

  private readName(e: Extract<Expr, { k: "name" }>): HocValue {
    const local = this.lookupLocal(e.name);
    if (local) {
      if (e.index) throw this.err(e.pos, e.name, "a local variable is not an array");
      return (local as { value: HocValue }).value;
    }
    const pushed = this.pushedHas(e.name);
    if (pushed) return this.at(e.pos, e.name, () => this.fieldValue(pushed, e.name, e.index));
    const sym = this.globals.get(e.name);
    if (sym) {
      switch (sym.kind) {
        case "num":
        case "str":
        case "obj":
          if (e.index) throw this.err(e.pos, e.name, `${e.name} is not an array`);
          return sym.value;
        case "numarray":
        case "objarray":
          if (!e.index) throw this.err(e.pos, e.name, `${e.name} is an array; give an index`);
          return sym.data[this.index(e.index, sym.data.length, e.name)]!;
        case "sec":
        case "secarray":
          throw this.err(e.pos, e.name, `${e.name} is a section, not a value (use ${e.name}.L, ${e.name}.v(0.5), ...)`);
        case "proc":
          throw this.err(e.pos, e.name, `${e.name} is a ${sym.def.kind}; call it as ${e.name}()`);
      }
    }
    if (e.index) throw this.err(e.pos, e.name, `${e.name} is not defined`);
    if (this.isSectionVar(e.name)) return this.at(e.pos, e.name, () => this.readSectionVar(this.currentSection(), e.name, null));
    if (e.name in CONSTANTS) return CONSTANTS[e.name]!;
    const hv = (this.ctx.hObject as Record<string, unknown>)[e.name];
    if (typeof hv === "number") return hv;
    throw this.err(e.pos, e.name, "undefined variable");
  }

  private readArg(e: Extract<Expr, { k: "arg" }>): HocValue {
    const f = this.frames[this.frames.length - 1];
    const what = `$${e.type}${e.n}`;
    if (!f) throw this.err(e.pos, what, "arguments exist only inside a proc or func");
    if (e.type === "&") throw this.err(e.pos, what, "pointer arguments are outside the supported HOC subset");
    if (e.n < 1 || e.n > f.args.length) throw this.err(e.pos, what, `${f.def.name}() was called with ${f.args.length} argument(s)`);
    const v = f.args[e.n - 1]!;
    const want = e.type === "" ? "number" : e.type === "s" ? "string" : "object";
    const got = typeof v === "number" ? "number" : typeof v === "string" ? "string" : "object";
    if (want !== got) throw this.err(e.pos, what, `argument ${e.n} of ${f.def.name}() is a ${got}, not a ${want}`);
    return v;
  }

  assign(target: Expr, value: HocValue, op: string, pos: number, valueExpr?: Expr): HocValue {
    let v = value;
    if (op !== "=") {
      const old = this.eval(target);
      if (typeof old !== "number" || typeof value !== "number") throw this.err(pos, op, "needs numbers");
      v = op === "+=" ? old + value : op === "-=" ? old - value : op === "*=" ? old * value : old / value;
    }
    switch (target.k) {
      case "name":
        this.assignName(target, v, pos);
        return v;
      case "arg": {
        const f = this.frames[this.frames.length - 1];
        if (!f || target.n < 1 || target.n > f.args.length) throw this.err(target.pos, `$${target.n}`, "no such argument");
        f.args[target.n - 1] = v;
        return v;
      }
      case "member":
        this.at(pos, `.${target.name} =`, () => this.assignMember(target, v));
        return v;
      case "call":
        this.at(pos, `${target.name}(x) =`, () => this.assignRange(target, v, valueExpr));
        return v;
    }
    throw this.err(pos, "assignment", "the left side cannot be assigned to");
  }

  private assignName(t: Extract<Expr, { k: "name" }>, v: HocValue, pos: number): void {
    const local = this.lookupLocal(t.name);
    if (local) {
      if (local.kind === "num" && typeof v === "number") local.value = v;
      else if (local.kind === "obj" && typeof v !== "number" && typeof v !== "string") local.value = v;
      else throw this.err(pos, t.name, `local ${t.name} cannot hold ${describeValue(v)}`);
      return;
    }
    const pushed = this.pushedHas(t.name);
    if (pushed) {
      this.at(pos, t.name, () => this.setField(pushed, t.name, t.index, v));
      return;
    }
    const sym = this.globals.get(t.name);
    if (sym) {
      this.tx?.noteGlobal(t.name);
      if (t.index) {
        if (sym.kind === "numarray" && typeof v === "number") sym.data[this.index(t.index, sym.data.length, t.name)] = v;
        else if (sym.kind === "objarray" && typeof v !== "number" && typeof v !== "string") sym.data[this.index(t.index, sym.data.length, t.name)] = v;
        else throw this.err(pos, t.name, `${t.name} is a ${symKind(sym)} and cannot hold ${describeValue(v)}`);
        return;
      }
      if (sym.kind === "num" && typeof v === "number") sym.value = v;
      else if (sym.kind === "str" && typeof v === "string") sym.value = v;
      else if (sym.kind === "obj" && typeof v !== "number" && typeof v !== "string") sym.value = v;
      else throw this.err(pos, t.name, `${t.name} is a ${symKind(sym)} and cannot hold ${describeValue(v)}`);
      return;
    }
    if (t.index) throw this.err(t.pos, t.name, `${t.name} is not declared as an array`);
    if (this.isSectionVar(t.name)) {
      if (typeof v !== "number") throw this.err(pos, t.name, `needs a number, got ${describeValue(v)}`);
      this.at(pos, `${t.name} =`, () => this.writeSectionVar(this.currentSection(), t.name, v, null));
      return;
    }
    if (t.name in CONSTANTS) throw this.err(t.pos, t.name, "is a constant");
    const h = this.ctx.hObject as Record<string, unknown>;
    if (typeof h[t.name] === "number") {
      this.at(pos, `${t.name} =`, () => (h[t.name] = v));
      return;
    }
    if (typeof v === "number") this.setGlobal(t.name, { kind: "num", value: v });
    else if (typeof v === "string") throw this.err(pos, t.name, `declare it first with strdef ${t.name}`);
    else throw this.err(pos, t.name, `declare it first with objref ${t.name}`);
  }

  private assignMember(t: Extract<Expr, { k: "member" }>, v: HocValue): void {
    const base = this.target(t.obj);
    if ("sec" in base) {
      if (typeof v !== "number") throw new Error(`needs a number, got ${describeValue(v)}`);
      if (t.index) throw new Error(`${t.name}[...] is not a section variable`);
      const x = t.args ? this.xArg(t.args) : null;
      return this.writeSectionVar(base.sec, t.name, v, x);
    }
    const obj = asObject(base.value, t.obj);
    if (t.args) throw new Error(`cannot assign to the result of ${t.name}()`);
    this.setField(obj, t.name, t.index, v);
  }

  private assignRange(t: Extract<Expr, { k: "call" }>, v: HocValue, valueExpr?: Expr): void {
    if (!this.isSectionVar(t.name)) throw new Error(`${t.name}(x) is not a range variable`);
    if (valueExpr?.k === "range" && t.args[0]?.k !== "range") throw new Error("a value a:b needs a range of positions: rangevar(x1:x2) = a:b");
    const sec = this.currentSection();
    if (t.args.length !== 1) throw new Error(`${t.name}(x) takes one position`);
    const a = t.args[0]!;
    if (a.k === "range") {
      const x1 = this.num(a.a, "taper"), x2 = this.num(a.b, "taper");
      let y1: number, y2: number;
      if (valueExpr && valueExpr.k === "range") {
        y1 = this.num(valueExpr.a, "taper");
        y2 = this.num(valueExpr.b, "taper");
      } else if (typeof v === "number") {
        y1 = y2 = v;
      } else throw new Error("needs numbers");
      return taper(this.ctx, sec, t.name, x1, x2, y1, y2);
    }
    if (typeof v !== "number") throw new Error(`needs a number, got ${describeValue(v)}`);
    this.writeSectionVar(sec, t.name, v, this.num(a, t.name));
  }

  private xArg(args: Expr[]): number {
    if (args.length !== 1) throw new Error("a range variable takes one position (x)");
    return this.num(args[0]!, "x");
  }

  /** Evaluates an expression that must be an object (not NULLobject). */
  object(e: Expr): object {
    return asObject(this.eval(e), e);
  }

  private member(e: Extract<Expr, { k: "member" }>): HocValue;
  private member(e: Extract<Expr, { k: "member" }>, keepUndefined: true): HocValue | undefined;
  private member(e: Extract<Expr, { k: "member" }>, keepUndefined = false): HocValue | undefined {
    if (e.args === null) {
      const t = this.target(e);
      if ("sec" in t) throw new Error(`${exprText(e)} is a section, not a value`);
      return t.value;
    }
    const base = this.target(e.obj);
    if ("sec" in base) return this.sectionMember(base.sec, e);
    const obj = asObject(base.value, e.obj);
    const r = this.callMethod(obj, e.name, e.args.map((a) => this.eval(a)), keepUndefined);
    if (e.index) throw new Error(`cannot index the result of ${e.name}()`);
    return r;
  }

  /** sec.L, sec.diam(0.5), sec.n3d(): a section variable or a section method. */
  private sectionMember(sec: RtSection, e: Extract<Expr, { k: "member" }>): HocValue {
    if (this.isSectionVar(e.name)) {
      if (e.index) throw new Error(`${e.name}[...] is not a section variable`);
      return this.readSectionVar(sec, e.name, e.args ? this.xArg(e.args) : null);
    }
    const h = this.handle(sec) as unknown as Record<string, unknown>;
    const f = h[e.name];
    if (typeof f === "function") return fromJs((f as (...a: unknown[]) => unknown).apply(h, (e.args ?? []).map((a) => this.eval(a))));
    throw new Error(`${e.name} is not a section variable or method`);
  }

  callMethod(obj: object, name: string, args: HocValue[], keepUndefined = false): HocValue {
    return callMethod(this, obj, name, args, keepUndefined);
  }

  private fieldValue(obj: object, name: string, index: Expr | null): HocValue {
    return fromJs(this.rawField(obj, name, index));
  }

  private rawField(obj: object, name: string, index: Expr | null): unknown {
    const v = getField(this, obj, name);
    return index ? indexed(v, name, Math.trunc(this.num(index, `${name}[]`) + EPS)) : v;
  }

  private setField(obj: object, name: string, index: Expr | null, v: HocValue): void {
    setField(obj, name, index ? Math.trunc(this.num(index, `${name}[]`) + EPS) : null, v);
  }

  private newObject(e: Extract<Expr, { k: "new" }>): HocValue {
    const args = e.args.map((a) => this.eval(a));
    const f = this.classes.get(e.cls);
    if (f) return f(args, this);
    const spec = this.ctx.model.mech(e.cls)?.spec;
    if (spec && (spec.kind === "point" || spec.kind === "artificial")) return newPointProcess(e.cls, args, this);
    const hf = (this.ctx.hObject as Record<string, unknown>)[e.cls];
    if (typeof hf === "function") return fromJs((hf as (...a: unknown[]) => unknown)(...args));
    throw new Error(`unknown class ${e.cls}`);
  }

  private call(e: Extract<Expr, { k: "call" }>): HocValue {
    const sym = this.globals.get(e.name);
    if (sym && sym.kind === "proc") return this.callProc(sym.def, e.args.map((a) => this.eval(a)), e.pos);
    if (sym) throw new Error(`${e.name} is a ${symKind(sym)}, not a function`);
    const pushed = this.pushedHas(e.name);
    if (pushed) return this.callMethod(pushed, e.name, e.args.map((a) => this.eval(a)));
    if (this.isSectionVar(e.name)) {
      if (e.args.length !== 1 || e.args[0]!.k === "range") throw new Error(`${e.name}(x) takes one position`);
      return this.readSectionVar(this.currentSection(), e.name, this.num(e.args[0]!, e.name));
    }
    const b = BUILTINS.get(e.name);
    if (b) return b(this, e.args, e.pos);
    if (GUI_FUNCTIONS.includes(e.name)) {
      for (const a of e.args) if (a.k !== "addr") this.eval(a);
      return 0;
    }
    const hf = (this.ctx.hObject as Record<string, unknown>)[e.name];
    if (typeof hf === "function") return fromJs((hf as (...a: unknown[]) => unknown)(...e.args.map((a) => this.eval(a))));
    throw new Error(`undefined function ${e.name}()`);
  }

  callProc(def: ProcDef, args: HocValue[], _pos: number): HocValue {
    if (this.frames.length > 500) throw new Error(`${def.name}(): recursion too deep`);
    this.frames.push({ def, args, locals: new Map() });
    const saveSrc = this.src;
    const secDepth = this.secStack.length;
    this.src = def.src;
    try {
      this.exec(def.body);
    } catch (e) {
      if (e instanceof ReturnSignal) {
        if (def.kind === "func" && typeof e.value !== "number") throw this.err(def.body.pos, `func ${def.name}`, "must return a number");
        return def.kind === "proc" ? 0 : e.value;
      }
      if (e instanceof BreakSignal || e instanceof ContinueSignal) throw this.err(def.body.pos, def.name, "break or continue outside a loop");
      throw e;
    } finally {
      this.frames.pop();
      this.src = saveSrc;
      this.secStack.length = secDepth;
    }
    return def.kind === "obfunc" ? null : 0;
  }

  evalArgs(args: Expr[]): HocValue[] {
    return args.map((a) => this.eval(a));
  }
}

function asObject(v: HocValue, e: Expr): object {
  if (v === null) throw new Error(`${exprText(e)} is NULLobject`);
  if (typeof v !== "object" && typeof v !== "function") throw new Error(`${exprText(e)} is not an object (it is ${describeValue(v)})`);
  return v;
}

function exprText(e: Expr): string {
  switch (e.k) {
    case "name":
      return e.index ? `${e.name}[...]` : e.name;
    case "member":
      return `${exprText(e.obj)}.${e.name}${e.index ? "[...]" : ""}${e.args ? "()" : ""}`;
    case "call":
      return `${e.name}()`;
    case "arg":
      return `$${e.type}${e.n}`;
    default:
      return "the expression";
  }
}

function displayPath(abs: string): string {
  const rel = path.relative(process.cwd(), abs);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : abs;
}

export type { HocEnv };
