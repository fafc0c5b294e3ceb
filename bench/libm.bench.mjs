// ns/call of runtime/libm.ts (glibc-exact exp/log/pow) against V8's Math.exp/log/pow.
// Plain node: `node bench/libm.bench.mjs [calls]` (default 1e7 calls per function).
// The TypeScript module is transpiled on the fly with esbuild (already a dependency).
import { transformSync } from "esbuild";
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { code } = transformSync(readFileSync(join(root, "runtime/libm.ts"), "utf8"), {
  loader: "ts",
  format: "esm",
  target: "es2022",
});
const dir = mkdtempSync(join(tmpdir(), "libm-bench-"));
writeFileSync(join(dir, "libm.mjs"), code);
const L = await import(pathToFileURL(join(dir, "libm.mjs")).href);
rmSync(dir, { recursive: true });

const CALLS = Number(process.argv[2] ?? 1e7);
const M = 1 << 16; // inputs cycled through (fits in cache, like a simulator's state arrays)
const xs = new Float64Array(M);
const ys = new Float64Array(M);

// Inputs shaped like a simulator's: rate-function exponents, dt/tau decays, q10 factors.
let s = 0x2545f491;
const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) | 0) >>> 0) / 4294967296;

// Each measured loop is compiled separately (new Function) so its call site sees one function
// only and V8 can inline it, as it would in a simulator's kernel.
function bench(name, f, arity) {
  const args = arity === 2 ? "xs[i & (M - 1)], ys[i & (M - 1)]" : "xs[i & (M - 1)]";
  const loop = new Function(
    "f", "xs", "ys", "M", "n",
    `let acc = 0; for (let i = 0; i < n; i++) acc += f(${args}); return acc;`,
  );
  let acc = loop(f, xs, ys, M, 3e5); // warm-up: both sides optimised before timing
  const t0 = process.hrtime.bigint();
  acc += loop(f, xs, ys, M, CALLS);
  const t1 = process.hrtime.bigint();
  return { name, ns: Number(t1 - t0) / CALLS, acc };
}
const bench1 = (name, f) => bench(name, f, 1);
const bench2 = (name, f) => bench(name, f, 2);

const rows = [];
for (let i = 0; i < M; i++) xs[i] = (rnd() * 2 - 1) * 50;
rows.push(bench1("Math.exp  x in [-50,50]", Math.exp));
rows.push(bench1("libm.exp  x in [-50,50]", L.exp));
for (let i = 0; i < M; i++) xs[i] = rnd() * 1e3;
rows.push(bench1("Math.log  x in (0,1e3]", Math.log));
rows.push(bench1("libm.log  x in (0,1e3]", L.log));
for (let i = 0; i < M; i++) xs[i] = 0.9375 + rnd() * 0.127;
rows.push(bench1("Math.log  x near 1", Math.log));
rows.push(bench1("libm.log  x near 1", L.log));
for (let i = 0; i < M; i++) {
  xs[i] = 3;
  ys[i] = (rnd() * 70 - 26.3) / 10;
}
rows.push(bench2("Math.pow  3^((celsius-6.3)/10)", Math.pow));
rows.push(bench2("libm.pow  3^((celsius-6.3)/10)", L.pow));
for (let i = 0; i < M; i++) {
  xs[i] = rnd() * 100;
  ys[i] = (rnd() * 2 - 1) * 10;
}
rows.push(bench2("Math.pow  x in (0,100), y in [-10,10]", Math.pow));
rows.push(bench2("libm.pow  x in (0,100), y in [-10,10]", L.pow));

let sink = 0;
for (const r of rows) {
  console.log(`${r.name.padEnd(40)} ${r.ns.toFixed(2).padStart(7)} ns/call`);
  sink += r.acc;
}
if (sink === 42) console.log(""); // keep the results observable
