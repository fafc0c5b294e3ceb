// The rule for scripts run without the unit transform: neuron-ts/units refuses to load, with a
// message that says how to run the script, so no unit expression can store an unconverted number.
// (vitest here runs without the transform plugin, as a plain Node or tsx run would.)
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { UNTRANSFORMED_MESSAGE } from "../../units/untransformed.ts";

const ROOT = path.join(import.meta.dirname, "..", "..");

describe("an untransformed run", () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "neuron-ts-untransformed-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("cannot import neuron-ts/units: loading it throws and says how to run the script", async () => {
    await expect(import("../../units/index.ts")).rejects.toThrow(UNTRANSFORMED_MESSAGE);
    expect(UNTRANSFORMED_MESSAGE).toContain("npx neuron-ts run");
  });

  it("a script bundled without the plugin stops before storing anything", async () => {
    const script = path.join(tmp, "untransformed.ts");
    writeFileSync(script, `import { mS, cm } from ${JSON.stringify(path.join(ROOT, "units", "index.ts"))};\nconsole.log("stored", 36 * mS / cm ** 2);\n`);
    const outfile = path.join(tmp, "untransformed.mjs");
    await build({ entryPoints: [script], outfile, bundle: true, platform: "node", format: "esm", logLevel: "silent" });
    const r = spawnSync(process.execPath, [outfile], { encoding: "utf8" });
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("neuron-ts/units was loaded without the neuron-ts unit transform");
  });
});
