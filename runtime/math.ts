// The elementary functions the mechanisms use, as NEURON's compiled mechanisms see them.
//
// nocmodl's C starts with `#define exp hoc_Exp`: exp(x) is 0 below -700 and exp(700) (with a
// warning on stderr, at most four times) above 700; otherwise glibc's exp. pow and log are
// glibc's. libm.ts reproduces glibc 2.36's FMA variants bit for bit (V8's Math.* differ in the
// last bit for a few percent of arguments), so every kernel imports these names from here.
import { exp as glibcExp, expArray as glibcExpArray, expScratch as glibcExpScratch, expUsesWasm } from "./libm.ts";
import { DATA_OFFSET, expModuleBytes } from "./libm-wasm.ts";
import { functionBody } from "./wasm.ts";
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
 * per step, so that an exact exp costs no call or allocation per element: libm's batch kernel
 * (WebAssembly with hardware fma where available) when every argument is inside hoc_Exp's
 * [-700, 700], else element by element with hoc_Exp's clamping and warnings.
 */
export function expArray(a: Float64Array, n: number): void {
  let inRange = true;
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    if (!(x >= -700. && x <= 700.)) {
      inRange = false;
      break;
    }
  }
  if (inRange) {
    glibcExpArray(a, n);
    return;
  }
  for (let i = 0; i < n; i++) a[i] = exp(a[i]!);
}

/**
 * libm's WebAssembly exp kernel for embedding in another module: its function body (exp(p, n),
 * in place over n doubles at byte offset p; 0 when done, -1 if madd does not fuse, else the offset
 * of the first block it left untouched) and the initialized header of its memory (the table, the
 * fusion test and the constants, bytes [0, DATA_OFFSET)), which the host module must hold at the
 * same addresses. Null where libm runs exp in JavaScript. The kernel is libm's own code, copied,
 * not a reimplementation: it gives libm's bits wherever it runs.
 */
export interface ExpKernel {
  readonly body: Uint8Array;
  readonly header: Uint8Array;
  readonly dataOffset: number;
}
let kernel: ExpKernel | null | undefined;
export function expKernel(): ExpKernel | null {
  if (kernel !== undefined) return kernel;
  kernel = null;
  try {
    if (expUsesWasm()) {
      const view = glibcExpScratch(1);
      const header = new Uint8Array(view.buffer, 0, DATA_OFFSET).slice();
      kernel = { body: functionBody(expModuleBytes(), 0), header, dataOffset: DATA_OFFSET };
    }
  } catch {
    kernel = null;
  }
  return kernel;
}

let scratch: Float64Array = new Float64Array(0);

/**
 * a[i] = exp(a[i]) for i < n when the caller has checked that every a[i] is in [-700, 700]
 * (hoc_Exp is glibc's exp there): libm's batch kernel directly.
 */
export function expArrayInRange(a: Float64Array, n: number): void {
  glibcExpArray(a, n);
}

/**
 * A Float64Array of at least n elements for a kernel's exp arguments, on which `expArray` works
 * in place (no copies) while libm's WebAssembly memory has room. One buffer is shared by every
 * kernel (each uses it only during its own call); it is replaced by a larger one when a kernel
 * needs more, so call this at bind time, not per step, and keep the returned array.
 */
export function expScratch(n: number): Float64Array {
  if (scratch.length < n) scratch = glibcExpScratch(Math.max(n, 2 * scratch.length, 256));
  return scratch;
}
