// Every example runs with `neuron-ts run` and prints what its Python original prints with
// NEURON 8.2.2 (test/golden/examples, made by make_example_goldens.py): text identical, numbers
// within 1e-9 (relative above 1).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { diff } from "./helpers/compare.ts";

const root = path.join(import.meta.dirname, "..");
const goldenDir = path.join(root, "test", "golden", "examples");
const NUMBER = /-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi;

/** Splits printed text into its non-number text and its numbers. */
export function tokens(text: string): { text: string; numbers: number[] } {
  return { text: text.replace(NUMBER, "#"), numbers: (text.match(NUMBER) ?? []).map(Number) };
}

describe("examples print what NEURON prints", () => {
  for (const f of readdirSync(goldenDir).filter((f) => f.endsWith(".txt"))) {
    const name = f.replace(/\.txt$/, "");
    it(name, () => {
      const out = spawnSync(process.execPath, [path.join(root, "bin", "neuron-ts.mjs"), "run", `examples/${name}.ts`], { cwd: root, encoding: "utf8" });
      expect(out.stderr).toBe("");
      expect(out.status).toBe(0);
      const got = tokens(out.stdout);
      const ref = tokens(readFileSync(path.join(goldenDir, f), "utf8"));
      expect(got.text).toBe(ref.text);
      expect(diff(ref.numbers, got.numbers)).toEqual([]);
    });
  }
});
