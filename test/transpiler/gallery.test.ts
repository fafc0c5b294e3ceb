// examples/units: the unit-style scripts check clean (so does all of examples/), three of them
// print exactly what NEURON printed for the seed scripts they rewrite, and every script of the
// gallery of wrong scripts fails with the output in its .expected file.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { check, expandInputs } from "../../transpiler/check.ts";
import type { UnitDiagnostic } from "../../transpiler/checker.ts";
import { formatDiagnostic, formatSummary } from "../../transpiler/format.ts";
import { ROOT } from "./harness.ts";

const gallery = path.join(ROOT, "examples", "units", "gallery");
const conformance = path.join(ROOT, "..", "shared", "conformance", "ref");

/** What `neuron-ts check` prints for these diagnostics, run from the repository root. */
function output(ds: readonly UnitDiagnostic[]): string {
  return ds.length ? `${ds.map((d) => formatDiagnostic(d, ROOT)).join("\n")}\n\n${formatSummary(ds, ROOT)}\n` : "";
}

/** What `neuron-ts check <files>` prints. */
export const checkOutput = (files: string[]): string => output(check(ts, { files }, ROOT));

describe("examples/units", () => {
  it("neuron-ts check examples is clean", () => {
    expect(checkOutput([path.join(ROOT, "examples")])).toBe("");
  });

  it("leaves the gallery out of a directory check (examples/units/tsconfig.json) but checks it when named", () => {
    const named = expandInputs(ts, [gallery]);
    expect(named.length).toBeGreaterThanOrEqual(8);
    const all = expandInputs(ts, [path.join(ROOT, "examples")]);
    expect(all.some((f) => f.startsWith(path.join(ROOT, "examples", "units")))).toBe(true);
    for (const f of named) expect(all).not.toContain(f);
  });

  const seeds: Array<[string, string]> = [["hh_soma", "seed_hh"], ["spike_detection", "seed_spikes"], ["geometry", "seed_geometry"]];
  for (const [example, seed] of seeds) {
    it.skipIf(!existsSync(path.join(conformance, `${seed}.json`)))(`${example}.ts with units prints NEURON's ${seed} output`, () => {
      const out = spawnSync(process.execPath, [path.join(ROOT, "bin", "neuron-ts.mjs"), "run", `examples/units/${example}.ts`], { cwd: ROOT, encoding: "utf8" });
      expect(out.stderr).toBe("");
      const got = JSON.parse(out.stdout);
      const ref = JSON.parse(readFileSync(path.join(conformance, `${seed}.json`), "utf8"));
      const flat = (x: unknown): unknown[] => (Array.isArray(x) ? x.flatMap(flat) : typeof x === "object" && x ? Object.values(x).flatMap(flat) : [x]);
      const [g, r] = [flat(got), flat(ref)];
      expect(g.length).toBe(r.length);
      g.forEach((x, i) => {
        const y = r[i];
        if (typeof x === "number" && typeof y === "number") expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(y)));
        else expect(x).toBe(y);
      });
    });
  }
});

describe("the gallery of wrong scripts", () => {
  const scripts = readdirSync(gallery).filter((f) => f.endsWith(".ts")).sort();

  it("has a script for each kind of mistake", () => {
    expect(scripts.length).toBeGreaterThanOrEqual(8);
  });

  // The scripts are independent, so one program checks them all; each file's output is what
  // `neuron-ts check gallery/<file>` prints.
  let all: UnitDiagnostic[] = [];
  beforeAll(() => {
    all = check(ts, { files: scripts.map((f) => path.join(gallery, f)) }, ROOT);
  });
  for (const f of scripts) {
    it(`${f} fails with its expected messages`, () => {
      const expected = readFileSync(path.join(gallery, f.replace(/\.ts$/, ".expected")), "utf8");
      expect(expected).toMatch(/error NTS\d+/);
      expect(output(all.filter((d) => d.fileName === path.join(gallery, f)))).toBe(expected);
    });
  }
});
