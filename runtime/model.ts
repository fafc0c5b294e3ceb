// The model store: sections, their nodes, inserted mechanisms and point processes, and the
// compiled form the integrator runs on.
//
// Invariants:
// - Node data live in `nodes` (named Float64Array columns). A section's nodes are always
//   consecutive (Section.base), so a handle can find a segment's node at any time.
// - Structure changes (sections, connections, nseg, insert, point processes) only set
//   `structureChanged`; `compile()` then renumbers nodes into NEURON's solve order (root nodes,
//   then sections breadth-first), rebuilds the per-mechanism instance lists and rebinds the
//   kernels. Geometry changes set `geometryChanged` and only recompute areas and coefficients.
// - Values survive renumbering: compile permutes every column with one mapping.
import { Columns } from "./columns.ts";
import { Arena, buildFused, planFused, HAS_WASM, REGION_SLACK, type FusedStep } from "./fused.ts";
import { computeGeometry } from "./geometry.ts";
import type { Binding, Env, EventApi, Kernels, MechanismSpec } from "./mechanism.ts";
import type { TQItem } from "./events.ts";
import { ionSpec, ionInfo, ionVarNames, promote, useionPromotion, KNOWN_IONS } from "./mechanisms/ions.ts";
import { Pt3dList } from "./pt3d.ts";
import { Registry } from "./registry.ts";
import { ThresholdTable } from "./netcon.ts";
import { Section } from "./section.ts";

/** Core node columns and their defaults (src/nrnoc/membdef.h). */
const NODE_COLUMNS: ReadonlyArray<[string, number]> = [
  ["v", -65], ["rhs", 0], ["d", 0], ["a", 0], ["b", 0], ["area", 100], ["rinv", 0],
  ["diam", 500], ["cm", 1], ["i_cap", 0],
];

/** A point process instance: its storage slot and its location (section, pnode index). */
export class PointProcess {
  sec: Section | null = null;
  /** pnode index on `sec` (0..nseg), or -1 for the section's attached end (its parent node). */
  j = 0;
  alive = true;
  handle: unknown = null;
  /** The pending flag-1 self-event (NEURON's _tqitem), which net_move moves. */
  movable: TQItem | null = null;
  /** Time of the last event delivered to this instance (nocmodl's _tsav). */
  get tsav(): number {
    return this.store.tsav[this.slot]!;
  }
  set tsav(t: number) {
    this.store.tsav[this.slot] = t;
  }
  /** The spike source for NetCons from this instance (net_event), created on first use. */
  presyn: { send(t: number): void } | null = null;
  constructor(readonly store: PointStore, readonly slot: number, readonly serial: number) {}
}

/** The name of a point store's tsav column (not a valid NMODL name). */
export const TSAV = "(tsav)";

/** Point processes and artificial cells of one type; `instances[slot]` owns storage slot `slot`. */
export class PointStore {
  readonly cols = new Columns(8);
  readonly instances: PointProcess[] = [];
  /** This type's compiled state (kernels), for event delivery. */
  runtime!: MechRuntime;
  /** The index of the tsav column in `cols` (-1: no NET_RECEIVE). */
  private readonly tsavK: number;
  constructor(readonly spec: MechanismSpec) {
    for (const v of [...spec.parameters, ...spec.assigned, ...spec.states]) this.cols.add(v.name, v.init);
    for (const name of spec.internal) this.cols.add(name, 0);
    this.tsavK = spec.netReceive ? this.cols.data.length : -1;
    if (spec.netReceive) this.cols.add(TSAV, -1e20);
  }

  /**
   * Each slot's last event time (nocmodl's _tsav), read at every delivery: a column like the
   * others (so in the arena, where the generated NetCon delivery checks and sets it).
   */
  get tsav(): Float64Array {
    return this.cols.data[this.tsavK]!;
  }
}

/** A mechanism's compiled state: its instances in processing order and its bound kernels. */
export interface MechRuntime {
  readonly spec: MechanismSpec;
  readonly globals: Float64Array;
  n: number;
  slot: Int32Array;
  node: Int32Array;
  kernels: Kernels;
  /** Point processes and artificial cells; null for density mechanisms and ions. */
  readonly points: PointStore | null;
}

export class Model {
  readonly env: Env = { t: 0, dt: 0.025, celsius: 6.3, secondorder: 0 };
  readonly nodes = new Columns(256);
  readonly registry = new Registry();
  /** Live sections in creation order (NEURON's section_list). */
  readonly sections: Section[] = [];
  readonly mechs = new Map<string, MechRuntime>();
  private serial = 0;
  private ppSerial = 0;

  structureChanged = true;
  geometryChanged = true;
  /** Incremented at every compile that renumbers nodes; cached node indices compare against it. */
  epoch = 0;

  // ---- compiled form (valid after compile) ----
  ncell = 0;
  nnode = 0;
  parent = new Int32Array(0);
  secOrder: Section[] = [];
  capNodes = new Int32Array(0);
  /** Mechanisms with instances, in processing order. */
  active: MechRuntime[] = [];
  /**
   * The arena: one WebAssembly memory holding every node column and point-process column after
   * a structural compile (re-laid out at each; columns are views on it).
   */
  readonly arena = new Arena();
  /** The generated step over the arena (runtime/fused.ts), or null: the JavaScript kernels run. */
  fused: FusedStep | null = null;
  /** Threshold detectors' table (the simulator fills it; it lives in the arena after a compile). */
  readonly thresholds = new ThresholdTable();
  /**
   * The fused step's layout for threads: the cells are divided into `parts` (part 0 gets
   * `share0` of the work) and the arena is shared memory. Results do not depend on it.
   */
  parallel = { parts: 1, share0: 1 };

  setParallel(parts: number, share0: number): void {
    if (parts === this.parallel.parts && share0 === this.parallel.share0) return;
    this.parallel = { parts, share0 };
    this.structureChanged = true;
  }
  /** Called after every compile, so that recorders and detectors re-resolve their targets. */
  readonly compileListeners: Array<() => void> = [];
  /** Where mechanisms' net_send / net_event / net_move go (the simulator installs itself). */
  eventSink: {
    send(pp: PointProcess, tAbs: number, flag: number, wid: number): void;
    event(pp: PointProcess, t: number): void;
    move(pp: PointProcess, tAbs: number): void;
  } | null = null;

  constructor() {
    for (const [name, init] of NODE_COLUMNS) this.nodes.add(name, init);
    for (const info of Object.values(KNOWN_IONS)) this.register(ionSpec(info));
  }

  register(spec: MechanismSpec): void {
    this.registry.register(spec);
    if (spec.kind === "ion") {
      for (const v of [...spec.parameters, ...spec.assigned]) this.nodes.add(v.name, v.init);
      this.nodes.add(ionVarNames(spec.name.replace(/_ion$/, "")).style, 0);
    }
    const globals = new Float64Array(spec.globals.length);
    spec.globals.forEach((g, k) => (globals[k] = g.init));
    const points = spec.kind === "point" || spec.kind === "artificial" ? new PointStore(spec) : null;
    const mr: MechRuntime = {
      spec, globals, n: 0, slot: new Int32Array(0), node: new Int32Array(0), kernels: {}, points,
    };
    if (points) points.runtime = mr;
    this.mechs.set(spec.name, mr);
    this.structureChanged = true;
  }

  mech(name: string): MechRuntime | undefined {
    return this.mechs.get(name);
  }

  // ---------------------------------------------------------------- sections

  createSection(name: string, cell: unknown): Section {
    const sec = new Section(this.serial++, name, cell);
    const first = this.nodes.alloc(sec.nseg + 2);
    sec.root = first;
    sec.base = first + 1;
    this.sections.push(sec);
    this.structureChanged = true;
    this.geometryChanged = true;
    return sec;
  }

  /** Removes a section: its children become roots, its point processes lose their location. */
  deleteSection(sec: Section): void {
    if (!sec.alive) return;
    this.disconnect(sec);
    for (const ch of [...sec.children]) this.disconnect(ch);
    for (const mr of this.mechs.values()) {
      if (!mr.points) continue;
      for (const pp of mr.points.instances) if (pp.sec === sec) pp.sec = null;
    }
    sec.alive = false;
    this.sections.splice(this.sections.indexOf(sec), 1);
    this.structureChanged = true;
    this.geometryChanged = true;
  }

  /** nrn_parent_info: the node the section's attached end sits on. */
  parentNode(sec: Section): number {
    let s = sec;
    for (let p = s.parent; p; s = p, p = s.parent) {
      const x = s.parentX;
      if (x !== p.orientation) {
        if (x === 1 || x === 0) return p.base + p.nseg;
        return p.base + p.nodeIndex(x);
      }
    }
    if (s.root < 0) {
      // A section that became a root again outside compile: its new root node must be placed.
      s.root = this.nodes.alloc(1);
      this.structureChanged = true;
    }
    return s.root;
  }

  /** The node of pnode index j of sec (-1: the attached end). */
  nodeOf(sec: Section, j: number): number {
    return j < 0 ? this.parentNode(sec) : sec.base + j;
  }

  /** True if `anc` is `sec` or one of its ancestors. */
  static isAncestor(anc: Section, sec: Section): boolean {
    for (let s: Section | null = sec; s; s = s.parent) if (s === anc) return true;
    return false;
  }

  /**
   * connectsec_impl: attach `child`'s end `childEnd` to `parent` at x. The caller validates
   * arguments; this keeps NEURON's sibling-list order (a new child goes before siblings at the
   * same position) and reverses the child's nodes when its orientation flips.
   */
  connect(child: Section, parent: Section, x: number, childEnd: number): void {
    if (child.parent) this.removeSibling(child);
    if (child.orientation !== childEnd) {
      child.children.reverse();
      this.reverseNodes(child);
    }
    child.parentX = x;
    child.orientation = childEnd;
    child.parent = parent;
    this.addSibling(child);
    this.structureChanged = true;
    this.geometryChanged = true;
  }

  disconnect(sec: Section): void {
    if (!sec.parent) return;
    this.removeSibling(sec);
    sec.parent = null;
    this.structureChanged = true;
    this.geometryChanged = true;
  }

  private ncpAbs(sec: Section): number {
    const x = sec.parentX;
    return sec.parent && sec.parent.orientation ? 1 - x : x;
  }

  private addSibling(sec: Section): void {
    const list = sec.parent!.children;
    const x = this.ncpAbs(sec);
    let i = 0;
    while (i < list.length && x > this.ncpAbs(list[i]!)) i++;
    list.splice(i, 0, sec);
  }

  private removeSibling(sec: Section): void {
    const list = sec.parent!.children;
    const i = list.indexOf(sec);
    if (i >= 0) list.splice(i, 1);
  }

  /** reverse_nodes: swap the centre nodes' data end for end (the far-end node stays). */
  private reverseNodes(sec: Section): void {
    const cols = this.nodes;
    const tmp = cols.alloc(1);
    for (let i = 0, j = sec.nseg - 1; i < j; i++, j--) {
      cols.copySlot(sec.base + i, tmp);
      cols.copySlot(sec.base + j, sec.base + i);
      cols.copySlot(tmp, sec.base + j);
    }
    for (const mr of this.mechs.values()) {
      if (!mr.points) continue;
      for (const pp of mr.points.instances) {
        if (pp.sec === sec && pp.j >= 0 && pp.j < sec.nseg) pp.j = sec.nseg - 1 - pp.j;
      }
    }
  }

  /**
   * node_realloc: change nseg without interpolation. Kept nodes carry their data and point
   * processes; new nodes are clones of the old segment containing their centre; on a decrease,
   * point processes of dropped nodes move to the first new segment whose far end is at or
   * beyond their old centre.
   */
  setNseg(sec: Section, nseg: number): void {
    const n1 = sec.nseg;
    if (nseg === n1) return;
    const n2 = nseg;
    const cols = this.nodes;
    const oldBase = sec.base;
    const newBase = cols.alloc(n2 + 1);
    cols.copySlot(oldBase + n1, newBase + n2); // the far-end node
    const moved = new Int32Array(n1).fill(-1); // old pnode index -> new pnode index
    for (let i2 = 0; i2 < n2; i2++) {
      const i1 = Math.trunc(n1 * ((i2 + 0.5) / n2));
      cols.copySlot(oldBase + i1, newBase + i2);
    }
    if (n1 < n2) {
      for (let i1 = 0; i1 < n1; i1++) moved[i1] = Math.trunc(n2 * ((i1 + 0.5) / n1));
    } else {
      const kept = new Uint8Array(n1);
      for (let i2 = 0; i2 < n2; i2++) {
        const i1 = Math.trunc(n1 * ((i2 + 0.5) / n2));
        moved[i1] = i2;
        kept[i1] = 1;
      }
      let i1 = 0;
      for (let i2 = 0; i2 < n2; i2++) {
        const x2 = (i2 + 1) / n2;
        for (; i1 < n1; i1++) {
          if ((i1 + 0.5) / n1 > x2) break;
          if (!kept[i1]) moved[i1] = i2;
        }
      }
    }
    for (const mr of this.mechs.values()) {
      if (!mr.points) continue;
      for (const pp of mr.points.instances) {
        if (pp.sec !== sec || pp.j < 0) continue;
        pp.j = pp.j === n1 ? n2 : moved[pp.j]!;
      }
    }
    sec.base = newBase;
    sec.nseg = n2;
    this.structureChanged = true;
    this.geometryChanged = true;
  }

  // ---------------------------------------------------------------- geometry setters

  setLength(sec: Section, L: number): void {
    if (sec.hasPt3d) sec.pt3d!.scaleTo(L);
    sec.Lstored = L;
    this.geometryChanged = true;
  }

  /** After a diam write on a section with 3-D points: nrn_diam_change refills the points. */
  diamChanged(sec: Section): void {
    if (sec.hasPt3d) {
      const p = sec.pt3d!;
      const L = sec.length;
      if (Math.abs(L - p.arc[p.n - 1]!) > 0.001) p.scaleTo(L);
      const diam = this.nodes.get("diam");
      for (let i = 0; i < p.n; i++) {
        let x = p.arc[i]! / L;
        if (x > 1.0) x = 1.0;
        p.d[i] = diam[sec.base + sec.nodeIndex(x)]!;
      }
    }
    this.geometryChanged = true;
  }

  pt3d(sec: Section): Pt3dList {
    if (!sec.pt3d) sec.pt3d = new Pt3dList();
    return sec.pt3d;
  }

  /** Call after any change to a section's 3-D points. */
  pt3dChanged(sec: Section): void {
    const p = sec.pt3d;
    if (p && p.n > 0) sec.Lstored = p.arc[p.n - 1]!;
    this.geometryChanged = true;
  }

  // ---------------------------------------------------------------- mechanisms

  /** Inserts a density mechanism (no-op if present); its variables start at their defaults. */
  insert(sec: Section, name: string): void {
    const mr = this.mechs.get(name)!;
    if (mr.spec.kind === "ion") {
      this.ensureIon(sec, name.replace(/_ion$/, ""));
      return;
    }
    if (sec.mechs.includes(name)) return;
    sec.mechs.push(name);
    const cols = this.nodes;
    const spec = mr.spec;
    for (const v of [...spec.parameters, ...spec.assigned, ...spec.states]) {
      const col = cols.add(`${v.name}_${name}`, v.init);
      col.fill(v.init, sec.base, sec.base + sec.nseg);
    }
    for (const v of spec.internal) cols.add(`${v}_${name}`, 0);
    for (const use of spec.ions) this.ensureIon(sec, use.ion);
    this.structureChanged = true;
  }

  uninsert(sec: Section, name: string): void {
    const i = sec.mechs.indexOf(name);
    if (i < 0) return;
    sec.mechs.splice(i, 1);
    this.structureChanged = true;
  }

  /** Makes an ion present on a section; its variables start at the ion's defaults. */
  ensureIon(sec: Section, ion: string): void {
    if (sec.ions.includes(ion)) return;
    if (!this.mechs.has(`${ion}_ion`)) this.register(ionSpec(ionInfo(ion)));
    sec.ions.push(ion);
    const spec = this.mechs.get(`${ion}_ion`)!.spec;
    for (const v of [...spec.parameters, ...spec.assigned]) {
      this.nodes.get(v.name).fill(v.init, sec.base, sec.base + sec.nseg);
    }
    this.structureChanged = true;
  }

  // ---------------------------------------------------------------- point processes

  createPoint(name: string): PointProcess {
    const mr = this.mechs.get(name)!;
    const store = mr.points!;
    const slot = store.cols.alloc(1);
    const pp = new PointProcess(store, slot, this.ppSerial++);
    store.instances.push(pp);
    this.structureChanged = true;
    return pp;
  }

  /** Places a point process at x of sec (node_exact rules: 0 and 1 are the end nodes). */
  locatePoint(pp: PointProcess, sec: Section, x: number): void {
    pp.sec = sec;
    pp.j = sec.nodeIndexExact(x);
    this.structureChanged = true;
  }

  /** The x NEURON reports for a point process's location (nrn_arc_position). */
  pointX(pp: PointProcess): number {
    const sec = pp.sec!;
    if (pp.j < 0) return sec.orientation ? 1 : 0;
    let x = pp.j === sec.nseg ? 1 : (pp.j + 0.5) / sec.nseg;
    if (sec.orientation) x = 1 - x;
    return x;
  }

  // ---------------------------------------------------------------- compile

  /** Brings the compiled form up to date; cheap when nothing changed. */
  compile(): void {
    if (this.structureChanged) this.compileStructure();
    if (this.geometryChanged) {
      computeGeometry(this);
      this.fused?.geometry();
      this.geometryChanged = false;
    }
  }

  private compileStructure(): void {
    // 1. Section order: roots in creation order, then breadth-first through sibling lists.
    const order: Section[] = [];
    for (const sec of this.sections) if (!sec.parent) order.push(sec);
    const ncell = order.length;
    for (let i = 0; i < order.length; i++) for (const ch of order[i]!.children) order.push(ch);
    if (order.length !== this.sections.length) throw new Error("internal: sections form a loop");
    order.forEach((s, i) => (s.order = i));

    // 2. Node order: one root node per root section, then every section's nodes.
    let total = ncell;
    for (const sec of order) total += sec.nseg + 1;
    const source = new Int32Array(total);
    let k = 0;
    for (let i = 0; i < ncell; i++) source[k++] = order[i]!.root;
    for (const sec of order) for (let j = 0; j <= sec.nseg; j++) source[k++] = sec.base + j;
    this.nodes.permute(source);
    k = ncell;
    for (let i = 0; i < order.length; i++) {
      const sec = order[i]!;
      sec.root = i < ncell ? i : -1;
      sec.base = k;
      k += sec.nseg + 1;
    }

    // 3. Matrix parents.
    const parent = new Int32Array(total).fill(-1);
    for (const sec of order) {
      parent[sec.base] = this.parentNode(sec);
      for (let j = 1; j <= sec.nseg; j++) parent[sec.base + j] = sec.base + j - 1;
    }
    let ncap = 0;
    for (const sec of order) ncap += sec.nseg;
    const cap = new Int32Array(ncap);
    k = 0;
    for (const sec of order) for (let j = 0; j < sec.nseg; j++) cap[k++] = sec.base + j;

    this.secOrder = order;
    this.ncell = ncell;
    this.nnode = total;
    this.parent = parent;
    this.capNodes = cap;
    this.instanceLists();
    const plan = this.relocate();
    this.computeIonStyles();
    this.bindMechanisms(plan);
    this.structureChanged = false;
    this.geometryChanged = true;
    this.epoch++;
    for (const f of this.compileListeners) f();
  }

  private computeIonStyles(): void {
    for (const sec of this.secOrder) {
      for (const ion of sec.ions) {
        let style = 0;
        for (const name of sec.mechs) {
          for (const use of this.mechs.get(name)!.spec.ions) {
            if (use.ion !== ion) continue;
            const [conc, rev] = useionPromotion(use);
            style = promote(style, conc, rev);
          }
        }
        this.nodes.get(ionVarNames(ion).style).fill(style, sec.base, sec.base + sec.nseg);
      }
    }
  }

  /**
   * Moves every node column and point-process column into the arena (one WebAssembly memory),
   * with room for the fused step's tables; returns the fused step's plan, or null.
   */
  private relocate(): ReturnType<typeof planFused> {
    this.fused = null;
    if (!HAS_WASM) return null;
    const plan = planFused(this, this.parallel.parts, this.parallel.share0);
    const stores: PointStore[] = [];
    for (const mr of this.mechs.values()) if (mr.points && mr.points.cols.size > 0) stores.push(mr.points);
    // copy everything out first: the old layout lives in the same memory
    this.nodes.detach();
    for (const st of stores) st.cols.detach();
    this.thresholds.detach();
    let bytes = (8 * (this.nodes.size + 1) + REGION_SLACK) * (this.nodes.data.length + 1);
    for (const st of stores) bytes += (8 * (st.cols.size + 1) + REGION_SLACK) * (st.cols.data.length + 1);
    bytes += this.thresholds.bytes();
    if (plan) bytes += plan.bytes();
    const arena = this.arena;
    arena.reset(bytes, this.parallel.parts > 1);
    const place = (n: number) => arena.f64(arena.allocF64(n), n);
    this.nodes.relocate(place);
    for (const st of stores) st.cols.relocate(place);
    this.thresholds.relocate(arena);
    plan?.allocate(arena);
    return plan;
  }

  /** Each mechanism's instances in processing order (slot and node lists) and the active list. */
  private instanceLists(): void {
    const active: MechRuntime[] = [];
    for (const spec of this.registry.order()) {
      const mr = this.mechs.get(spec.name)!;
      let slot: Int32Array, node: Int32Array;
      if (mr.points && spec.kind === "artificial") {
        // Artificial cells have no node: every live instance, in creation order.
        const live = mr.points.instances.filter((pp) => pp.alive);
        slot = Int32Array.from(live, (pp) => pp.slot);
        node = new Int32Array(live.length).fill(-1);
      } else if (mr.points) {
        const live = mr.points.instances.filter((pp) => pp.alive && pp.sec && pp.sec.alive);
        const nodeOf = live.map((pp) => this.nodeOf(pp.sec!, pp.j));
        const idx = live.map((_, i) => i);
        // Node order; several instances on one node: most recently created first.
        idx.sort((a, b) => nodeOf[a]! - nodeOf[b]! || live[b]!.serial - live[a]!.serial);
        slot = Int32Array.from(idx, (i) => live[i]!.slot);
        node = Int32Array.from(idx, (i) => nodeOf[i]!);
      } else {
        const isIon = spec.kind === "ion";
        const ion = spec.name.replace(/_ion$/, "");
        const list: number[] = [];
        for (const sec of this.secOrder) {
          const has = isIon ? sec.ions.includes(ion) : sec.mechs.includes(spec.name);
          if (has) for (let j = 0; j < sec.nseg; j++) list.push(sec.base + j);
        }
        node = Int32Array.from(list);
        slot = node;
      }
      mr.n = node.length;
      mr.slot = slot;
      mr.node = node;
      if (mr.n > 0) active.push(mr);
    }
    this.active = active;
  }

  /** Binds every mechanism's kernels to the current columns, then the fused step if planned. */
  private bindMechanisms(plan: ReturnType<typeof planFused>): void {
    const bindings = new Map<MechRuntime, Binding>();
    for (const mr of this.mechs.values()) {
      // Mechanisms without instances are not bound (their columns may not exist yet).
      if (mr.n > 0) {
        const b = this.binding(mr);
        bindings.set(mr, b);
        mr.kernels = mr.spec.bind(b);
      } else {
        mr.kernels = {};
      }
    }
    this.fused = plan ? buildFused(plan, this.arena, bindings) : null;
  }

  private binding(mr: MechRuntime): Binding {
    const nodes = this.nodes;
    const spec = mr.spec;
    const suffix = spec.kind === "density" ? `_${spec.name}` : "";
    return {
      n: mr.n,
      slot: mr.slot,
      node: mr.node,
      col: (name) => (mr.points ? mr.points.cols.get(name) : nodes.get(`${name}${suffix}`)),
      nodeCol: (name) => nodes.get(name),
      globals: mr.globals,
      env: this.env,
      events: this.eventApi(mr),
    };
  }

  private eventApi(mr: MechRuntime): EventApi {
    const instances = mr.points ? mr.points.instances : [];
    const sink = () => {
      if (!this.eventSink) throw new Error(`${mr.spec.name}: events need a simulator`);
      return this.eventSink;
    };
    return {
      netSend: (slot, tAbs, flag, wid) => sink().send(instances[slot]!, tAbs, flag, wid),
      netEvent: (slot, t) => sink().event(instances[slot]!, t),
      netMove: (slot, tAbs) => sink().move(instances[slot]!, tAbs),
    };
  }
}
