// The unit checker's speed: (1) `neuron-ts check examples` — a cold check of all of examples/ in
// a fresh process (program creation included; loading the typescript module is reported apart),
// then the same check warm; (2) an editor's incremental re-check of a 500-line script through a
// language service with the plugin: one line edited, then semantic diagnostics (TypeScript's own
// and the units') recomputed. Targets here: under 2 s and under 200 ms. Prints numbers, asserts
// nothing. Each time is wall-clock with this process's CPU time beside it: on a machine shared
// with other work the wall time grows with the load average, the CPU time much less.
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

/** Wall and CPU milliseconds of `f`. */
function timed<T>(f: () => T): { value: T; wall: number; cpu: number } {
  const c = process.cpuUsage();
  const t = performance.now();
  const value = f();
  const wall = performance.now() - t;
  const d = process.cpuUsage(c);
  return { value, wall, cpu: (d.user + d.system) / 1000 };
}

const root = process.argv[2]!;
const t0 = performance.now();
const ts = (await import("typescript")).default;
const tsLoad = performance.now() - t0;
const { check, expandInputs } = await import("../transpiler/check.ts");
const { decorateLanguageService, unitDiagnostics } = await import("../transpiler/ts-plugin.ts");
const { resolvePackageFrom, scriptCompilerOptions } = await import("../transpiler/program.ts");

const ms = (x: number) => `${x.toFixed(0)} ms`;
const both = (r: { wall: number; cpu: number }) => `${ms(r.wall)} (cpu ${ms(r.cpu)})`;
console.log(`machine: ${os.cpus().length} cpus, load average ${os.loadavg()[0]!.toFixed(1)}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// (1) all of examples/
const examples = path.join(root, "examples");
const files = expandInputs(ts, [examples]);
const lines = files.reduce((n, f) => n + ts.sys.readFile(f)!.split("\n").length, 0);
const cold = timed(() => check(ts, { files: [examples] }, root));
const warm = [0, 1, 2].map(() => timed(() => check(ts, { files: [examples] }, root)));
const mid = (rs: Array<{ wall: number; cpu: number }>) => ({ wall: median(rs.map((r) => r.wall)), cpu: median(rs.map((r) => r.cpu)) });
console.log(`checker, all of examples/ (${files.length} files, ${lines} lines, ${cold.value.length} errors):`);
console.log(`  cold: ${both(cold)} (+ ${ms(tsLoad)} to load typescript)   warm: ${both(mid(warm))} (median of 3)`);

// (2) incremental re-check of a 500-line script
function script(variant: number): string {
  const out = [
    `import { h } from "neuron-ts";`,
    `import { cm, ms, mS, mV, nA, ohm, pA, s, uF, µm } from "neuron-ts/units";`,
    `h.load_file("stdrun.hoc");`,
  ];
  for (let i = 0; out.length < 490; i++) {
    out.push(
      `const sec${i} = h.Section({ name: "sec${i}" });`,
      `sec${i}.L = ${100 + i} * µm;`,
      `sec${i}.diam = ${1 + (i % 5)} * µm;`,
      `sec${i}.Ra = 100 * ohm * cm;`,
      `sec${i}.cm = 1 * uF / cm ** 2;`,
      `h.hh.insert(sec${i});`,
      `for (const seg of sec${i}) seg.hh.gkbar = ${36 + i} * mS / cm ** 2;`,
      `const ic${i} = h.IClamp(sec${i}(0.5));`,
      `ic${i}.delay = ${i === 0 ? variant : i} * ms;`,
      `ic${i}.amp = ${500 + i} * pA + 0.1 * nA;`,
      `if (sec${i}(0.5).v > -20 * mV) ic${i}.dur = 0.5 * ms;`,
    );
  }
  out.push(`h.tstop = 2 * s;`, `h.finitialize(-65 * mV);`, `h.continuerun(h.tstop);`);
  return `${out.join("\n")}\n`;
}
const file = path.join(root, "bench", "__checker_bench__.ts");
let version = 0;
let text = script(0);
const options = scriptCompilerOptions(ts);
const host: import("typescript").LanguageServiceHost = {
  getCompilationSettings: () => options,
  getScriptFileNames: () => [file],
  getScriptVersion: (f) => (f === file ? String(version) : "0"),
  getScriptSnapshot: (f) => {
    const s = f === file ? text : ts.sys.readFile(f);
    return s === undefined ? undefined : ts.ScriptSnapshot.fromString(s);
  },
  getCurrentDirectory: () => root,
  getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
  fileExists: (f) => f === file || ts.sys.fileExists(f),
  readFile: (f) => (f === file ? text : ts.sys.readFile(f)),
};
resolvePackageFrom(ts, host as typeof host & import("typescript").ModuleResolutionHost, root, () => options);
const raw = ts.createLanguageService(host);
const ls = decorateLanguageService(ts, raw);
const first = timed(() => ls.getSemanticDiagnostics(file));
const full: Array<{ wall: number; cpu: number }> = [];
const unitsOnly: Array<{ wall: number; cpu: number }> = [];
for (let i = 1; i <= 20; i++) {
  version++;
  text = script(i);
  full.push(timed(() => ls.getSemanticDiagnostics(file)));
  unitsOnly.push(timed(() => unitDiagnostics(ts, raw, file)));
}
console.log(`language service, ${text.split("\n").length - 1}-line script (${first.value.length} diagnostics):`);
console.log(`  first check: ${both(first)}`);
console.log(`  re-check after a one-line edit (TypeScript's and the units' diagnostics): median ${both(mid(full))}, max wall ${ms(Math.max(...full.map((r) => r.wall)))}`);
console.log(`  of which the unit checker: median ${both(mid(unitsOnly))}`);
