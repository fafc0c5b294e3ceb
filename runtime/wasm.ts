// A small WebAssembly assembler: enough of the binary format to emit the engine's kernels (f64 and
// i32 arithmetic, v128 locals for libm's kernel, loads and stores, loops, calls, raw function
// bodies, and one memory: imported, or the module's own and exported). No dependency and no text format: code is built as byte arrays by the helpers below,
// written as nested expressions, e.g.
//
//   store(RHS, nd, sub(load(RHS, nd), get(ir)))        // rhs[nd] -= ir
//
// Every f64 operation is the IEEE-754 operation of the same name (round to nearest, no fused
// multiply-add, no reassociation): a kernel written here gives the same bits as the same
// expression in JavaScript or in NEURON's C, operation for operation. Keep the operand order of
// the source expression (a - b - c is sub(sub(a, b), c)).

export type Code = number[];

// The part of the WebAssembly API used here (the project's TypeScript lib has no DOM types).
export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  grow(pages: number): number;
}
export interface WasmModule {
  readonly __wasmModule?: never;
}
export interface WasmApi {
  Memory: new (d: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (m: WasmModule, imports: object) => { exports: Record<string, unknown> };
}
/** The engine's WebAssembly, or null where there is none. */
export const WA: WasmApi | null = (globalThis as { WebAssembly?: WasmApi }).WebAssembly ?? null;

export const I32 = 0x7f;
export const I64 = 0x7e;
export const F64 = 0x7c;
export const V128 = 0x7b;
export type ValType = typeof I32 | typeof I64 | typeof F64 | typeof V128;

/** Unsigned LEB128. */
export function leb(n: number): Code {
  const out: Code = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (32-bit range). */
export function sleb(n: number): Code {
  const out: Code = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const cat = (...parts: Code[]): Code => {
  const out: Code = [];
  for (const p of parts) for (let i = 0; i < p.length; i++) out.push(p[i]!);
  return out;
};
export const seq = cat;

// ------------------------------------------------------------------ constants, locals
const f64buf = new DataView(new ArrayBuffer(8));
export function f64(v: number): Code {
  f64buf.setFloat64(0, v, true);
  const out = [0x44];
  for (let i = 0; i < 8; i++) out.push(f64buf.getUint8(i));
  return out;
}
export const i32 = (v: number): Code => [0x41, ...sleb(v | 0)];
export const get = (i: number): Code => [0x20, ...leb(i)];
export const set = (i: number, value: Code): Code => cat(value, [0x21, ...leb(i)]);
export const tee = (i: number, value: Code): Code => cat(value, [0x22, ...leb(i)]);
export const drop = (value: Code): Code => cat(value, [0x1a]);

// ------------------------------------------------------------------ f64 arithmetic
const bin = (op: number) => (a: Code, b: Code): Code => cat(a, b, [op]);
const un = (op: number) => (a: Code): Code => cat(a, [op]);
export const add = bin(0xa0);
export const sub = bin(0xa1);
export const mul = bin(0xa2);
export const div = bin(0xa3);
export const fmin = bin(0xa4);
export const fmax = bin(0xa5);
export const neg = un(0x9a);
export const fabs = un(0x99);
export const feq = bin(0x61);
export const fne = bin(0x62);
export const flt = bin(0x63);
export const fgt = bin(0x64);
export const fle = bin(0x65);
export const fge = bin(0x66);
/** f64 -> i32, truncating toward zero (traps outside the i32 range: guard the argument). */
export const truncI32 = un(0xaa);
export const convertI32 = un(0xb7);

// ------------------------------------------------------------------ i32 arithmetic
export const iadd = bin(0x6a);
export const isub = bin(0x6b);
export const imul = bin(0x6c);
export const iand = bin(0x71);
export const ior = bin(0x72);
export const ishl = bin(0x74);
export const ishrS = bin(0x75);
export const ieqz = un(0x45);
export const ieq = bin(0x46);
export const ine = bin(0x47);
export const iltS = bin(0x48);
export const iltU = bin(0x49);
export const igtS = bin(0x4a);
export const ileS = bin(0x4c);
export const igeS = bin(0x4e);
export const igeU = bin(0x4f);
export const select = (a: Code, b: Code, cond: Code): Code => cat(a, b, cond, [0x1b]);

// ------------------------------------------------------------------ memory
/** A load's or store's alignment (log2 bytes) and constant offset. */
export const memarg = (align: number, offset: number): Code => [...leb(align), ...leb(offset)];
/** f64 at byte address `addr` + `offset` (offset: a non-negative constant). */
export const load = (offset: number, addr: Code): Code => cat(addr, [0x2b], memarg(3, offset));
export const store = (offset: number, addr: Code, value: Code): Code => cat(addr, value, [0x39], memarg(3, offset));
export const loadI32 = (offset: number, addr: Code): Code => cat(addr, [0x28], memarg(2, offset));
export const storeI32 = (offset: number, addr: Code, value: Code): Code => cat(addr, value, [0x36], memarg(2, offset));

// ------------------------------------------------------------------ control
export const BLOCK = [0x02, 0x40];
export const LOOP = [0x03, 0x40];
export const IF = [0x04, 0x40];
export const END = [0x0b];
export const br = (depth: number): Code => [0x0c, ...leb(depth)];
export const brIf = (depth: number, cond: Code): Code => cat(cond, [0x0d, ...leb(depth)]);
export const ret = (value: Code = []): Code => cat(value, [0x0f]);
export const call = (fn: number, ...args: Code[]): Code => cat(...args, [0x10, ...leb(fn)]);
export const block = (...body: Code[]): Code => cat(BLOCK, ...body, END);
/** A loop label: `br(0)` inside continues it; falling off the end leaves it. */
export const loop = (...body: Code[]): Code => cat(LOOP, ...body, END);
export const ifThen = (cond: Code, ...body: Code[]): Code => cat(cond, IF, ...body, END);
export const ifElse = (cond: Code, then: Code, otherwise: Code): Code => cat(cond, IF, then, [0x05], otherwise, END);
/** `cond ? a : b` as an i32 value. */
export const ifI32 = (cond: Code, a: Code, b: Code): Code => cat(cond, [0x04, I32], a, [0x05], b, END);
/** `cond ? a : b` as an f64 value. */
export const ifF64 = (cond: Code, a: Code, b: Code): Code => cat(cond, [0x04, F64], a, [0x05], b, END);

/**
 * for (i = start; i < end; i += step) body — i32 local `i`, `end` an expression evaluated each
 * iteration (use a local). The body must not branch out of the loop except through depth >= 2.
 */
export function forUp(i: number, start: Code, end: Code, step: number, ...body: Code[]): Code {
  return cat(
    set(i, start),
    BLOCK,
    LOOP,
    brIf(1, igeS(get(i), end)),
    ...body,
    set(i, iadd(get(i), i32(step))),
    br(0),
    END,
    END,
  );
}

/** for (i = start; i >= end; i -= step) body. */
export function forDown(i: number, start: Code, end: Code, step: number, ...body: Code[]): Code {
  return cat(
    set(i, start),
    BLOCK,
    LOOP,
    brIf(1, iltS(get(i), end)),
    ...body,
    set(i, isub(get(i), i32(step))),
    br(0),
    END,
    END,
  );
}

// ------------------------------------------------------------------ functions and modules

export class Func {
  readonly locals: ValType[] = [];
  body: Code = [];
  constructor(
    readonly name: string,
    readonly params: readonly ValType[],
    readonly results: readonly ValType[],
  ) {}

  /** A new local of `type`; returns its index. */
  local(type: ValType): number {
    this.locals.push(type);
    return this.params.length + this.locals.length - 1;
  }

  encode(): Code {
    // run-length groups of local types
    const groups: Code[] = [];
    for (let i = 0; i < this.locals.length; ) {
      let j = i;
      while (j < this.locals.length && this.locals[j] === this.locals[i]) j++;
      groups.push([...leb(j - i), this.locals[i]!]);
      i = j;
    }
    const body = cat(leb(groups.length), ...groups, this.body, END);
    return cat(leb(body.length), body);
  }
}

/**
 * A function whose body comes ready-encoded (locals and code, as in a module's code section,
 * without the size prefix): e.g. another module's function reused verbatim.
 */
export class RawFunc {
  constructor(
    readonly name: string,
    readonly params: readonly ValType[],
    readonly results: readonly ValType[],
    readonly body: Uint8Array,
  ) {}

  encode(): Code {
    return cat(leb(this.body.length), Array.from(this.body));
  }
}

/** The body (locals and code) of function `index` of a module's code section. */
export function functionBody(bytes: Uint8Array, index: number): Uint8Array {
  let p = 8;
  const rd = () => {
    let r = 0, s = 0, x: number;
    do {
      x = bytes[p++]!;
      r |= (x & 0x7f) << s;
      s += 7;
    } while (x & 0x80);
    return r >>> 0;
  };
  while (p < bytes.length) {
    const id = bytes[p++]!;
    const size = rd();
    const start = p;
    if (id === 10) {
      const n = rd();
      for (let i = 0; i < n; i++) {
        const sz = rd();
        if (i === index) return bytes.slice(p, p + sz);
        p += sz;
      }
    }
    p = start + size;
  }
  throw new Error(`internal: no function ${index} in the module`);
}

export interface ImportFunc {
  readonly module: string;
  readonly name: string;
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}

export const name = (s: string): Code => {
  const b = Array.from(new TextEncoder().encode(s));
  return [...leb(b.length), ...b];
};
export const section = (id: number, body: Code): Code => cat([id], leb(body.length), body);
export const vec = (items: Code[]): Code => cat(leb(items.length), ...items);

/**
 * A module importing one memory ("env", "mem"; `shared` for a SharedArrayBuffer-backed one) and
 * the functions in `imports` (indices 0..k-1), defining `funcs` (indices k..), all exported by name.
 * With `memory` "export" the module defines the memory itself instead, with a fixed size when
 * maxPages = memPages, and exports it as "mem" after the functions.
 */
export function moduleBytes(imports: readonly ImportFunc[], funcs: ReadonlyArray<Func | RawFunc>, memPages: number, shared = false, maxPages = memPages, memory: "import" | "export" = "import"): Uint8Array {
  const types: string[] = [];
  const typeCodes: Code[] = [];
  const typeOf = (params: readonly ValType[], results: readonly ValType[]) => {
    const key = `${params.join(",")}:${results.join(",")}`;
    let k = types.indexOf(key);
    if (k < 0) {
      k = types.length;
      types.push(key);
      typeCodes.push(cat([0x60], vec(params.map((p) => [p])), vec(results.map((r) => [r]))));
    }
    return k;
  };
  const own = memory === "export";
  // limits: a maximum for a shared memory (required) and for the module's own (its fixed size)
  const limits = shared || own ? [shared ? 0x03 : 0x01, ...leb(memPages), ...leb(maxPages)] : [0x00, ...leb(memPages)];
  const importCodes: Code[] = own ? [] : [cat(name("env"), name("mem"), [0x02], limits)];
  for (const im of imports) importCodes.push(cat(name(im.module), name(im.name), [0x00], leb(typeOf(im.params, im.results))));
  const funcTypes = funcs.map((f) => leb(typeOf(f.params, f.results)));
  const exports = funcs.map((f, i) => cat(name(f.name), [0x00], leb(imports.length + i)));
  if (own) exports.push(cat(name("mem"), [0x02, 0x00]));
  return new Uint8Array(cat(
    [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    section(1, vec(typeCodes)),
    importCodes.length > 0 ? section(2, vec(importCodes)) : [],
    section(3, vec(funcTypes)),
    own ? section(5, vec([limits])) : [],
    section(7, vec(exports)),
    section(10, vec(funcs.map((f) => f.encode()))),
  ));
}

/**
 * V8 compiles WebAssembly with its baseline compiler (Liftoff) and, by default, moves a function
 * to the optimising one (TurboFan) only after it has run a while, and compiles functions lazily
 * at their first call. The generated step runs for the whole run from its first call, so both
 * cost: hh_cable 101 spent its first 400-800 steps in Liftoff code (1.3-1.8 ms per 100 steps
 * against 0.93 optimised), and the network's worker threads ran their first units 3x slower.
 * Eager tier-up compiles every function with Liftoff when the module is made (a millisecond or
 * two, at finitialize) and with TurboFan at once on a background thread. Node only; set once,
 * before the first module is made (the event queue's, runtime/idtree.ts, or a model's step).
 */
let tieringSet = false;
export function tierUpEagerly(): void {
  if (tieringSet) return;
  tieringSet = true;
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const v8 = proc?.getBuiltinModule?.("node:v8") as { setFlagsFromString?: (flags: string) => void } | undefined;
  v8?.setFlagsFromString?.("--no-wasm-dynamic-tiering --no-wasm-lazy-compilation");
}
