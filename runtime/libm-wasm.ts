/**
 * The WebAssembly kernels behind `exp` and `expArray` (runtime/libm.ts): glibc 2.36's __exp_fma
 * algorithm two arguments at a time, with every step that GCC fused into a vfmadd in libm.so.6
 * done by the relaxed-SIMD `f64x2.relaxed_madd` (and every other step by the same plain operation
 * glibc uses), so that the results are glibc's bit for bit. On x86_64 with FMA3, V8 compiles
 * relaxed_madd to vfmadd*pd, one rounding as in glibc (and on arm64 to fmla, also fused); on a
 * CPU without FMA it is a multiply and an add, two roundings. So both functions first evaluate one
 * madd whose fused and unfused results differ (operands read from memory, so that nothing can be
 * folded at compile time) and refuse to run if it did not fuse; libm.ts then switches to its
 * JavaScript paths for good. The check is in the same compiled code as the kernel, so it also
 * covers V8's two compilers (Liftoff, TurboFan; both use the same macro-assembler routine).
 *
 * No external WebAssembly assembler is used (and no new dependency is wanted for one):
 * the code is written here as a flat stream of a few dozen opcodes and encoded with the engine's
 * small assembler (runtime/wasm.ts); `expModuleBytes()` returns the binary (~2 KB), built once at
 * load time.
 *
 * Memory (exported as `mem`, fixed size, filled by libm.ts after instantiation):
 *   [0, 2048)          the exp table: entry j (16 bytes) = T[j] (f64), then the bits of H[j]
 *                      minus j << 45 (i64), as glibc's __exp_data.tab
 *   [2048, 2096)       the fusion test: a, b, c (one v128 each): a*b + c is 2^-60 only if fused
 *   [2112, 2184)       EXP_CONSTANTS, one double each, splatted into locals
 *   [4096, 20480)      the copy buffer: arrays outside this memory go through it, CHUNK at a time
 *   [20480, end)       scratch arrays handed out by `expScratch` (in place, no copies)
 * Exports:
 *   exp(p: i32, n: i32) -> i32   the n doubles at byte offset p replaced by their exp. Returns 0
 *                                when done; -1 if madd does not fuse (nothing written); else the
 *                                offset of the first block (of 8, 2 or 1) holding an argument
 *                                outside the main path (|x| >= 512, inf, nan): everything before
 *                                it is done and it and all after are untouched (the caller does
 *                                a few with the scalar exp and calls again after them).
 *   exp1(x: f64) -> f64          exp(x) for |x| < 512 (the caller checks); nan if madd does not
 *                                fuse.
 * The main path needs no other exception: |x| < 2^-54, which glibc returns as 1 + x before the
 * reduction, gives kd = 0, r = x, tmp = x (r*r is below half an ulp of x) and fma(1, x, 1) = 1 + x.
 */

import {
  BLOCK, br, brIf as brIfTo, type Code, END, f64, F64, Func, get, I32, i32, IF, leb, LOOP, memarg, moduleBytes, ret, set as setTo,
  tee as teeTo, V128, type ValType,
} from "./wasm.ts";

export const EXP_TABLE_OFFSET = 0;
export const FMA_TEST_OFFSET = 2048;
export const CONST_OFFSET = 2112;
export const DATA_OFFSET = 4096;
/** Doubles in the copy buffer (arrays outside the module's memory are done in chunks this long). */
export const CHUNK = 2048;
export const SCRATCH_OFFSET = DATA_OFFSET + 8 * CHUNK;
/**
 * Size of the memory in 64 KiB pages, fixed: it never grows, so views on it stay valid (growing
 * would detach them). ~16 MiB of scratch, 2M doubles; untouched pages cost no physical memory.
 */
export const MEMORY_PAGES = 257;
export const SCRATCH_END = MEMORY_PAGES * 65536;

// glibc's exp constants (same values as runtime/libm.ts)
const INV_LN2_N = 184.6649652337873;
const NEG_LN2_HI_N = -0.005415212348111709;
const NEG_LN2_LO_N = -1.2864023111638346e-14;
const SHIFT = 6755399441055744;
const EC2 = 0.49999999999996786;
const EC3 = 0.16666666666665886;
const EC4 = 0.0416666808410674;
const EC5 = 0.008333335853059549;
/**
 * In memory at CONST_OFFSET, in the order of their locals (CINV...); the last is the largest
 * double below 512, the main path's bound.
 */
export const EXP_CONSTANTS = [INV_LN2_N, SHIFT, NEG_LN2_HI_N, NEG_LN2_LO_N, EC2, EC3, EC4, EC5, 511.99999999999994];

// ---- instructions ----
// The code below is a flat instruction stream (operands pushed before their operator), so set, tee
// and br_if here take their operand from the stack; the encoders are runtime/wasm.ts's.
const F64_NAN = f64(Number.NaN);
const simd = (op: number): Code => [0xfd, ...leb(op)];
const set = (i: number): Code => setTo(i, []);
const tee = (i: number): Code => teeTo(i, []);
const brIf = (d: number): Code => brIfTo(d, []);
const v128load = (offset = 0): Code => [...simd(0x00), ...memarg(4, offset)];
const v128store = (offset = 0): Code => [...simd(0x0b), ...memarg(4, offset)];
const v128load64zero = (): Code => [...simd(0x5d), ...memarg(3, 0)];
const v128store64lane0 = (): Code => [...simd(0x5b), ...memarg(3, 0), 0];
const shuffle = (lanes: number[]): Code => [...simd(0x0d), ...lanes];
const i64x2ExtractLane = (l: number): Code => [...simd(0x1d), l];
const MADD = simd(0x107); // f64x2.relaxed_madd(a, b, c) = a*b + c
const F64X2_ADD = simd(0xf0);
const F64X2_SUB = simd(0xf1);
const F64X2_MUL = simd(0xf2);
const F64X2_ABS = simd(0xec);
const I64X2_SHL = simd(0xcb);
const I64X2_ADD = simd(0xce);
const I32_WRAP_I64 = [0xa7];
const I32_AND = [0x71];
const I32_SHL = [0x74];
const I32_ADD = [0x6a];
const I32_EQZ = [0x45];
const I32_SUB = [0x6b];
const I32_LT_U = [0x49];
const V128_OR = simd(0x50);
const V128_ANY_TRUE = simd(0x53);
const I64X2_GT_S = simd(0xd9);
const I32_GE_U = [0x4f];
const RETURN = ret();

// locals: params p = 0, n = 1; i32 end = 2, end8 = 3; v128 from 4 on (exp1 has the same layout,
// its f64 parameter in place of p and three unused i32s)
const P = 0, N = 1, END_P = 2, END8 = 3;
const X = 4, Z = 5, KD = 6, R = 7, R2 = 8, E0 = 9, E1 = 10, TMP = 11, SB = 12, X2 = 13;
const CINV = 14, CSHIFT = 15, CNHI = 16, CNLO = 17, CC2 = 18, CC3 = 19, CC4 = 20, CC5 = 21, CLIM = 22, X3 = 23, X4 = 24;
const N_I32_LOCALS = 2;
const N_V128_LOCALS = X4 - X + 1;

/** Table entry address (byte offset) of lane l of z: ((ki & 127) << 4). */
function entry(l: number): Code {
  return [...get(Z), ...i64x2ExtractLane(l), ...I32_WRAP_I64, ...i32(127), ...I32_AND, ...i32(4), ...I32_SHL];
}

/**
 * exp of the pair in local x, result left on the stack: glibc's main path, operation for operation
 * as in this machine's libm.so.6 (__ieee754_exp_fma, read with gdb): vfmadd for z, both steps of
 * r, C2 + r*C3, C4 + r*C5, (tail + r) + r2*p23, q + r4*p45 and scale + scale*tmp; vsubsd for kd,
 * vaddsd for tail + r, vmulsd for r2 and r4.
 */
function expPair(x: number): Code {
  return [
    // z = fma(x, InvLn2N, Shift); kd = z - Shift
    ...get(x), ...get(CINV), ...get(CSHIFT), ...MADD, ...tee(Z),
    ...get(CSHIFT), ...F64X2_SUB, ...set(KD),
    // r = fma(kd, NegLn2hiN, x); r = fma(kd, NegLn2loN, r)
    ...get(KD), ...get(CNHI), ...get(x), ...MADD, ...set(R),
    ...get(KD), ...get(CNLO), ...get(R), ...MADD, ...set(R),
    // table entries of both lanes
    ...entry(0), ...v128load(EXP_TABLE_OFFSET), ...set(E0),
    ...entry(1), ...v128load(EXP_TABLE_OFFSET), ...set(E1),
    // tmp = tail + r
    ...get(E0), ...get(E1), ...shuffle([0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23]),
    ...get(R), ...F64X2_ADD, ...set(TMP),
    // tmp = fma(r2, fma(r, C3, C2), tmp)
    ...get(R), ...get(R), ...F64X2_MUL, ...tee(R2),
    ...get(R), ...get(CC3), ...get(CC2), ...MADD,
    ...get(TMP), ...MADD, ...set(TMP),
    // tmp = fma(r2*r2, fma(r, C5, C4), tmp)
    ...get(R2), ...get(R2), ...F64X2_MUL,
    ...get(R), ...get(CC5), ...get(CC4), ...MADD,
    ...get(TMP), ...MADD, ...set(TMP),
    // sbits = T[idx+1] + (ki << 45); result = fma(scale, tmp, scale)
    ...get(E0), ...get(E1), ...shuffle([8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31]),
    ...get(Z), ...i32(45), ...I64X2_SHL, ...I64X2_ADD, ...tee(SB),
    ...get(TMP), ...get(SB), ...MADD,
  ];
}

/**
 * v128 mask on the stack: all ones in the lanes of local x that leave the main path, |x| >= 512,
 * inf or nan (as integers, the bits of |x| are then above those of the largest double below 512).
 */
function specialMask(x: number): Code {
  return [...get(x), ...F64X2_ABS, ...get(CLIM), ...I64X2_GT_S];
}

/** Leaves the function with p if the i32 on the stack is not 0 (some lane is special). */
function exitIf(): Code {
  return [...IF, ...get(P), ...RETURN, ...END];
}

/** i32 on the stack: 1 if madd does not fuse (from memory, so that nothing is folded at compile time). */
function notFused(): Code {
  return [
    ...i32(0), ...v128load(FMA_TEST_OFFSET),
    ...i32(0), ...v128load(FMA_TEST_OFFSET + 16),
    ...i32(0), ...v128load(FMA_TEST_OFFSET + 32), ...MADD,
    ...simd(0x21), 0, ...f64(2 ** -60), 0x62, // f64x2.extract_lane 0, f64.ne
  ];
}

/** The constants into their locals, each splatted from its double at CONST_OFFSET. */
function loadConstants(count = EXP_CONSTANTS.length): Code {
  const out: Code = [];
  EXP_CONSTANTS.slice(0, count).forEach((_, i) => out.push(...i32(0), ...simd(0x0a), ...memarg(3, CONST_OFFSET + 8 * i), ...set(CINV + i)));
  return out;
}

let built: Uint8Array | null = null;

/** The module's binary, built on the first call (libm.ts instantiates it, math.ts copies its exp function into the generated step). */
export function expModuleBytes(): Uint8Array {
  return (built ??= buildModule());
}

function buildModule(): Uint8Array {
  const code = [
    ...notFused(), ...IF, ...i32(-1), ...RETURN, ...END,
    ...loadConstants(),
    // end = p + 8n, end8 = p + 8 * (n & ~7)
    ...get(P), ...get(N), ...i32(3), ...I32_SHL, ...I32_ADD, ...set(END_P),
    ...get(P), ...get(N), ...i32(-8), ...I32_AND, ...i32(3), ...I32_SHL, ...I32_ADD, ...set(END8),
    // blocks of eight
    ...BLOCK,
    ...LOOP,
    ...get(P), ...get(END8), ...I32_GE_U, ...brIf(1),
    ...get(P), ...v128load(), ...set(X),
    ...get(P), ...v128load(16), ...set(X2),
    ...get(P), ...v128load(32), ...set(X3),
    ...get(P), ...v128load(48), ...set(X4),
    ...specialMask(X), ...specialMask(X2), ...V128_OR, ...specialMask(X3), ...V128_OR, ...specialMask(X4), ...V128_OR, ...V128_ANY_TRUE, ...exitIf(),
    ...get(P), ...expPair(X), ...v128store(),
    ...get(P), ...expPair(X2), ...v128store(16),
    ...get(P), ...expPair(X3), ...v128store(32),
    ...get(P), ...expPair(X4), ...v128store(48),
    ...get(P), ...i32(64), ...I32_ADD, ...set(P),
    ...br(0),
    ...END,
    ...END,
    // pairs
    ...BLOCK,
    ...LOOP,
    ...get(END_P), ...get(P), ...I32_SUB, ...i32(16), ...I32_LT_U, ...brIf(1),
    ...get(P), ...v128load(), ...set(X),
    ...specialMask(X), ...V128_ANY_TRUE, ...exitIf(),
    ...get(P), ...expPair(X), ...v128store(),
    ...get(P), ...i32(16), ...I32_ADD, ...set(P),
    ...br(0),
    ...END,
    ...END,
    // the last element alone (lane 1 = 0)
    ...get(P), ...get(END_P), ...I32_LT_U,
    ...IF,
    ...get(P), ...v128load64zero(), ...set(X),
    ...specialMask(X), ...V128_ANY_TRUE, ...exitIf(),
    ...get(P), ...expPair(X), ...v128store64lane0(),
    ...END,
    ...i32(0),
  ];
  const exp = new Func("exp", [I32, I32], [I32]);
  exp.locals.push(...repeat(I32, N_I32_LOCALS), ...repeat(V128, N_V128_LOCALS));
  exp.body = code;
  // exp1(x: f64) -> f64: one argument with |x| < 512 (the caller checks); nan if madd does not fuse
  const exp1 = new Func("exp1", [F64], [F64]);
  exp1.locals.push(...repeat(I32, 3), ...repeat(V128, N_V128_LOCALS));
  exp1.body = [
    ...notFused(), ...IF, ...F64_NAN, ...RETURN, ...END,
    ...loadConstants(EXP_CONSTANTS.length - 1),
    ...get(0), ...simd(0x14), ...set(X),
    ...expPair(X), ...simd(0x21), 0,
  ];
  // no imports; the memory is the module's own, of a fixed size, exported as "mem" after exp, exp1
  return moduleBytes([], [exp, exp1], MEMORY_PAGES, false, MEMORY_PAGES, "export");
}

const repeat = (type: ValType, n: number): ValType[] => new Array<ValType>(n).fill(type);
