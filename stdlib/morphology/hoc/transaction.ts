// One load (load_file, an Import3d instantiate) as a unit: if it fails, the sections it created
// are deleted and the HOC names it defined or changed get their old values back, so a failed
// load leaves no half-built cell in the model.
//
// Limit: changes a failed load made to sections that existed before it (nseg, 3-D points,
// connections of an older cell) are not undone; loaders build new cells, so this does not arise
// for the morphology formats.
import type { Section as RtSection } from "../../../runtime/section.ts";
import type { Interp } from "./interp.ts";
import type { Sym } from "./values.ts";

function copySym(s: Sym): Sym {
  switch (s.kind) {
    case "numarray":
      return { kind: "numarray", data: s.data.slice() };
    case "objarray":
      return { kind: "objarray", data: s.data.slice() };
    case "secarray":
      return { kind: "secarray", secs: s.secs.slice() };
    default:
      return { ...s };
  }
}

export class Transaction {
  private readonly sections: RtSection[] = [];
  private readonly exports: string[] = [];
  /** Old values of the globals this load touched (undefined: the name was new). */
  private readonly oldGlobals = new Map<string, Sym | undefined>();
  private readonly accessed: RtSection | null;
  private readonly loaded: Set<string>;

  constructor(private readonly it: Interp) {
    this.accessed = it.accessed;
    this.loaded = new Set(it.loaded);
  }

  noteSection(sec: RtSection): void {
    this.sections.push(sec);
  }

  noteExport(name: string): void {
    this.exports.push(name);
  }

  /** Call before a global is defined or changed. */
  noteGlobal(name: string): void {
    if (this.oldGlobals.has(name)) return;
    const s = this.it.globals.get(name);
    this.oldGlobals.set(name, s ? copySym(s) : undefined);
  }

  rollback(): void {
    const it = this.it;
    const model = it.ctx.model;
    for (let i = this.sections.length - 1; i >= 0; i--) {
      const sec = this.sections[i]!;
      if (sec.alive) model.deleteSection(sec);
    }
    for (const [name, old] of this.oldGlobals) {
      const cur = it.globals.get(name);
      if (old === undefined) it.globals.delete(name);
      else if (cur && cur.kind === old.kind) Object.assign(cur, old);
      else it.globals.set(name, old);
    }
    for (const name of this.exports) it.unexport(name);
    it.accessed = this.accessed;
    it.secStack.length = 0;
    it.objStack.length = 0;
    it.frames.length = 0;
    it.loaded.clear();
    for (const f of this.loaded) it.loaded.add(f);
  }
}
