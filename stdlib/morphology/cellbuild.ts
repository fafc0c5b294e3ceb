// NEURON's Cell Builder, as far as a saved session (.ses with a CellBuild block) needs it.
// The session file itself runs in the HOC interpreter: it creates CellBuildSection objects,
// reads their 3-D points with fscan(), fills the subsets and calls cexport(). These classes
// hold that data and cexport() builds the cell exactly as celbild.hoc does
// (share/lib/hoc/celbild/celtopol.hoc, celset.hoc, celbild1.hoc):
//   - validname: ids are renumbered per base name in slist order; a name used once is a single
//     section (soma), a name used more than once an array (basal[0..57]); creation order is
//     slist order;
//   - export_topol then export_3d for each section in slist order: connect to the parent, then
//     pt3dclear + pt3dadd of its points (i3d == 0: a 2-point line from position() keeping L);
//   - access to the first section;
//   - each subset becomes a SectionList of that name, members in slist order.
// Geometry and membrane specifications (GeoSpec, MechanismStandard) are not read: a session
// that has them fails with an error that says so.
import type { Section as RtSection } from "../../runtime/section.ts";
import { setLogicalConnection } from "../../runtime/shape.ts";
import { GuiStub, HocList } from "./hoc/classes.ts";
import { hocError } from "./hoc/source.ts";
import { Interp } from "./hoc/interp.ts";
import type { HocEnv, HocValue } from "./hoc/values.ts";
import { SectionListImpl } from "./sectionlist.ts";

function interp(env: HocEnv): Interp {
  if (!(env instanceof Interp)) throw new Error("internal: CellBuild needs the HOC interpreter");
  return env;
}

function num(v: HocValue, what: string): number {
  if (typeof v !== "number") throw new Error(`${what} must be a number`);
  return v;
}

function str(v: HocValue, what: string): string {
  if (typeof v !== "string") throw new Error(`${what} must be a string`);
  return v;
}

class P3D {
  readonly x: number[] = [];
  readonly y: number[] = [];
  readonly z: number[] = [];
  readonly d: number[] = [];
}

export class CellBuildSection {
  name_: string;
  id: number;
  id_: number;
  proximal: number;
  parent: CellBuildSection | null;
  xparent: number;
  x0 = 0;
  y0 = 0;
  x1 = 0;
  y1 = 0;
  lx = 0;
  ly = 0;
  i3d = 0;
  selected = 0;
  p3d: P3D | null = null;
  logpt: [number, number, number] | null = null;
  /** The subsets this section is in, in the order it was added to them. */
  readonly sets: SNList[] = [];
  unique_name_index = 0;
  /** The section made by cexport. */
  sec: RtSection | null = null;

  constructor(args: HocValue[], private readonly env: HocEnv) {
    if (args.length !== 5) throw new Error(`new CellBuildSection(name, id, proximal, parent, xparent) takes 5 arguments, got ${args.length}`);
    this.name_ = str(args[0]!, "CellBuildSection name");
    this.id = this.id_ = num(args[1]!, "CellBuildSection id");
    this.proximal = num(args[2]!, "CellBuildSection proximal end");
    const p = args[3];
    this.parent = p instanceof CellBuildSection ? p : null;
    this.xparent = num(args[4]!, "CellBuildSection parent x");
  }

  position(x0: number, y0: number, x1: number, y1: number): number {
    this.x0 = x0;
    this.y0 = y0;
    this.x1 = x1;
    this.y1 = y1;
    this.lx = (x0 + x1) / 2;
    this.ly = (y0 + y1) / 2;
    return 0;
  }

  logstyle(x: number, y: number, z: number): number {
    this.logpt = [x, y, z];
    return 0;
  }

  /** The HOC name: name_ or name_[id]. */
  hocName(): string {
    return this.id > 0 ? `${this.name_}[${this.id}]` : this.name_;
  }

  /** Reads i3d lines of "x y z d" from the session file itself (fscan). */
  rdses(): number {
    if (this.i3d > 0) {
      const p = new P3D();
      for (let i = 0; i < this.i3d; i++) {
        p.x.push(this.env.fscan());
        p.y.push(this.env.fscan());
        p.z.push(this.env.fscan());
        p.d.push(this.env.fscan());
      }
      this.p3d = p;
    }
    return 0;
  }

  toString(): string {
    return `CellBuildSection[${this.hocName()}]`;
  }
}

export class SNList {
  readonly list = new HocList();
  readonly ml = new HocList();
  readonly geo = new HocList();
  constructor(public name_: string) {}

  add(o: unknown): number {
    if (!(o instanceof CellBuildSection)) throw new Error("SNList.add needs a CellBuildSection");
    if (o.sets.includes(this)) {
      process.stdout.write("Section already present in subset.\n");
      return 0;
    }
    this.list.append(o);
    o.sets.push(this);
    return 0;
  }

  del_all(): number {
    for (const o of this.list.items as CellBuildSection[]) o.sets.splice(o.sets.indexOf(this), 1);
    this.list.remove_all();
    return 0;
  }

  toString(): string {
    return `SNList[${this.name_}]`;
  }
}

export class CellBuildTopology {
  readonly slist = new HocList();
  first = 1;
  sname = "soma";
  tobj: object | null = null;
  names_off = 0;
  circles_off = 0;
  i = 0;
  constructor(readonly bild: CellBuild) {}

  all_init(): number {
    for (const s of this.slist.items) this.bild.all.add(s);
    return 0;
  }

  sections(): CellBuildSection[] {
    return this.slist.items.map((o) => {
      if (!(o instanceof CellBuildSection)) throw new Error("the Cell Builder's section list holds an object that is not a CellBuildSection");
      return o;
    });
  }

  /** validname(): ids per base name in slist order; unique_name_index per base name. */
  validname(): Array<{ name: string; members: CellBuildSection[] }> {
    const groups: Array<{ name: string; members: CellBuildSection[] }> = [];
    const byName = new Map<string, { name: string; members: CellBuildSection[] }>();
    for (const s of this.sections()) {
      let g = byName.get(s.name_);
      if (!g) {
        g = { name: s.name_, members: [] };
        byName.set(s.name_, g);
        groups.push(g);
      }
      s.id = g.members.length;
      s.unique_name_index = groups.indexOf(g);
      g.members.push(s);
    }
    return groups;
  }

  /** validposition(): a child's 2-D start follows its parent's end, start or middle. */
  validposition(): void {
    const secs = this.sections();
    for (let i = 1; i < secs.length; i++) {
      const s = secs[i]!;
      const p = s.parent;
      if (!p) continue;
      if (s.xparent === 1) {
        s.x0 = p.x1;
        s.y0 = p.y1;
      } else if (s.xparent === 0) {
        s.x0 = p.x0;
        s.y0 = p.y0;
      } else {
        s.x0 = (p.x0 + p.x1) / 2;
        s.y0 = (p.y0 + p.y1) / 2;
      }
    }
  }
}

export class SectionSubsets {
  readonly snlist = new HocList();
  first = 1;
  tobj: object | null = null;
  i = 0;
  constructor(readonly bild: CellBuild) {
    this.snlist.append(bild.all);
  }

  subsets(): SNList[] {
    return this.snlist.items.map((o) => {
      if (!(o instanceof SNList)) throw new Error("the Cell Builder's subset list holds an object that is not an SNList");
      return o;
    });
  }

  /** consist(): each subset's members, rebuilt in slist order. */
  consist(): number {
    for (const sn of this.subsets()) sn.list.remove_all();
    for (const s of this.bild.topol.sections()) for (const set of s.sets) set.list.append(s);
    return 0;
  }
}

/** The geometry page: only the defaults are supported. */
export class CellGeometry {
  first = 1;
  tobj: object | null = null;
  constructor(readonly bild: CellBuild) {}
  set_default(): number {
    return 0;
  }
}

/** The biophysics page: only "no mechanisms" is supported. */
export class CellMembrane {
  first = 1;
  tobj: object | null = null;
  constructor(readonly bild: CellBuild) {}
}

export class CellManage {
  first = 1;
  classname = "";
  etop = 0;
  esub = 0;
  egeom = 0;
  emem = 0;
  itop = 0;
  isub = 0;
  igeom = 0;
  imem = 0;
  output_index = 0;
  output_x = 1;
  thresh = 10;
  constructor(readonly bild: CellBuild) {}
}

export class CellBuild {
  readonly all = new SNList("all");
  readonly topol: CellBuildTopology;
  readonly subsets: SectionSubsets;
  readonly geom: CellGeometry;
  readonly memb: CellMembrane;
  readonly manage: CellManage;
  gtopol: object = new GuiStub("Graph");
  continuous = 0;
  version_ = 5.7;
  file_version_ = 5.7;
  changed_ = 0;
  /** Set once cexport() has run (the session reached its end). */
  exported = false;

  constructor(private readonly env: HocEnv) {
    this.topol = new CellBuildTopology(this);
    this.subsets = new SectionSubsets(this);
    this.geom = new CellGeometry(this);
    this.memb = new CellMembrane(this);
    this.manage = new CellManage(this);
  }

  version(v: number): number {
    if (v > this.version_ || v < 5) {
      throw new Error(`CellBuild data format version ${v} is not supported (neuron-ts reads versions 5 to ${this.version_})`);
    }
    this.file_version_ = v;
    return 1;
  }

  consist(): number {
    this.subsets.consist();
    return 0;
  }

  /** cexport() / cexport(continuous): builds the cell (see the file comment). */
  cexport(continuous?: unknown): number {
    if (continuous !== undefined) this.continuous = num(continuous as HocValue, "cexport(continuous)");
    if (this.continuous) this.export(interp(this.env), continuous === undefined);
    this.exported = true;
    return 0;
  }

  /** CellBuild.cexport with continuous on: topology, subsets (geometry and membrane: none). */
  private export(it: Interp, recheckSubsets: boolean): void {
    const topol = this.topol;
    const secs = topol.sections();
    if (this.manage.etop) {
      const groups = topol.validname();
      for (const g of groups) {
        const existing = it.globals.get(g.name);
        if (existing && existing.kind !== "sec" && existing.kind !== "secarray") {
          throw new Error(`CellBuild: the section name ${g.name} is already used for a ${existing.kind}`);
        }
      }
      // Creation in slist order: the groups interleave when names alternate.
      const made = new Map<CellBuildSection, RtSection>();
      const byGroup = new Map<string, RtSection[]>();
      for (const g of groups) {
        const old = it.globals.get(g.name);
        if (old && (old.kind === "sec" || old.kind === "secarray")) {
          for (const s of old.kind === "sec" ? [old.sec] : old.secs) if (s.alive) it.ctx.model.deleteSection(s);
        }
        byGroup.set(g.name, []);
      }
      for (const s of secs) {
        const g = groups[s.unique_name_index]!;
        const name = g.members.length === 1 ? g.name : `${g.name}[${s.id}]`;
        const rt = it.newSection(name);
        made.set(s, rt);
        byGroup.get(g.name)!.push(rt);
        s.sec = rt;
      }
      for (const g of groups) {
        const list = byGroup.get(g.name)!;
        it.setGlobal(g.name, g.members.length === 1 ? { kind: "sec", sec: list[0]! } : { kind: "secarray", secs: list });
      }
      topol.validposition();
      for (const s of secs) {
        this.exportTopol(it, s);
        this.export3d(it, s);
      }
      if (secs.length) it.accessed = secs[0]!.sec;
    }
    if (recheckSubsets) this.subsets.consist();
    if (this.manage.esub) {
      for (const sn of this.subsets.subsets()) {
        const list = new SectionListImpl(it.ctx);
        for (const s of sn.list.items as CellBuildSection[]) {
          if (!s.sec) throw new Error(`CellBuild: subset ${sn.name_} has a section that was not exported`);
          list.append(it.handle(s.sec));
        }
        it.setGlobal(sn.name_, { kind: "obj", value: list });
      }
    }
  }

  private exportTopol(it: Interp, s: CellBuildSection): void {
    const h = it.handle(s.sec!) as unknown as { connect(p: unknown, end: number): void; disconnect(): void };
    h.disconnect();
    if (!s.parent) return;
    if (!s.parent.sec) throw new Error(`CellBuild: the parent of ${s.hocName()} is not in the section list`);
    if (s.proximal !== 0 && s.proximal !== 1) throw new Error(`CellBuild: ${s.hocName()} has proximal end ${s.proximal}; it must be 0 or 1`);
    h.connect(it.handle(s.parent.sec)(s.xparent), s.proximal);
  }

  private export3d(it: Interp, s: CellBuildSection): void {
    const h = it.handle(s.sec!) as unknown as { L: number; diam: number; pt3dclear(): void; pt3dadd(x: number, y: number, z: number, d: number): void };
    const l = h.L;
    const d = h.diam;
    h.pt3dclear();
    if (s.i3d > 0) {
      const p = s.p3d;
      if (!p || p.x.length !== s.i3d) throw new Error(`CellBuild: ${s.hocName()} has i3d=${s.i3d} but its 3-D points were not read (rdses)`);
      for (let i = 0; i < s.i3d; i++) h.pt3dadd(p.x[i]!, p.y[i]!, p.z[i]!, p.d[i]!);
      if (s.logpt) setLogicalConnection(s.sec!, s.logpt[0], s.logpt[1], s.logpt[2]);
    } else {
      h.pt3dadd(s.x0, s.y0, 0, d);
      h.pt3dadd(s.x1, s.y1, 0, d);
      h.L = l;
    }
  }

  toString(): string {
    return "CellBuild[0]";
  }
}

/** The classes a session may `new` once celbild.hoc is "loaded". */
export function registerCellBuild(it: Interp): void {
  it.classes.set("CellBuild", (_args, env) => {
    const cb = new CellBuild(env);
    // A session that ends before cexport() builds nothing in NEURON: here it is an error.
    it.atEndOfFile((src) => {
      if (!cb.exported) {
        throw hocError(src, src.text.length, "CellBuild session", "the file ends before cexport() (is it truncated?); no cell was built");
      }
    });
    return cb;
  });
  it.classes.set("CellBuildSection", (args, env) => new CellBuildSection(args, env));
  it.classes.set("SNList", (args) => new SNList(str(args[0] ?? null, "SNList name")));
  for (const cls of ["GeoSpec", "MechanismStandard", "MStanWrap", "FakeMechStan", "InhomoFun", "InhomoParm", "DomainParmInfo"]) {
    it.classes.set(cls, () => {
      throw new Error(`Cell Builder geometry/biophysics specifications (${cls}) are not supported: neuron-ts reads the topology, 3-D points and subsets of a CellBuild session; export the cell with the Cell Builder's "Export hoc" instead`);
    });
  }
}
