// The arena's regions (runtime/fused.ts, Arena.region): where every column of a compiled model lives.
import { describe, expect, it } from "vitest";
import { Arena, REGION_SLACK } from "../../runtime/fused.ts";

const SIZES = [1, 2, 7, 8, 9, 512, 513, 1023, 3067, 4095, 4096, 8192];

function layout(sizes: number[], kind: "f64" | "i32"): number[] {
  const arena = new Arena();
  arena.reset(1 << 22);
  const offs = sizes.map((n) => (kind === "f64" ? arena.allocF64(n) : arena.allocI32(n)));
  offs.push(kind === "f64" ? arena.allocF64(1) : arena.allocI32(1)); // where the last one ends
  return offs;
}

describe("arena regions", () => {
  it.each(["f64", "i32"] as const)("every %s region starts on a cache line and spans an odd number of lines", (kind) => {
    const offs = layout(SIZES, kind);
    for (let i = 0; i < SIZES.length; i++) {
      expect(offs[i]! % 64).toBe(0);
      const lines = (offs[i + 1]! - offs[i]!) / 64;
      expect(lines % 2, `${SIZES[i]} ${kind} values: ${lines} lines`).toBe(1);
      expect(offs[i + 1]! - offs[i]! - (kind === "f64" ? 8 : 4) * SIZES[i]!).toBeLessThanOrEqual(REGION_SLACK);
    }
  });

  it.each([4096, 2048, 512, 4095, 3067])("the same index of 45 columns of %d doubles laid out in a row falls into 45 different L1 sets", (n) => {
    // 45: the node columns of an hh model; 64 sets of 64-byte lines in a 32 KB, 8-way L1
    const offs = layout(Array.from({ length: 45 }, () => n), "f64").slice(0, 45);
    for (const index of [0, 1, n >> 1, n - 1]) {
      const sets = new Set(offs.map((o) => ((o + 8 * index) >> 6) & 63));
      expect(sets.size).toBe(45);
    }
  });

  it("a layout beyond the reserved bytes throws, naming both sizes, and leaves the layout as it was", () => {
    const arena = new Arena();
    arena.reset(1000);
    const reserved = arena.pages * 65536;
    const before = arena.allocF64(10);
    expect(() => arena.allocF64(reserved / 8)).toThrow(new RegExp(`needs \\d+ bytes, ${reserved} were reserved`));
    // the failed region took nothing: the next one follows the last good one
    expect(arena.allocF64(10)).toBe(before + 64 * 3);
  });
});
