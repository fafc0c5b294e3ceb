// examples/c91662.ts (the seed's first script) runs with `neuron-ts run`, prints NEURON's numbers
// (test/golden/morphology/ses_c91662.json) and writes the PlotShape figure as HTML.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { ROOT, golden } from "./helpers.ts";

it("examples/c91662.ts prints NEURON's section count, area, t, v(soma) and min v, and writes the figure", () => {
  const figures = mkdtempSync(path.join(os.tmpdir(), "ntfig-"));
  const out = spawnSync(process.execPath, [path.join(ROOT, "bin", "neuron-ts.mjs"), "run", "examples/c91662.ts"], {
    cwd: ROOT, encoding: "utf8", env: { ...process.env, NEURON_TS_FIGURES: figures, NEURON_TS_OPEN: "0" },
  });
  expect(out.status, out.stderr).toBe(0);
  const fig = /^figure: (.*\.html)\n$/.exec(out.stderr);
  expect(fig, out.stderr).not.toBeNull();
  expect(existsSync(fig![1]!)).toBe(true);
  expect(readFileSync(fig![1]!, "utf8")).toContain("scatter3d");
  const nums = (out.stdout.match(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi) ?? []).map(Number);
  const g = golden("ses_c91662.json");
  // "sections: 194 area: A um2" / "t: T ms  v(soma(0.5)): V mV  min v: M mV"
  expect(nums).toEqual([194, g.totals.area, 2, g.run.t, 0.5, g.run.v_soma, g.run.v_min]);
});
