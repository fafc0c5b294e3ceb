// The elementary functions the mechanisms use. NEURON calls glibc's exp/pow/log; V8's Math.*
// differ from glibc in the last bit for a few percent of arguments, so every kernel imports
// these names from here, and here they are libm.ts's glibc-exact versions (bit for bit with
// glibc 2.36's FMA variants, the ones NEURON uses on any x86_64 CPU with FMA and AVX2).
import { exp } from "./libm.ts";
export { exp, log, pow } from "./libm.ts";

/**
 * a[i] = exp(a[i]) for i < n. Kernels collect their exp arguments and call this once per step,
 * so that an exact exp costs no call or allocation per element.
 */
export function expArray(a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) a[i] = exp(a[i]!);
}
