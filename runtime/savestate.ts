// SaveState (src/nrniv/savstate.cpp): a snapshot of what determines the future of a run.
//
// Saved, as NEURON saves it: t; v of every node (root nodes included); for each density
// mechanism its STATE variables; for each ion the variables whose meaning depends on the ion
// style (e, ci, co); for every point process or artificial cell with a NET_RECEIVE block its
// whole variable array, for others their STATE variables; NetCon weights; threshold flags; the
// event queue (in NEURON's traversal order, re-inserted in that order on restore); Vector.play
// positions. ASSIGNED values are not restored (they are recomputed by the next step), and
// record vectors are not truncated. restore(1) skips plays, NetCons, thresholds and the queue.
import { type Event, ID_EVENT } from "./events.ts";
import { type Model, TSAV } from "./model.ts";
import { PreSyn, SelfEvent } from "./netcon.ts";
import { ionVarNames } from "./mechanisms/ions.ts";
import type { Simulator } from "./simulator.ts";

type SavedEvent =
  | { kind: "netcon"; t: number; index: number }
  | { kind: "self"; t: number; type: string; slot: number; flag: number; weights: number }
  | { kind: "sampled"; t: number; index: number }
  | { kind: "play"; t: number; index: number }
  | { kind: "presyn"; t: number; index: number };

export interface SavedState {
  readonly format: "neuron-ts SaveState 1";
  readonly signature: string;
  readonly t: number;
  readonly v: number[];
  /** Per mechanism name, per saved variable, values in instance order. */
  readonly mechs: Record<string, Record<string, number[]>>;
  readonly weights: number[][];
  /** Per mechanism with NET_RECEIVE, each instance's last event time (_tsav). */
  readonly tsav: Record<string, number[]>;
  readonly flags: boolean[];
  readonly queue: SavedEvent[];
  readonly plays: number[][];
}

/** The variables SaveState keeps for a mechanism (see the file comment). */
function savedVars(model: Model, name: string): string[] {
  const mr = model.mech(name)!;
  const spec = mr.spec;
  if (spec.kind === "ion") {
    const v = ionVarNames(name.replace(/_ion$/, ""));
    return [v.e, v.ci, v.co];
  }
  // (tsav is kept apart, below)
  if (mr.points) return spec.netReceive ? mr.points.cols.names.filter((n) => n !== TSAV) : spec.states.map((s) => s.name);
  return spec.states.map((s) => `${s.name}_${name}`);
}

function columnOf(model: Model, name: string, variable: string): Float64Array {
  const mr = model.mech(name)!;
  return mr.points ? mr.points.cols.get(variable) : model.nodes.get(variable);
}

/** What must be the same between save and restore: node layout, instances, connections. */
export function signature(model: Model, sim: Simulator): string {
  model.compile();
  const secs = model.secOrder.map((s) => `${s.name}:${s.nseg}`).join(",");
  const mechs = model.active.map((m) => `${m.spec.name}:${m.n}`).join(",");
  return `nodes=${model.nnode};secs=${secs};mechs=${mechs};netcons=${sim.netcons.length};` +
    `presyns=${sim.presyns.length};sources=${sim.pointSources.length};plays=${sim.plays.length};sampled=${sim.sampled.length}`;
}

export function saveState(model: Model, sim: Simulator): SavedState {
  const sig = signature(model, sim);
  const mechs: Record<string, Record<string, number[]>> = {};
  for (const mr of model.active) {
    const vars: Record<string, number[]> = {};
    for (const name of savedVars(model, mr.spec.name)) {
      const col = columnOf(model, mr.spec.name, name);
      vars[name] = Array.from(mr.slot, (s) => col[s]!);
    }
    mechs[mr.spec.name] = vars;
  }
  // NetCon deliveries are queued as ID_EVENT with the NetCon's id as payload
  const netconOfId = new Map<number, number>(sim.netcons.map((nc, i) => [nc.id, i]));
  const sampledIndex = new Map<Event, number>(sim.sampled.map((r, i) => [r, i]));
  const playIndex = new Map<Event, number>(sim.plays.map((p, i) => [p, i]));
  const sources = [...sim.presyns, ...sim.pointSources];
  const sourceIndex = new Map<Event, number>(sources.map((p, i) => [p, i]));
  const queue: SavedEvent[] = sim.queue.all().map((item) => {
    const ev = item.data;
    if (ev === ID_EVENT) return { kind: "netcon", t: item.t, index: netconOfId.get(item.payload)! };
    if (ev instanceof SelfEvent) {
      return {
        kind: "self", t: item.t, type: ev.target.store.spec.name, slot: ev.target.slot, flag: ev.flag,
        weights: ev.wid,
      };
    }
    if (sampledIndex.has(ev)) return { kind: "sampled", t: item.t, index: sampledIndex.get(ev)! };
    if (playIndex.has(ev)) return { kind: "play", t: item.t, index: playIndex.get(ev)! };
    if (ev instanceof PreSyn) return { kind: "presyn", t: item.t, index: sourceIndex.get(ev)! };
    throw new Error("SaveState.save: an event of an unknown kind is queued");
  });
  return {
    format: "neuron-ts SaveState 1",
    signature: sig,
    t: model.env.t,
    v: Array.from(model.nodes.get("v").subarray(0, model.nnode)),
    mechs,
    weights: sim.netcons.map((nc) => Array.from(nc.weight)),
    tsav: Object.fromEntries(model.active.filter((m) => m.points && m.spec.netReceive).map((m) => [m.spec.name, Array.from(m.slot, (s) => m.points!.instances[s]!.tsav)])),
    flags: sim.presyns.map((p) => p.flag),
    queue,
    plays: sim.plays.map((p) => p.save()),
  };
}

/** Checks a state against the model; throws naming the first difference. */
export function checkState(model: Model, sim: Simulator, state: SavedState, what: string): void {
  if (!state || state.format !== "neuron-ts SaveState 1") throw new Error(`${what}: not a neuron-ts SaveState`);
  const sig = signature(model, sim);
  if (sig !== state.signature) {
    const a = state.signature.split(";"), b = sig.split(";");
    const i = a.findIndex((x, k) => x !== b[k]);
    throw new Error(`${what}: the saved state does not match the model: saved ${a[i] ?? "(nothing)"}, model has ${b[i] ?? "(nothing)"}`);
  }
}

export function restoreState(model: Model, sim: Simulator, state: SavedState, type: 0 | 1): void {
  checkState(model, sim, state, "SaveState.restore");
  model.env.t = state.t;
  model.nodes.get("v").set(state.v);
  for (const mr of model.active) {
    const saved = state.mechs[mr.spec.name]!;
    for (const [name, values] of Object.entries(saved)) {
      const col = columnOf(model, mr.spec.name, name);
      mr.slot.forEach((s, k) => (col[s] = values[k]!));
    }
    const tsav = state.tsav[mr.spec.name];
    if (tsav) mr.slot.forEach((s, k) => (mr.points!.instances[s]!.tsav = tsav[k]!));
  }
  if (type === 1) return;
  sim.plays.forEach((p, i) => p.restore(state.plays[i]!));
  sim.netcons.forEach((nc, i) => nc.setWeights(state.weights[i]!));
  sim.presyns.forEach((p, i) => (p.flag = state.flags[i]!));
  sim.queue.clear();
  for (const e of state.queue) {
    switch (e.kind) {
      case "netcon":
        sim.queue.pushId(e.t, sim.netcons[e.index]!.id);
        break;
      case "self": {
        const pp = model.mech(e.type)!.points!.instances[e.slot]!;
        const ev = new SelfEvent(pp, e.flag, e.weights, sim.ncTable);
        // only a flag-1 self-event can be moved (net_move): it alone needs a handle
        if (e.flag === 1) pp.movable = sim.queue.insert(e.t, ev);
        else sim.queue.push(e.t, ev);
        break;
      }
      case "sampled":
        sim.queue.push(e.t, sim.sampled[e.index]!);
        break;
      case "play":
        sim.queue.push(e.t, sim.plays[e.index]!);
        break;
      case "presyn":
        sim.queue.push(e.t, [...sim.presyns, ...sim.pointSources][e.index]!);
        break;
    }
  }
}
