// The calendar queue (runtime/events.ts) must deliver in exactly the order of the reference
// least-slot + (time, sequence) heap it replaced (test/perf/refqueue.ts), which reproduces
// NEURON's splay tree: random inserts with many equal times, moves, removals, dequeues up to
// advancing times, far-future events, and bucket widths that do not divide the times. Events
// queued by id (`pushId`, which NetCon deliveries use) are mixed with events queued as objects:
// both kinds share one order. Each scenario also runs with the deliveries the simulator makes in
// WebAssembly (TQueue.deliverIds, with a logging receive kernel that declines some ids and with
// ids that have none): they must come in the same order, interleaved with those of `dq`.
import { describe, expect, it } from "vitest";
import { type Event, ID_EVENT, TQueue, type TQItem } from "../../runtime/events.ts";
import { RefQueue } from "./refqueue.ts";

/** What the queue handed out: an id event by its payload, an object event by its own id. */
function label(t: number, ev: Event, payload: number): string {
  if (ev === ID_EVENT) return `${t}:${payload}`;
  expect(payload).toBe(-1);
  return `${t}:${(ev as unknown as { id: number }).id}`;
}

/**
 * Every due item of q up to t into `got`: through dq alone, or (wasm) first through deliverIds,
 * whose receive kernel logs what it delivers. Ids divisible by 5 have no receiver (-1), ids
 * ending in 1 or 6 a receiver that declines (returns 1): dq then hands those out.
 */
function deliverDue(q: TQueue, t: number, got: string[], wasm: boolean): void {
  for (;;) {
    if (wasm && !q.deliverIds(t)) break;
    const ev = q.dq(t);
    if (ev === null) break;
    got.push(label(q.dqTime, ev, q.dqPayload));
  }
}

/** A queue whose deliverIds delivers into `got` (wasm), and a function that gives an id its columns. */
function queueFor(got: string[], wasm: boolean): { q: TQueue; column: (id: number) => void } {
  const q = new TQueue();
  if (!wasm) return { q, column: () => {} };
  q.bindReceivers((r, slot, w, t) => {
    expect(w).toBe(slot * 0.5);
    if (r === 1) return 1;
    got.push(`${t}:${slot}`);
    return 0;
  });
  let n = 0;
  return {
    q,
    column(id: number) {
      if (id < n) return;
      n = id + 1;
      const c = q.netconColumns(n);
      c.slot[id] = id;
      c.recv[id] = id % 5 === 0 ? -1 : id % 5 === 1 ? 1 : 0;
      c.w[id] = id * 0.5;
    },
  };
}

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

function scenario(seed: number, width: number, nops: number, wasm = false) {
  const rnd = lcg(seed);
  const got: string[] = [], want: string[] = [];
  const { q, column } = queueFor(got, wasm);
  const r = new RefQueue();
  q.setResolution(width);
  const handles: Array<[TQItem, ReturnType<RefQueue["insert"]>]> = [];
  let t = 0;
  let id = 0;
  for (let op = 0; op < nops; op++) {
    const x = rnd();
    if (x < 0.45) {
      // insert: times on a coarse grid (many ties), sometimes far ahead
      const far = rnd() < 0.05;
      const te = t + (far ? 30 + Math.floor(rnd() * 400) : Math.floor(rnd() * 80) * 0.025 + (rnd() < 0.3 ? 1e-10 : 0));
      const ev = { id: id++, deliver() {} };
      const kind = rnd();
      if (kind < 0.2) {
        handles.push([q.insert(te, ev), r.insert(te, ev)]);
      } else {
        if (kind < 0.6) {
          column(ev.id);
          q.pushId(te, ev.id);
        } else q.push(te, ev);
        r.insert(te, ev);
      }
    } else if (x < 0.5 && handles.length > 0) {
      // move or remove a handled item that is still queued
      const k = Math.floor(rnd() * handles.length);
      const [hq, hr] = handles[k]!;
      handles.splice(k, 1);
      const queued = r.all().includes(hr);
      if (!queued) continue;
      if (rnd() < 0.5) {
        const tn = t + Math.floor(rnd() * 40) * 0.025;
        q.move(hq, tn);
        r.move(hr, tn);
        handles.push([hq, hr]);
      } else {
        q.remove(hq);
        r.remove(hr);
      }
    } else {
      // advance time and deliver everything due
      t += 0.025 * (1 + Math.floor(rnd() * 3));
      deliverDue(q, t, got, wasm);
      for (let it = r.atomicDq(t); it; it = r.atomicDq(t)) want.push(`${it.t}:${(it.data as unknown as { id: number }).id}`);
      expect(q.length).toBe(r.length);
      expect(q.leastTime()).toBe(r.leastTime());
    }
  }
  expect(q.all().map((e) => label(e.t, e.data, e.payload))).toEqual(r.all().map((e) => `${e.t}:${(e.data as unknown as { id: number }).id}`));
  expect(got).toEqual(want);
  return got.length;
}

/**
 * A network's deliveries: sources fire at times summed from intervals on a 0.01 ms grid (so equal
 * times end up a few ulps apart), each spike fanned out to `fan` targets with delays on the same
 * grid, hundreds of events per bucket of `width` ms. `base` places the times (where they pass a
 * power of two, equal sums fall in two binades). Returns how many were delivered.
 */
function network(seed: number, base: number, fan: number, steps: number, width = 0.025, wasm = false): number {
  const rnd = lcg(seed);
  const got: string[] = [], want: string[] = [];
  const { q, column } = queueFor(got, wasm);
  const r = new RefQueue();
  const dt = 0.025;
  q.setResolution(width);
  const nsrc = 200;
  const next = Array.from({ length: nsrc }, () => base + Math.floor(rnd() * 100) / 100);
  const interval = Array.from({ length: nsrc }, () => 0.5 + Math.floor(rnd() * 100) / 100);
  let id = 0, t = base;
  for (let step = 0; step < steps; step++) {
    for (let k = 0; k < nsrc; k++) {
      while (next[k]! < t + dt) {
        for (let j = 0; j < fan; j++) {
          const te = next[k]! + 0.5 + Math.floor(rnd() * 50) / 100;
          const ev = { id: id++, deliver() {} };
          if (j % 2 === 0) {
            column(ev.id);
            q.pushId(te, ev.id);
          } else q.push(te, ev);
          r.insert(te, ev);
        }
        next[k] = next[k]! + interval[k]!;
      }
    }
    t += dt;
    deliverDue(q, t, got, wasm);
    for (let it = r.atomicDq(t); it; it = r.atomicDq(t)) want.push(`${it.t}:${(it.data as unknown as { id: number }).id}`);
  }
  expect(got).toEqual(want);
  return got.length;
}

/**
 * Spike fan-outs pushed as lists (TQueue.pushList, PreSyn.send's path): each firing's NetCons at
 * time + delay, some with delay 0 (before the least slot's time or in a bucket already sorted),
 * some far beyond the ring, between object events. Returns how many were delivered.
 */
function fanOuts(seed: number, steps: number, wasm: boolean): number {
  const rnd = lcg(seed);
  const got: string[] = [], want: string[] = [];
  const { q, column } = queueFor(got, wasm);
  const r = new RefQueue();
  const dt = 0.025;
  q.setResolution(dt);
  const nsrc = 40;
  const next = Array.from({ length: nsrc }, () => Math.floor(rnd() * 100) / 100);
  const lists = new Map<number, ReturnType<TQueue["idList"]>>();
  let id = 0, t = 0;
  for (let step = 0; step < steps; step++) {
    for (let k = 0; k < nsrc; k++) {
      while (next[k]! < t + dt) {
        const tt = next[k]!;
        const delays = Float64Array.from({ length: 20 }, (_, j) => (j % 7 === 0 ? 0 : j % 11 === 0 ? 150 + j : 0.5 + Math.floor(rnd() * 50) / 100));
        const ids = Int32Array.from({ length: 20 }, () => id++);
        ids.forEach((i) => column(i));
        const list = q.idList(delays, ids, lists.get(k) ?? null);
        lists.set(k, list);
        q.pushList(tt, list);
        ids.forEach((i, j) => {
          const ev = { id: i, deliver() {} };
          r.insert(tt + delays[j]!, ev);
        });
        const ev = { id: id++, deliver() {} };
        q.push(tt + 0.3, ev);
        r.insert(tt + 0.3, ev);
        next[k] = tt + 0.5 + Math.floor(rnd() * 100) / 100;
      }
    }
    t += dt;
    deliverDue(q, t, got, wasm);
    for (let it = r.atomicDq(t); it; it = r.atomicDq(t)) want.push(`${it.t}:${(it.data as unknown as { id: number }).id}`);
  }
  expect(got).toEqual(want);
  expect(q.length).toBe(r.length);
  return got.length;
}

describe("calendar event queue = reference order", () => {
  it("a fan-out's entry earlier than the least item takes the least slot (pushList)", () => {
    for (const wasm of [false, true]) {
      const got: string[] = [], want: string[] = [];
      const { q, column } = queueFor(got, wasm);
      const r = new RefQueue();
      q.setResolution(0.025);
      const late = { id: 100, deliver() {} };
      q.push(10, late);
      r.insert(10, late);
      [0, 1, 2].forEach(column);
      q.pushList(1, q.idList(Float64Array.of(12, 0.5, 0.5), Int32Array.of(0, 1, 2), null));
      for (const [i, d] of [[0, 12], [1, 0.5], [2, 0.5]] as const) {
        const ev = { id: i, deliver() {} };
        r.insert(1 + d, ev);
      }
      deliverDue(q, 20, got, wasm);
      for (let it = r.atomicDq(20); it; it = r.atomicDq(20)) want.push(`${it.t}:${(it.data as unknown as { id: number }).id}`);
      expect(got).toEqual(want);
      expect(got[0]).toBe("1.5:1");
    }
  });

  it("spike fan-outs pushed as lists (pushList), with and without deliverIds: the same order", () => {
    expect(fanOuts(5, 800, false)).toBeGreaterThan(12000);
    expect(fanOuts(6, 800, true)).toBeGreaterThan(12000);
  });

  it("buckets of hundreds of events, equal times a few ulps apart, in one binade and across two", () => {
    let delivered = 0;
    // from 1.0 the times cross 2, 4 and 8: sums that should be 2 land on both sides of it, in
    // one bucket when the buckets are 0.0137 ms wide (2 is a bucket boundary at 0.025)
    for (const base of [0.3, 1.0, 1000]) delivered += network(7, base, 20, 400);
    delivered += network(8, 1.0, 20, 400, 0.0137);
    expect(delivered).toBeGreaterThan(160000);
  });

  it("the same buckets, ids delivered in WebAssembly (deliverIds): the same order", () => {
    let delivered = 0;
    for (const base of [0.3, 1000]) delivered += network(7, base, 20, 400, 0.025, true);
    delivered += network(8, 1.0, 20, 400, 0.0137, true);
    expect(delivered).toBeGreaterThan(120000);
  });

  it("equal times re-placed out of sequence order (far entries, then a wider bucket) keep it", () => {
    // far-heap entries are kept in heap order; a new width re-places them into buckets in that
    // order, so a bucket of hundreds holds equal times whose sequences are not ascending
    const rnd = lcg(11);
    const q = new TQueue();
    const r = new RefQueue();
    q.setResolution(0.025);
    // the least item: the calendar stays at its time, 150 ms (6000 buckets) before the others
    q.push(1, { id: -1, deliver() {} } as Event);
    r.insert(1, { id: -1, deliver() {} } as Event);
    const times = [150.01, 150.02, 150.02 + 1e-13];
    for (let id = 0; id < 300; id++) {
      const te = times[Math.floor(rnd() * times.length)]!;
      const ev = { id, deliver() {} };
      if (id % 3 === 0) q.push(te, ev);
      else q.pushId(te, id);
      r.insert(te, ev);
    }
    q.setResolution(0.05);
    const got: string[] = [], want: string[] = [];
    for (let ev = q.dq(200); ev !== null; ev = q.dq(200)) got.push(label(q.dqTime, ev, q.dqPayload));
    for (let it = r.atomicDq(200); it; it = r.atomicDq(200)) want.push(`${it.t}:${(it.data as unknown as { id: number }).id}`);
    expect(got.length).toBe(301);
    expect(got).toEqual(want);
  });

  it("random inserts, ties, moves, removals (several widths)", () => {
    let delivered = 0;
    for (let seed = 1; seed <= 12; seed++) {
      for (const width of [0.025, 0.1, 0.0137, 5]) delivered += scenario(seed, width, 3000);
    }
    expect(delivered).toBeGreaterThan(40000);
  });

  it("random inserts, ties, moves, removals, ids delivered in WebAssembly (deliverIds): the same order", () => {
    let delivered = 0;
    for (let seed = 1; seed <= 12; seed++) {
      for (const width of [0.025, 0.1, 0.0137, 5]) delivered += scenario(seed, width, 3000, true);
    }
    expect(delivered).toBeGreaterThan(40000);
  });
});
