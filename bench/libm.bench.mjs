// Speed of runtime/libm.ts (glibc-exact exp/log/pow, expArray) against V8's Math.exp/log/pow.
// Plain node: `node bench/libm.bench.mjs [calls] [rounds] [js]` (default 1e7 calls a measurement,
// 7 rounds; `js` switches the WebAssembly kernels off first, to time the JavaScript paths that a
// machine without fma or relaxed SIMD runs).
// The TypeScript is bundled on the fly with esbuild (already a dependency), as the neuron-ts runner
// does (which matters: a bundle turns module-level `const`s into `var`s).
//
// Every figure is the median over the rounds of the process's CPU time (user + system, from
// process.cpuUsage) per call or per element: on a shared machine, wall time also counts the time
// the process waits for a core. Rounds alternate between the measurements, so slow phases of the
// machine hit all of them alike.
import { build } from "esbuild";
import { writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = await build({
  entryPoints: [join(root, "runtime/libm.ts")],
  bundle: true,
  write: false,
  format: "esm",
  platform: "node",
  target: "node20",
  logLevel: "error",
});
const dir = mkdtempSync(join(tmpdir(), "libm-bench-"));
writeFileSync(join(dir, "libm.mjs"), out.outputFiles[0].text);
const L = await import(pathToFileURL(join(dir, "libm.mjs")).href);
rmSync(dir, { recursive: true });

const CALLS = Number(process.argv[2] ?? 1e7);
const ROUNDS = Number(process.argv[3] ?? 7);
if (process.argv[4] === "js") {
  L.expInternals.breakFusionTest();
  L.exp(1); // the kernel sees the failed check and is switched off
}
const M = 1 << 16; // inputs cycled through (fits in cache, like a simulator's state arrays)

// Inputs shaped like a simulator's: rate-function exponents, dt/tau decays, q10 factors.
let s = 0x2545f491;
const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) | 0) >>> 0) / 4294967296;

const cpuNs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1e3;
};

/** Runs each case `ROUNDS` times, interleaved; returns the median ns per unit of each. */
function measure(cases) {
  const times = cases.map(() => []);
  for (const c of cases) c.run(Math.max(1, Math.round(c.units / 30))); // warm-up: optimise first
  for (let r = 0; r < ROUNDS; r++) {
    cases.forEach((c, i) => {
      const t0 = cpuNs();
      c.run(c.units);
      times[i].push((cpuNs() - t0) / c.units);
    });
  }
  return times.map((t) => t.sort((a, b) => a - b)[t.length >> 1]);
}

function print(title, cases, unit) {
  console.log(title);
  const ns = measure(cases);
  cases.forEach((c, i) => console.log(`  ${c.name.padEnd(44)} ${ns[i].toFixed(2).padStart(8)} ns/${unit}`));
}

// ---- scalar functions: each loop compiled separately (new Function) so that its call site sees
// one function only and V8 can inline it, as in a simulator's kernel.
const xs = new Float64Array(M);
const ys = new Float64Array(M);
let sink = 0;
function scalar(name, f, arity) {
  const args = arity === 2 ? "xs[i & (M - 1)], ys[i & (M - 1)]" : "xs[i & (M - 1)]";
  const loop = new Function("f", "xs", "ys", "M", "n", `let acc = 0; for (let i = 0; i < n; i++) acc += f(${args}); return acc;`);
  const snapX = xs.slice();
  const snapY = ys.slice();
  return { name, units: CALLS, run: (n) => (sink += loop(f, snapX, snapY, M, n)) };
}

for (let i = 0; i < M; i++) xs[i] = (rnd() * 2 - 1) * 50;
const expCases = [scalar("Math.exp  x in [-50,50]", Math.exp, 1), scalar("libm.exp  x in [-50,50]", L.exp, 1)];
for (let i = 0; i < M; i++) xs[i] = rnd() * 1e3;
const logCases = [scalar("Math.log  x in (0,1e3]", Math.log, 1), scalar("libm.log  x in (0,1e3]", L.log, 1)];
for (let i = 0; i < M; i++) xs[i] = 0.9375 + rnd() * 0.127;
logCases.push(scalar("Math.log  x near 1", Math.log, 1), scalar("libm.log  x near 1", L.log, 1));
for (let i = 0; i < M; i++) {
  xs[i] = 3;
  ys[i] = (rnd() * 70 - 26.3) / 10;
}
const powCases = [scalar("Math.pow  3^((celsius-6.3)/10)", Math.pow, 2), scalar("libm.pow  3^((celsius-6.3)/10)", L.pow, 2)];
for (let i = 0; i < M; i++) {
  xs[i] = rnd() * 100;
  ys[i] = (rnd() * 2 - 1) * 10;
}
powCases.push(scalar("Math.pow  x in (0,100), y in [-10,10]", Math.pow, 2), scalar("libm.pow  x in (0,100), y in [-10,10]", L.pow, 2));

console.log(`exp/expArray via WebAssembly relaxed-SIMD fma: ${L.expUsesWasm()}; CPU-time medians of ${ROUNDS} rounds`);
print("scalar calls", [...expCases, ...logCases, ...powCases], "call");

// ---- exp over arrays, as a kernel uses it: n arguments written into a scratch array, then one
// call. Every array case first restores its n arguments (TypedArray.set, or a loop for small n):
// the "argument copy only" row is that part alone, included in the expArray* rows.
function refill(dst, src, n) {
  if (n >= 64) dst.set(src);
  else for (let i = 0; i < n; i++) dst[i] = src[i];
}

function arrayCases(label, src) {
  const n = src.length;
  const passes = Math.max(1, Math.round(CALLS / n));
  const plain = new Float64Array(n);
  const scratch = L.expScratch(n);
  const js = L.expInternals.expArrayJs;
  const perElement = (name, pass) => ({
    name: `${name.padEnd(18)} ${label}`,
    units: passes * n,
    run: (units) => {
      for (let p = Math.max(1, Math.round(units / n)); p > 0; p--) pass();
      sink += plain[0] + scratch[0];
    },
  });
  return [
    perElement("Math.exp loop", () => {
      for (let i = 0; i < n; i++) plain[i] = Math.exp(src[i]);
    }),
    perElement("libm.exp loop", () => {
      for (let i = 0; i < n; i++) plain[i] = L.exp(src[i]);
    }),
    perElement("argument copy only", () => {
      refill(scratch, src, n);
    }),
    perElement("expArray scratch", () => {
      refill(scratch, src, n);
      L.expArray(scratch, n);
    }),
    perElement("expArray plain", () => {
      refill(plain, src, n);
      L.expArray(plain, n);
    }),
    perElement("expArrayJs", () => {
      refill(plain, src, n);
      js(plain, n);
    }),
  ];
}

// dt*(-1/tau): dt 0.025 ms, tau log-uniform in [0.1, 100] ms (the HH gating kernel's arguments)
const hh = new Float64Array(3000).map(() => 0.025 * (-1 / Math.exp(Math.log(0.1) + rnd() * Math.log(1000))));
const wide = new Float64Array(3000).map(() => (rnd() * 2 - 1) * 50);
print("exp over arrays", [...arrayCases("n=3000 hh", hh), ...arrayCases("n=3000 [-50,50]", wide)], "element");
print("exp over small arrays", [...arrayCases("n=1 hh", hh.slice(0, 1)), ...arrayCases("n=2 hh", hh.slice(0, 2)), ...arrayCases("n=3 hh", hh.slice(0, 3)), ...arrayCases("n=8 hh", hh.slice(0, 8))], "element");

if (sink === 42) console.log(""); // keep the results observable
