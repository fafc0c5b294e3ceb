// NetConTable keeps each NetCon's delivery data in one row (weights in the row for up to two,
// in a pool beyond): the weight view a NetCon hands out must be what delivery passes to
// NET_RECEIVE, for both layouts and across row chunks, and views must stay valid as the table
// grows (chunks never move).
import { describe, expect, it } from "vitest";
import { NetConTable } from "../../runtime/netcon.ts";
import type { PointProcess } from "../../runtime/model.ts";

/** A target of `nweights`-argument NET_RECEIVE whose receive records what it is given. */
function fakeTarget(slot: number, seen: Array<{ slot: number; w: number[]; flag: number; id: number }>, nweights: number) {
  const runtime = {
    points: { tsav: new Float64Array(64).fill(-1e20) },
    spec: { name: "Fake" },
    kernels: {
      receive(s: number, w: Float64Array, off: number, flag: number, id: number) {
        seen.push({ slot: s, w: Array.from(w.subarray(off, off + nweights)), flag, id });
      },
    },
  };
  return { slot, store: { runtime } } as unknown as PointProcess;
}

describe("NetConTable rows", () => {
  for (const nweights of [1, 2, 3, 5]) {
    it(`a NetCon's weight view (${nweights} weight${nweights > 1 ? "s" : ""}) is what NET_RECEIVE gets, across 3 row chunks`, () => {
      const T = new NetConTable();
      const seen: Array<{ slot: number; w: number[]; flag: number; id: number }> = [];
      const targets = [fakeTarget(3, seen, nweights), fakeTarget(7, seen, nweights)];
      const made = Array.from({ length: 9000 }, (_, i) => T.add(targets[i % 2]!, nweights));
      made.forEach(({ weight }, i) => weight.forEach((_, j) => (weight[j] = i + j / 10)));
      for (const i of [0, 1, 4095, 4096, 8191, 8999]) {
        T.deliver(made[i]!.id, i);
        const got = seen.pop()!;
        expect(got).toEqual({ slot: i % 2 ? 7 : 3, w: Array.from({ length: nweights }, (_, j) => i + j / 10), flag: 0, id: made[i]!.id });
        expect(T.weightOf(made[i]!.id, nweights - 1)).toBe(i + (nweights - 1) / 10);
        expect(T.mechOf(made[i]!.id)).toBe(i % 2);
      }
    });
  }

  it("a NetCon without a target has no mechanism", () => {
    const T = new NetConTable();
    const { id } = T.add(null, 1);
    expect(T.mechOf(id)).toBe(-1);
  });
});
