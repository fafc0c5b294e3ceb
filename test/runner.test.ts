// `neuron-ts run` works from this repository and from another project that installed neuron-ts
// by path; a failing script exits non-zero with a stack trace that points at the user's file.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.join(import.meta.dirname, "..");
const bin = path.join(root, "bin", "neuron-ts.mjs");
const tmp = mkdtempSync(path.join(os.tmpdir(), "neuron-ts-runner-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SCRIPT = `import { h } from "neuron-ts";
import { mV, ms } from "neuron-ts/units";
const soma = h.Section({ name: "soma" });
h.hh.insert(soma);
h.finitialize(-65 * mV);
h.continuerun(1 * ms);
console.log(JSON.stringify({ t: h.t, v: soma(0.5).v, args: process.argv.slice(2) }));
`;

describe("neuron-ts run", () => {
  it("runs a script anywhere on disk from this repository, passing arguments through", () => {
    const file = path.join(tmp, "outside.ts");
    writeFileSync(file, SCRIPT);
    const out = spawnSync(process.execPath, [bin, "run", file, "a", "--b"], { cwd: root, encoding: "utf8" });
    expect(out.stderr).toBe("");
    expect(out.status).toBe(0);
    const r = JSON.parse(out.stdout);
    expect(r.t).toBe(0.9999999999999984);
    // hh at rest drifts from -65: NEURON gives -64.97554793406478 at t = 1 ms (test/golden/examples/hh_soma.txt).
    expect(Math.abs(r.v - -64.97554793406478)).toBeLessThan(1e-9 * 65);
    expect(r.args).toEqual(["a", "--b"]);
  });

  it("runs from another project that installed neuron-ts by path (npx neuron-ts run)", () => {
    const proj = path.join(tmp, "consumer");
    spawnSync("mkdir", ["-p", proj]);
    writeFileSync(path.join(proj, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
    const inst = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--offline", root], { cwd: proj, encoding: "utf8" });
    expect(inst.status, inst.stderr).toBe(0);
    writeFileSync(path.join(proj, "sim.ts"), SCRIPT);
    const out = spawnSync("npx", ["--no-install", "neuron-ts", "run", "sim.ts"], { cwd: proj, encoding: "utf8" });
    expect(out.stderr).toBe("");
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout).t).toBe(0.9999999999999984);
  }, 120_000);

  it("a script that throws exits with 1 and its stack points at the script's own line", () => {
    const file = path.join(tmp, "throws.ts");
    writeFileSync(file, `import { h } from "neuron-ts";\nconst s = h.Section({ name: "s" });\n\n\ns.nseg = 0;\n`);
    const out = spawnSync(process.execPath, [bin, "run", file], { cwd: root, encoding: "utf8" });
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/^Error: s\.nseg must be an integer in \[1, 32767\], got 0/);
    expect(out.stderr).toContain(`${file}:5:`);
  });

  it("a script with a syntax error exits with 1 and names file:line:column", () => {
    const file = path.join(tmp, "syntax.ts");
    writeFileSync(file, `import { h } from "neuron-ts";\nconst x = ;\n`);
    const out = spawnSync(process.execPath, [bin, "run", file], { cwd: root, encoding: "utf8" });
    expect(out.status).toBe(1);
    // tsc-style location (the unit checker reports syntax errors before bundling)
    expect(out.stderr).toMatch(/syntax\.ts(:2:11|\(2,11\)): error/);
  });

  it("an unchanged script reuses its checked bundle; any change to it is checked again", () => {
    const file = path.join(tmp, "cached.ts");
    writeFileSync(file, `import { h } from "neuron-ts";\nimport { ms } from "neuron-ts/units";\nh.finitialize(-65);\nh.continuerun(1 * ms);\nconsole.log(h.t);\n`);
    const env = { ...process.env, NEURON_TS_DEBUG_CACHE: "1" };
    const run = () => spawnSync(process.execPath, [bin, "run", file], { cwd: root, encoding: "utf8", env });
    const first = run();
    expect(first.stderr).toContain("cache miss");
    const second = run();
    expect(second.stderr).toContain("cache hit");
    expect(second.stdout).toBe(first.stdout);
    // A unit error added later must be caught, not served from the cache.
    writeFileSync(file, `import { h } from "neuron-ts";\nimport { mV } from "neuron-ts/units";\nh.finitialize(-65);\nh.continuerun(1 * mV);\n`);
    const third = run();
    expect(third.stderr).toContain("cache miss");
    expect(third.status).toBe(1);
    expect(third.stderr).toMatch(/'h\.continuerun\(tstop\)' expects \[time\] \(ms\), but '1 \* mV' is \[voltage\]/);
  }, 120_000);

  it("a missing script is a usage error", () => {
    const out = spawnSync(process.execPath, [bin, "run", path.join(tmp, "nope.ts")], { cwd: root, encoding: "utf8" });
    expect(out.status).toBe(1);
    expect(out.stderr).toContain("no such file");
  });
});
