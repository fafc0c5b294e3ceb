// The elementary functions the mechanisms use, as NEURON's compiled mechanisms see them.
//
// nocmodl's C starts with `#define exp hoc_Exp`: exp(x) is 0 below -700 and exp(700) (with a
// warning on stderr, at most four times) above 700; otherwise glibc's exp. pow and log are
// glibc's. libm.ts reproduces glibc 2.36's FMA variants bit for bit (V8's Math.* differ in the
// last bit for a few percent of arguments), so every kernel imports these names from here.
import { exp as glibcExp } from "./libm.ts";
export { log, pow } from "./libm.ts";

let overflowWarnings = 0;

function overflow(x: number): number {
  // hoc_Exp: ++count < 5 prints; the fifth says no more are coming.
  ++overflowWarnings;
  if (overflowWarnings < 5) process.stderr.write(`exp(${x}) out of range, returning exp(700)\n`);
  if (overflowWarnings === 5) process.stderr.write("No more errno warnings during this execution\n");
  return glibcExp(700.);
}

/** NEURON's hoc_Exp, the exp of every compiled mechanism. */
export function exp(x: number): number {
  if (x < -700.) return 0.;
  if (x > 700) return overflow(x);
  return glibcExp(x);
}

/**
 * a[i] = exp(a[i]) (hoc_Exp) for i < n. Kernels collect their exp arguments and call this once
 * per step, so that an exact exp costs no call or allocation per element.
 */
export function expArray(a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) a[i] = exp(a[i]!);
}
