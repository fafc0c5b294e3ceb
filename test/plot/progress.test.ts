// continuerun's progress bar: shown on a terminal for runs of more than about two seconds, with
// simulated time and rate; nothing for short runs, when stderr is not a terminal, or when quiet.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { progressLine, terminalProgress, type ProgressStream } from "../../stdlib/progress.ts";
import { createH } from "../../stdlib/h.ts";
import { Context } from "../../stdlib/context.ts";
import { root } from "./cases.ts";

function fake(isTTY = true) {
  const out: string[] = [];
  let now = 0;
  const stream: ProgressStream = { isTTY, columns: 100, write: (s: string) => out.push(s) };
  return { out, stream, clock: { now: () => now, set: (ms: number) => (now = ms) } };
}

describe("terminalProgress", () => {
  it("a long run: the bar appears, with t, the rate and an ETA, and ends with a newline", () => {
    const f = fake();
    const p = terminalProgress(0, 100, { stream: f.stream, now: f.clock.now, env: {} })!;
    f.clock.set(300);
    p.tick(10); // 300 ms for 10 of 100 ms: projected 3 s, a long run
    expect(f.out).toHaveLength(1);
    expect(f.out[0]).toMatch(/^\rcontinuerun █+░+ +10%  t = 10.0 \/ 100 ms  33.3 ms\/s  ETA 3 s\x1b\[K$/);
    f.clock.set(350);
    p.tick(12); // redraws at most every 100 ms
    expect(f.out).toHaveLength(1);
    f.clock.set(3000);
    p.end(100);
    expect(f.out.slice(1).join("")).toMatch(/100%  t = 100 \/ 100 ms  33.3 ms\/s\x1b\[K\n$/);
  });

  it("a short run shows nothing", () => {
    const f = fake();
    const p = terminalProgress(0, 100, { stream: f.stream, now: f.clock.now, env: {} })!;
    for (let t = 1; t <= 100; t++) {
      f.clock.set(t * 10); // 1 s in all
      p.tick(t);
    }
    p.end(100);
    expect(f.out).toEqual([]);
  });

  it("slow from the start: shown once two seconds have passed even without progress", () => {
    const f = fake();
    const p = terminalProgress(0, 100, { stream: f.stream, now: f.clock.now, env: {} })!;
    f.clock.set(2100);
    p.tick(0);
    expect(f.out.join("")).toContain("  0%");
  });

  it("not a terminal, NEURON_TS_PROGRESS=0, or nothing to run: no reporter", () => {
    expect(terminalProgress(0, 100, { stream: fake(false).stream, env: {} })).toBeNull();
    expect(terminalProgress(0, 100, { stream: fake().stream, env: { NEURON_TS_PROGRESS: "0" } })).toBeNull();
    expect(terminalProgress(5, 5, { stream: fake().stream, env: {} })).toBeNull();
  });

  it("progressLine fits the terminal", () => {
    expect(progressLine(0, 50, 26, 2000, 60).length).toBeLessThanOrEqual(80);
    expect(progressLine(0, 50, 26, 2000)).toContain("52%  t = 26.0 / 50.0 ms  13.0 ms/s  ETA 2 s");
  });
});

describe("continuerun uses it", () => {
  it("h.stdrun_quiet = 1 turns it off; continuerun calls it once per run", () => {
    const ctx = new Context();
    const h = createH(ctx);
    h.Section({ name: "soma" });
    const factory = ctx.progress!;
    let calls = 0;
    ctx.progress = (t0, tstop) => {
      calls++;
      return factory(t0, tstop);
    };
    h.finitialize(-65);
    h.continuerun(1);
    expect(calls).toBe(1);
    h.stdrun_quiet = 1;
    expect(factory(0, 10)).toBeNull();
    expect(() => (h.stdrun_quiet = "yes" as never)).toThrow(/h\.stdrun_quiet must be a number/);
  });

  // Runs under `script` for a pseudo-terminal, and with stderr piped. NEURON_TS_PROGRESS_MS=0
  // makes every run "long", so the test does not depend on the machine's speed.
  const script = `import { h } from "neuron-ts";
h.load_file("stdrun.hoc");
const a = h.Section({ name: "a" });
a.nseg = 50;
h.hh.insert(a);
h.stdrun_quiet = Number(process.argv[3] ?? 0);
h.finitialize(-65);
h.continuerun(Number(process.argv[2]));
process.stdout.write("done " + (h.t > 0) + "\\n");
`;
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "neuron-ts-progress-")), "run.ts");
  writeFileSync(file, script);
  const cli = path.join(root, "bin", "neuron-ts.mjs");
  const onTty = (args: string, env: Record<string, string> = {}) =>
    spawnSync("script", ["-qec", `${process.execPath} ${cli} run ${file} ${args}`, "/dev/null"], { encoding: "utf8", timeout: 300_000, env: { ...process.env, COLUMNS: "100", ...env } });
  const BAR = /continuerun [█░]+ +\d+%  t = [\d.]+ \/ 60.0 ms/;

  it("on a terminal, a long run: the bar, ending at 100%", () => {
    const r = onTty("60", { NEURON_TS_PROGRESS_MS: "0" });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(BAR);
    expect(r.stdout).toMatch(/100%  t = 60.0 \/ 60.0 ms/);
  }, 300_000);

  it("on a terminal: a short run (default threshold) or h.stdrun_quiet = 1 shows nothing", () => {
    const short = onTty("60");
    expect(short.status).toBe(0);
    expect(short.stdout).not.toContain("continuerun");
    const quiet = onTty("60 1", { NEURON_TS_PROGRESS_MS: "0" });
    expect(quiet.stdout).not.toContain("continuerun");
    expect(quiet.stdout).toContain("done true");
  }, 300_000);

  it("stderr piped: nothing but the script's output", () => {
    const piped = spawnSync(process.execPath, [cli, "run", file, "60"], { encoding: "utf8", timeout: 300_000, env: { ...process.env, NEURON_TS_PROGRESS_MS: "0" } });
    expect(piped.status).toBe(0);
    expect(piped.stderr).toBe("");
    expect(piped.stdout).toBe("done true\n");
  }, 300_000);
});
