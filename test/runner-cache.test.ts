// The caches that make `neuron-ts run` start fast: bin/neuron-ts.mjs keeps the CLI's bundle
// (node_modules/.cache/neuron-ts/cli/) and transpiler/run.ts keeps each script's checked bundle
// (…/runs/). Neither may ever run stale code, and concurrent starts must be safe. The CLI cache
// is tested on copies of the package, so that the tests can edit its sources.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.join(import.meta.dirname, "..");
const tmp = mkdtempSync(path.join(os.tmpdir(), "neuron-ts-runner-cache-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const env: NodeJS.ProcessEnv = { ...process.env, NEURON_TS_DEBUG_CACHE: "1" };
delete env.NEURON_TS_NO_CACHE;

/** A copy of the package's command line (bin, transpiler, units) with its own node_modules/.cache. */
function copyPackage(name: string): string {
  const dir = path.join(tmp, name);
  for (const sub of ["bin", "transpiler", "units"]) cpSync(path.join(root, sub), path.join(dir, sub), { recursive: true, preserveTimestamps: true });
  for (const f of ["package.json", "tsconfig.json"]) cpSync(path.join(root, f), path.join(dir, f), { preserveTimestamps: true });
  mkdirSync(path.join(dir, "node_modules"));
  for (const pkg of ["esbuild", "typescript"]) symlinkSync(path.join(root, "node_modules", pkg), path.join(dir, "node_modules", pkg));
  utimesSync(path.join(dir, "transpiler", "cli.ts"), PINNED, PINNED);
  return dir;
}

function start(pkg: string, ...args: string[]) {
  return spawnSync(process.execPath, [path.join(pkg, "bin", "neuron-ts.mjs"), ...args], { cwd: tmp, encoding: "utf8", env });
}

/** An old, whole-second mtime, exactly representable for utimes. */
const PINNED = new Date(1_700_000_000_000);

/** Replaces text in a file, keeping its size and its (pinned) mtime, as `cp -p`, `rsync -t` or
 * two edits within one tick of the file-system clock would: only its ctime tells. */
function editKeepingStamp(file: string, from: string, to: string): void {
  expect(to.length).toBe(from.length);
  const before = statSync(file);
  expect(before.mtimeMs).toBe(PINNED.getTime());
  const text = readFileSync(file, "utf8");
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
  utimesSync(file, PINNED, PINNED);
  expect(statSync(file).size).toBe(before.size);
  expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
}

let pkgA: string;
let pkgB: string;
beforeAll(async () => {
  pkgA = copyPackage("a");
  pkgB = copyPackage("b");
  // Files changed less than 2 s before a build are not cached (bin/neuron-ts.mjs, RACY_MS): the
  // copies' ctimes are now.
  await new Promise((r) => setTimeout(r, 2100));
});

describe("the CLI's cached bundle", () => {
  it("is built once, then reused while its sources are unchanged", () => {
    const first = start(pkgA, "--help");
    expect(first.status).toBe(0);
    expect(first.stderr).toBe("neuron-ts: CLI rebuilt\n");
    expect(first.stdout).toContain("check the units of scripts or of a project");
    const second = start(pkgA, "--help");
    expect(second.stderr).toBe("neuron-ts: CLI cache hit\n");
    expect(second.stdout).toBe(first.stdout);
  });

  it("is rebuilt when a source changes, even with the same size and mtime", () => {
    editKeepingStamp(path.join(pkgA, "transpiler", "cli.ts"), "check the units of scripts", "CHECK THE UNITS OF SCRIPTS");
    const r = start(pkgA, "--help");
    expect(r.stderr).toMatch(/^neuron-ts: CLI rebuilt/);
    expect(r.stdout).toContain("CHECK THE UNITS OF SCRIPTS or of a project");
  });

  it("is rebuilt when a module the entry imports changes, and not cached while the change is fresh", () => {
    const run = path.join(pkgA, "transpiler", "run.ts");
    writeFileSync(run, readFileSync(run, "utf8").replace("neuron-ts run: no such file:", "neuron-ts run: NO SUCH FILE (edited):"));
    for (let i = 0; i < 2; i++) {
      const r = start(pkgA, "run", "missing.ts");
      expect(r.status).toBe(1);
      // Built from the edited source both times: the first build was too close to the edit to be
      // recorded, so the second start builds again instead of trusting its stamps.
      expect(r.stderr).toContain("neuron-ts: CLI rebuilt (inputs changed just now: not cached)");
      expect(r.stderr).toContain("neuron-ts run: NO SUCH FILE (edited): missing.ts");
    }
  });

  it("is rebuilt when its bundle has gone (another start replaced it)", async () => {
    await new Promise((r) => setTimeout(r, 2100)); // let the last edit age past the racy window
    expect(start(pkgA, "--help").stderr).toBe("neuron-ts: CLI rebuilt\n");
    const dir = path.join(pkgA, "node_modules", ".cache", "neuron-ts", "cli");
    const { bundle } = JSON.parse(readFileSync(path.join(dir, "cli.json"), "utf8"));
    rmSync(path.join(dir, bundle));
    const r = start(pkgA, "--help");
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("neuron-ts: CLI cache hit\nneuron-ts: CLI rebuilt\n");
    expect(r.stdout).toContain("CHECK THE UNITS OF SCRIPTS");
    expect(start(pkgA, "--help").stderr).toBe("neuron-ts: CLI cache hit\n");
  });

  it("is safe under concurrent starts on an empty cache", async () => {
    const runs = await Promise.all(
      Array.from({ length: 6 }, () =>
        new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
          const p = spawn(process.execPath, [path.join(pkgB, "bin", "neuron-ts.mjs"), "--help"], { cwd: tmp, env });
          let stdout = "";
          let stderr = "";
          p.stdout.on("data", (d) => (stdout += d));
          p.stderr.on("data", (d) => (stderr += d));
          p.on("close", (status) => resolve({ status, stdout, stderr }));
        }),
      ),
    );
    for (const r of runs) {
      expect(r.status).toBe(0);
      expect(r.stdout).toContain("check the units of scripts or of a project");
    }
    const dir = path.join(pkgB, "node_modules", ".cache", "neuron-ts", "cli");
    const files = readdirSync(dir);
    expect(files.filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const { bundle } = JSON.parse(readFileSync(path.join(dir, "cli.json"), "utf8"));
    expect(existsSync(path.join(dir, bundle))).toBe(true);
    expect(start(pkgB, "--help").stderr).toBe("neuron-ts: CLI cache hit\n");
  });
});

describe("the run cache", () => {
  const bin = path.join(root, "bin", "neuron-ts.mjs");
  const run = (file: string) => spawnSync(process.execPath, [bin, "run", file], { cwd: root, encoding: "utf8", env });
  const runCache = (text: string) => text.split("\n").filter((l) => l.startsWith("neuron-ts run: cache")).join("\n");

  it("maps a cached script's stack trace to the script's own line", () => {
    const file = path.join(tmp, "throws.ts");
    writeFileSync(file, `import { h } from "neuron-ts";\nconst s = h.Section({ name: "s" });\n\n\ns.nseg = 0;\n`);
    const first = run(file);
    const second = run(file);
    expect(runCache(second.stderr)).toBe("neuron-ts run: cache hit");
    for (const r of [first, second]) {
      expect(r.status).toBe(1);
      expect(r.stderr).toContain("Error: s.nseg must be an integer in [1, 32767], got 0");
      expect(r.stderr).toContain(`${file}:5:`);
    }
  });

  it("checks a script again after an edit that keeps its size and mtime", () => {
    const file = path.join(tmp, "edited.ts");
    writeFileSync(file, `import { h } from "neuron-ts";\nimport { ms } from "neuron-ts/units";\nh.finitialize(-65);\nh.continuerun(1 * ms);\nconsole.log("A", h.t);\n`);
    utimesSync(file, PINNED, PINNED);
    expect(run(file).stdout).toBe("A 0.9999999999999984\n");
    expect(runCache(run(file).stderr)).toBe("neuron-ts run: cache hit");
    editKeepingStamp(file, `console.log("A"`, `console.log("B"`);
    const r = run(file);
    expect(runCache(r.stderr)).toBe("neuron-ts run: cache miss");
    expect(r.stdout).toBe("B 0.9999999999999984\n");
  }, 120_000);

  it("is safe under concurrent runs of the same script", async () => {
    const file = path.join(tmp, "concurrent.ts");
    writeFileSync(file, `import { h } from "neuron-ts";\nconst soma = h.Section({ name: "soma" });\nh.hh.insert(soma);\nh.finitialize(-65);\nh.continuerun(1);\nconsole.log(soma(0.5).v);\n`);
    const runs = await Promise.all(
      Array.from({ length: 3 }, () =>
        new Promise<{ status: number | null; stdout: string }>((resolve) => {
          const p = spawn(process.execPath, [bin, "run", file], { cwd: root, env });
          let stdout = "";
          p.stdout.on("data", (d) => (stdout += d));
          p.on("close", (status) => resolve({ status, stdout }));
        }),
      ),
    );
    for (const r of runs) expect(r).toEqual({ status: 0, stdout: runs[0]!.stdout });
    expect(Number(runs[0]!.stdout)).toBeCloseTo(-64.97554793406478, 9);
    const again = run(file);
    expect(runCache(again.stderr)).toBe("neuron-ts run: cache hit");
    expect(again.stdout).toBe(runs[0]!.stdout);
  }, 120_000);
});
