// Every engine golden (made by make_goldens.py from NEURON 8.2.2) rebuilt with neuron-ts and
// compared value by value: traces, spike times, final v, areas, ri, diameters.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "vitest";
import { EXACT, expectMatches } from "../helpers/compare.ts";
import { runSpec } from "./build.ts";

const dir = path.join(import.meta.dirname, "engine");
const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();

describe("engine goldens match NEURON 8.2.2 bit for bit", () => {
  for (const f of files) {
    it(f.replace(/\.json$/, ""), () => {
      const ref = JSON.parse(readFileSync(path.join(dir, f), "utf8"));
      const got = runSpec(ref.spec);
      expectMatches(got, ref, EXACT);
    });
  }
});
