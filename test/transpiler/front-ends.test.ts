// The front ends over the one core: `neuron-ts check` (tsc-style output, exit codes), `neuron-ts
// run` (refuses a script with unit errors), the esbuild plugin and the vite plugin (same
// transform, unit errors as build errors), and their option validation.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build as esbuild } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../transpiler/cli.ts";
import { unitsPlugin } from "../../transpiler/esbuild-plugin.ts";
import { neuronTsUnits } from "../../transpiler/vite-plugin.ts";
import { ROOT } from "./harness.ts";

const bin = path.join(ROOT, "bin", "neuron-ts.mjs");
const tmp = mkdtempSync(path.join(os.tmpdir(), "neuron-ts-front-ends-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the command line in this process (as bin/neuron-ts.mjs does), capturing its output. */
async function cli(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out = { stdout: "", stderr: "" };
  const [w1, w2] = [process.stdout.write, process.stderr.write];
  process.stdout.write = ((s: string) => ((out.stdout += s), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => ((out.stderr += s), true)) as typeof process.stderr.write;
  const cwd = process.cwd();
  try {
    process.chdir(ROOT);
    return { status: await main(args, { root: ROOT }), ...out };
  } finally {
    process.chdir(cwd);
    [process.stdout.write, process.stderr.write] = [w1, w2];
  }
}

const WRONG = `import { h } from "neuron-ts";
import { mV } from "neuron-ts/units";
const soma = h.Section({ name: "soma" });
const ic = h.IClamp(soma(0.5));
ic.delay = 5 * mV;
console.log("ran");
`;
const RIGHT = `import { h } from "neuron-ts";
import { mS, cm } from "neuron-ts/units";
const soma = h.Section({ name: "soma" });
h.hh.insert(soma);
soma(0.5).hh.gkbar = 36 * mS / cm ** 2;
console.log(soma(0.5).hh.gkbar);
`;
const wrong = path.join(tmp, "wrong.ts");
const right = path.join(tmp, "right.ts");
writeFileSync(wrong, WRONG);
writeFileSync(right, RIGHT);

describe("neuron-ts check", () => {
  it("prints tsc-style errors and exits 1", async () => {
    const r = await cli("check", wrong);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${path.relative(ROOT, wrong)}(5,12): error NTS9001: 'ic.delay' expects [time] (ms), but '5 * mV' is [voltage].`);
    expect(r.stdout).toMatch(/Found 1 error in .*wrong\.ts\.\n$/);
  });

  it("exits 0 with no output on clean files, and checks a project with -p", async () => {
    expect(await cli("check", right)).toMatchObject({ status: 0, stdout: "" });
    expect(await cli("check", "-p", "examples/units/tsconfig.json")).toMatchObject({ status: 0, stdout: "" });
  });

  it("rejects unknown options and missing files with usage and exit 2", async () => {
    const r = await cli("check", "--frobnicate", right);
    expect(r).toMatchObject({ status: 2, stdout: "" });
    expect(r.stderr).toContain("unknown option '--frobnicate'");
    expect((await cli("check", path.join(tmp, "missing.ts"))).stderr).toContain("no such file or directory");
  });

  it("exits 1 from the real command line too (bin/neuron-ts.mjs)", () => {
    const r = spawnSync(process.execPath, [bin, "check", wrong], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("error NTS9001");
  });
});

describe("neuron-ts run", () => {
  it("refuses a script with unit errors and does not run it", async () => {
    const r = await cli("run", wrong);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("'ic.delay' expects [time] (ms), but '5 * mV' is [voltage].");
    expect(r.stderr).toContain("not running");
  });
});

describe("esbuild plugin", () => {
  it("compiles units to NEURON's numbers", async () => {
    const out = await esbuild({ entryPoints: [right], bundle: false, write: false, format: "esm", logLevel: "silent", plugins: [unitsPlugin({ root: ROOT })] });
    const js = out.outputFiles[0]!.text;
    expect(js).toContain("soma(0.5).hh.gkbar = 0.036;");
    expect(js).not.toContain("neuron-ts/units");
  });

  it("fails the build on a unit error, at the offending expression", async () => {
    const err = await esbuild({ entryPoints: [wrong], bundle: false, write: false, logLevel: "silent", plugins: [unitsPlugin({ root: ROOT })] }).catch((e) => e);
    expect(err.errors[0].text).toBe("'ic.delay' expects [time] (ms), but '5 * mV' is [voltage].");
    expect(err.errors[0].location).toMatchObject({ line: 5, column: 11, lineText: "ic.delay = 5 * mV;" });
    expect(err.errors[0].location.file).toMatch(/wrong\.ts$/);
  });

  it("rejects unknown options", () => {
    expect(() => unitsPlugin({ rooot: ROOT } as never)).toThrow("unitsPlugin: unknown option 'rooot'");
    expect(() => unitsPlugin({ root: 1 } as never)).toThrow("unitsPlugin: option 'root' must be a string");
  });
});

describe("vite plugin", () => {
  it("transforms a module through vite's build", async () => {
    const { build } = await import("vite");
    const out = await build({
      root: tmp, logLevel: "silent", configFile: false,
      plugins: [neuronTsUnits({ root: ROOT })],
      build: { write: false, minify: false, lib: { entry: right, formats: ["es"], fileName: "right" }, rollupOptions: { external: ["neuron-ts"] } },
    });
    const chunk = (Array.isArray(out) ? out[0] : out) as { output: Array<{ code?: string }> };
    const code = chunk.output.map((o) => o.code ?? "").join("\n");
    expect(code).toMatch(/gkbar = 0?\.036;/);
    expect(code).not.toContain("neuron-ts/units");
  }, 60_000);

  it("reports unit errors through the plugin context with file and position", async () => {
    const plugin = neuronTsUnits({ root: ROOT });
    const ctx = { error: (e: { message: string; loc?: { line: number; column: number } }): never => { throw Object.assign(new Error(e.message), { loc: e.loc }); } };
    const err = (await plugin.transform.call(ctx, readFileSync(wrong, "utf8"), wrong).then(
      () => ({ message: "no error", loc: undefined }),
      (e: Error & { loc: unknown }) => e,
    ));
    expect(err.message).toContain(`${wrong}:5:12: 'ic.delay' expects [time] (ms)`);
    expect(err.loc).toEqual({ line: 5, column: 11 });
  });

  it("leaves files without units alone and rejects unknown options", async () => {
    const plugin = neuronTsUnits({ root: ROOT });
    expect(await plugin.transform.call({ error: () => { throw new Error(); } }, "export const x = 1;", path.join(tmp, "plain.ts"))).toBeUndefined();
    expect(() => neuronTsUnits({ roots: ROOT } as never)).toThrow("neuronTsUnits: unknown option 'roots'");
  });
});
