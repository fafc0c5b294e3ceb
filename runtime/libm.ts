/**
 * Bit-exact `exp`, `log` and `pow`: the same doubles that glibc 2.36's libm returns on x86_64
 * with FMA (the `__exp_fma`, `__log_fma`, `__pow_fma` variants that glibc's ifunc picks on any
 * CPU with FMA+AVX2), so that a simulation reproduces NEURON's C arithmetic bit for bit. V8's
 * Math.exp/log/pow (fdlibm ports) differ from glibc in the last bit for a few percent of inputs.
 *
 * Algorithms: the ARM "optimized-routines" ones that glibc uses since 2.28 (sysdeps/ieee754/dbl-64
 * e_exp.c, e_log.c, e_pow.c, by Szabolcs Nagy):
 *  - exp:  x = k*ln2/128 + r, exp(x) = 2^(k/128) * exp(r); 2^(j/128) from a 128-entry table held as
 *          a double H plus a relative tail T, exp(r) - 1 by a degree-5 polynomial.
 *  - log:  x = 2^k * z, log(x) = k*ln2 + log(c) + log1p(z/c - 1) with c from a 128-entry table;
 *          a separate degree-12 polynomial for x in [0.9375, 1.0645).
 *  - pow:  its own log with ~15 extra bits (hi + tail), multiplied by y in double-double, then the
 *          exp above with the tail added to the reduced argument; special cases for
 *          zero/inf/nan, negative x with integer y, tiny and huge y.
 * The facts used here (constants, table contents, and exactly which a*b + c are fused into one
 * rounding) come from glibc's published source and from disassembling this machine's
 * /usr/lib/x86_64-linux-gnu/libm.so.6 (glibc 2.36, Debian 12): the FMA variants are the same C
 * compiled with -mfma, so GCC contracted most polynomial steps into vfmadd instructions. The exp
 * table is generated at load time with BigInt arithmetic; the log tables (whose 1/c values were
 * chosen by a search, so they are data rather than formulas) are embedded as bit patterns, checked
 * equal to the installed libm's .rodata.
 *
 * How the fused steps are reproduced. JavaScript has no fma, so each function has two paths:
 *  - an exact path (`expExact`, `logExact`, `logNear1Exact`, `powExact`) that computes every fused
 *    step with an exactly rounded software fma (`fma`, Boldo-Melquiond round-to-odd emulation,
 *    behind two cheaper certified shortcuts `fmaF` / `fmaX` that defer to it when unsure);
 *  - a fast path that rounds every step separately (like glibc's non-FMA build), keeps a rigorous
 *    bound on how far that can drift from the fused intermediate values, and returns only when a
 *    final certificate shows that the last rounding cannot differ: the exact sum glibc rounds is
 *    then provably inside the rounding interval of the fast result. Otherwise (a few percent of
 *    arguments, and all special ranges) it calls the exact path. The bounds are derived in the
 *    comments at each function.
 * exp has more: where the engine offers WebAssembly relaxed SIMD and its f64x2.relaxed_madd
 * really fuses (x86_64 with FMA3, arm64; checked at load time and on every call), `exp` and the
 * batch `expArray` run glibc's exact instruction sequence in a small hand-encoded WebAssembly
 * module (runtime/libm-wasm.ts), the fused steps as hardware fma: ~17 ns a call for `exp` (against
 * ~14 for Math.exp) and ~2.5 ns an element for `expArray`. Elsewhere they use the JavaScript paths
 * (`expArrayJs`: exact products and per-step certificates, ~0.45% to the exact path), with the
 * same results. Node 20 (V8 11.3) needs --experimental-wasm-relaxed-simd for the opcodes: set
 * here through node:v8 when missing (the flag only admits the opcodes; V8 11.4+ ships them).
 * test/libm.test.ts checks all three against glibc's own results (test/golden/make_libm.py).
 *
 * Hot path: no allocation, no BigInt; bit access goes through one module-level Float64Array
 * aliased with a Uint32Array (little-endian: u32[0] is the low word, u32[1] the high word).
 * Not reproduced: signalling-NaN payloads (JavaScript engines may quieten NaNs; every NaN result
 * here is a NaN, as in glibc).
 */

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

// ---------------------------------------------------------------------------------------------
// Exactly rounded fused multiply-add.
// ---------------------------------------------------------------------------------------------

/** Veltkamp splitter 2^27 + 1: a = hi + lo with hi, lo of at most 26 significant bits each. */
const SPLIT = 134217729;

/**
 * fma(a, b, c) = a*b + c with a single rounding (round to nearest even), for finite arguments
 * whose product and sum neither overflow nor underflow (|a|,|b| < 2^995, |a*b| > 2^-968 or
 * a*b = 0): that covers every use here.
 *
 * Boldo & Melquiond, "Emulation of FMA and correctly-rounded sums: proved algorithms using
 * rounding to odd", IEEE Trans. Computers 57(4), 2008: with uh + ul = a*b exactly (Dekker) and
 * th + tl = c + uh exactly (Knuth's TwoSum), RN(th + RO(tl + ul)) = RN(a*b + c), where RO rounds
 * to odd. A plain double-double RN(th + RN(tl + ul)) is NOT always correct: it can double-round
 * when th + RN(tl + ul) lands exactly on a midpoint; rounding to odd keeps the sticky information.
 */
export function fma(a: number, b: number, c: number): number {
  const uh = a * b;
  // Dekker's exact product: uh + ul = a*b
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const ul = ah * bh - uh + ah * bl + al * bh + al * bl;
  // TwoSum: th + tl = c + uh
  const th = c + uh;
  let bv = th - c;
  const tl = c - (th - bv) + (uh - bv);
  // v = RO(tl + ul): RN, then if inexact and the significand is even step one ulp towards the
  // exact value (the result is then the odd neighbour on the correct side).
  let v = tl + ul;
  bv = v - tl;
  const err = tl - (v - bv) + (ul - bv);
  if (err !== 0) v = toOdd(v, err);
  return th + v;
}

/** The odd-significand neighbour of v on the side of v + err (err != 0, v != 0, |err| < ulp(v)). */
function toOdd(v: number, err: number): number {
  f64[0] = v;
  const lo = u32[0];
  if ((lo & 1) !== 0) return v;
  if (err > 0 === v > 0) {
    u32[0] = lo + 1; // away from zero; lo is even so there is no carry
  } else if (lo !== 0) {
    u32[0] = lo - 1; // towards zero
  } else {
    u32[0] = 0xffffffff;
    u32[1] = u32[1] - 1;
  }
  return f64[0];
}

/**
 * 2^-53 * (1 + 2^-52): for normal m > 0, m - (m - m*PHI) is the gap from m down to its
 * predecessor, the smaller of m's two gaps (Rump, Zimmermann, Boldo, Melquiond, "Computing
 * predecessor and successor in rounding to nearest", BIT 2009). All certificates compare twice an
 * error bound with that gap; it rounds to 0 near the underflow threshold, failing safe.
 */
const PHI = 1.1102230246251568e-16;
// powers of two used in error bounds (exact, so multiplying by them adds no rounding)
const P2_M48 = 2 ** -48;
const P2_M49 = 2 ** -49;
const P2_M51 = 2 ** -51;
const P2_M52 = 2 ** -52;
const P2_M56 = 2 ** -56;
const P2_M65 = 2 ** -65;
const P2_M74 = 2 ** -74;
const P2_M96 = 2 ** -96;
const P2_M102 = 2 ** -102;

/**
 * fma(a, b, c) through a cheap certificate first (exact, like `fma`). s = RN(c + RN(a*b)) is the
 * correctly rounded a*b + c whenever the two neglected errors cannot move the exact sum out of
 * s's rounding interval: with f the exact error of the addition (TwoSum), |e| <= |p|*2^-53 the
 * product's and g the gap below |s| (see PHI), that holds if |f| + |p|*2^-53 < g/2, tested as
 * RN(2|f| + |p|*2^-52) < g (g is a power of two, so RN(X) < g implies X < g). In the
 * polynomial steps |a*b| << |c| and the test fails for roughly |a*b/c| of the calls; only then
 * does the exact algorithm run. s = 0, tiny, inf or nan fail the test too.
 *
 * Small enough for V8 to inline several times into one caller, which matters: a call that is not
 * inlined and returns a double allocates a heap number.
 */
function fmaF(a: number, b: number, c: number): number {
  const p = a * b;
  const s = c + p;
  const bv = s - c;
  const f = c - (s - bv) + (p - bv);
  const m = Math.abs(s);
  if (2 * Math.abs(f) + Math.abs(p) * P2_M52 < m - (m - m * PHI)) return s;
  return fma(a, b, c);
}

/**
 * fma(a, b, c) for the steps where a*b is not small next to c (exact, like `fma`). With the exact
 * product p + e = a*b (Dekker) and s + f = c + p (TwoSum), the result is RN(s + (f + e)), and only
 * the inner sum v = RN(f + e) can be inexact. If f = 0, v = e exactly. If f != 0, c + p was
 * inexact, so |p| < 2|s| (no Sterbenz cancellation) and |f + e| < 2.5 ulp(s): every midpoint
 * between doubles near s + v is s plus a double, and v = RN(f + e) cannot have skipped over one,
 * so RN(s + v) is right unless s + v is itself a midpoint (the double rounding that
 * round-to-odd avoids). That is tested with the exact error g of w = s + v: a midpoint has
 * 2|g| >= the smaller gap of w (harmless false alarms when w is a power of two); those cases,
 * rare, go to `fma`.
 */
function fmaX(a: number, b: number, c: number): number {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const e = ah * bh - p + ah * bl + al * bh + al * bl;
  const s = c + p;
  let bv = s - c;
  const f = c - (s - bv) + (p - bv);
  const v = f + e;
  bv = v - f;
  const w = s + v;
  if (f - (v - bv) + (e - bv) === 0) return w; // f + e was exact: one rounding
  bv = w - s;
  const m = Math.abs(w);
  if (2 * Math.abs(s - (w - bv) + (v - bv)) < m - (m - m * PHI)) return w;
  return fma(a, b, c);
}

/**
 * The exact rounding error of a*b: a*b = RN(a*b) + twoProdErr(a, b, RN(a*b)), for operands
 * without overflow/underflow in the product.
 */
function twoProdErr(a: number, b: number, p: number): number {
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

// ---------------------------------------------------------------------------------------------
// exp
// ---------------------------------------------------------------------------------------------

const EXP_TABLE_BITS = 7;
const EXP_N = 1 << EXP_TABLE_BITS;
const INV_LN2_N = 184.6649652337873; // 0x1.71547652b82fep0 * 128
const NEG_LN2_HI_N = -0.005415212348111709; // -0x1.62e42fefa0000p-8 (low 17 bits zero)
const NEG_LN2_LO_N = -1.2864023111638346e-14; // -0x1.cf79abc9e3b3ap-47
const SHIFT = 6755399441055744; // 0x1.8p52: adding it rounds to an integer
// exp(r) - 1 ~= r + C2 r^2 + C3 r^3 + C4 r^4 + C5 r^5 for |r| <= ln2/256
const EC2 = 0.49999999999996786; // 0x1.ffffffffffdbdp-2
const EC3 = 0.16666666666665886; // 0x1.555555555543cp-3
const EC4 = 0.0416666808410674; // 0x1.55555cf172b91p-5
const EC5 = 0.008333335853059549; // 0x1.1111167a4d017p-7
const P2_1009 = 2 ** 1009;
const P2_M1022 = 2 ** -1022;

/**
 * 2^(j/128) ~= H[j] * (1 + T[j]) for j in [0, 128): T[j] in EXP_TAIL, and the bits of H[j] with
 * j << 45 subtracted (so that adding k << 45 to them for k = 128*e + j yields 2^e * H[j]) in
 * EXP_SBITS_HI / EXP_SBITS_LO. Generated with 200-bit fixed-point BigInt arithmetic; Number(BigInt)
 * rounds to nearest, so H and T are the correctly rounded values glibc tabulates.
 */
const EXP_TAIL = new Float64Array(EXP_N);
const EXP_SBITS_HI = new Int32Array(EXP_N);
const EXP_SBITS_LO = new Uint32Array(EXP_N);

function isqrt(n: bigint): bigint {
  let x = 1n << BigInt((n.toString(2).length >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

(function buildExpTable(): void {
  const P = 200n;
  const ONE = 1n << P;
  // 2^(1/128) by seven square roots of 2 (each isqrt is exact to the last of its 200 bits).
  let root = 2n * ONE;
  for (let i = 0; i < EXP_TABLE_BITS; i++) root = isqrt(root << P);
  let x = ONE; // 2^(j/128) in fixed point; the accumulated error is < 2^-190
  for (let j = 0; j < EXP_N; j++) {
    const hm = (x + (1n << (P - 53n))) >> (P - 52n); // H * 2^52, rounded to nearest
    const h = Number(hm) * 2 ** -52;
    const d = x - (hm << (P - 52n)); // 2^(j/128) - H
    const tail = Number((d << P) / hm) * 2 ** -348; // (2^(j/128) - H) / H = (d/2^200) / (hm/2^52)
    EXP_TAIL[j] = tail;
    f64[0] = h;
    EXP_SBITS_HI[j] = (u32[1] - (j << 13)) | 0;
    EXP_SBITS_LO[j] = u32[0];
    x = (x * root) >> P;
  }
})();

/**
 * Rounds z = x*c + SHIFT as the fused glibc code does, given the double product p = RN(x*c):
 * RN(p) and the exact product round to the same integer except when p is exactly halfway
 * between two integers, where the product's rounding error decides.
 */
function roundProdToInt(x: number, c: number, p: number): number {
  const kd = p + SHIFT - SHIFT;
  const d = p - kd; // exact
  if (d === 0.5 || d === -0.5) {
    const e = twoProdErr(x, c, p);
    if (e > 0) return p + 0.5;
    if (e < 0) return p - 0.5;
  }
  return kd;
}

/**
 * The exp table for the JavaScript fast path, four doubles per j: H[j] (= 2^(j/128) rounded), its
 * Veltkamp halves H_hi[j] + H_lo[j] = H[j] (26 significant bits each, for exact products), and the
 * tail T[j]. POW2[e + 1023] = 2^e for normal exponents, so that scale = 2^e * H[j] is a product
 * (exact) rather than bits assembled through a typed-array alias.
 */
const EXP_HT = new Float64Array(4 * EXP_N);
const POW2 = new Float64Array(2047);
(function buildFastTables(): void {
  for (let j = 0; j < EXP_N; j++) {
    u32[0] = EXP_SBITS_LO[j];
    u32[1] = EXP_SBITS_HI[j] + (j << 13);
    const h = f64[0];
    const t = SPLIT * h;
    const hh = t - (t - h);
    EXP_HT[4 * j] = h;
    EXP_HT[4 * j + 1] = hh;
    EXP_HT[4 * j + 2] = h - hh;
    EXP_HT[4 * j + 3] = EXP_TAIL[j];
  }
  for (let e = -1022; e <= 1023; e++) POW2[e + 1023] = 2 ** e;
})();

/**
 * The WebAssembly kernels (runtime/libm-wasm.ts): exp with hardware fma through relaxed SIMD,
 * or null where that is not available or does not fuse. Set up at the end of this file.
 */
let wasmExp1: ((x: number) => number) | null = null;
let wasmExp: ((p: number, n: number) => number) | null = null;

/**
 * glibc's exp(x).
 *
 * Where the WebAssembly kernel is available (x86_64 with FMA under V8: relaxed SIMD's madd is a
 * real fma there, checked on every call), |x| < 512 goes to it: the same instructions as glibc's
 * __exp_fma, so the same double, at ~17 ns a call against ~14 for Math.exp. Otherwise the
 * JavaScript path of `expArrayJs` on a one-element array (so that this function stays small
 * enough for V8 to inline it and the result needs no heap number).
 */
export function exp(x: number): number {
  const w = wasmExp1;
  if (w !== null && Math.abs(x) < 512) {
    const y = w(x);
    if (y === y) return y;
    disableWasm(); // nan: the madd did not fuse
  }
  const one = EXP_ONE;
  one[0] = x;
  expArrayJs(one, 1);
  return one[0];
}
const EXP_ONE = new Float64Array(1);


/**
 * glibc's exp(x), every fused step emulated exactly. Fused steps (from the disassembly of
 * __exp_fma): z = x*InvLn2N + Shift, r = x + kd*NegLn2hiN (exact anyway), r += kd*NegLn2loN,
 * C2 + r*C3, C4 + r*C5, (tail + r) + r2*(C2 + r*C3), ... + r2*r2*(C4 + r*C5), scale + scale*tmp.
 */
function expExact(x: number): number {
  f64[0] = x;
  const hx = u32[1];
  const abstop = (hx >>> 20) & 0x7ff;
  let special = false;
  if ((abstop - 0x3c9) >>> 0 >= 0x3f) {
    // |x| < 2^-54: exp(x) rounds to 1 + x (and 1 for 0, the common input)
    if (abstop < 0x3c9) return 1.0 + x;
    // |x| >= 1024, inf or nan
    if (abstop >= 0x409) {
      if (x === -Infinity) return 0;
      if (abstop >= 0x7ff) return 1.0 + x;
      return hx >>> 31 ? 0 : Infinity;
    }
    // 512 <= |x| < 1024: the result may overflow or underflow, handled after the reduction
    special = true;
  }
  // x = k*ln2/N + r with |r| <= ln2/2N (fused: z + Shift rounded once)
  const kd = roundProdToInt(x, INV_LN2_N, x * INV_LN2_N);
  const k = kd | 0;
  // kd*NegLn2hiN is exact (|kd| < 2^18, NegLn2hiN has 36 significant bits) and so is the sum,
  // so the fused and unfused forms agree; the low part needs a real fma.
  let r = x + kd * NEG_LN2_HI_N;
  r = fmaF(kd, NEG_LN2_LO_N, r);
  const idx = k & (EXP_N - 1);
  const tail = EXP_TAIL[idx];
  // the bits of scale = 2^(k/N) / (1 + tail): the table entry plus k << 45 (only the high word moves)
  const sHi = (EXP_SBITS_HI[idx] + (k << 13)) | 0;
  const sLo = EXP_SBITS_LO[idx];
  const r2 = r * r;
  const p23 = fmaF(r, EC3, EC2);
  const p45 = fmaF(r, EC5, EC4);
  const tmp = fmaF(r2 * r2, p45, fmaF(p23, r2, tail + r));
  if (special) return expSpecial(tmp, sHi, sLo, k);
  u32[0] = sLo;
  u32[1] = sHi;
  const scale = f64[0];
  return fmaF(scale, tmp, scale);
}

/** exp's result scale*(1 + tmp) when it may overflow (k > 0) or be subnormal (k < 0). */
function expSpecial(tmp: number, sHi: number, sLo: number, k: number): number {
  if (k > 0) {
    // the exponent of scale may have overflowed: scale down by 2^1009 first
    u32[0] = sLo;
    u32[1] = (sHi - (1009 << 20)) | 0;
    const scale = f64[0];
    return P2_1009 * fmaF(scale, tmp, scale);
  }
  u32[0] = sLo;
  u32[1] = (sHi + (1022 << 20)) | 0;
  const scale = f64[0];
  const st = scale * tmp; // not fused here: GCC reuses the product
  let y = scale + st;
  if (y < 1.0) {
    // round to the subnormal precision before scaling, avoiding a double rounding
    let lo = scale - y + st;
    const hi = 1.0 + y;
    lo = 1.0 - hi + y + lo;
    y = hi + lo - 1.0;
    if (y === 0) y = 0; // no -0
  }
  return P2_M1022 * y;
}

// ---------------------------------------------------------------------------------------------
// log
// ---------------------------------------------------------------------------------------------

const LOG_TABLE_BITS = 7;
const LOG_N = 1 << LOG_TABLE_BITS;
const LN2_HI = 0.6931471805598903; // 0x1.62e42fefa3800p-1
const LN2_LO = 5.497923018708371e-14; // 0x1.ef35793c76730p-45
// log1p(r) - r ~= A0 r^2 + ... + A4 r^6 for |r| < 0x1.fp-9
const LA0 = -0.5000000000000001; // -0x1.0000000000001p-1
const LA1 = 0.33333333331825593; // 0x1.555555551305bp-2
const LA2 = -0.2499999999622955; // -0x1.fffffffeb459p-3
const LA3 = 0.20000304511814496; // 0x1.999b324f10111p-3
const LA4 = -0.16667054827627667; // -0x1.55575e506c89fp-3
// log1p(r) ~= r + B0 r^2 + ... + B10 r^12 for x = 1 + r in [1 - 0x1p-4, 1 + 0x1.09p-4)
const LB0 = -0.5;
const LB1 = 0.3333333333333352; // 0x1.5555555555577p-2
const LB2 = -0.24999999999998432; // -0x1.ffffffffffdcbp-3
const LB3 = 0.19999999999320328; // 0x1.999999995dd0cp-3
const LB4 = -0.16666666669929706; // -0x1.55555556745a7p-3
const LB5 = 0.14285715076560868; // 0x1.24924a344de3p-3
const LB6 = -0.12499997863982555; // -0x1.fffffa4423d65p-4
const LB7 = 0.11110712032936046; // 0x1.c7184282ad6cap-4
const LB8 = -0.10000486757818193; // -0x1.999eb43b068ffp-4
const LB9 = 0.09181994006195467; // 0x1.78182f7afd085p-4
const LB10 = -0.08328363062289341; // -0x1.5521375d145cdp-4
const P2_27 = 134217728;
const P2_52 = 4503599627370496;

/** Decodes a string of 16-hex-digit IEEE-754 bit patterns. */
function hexDoubles(hex: string): Float64Array {
  const out = new Float64Array(hex.length / 16);
  for (let i = 0; i < out.length; i++) {
    u32[1] = parseInt(hex.slice(16 * i, 16 * i + 8), 16);
    u32[0] = parseInt(hex.slice(16 * i + 8, 16 * i + 16), 16);
    out[i] = f64[0];
  }
  return out;
}

/**
 * glibc's __log_data.tab: pairs (1/c, log(c)) for the 128 subintervals of [0x1.6p-1, 0x1.6p0),
 * c near each centre, chosen (by a search in the original generator) so that k*ln2hi + log(c) is
 * exact and log(c) has a tiny rounding error.
 */
const LOG_TAB = hexDoubles(
  '3ff734f0c3e0de9fbfd7cc7f79e690003ff713786a2ce91fbfd76feec20d0000' +
  '3ff6f26008fab5a0bfd713e31351e0003ff6d1a61f138c7dbfd6b85b38287800' +
  '3ff6b1490bc5b4d1bfd65d55908078003ff69147332f0cbabfd602d076180000' +
  '3ff6719f18224223bfd5a8ca869090003ff6524f99a51ed9bfd54f4356035000' +
  '3ff63356aa8f24c4bfd4f637c36b40003ff614b36b9ddc14bfd49da7fda85000' +
  '3ff5f66452c65c4cbfd445923989a8003ff5d867b5912c4fbfd3edf439b0b800' +
  '3ff5babccb5b90debfd396ce448f70003ff59d61f2d91a78bfd3401e17bda000' +
  '3ff5805612465687bfd2e9e2ef4680003ff56397cee76bd3bfd2941b3830e000' +
  '3ff54725e2a77f93bfd23ec58cda88003ff52aff42064583bfd1e9e129279000' +
  '3ff50f22dbb2bddfbfd1956d2b48f8003ff4f38f4734ded7bfd141679ab9f800' +
  '3ff4d843cfde2840bfd0edd094ef98003ff4bd3ec078a3c8bfd09aa518db1000' +
  '3ff4a27fc3e0258abfd047e65263b8003ff4880524d48434bfcfeb224586f000' +
  '3ff46dce1b192d0bbfcf474a7517b0003ff453d9d3391854bfcea4443d103000' +
  '3ff43a2744b4845abfce020d44e9b0003ff420b54115f8fbbfcd60a22977f000' +
  '3ff40782da3ef4b1bfccc001049590003ff3ee8f5d57fe8fbfcc202956891000' +
  '3ff3d5d9a00b4ce9bfcb81178d8110003ff3bd60c010c12bbfcae2c9ccd3d000' +
  '3ff3a5242b75dab8bfca45402e1290003ff38d22cd9fd002bfc9a877681df000' +
  '3ff3755bc5847a1cbfc90c6d694830003ff35dce49ad36e2bfc87120a645c000' +
  '3ff34679984dd440bfc7d68fb41430003ff32f5cceffcb24bfc73cb83c627000' +
  '3ff3187775a10d49bfc6a39a9b3760003ff301c8373e3990bfc60b3154b7a000' +
  '3ff2eb4ebb95f841bfc5737d762430003ff2d50a0219a9d1bfc4dc7b8fc23000' +
  '3ff2bef9a8b7fd2abfc4462c51d200003ff2a91c7a0c1babbfc3b08abc830000' +
  '3ff293726014b530bfc31b996b4900003ff27dfa5757a1f5bfc2875490a44000' +
  '3ff268b39b1d3bbfbfc1f3b9f879a0003ff2539d838ff5bdbfc160c8252ca000' +
  '3ff23eb7aac9083bbfc0ce7f57f720003ff22a012ba940b6bfc03cdc49fea000' +
  '3ff2157996cc4132bfbf57bdbc4b80003ff201201dd2fc9bbfbe370896404000' +
  '3ff1ecf4494d480bbfbd17983ef940003ff1d8f5528f6569bfbbf9674ed8a000' +
  '3ff1c52311577e7cbfbadc79202f60003ff1b17c74cb26e9bfb9c0c3e7288000' +
  '3ff19e010c2c1ab6bfb8a646b372c0003ff18ab07bb670bdbfb78d01b3ac0000' +
  '3ff1778a25efbcb6bfb674f1453800003ff1648d354c31dabfb55e0e6d878000' +
  '3ff151b990275fddbfb4485cdea1e0003ff13f0ea432d24cbfb333d94d6aa000' +
  '3ff12c8b7210f9dabfb22079f8c560003ff11a3028ecb531bfb10e4698622000' +
  '3ff107fbda8434afbfaffa6c6ad200003ff0f5ee0f4e6bb3bfadda8d4a774000' +
  '3ff0e4065d2a9fcebfabbcece48500003ff0d244632ca521bfa9a1894012c000' +
  '3ff0c0a77ce2981abfa788583302c0003ff0af2f83c636d1bfa5715e67d68000' +
  '3ff09ddb98a01339bfa35c8a496580003ff08cabaf52e7dfbfa149e364154000' +
  '3ff07b9f2f4e28fbbf9e72c082eb80003ff06ab58c358f19bf9a55f152528000' +
  '3ff059eea5ecf92cbf963d62cf8180003ff04949cdd12c90bf9228fb8caa0000' +
  '3ff038c6c6f0ada9bf8c317b20f900003ff02865137932a9bf8419355daa0000' +
  '3ff0182427ea7348bf781203c2ec00003ff008040614b195bf60040979240000' +
  '3fefe01ff726fa1a3f6feff3849000003fefa11cc261ea743f87dc41353d0000' +
  '3fef6310b081992e3f93cea3c4c280003fef25f63ceeadcd3f9b9fc114890000' +
  '3feee9c8039113e73fa1b0d8ce1100003feeae8078cbb1ab3fa58a5bd001c000' +
  '3fee741aa29d0c9b3fa95c8340d880003fee3a91830a99b53fad276aef578000' +
  '3fee01e009609a563fb07598e598c0003fedca01e577bb983fb253f5e30d2000' +
  '3fed92f20b7c91033fb42edd8b3800003fed5cac66fb5cce3fb606598757c000' +
  '3fed272caa5ede9d3fb7da76356a00003fecf26e3e6b2ccd3fb9ab434e1c6000' +
  '3fecbe6da2a779023fbb78c7bb0d60003fec8b266d37086d3fbd431332e72000' +
  '3fec5894bd5d58043fbf0a3171de60003fec26b533bb9f8c3fc067152b914000' +
  '3febf583eeece73f3fc147858292b0003febc4fd75db96c13fc2266ecdca3000' +
  '3feb951e0c864a283fc303d7a6c550003feb65e2c5ef3e2c3fc3dfc33c331000' +
  '3feb374867c9888b3fc4ba366b7a80003feb094b211d304a3fc5933928d1f000' +
  '3feadbe885f2ef7e3fc66acd2418f0003feaaf1d31603da23fc740f8ec669000' +
  '3fea82e63fd358a73fc815c0f51af0003fea5740ef09738b3fc8e92954f68000' +
  '3fea2c2a90ab4b273fc9bb3602f840003fea01a01393f2d13fca8bed1c2c0000' +
  '3fe9d79f24db3c1b3fcb5b515c01d0003fe9ae2505c7b1903fcc2967ccbcc000' +
  '3fe9852ef297ce2f3fccf635d54860003fe95cbaeea44b753fcdc1bd3446c000' +
  '3fe934c69de748383fce8c01b8cfe0003fe90d4f2f6752e63fcf5509c0179000' +
  '3fe8e6528effd79d3fd00e6c121fb8003fe8bfce9fcc007c3fd071b80e93d000' +
  '3fe899c0dabec30e3fd0d46b9e8670003fe87427aa2317fb3fd13687334bd000' +
  '3fe84f00acb39a083fd1980d672348003fe82a49e8653e553fd1f8ffe0cc8000' +
  '3fe8060195f402603fd2595fd76368003fe7e22563e0a3293fd2b9300914a800' +
  '3fe7beb377dcb5ad3fd31872104360003fe79baa679725c23fd377266dec1800' +
  '3fe77907f21706573fd3d54ffbaf30003fe756cadbd6130c3fd432eee32fe000',
);

/**
 * glibc's log(x).
 *
 * Fast path (x outside [0.9375, 1.0645), normal): r = z*invc - 1 exactly as fused, the rest
 * rounded step by step, then a certificate. glibc returns RN(Y + hi) with
 * Y = (lo + r2*A0) + r3*poly, fused; |r| < 2^-8 bounds every unfused step's deviation
 * (lo: 2^-84, lo + r2*A0: 2^-69.4, the poly: 2^-53 times r3 < 2^-24, Y itself: 2^-69), so
 * |Y - Y_glibc| < 2^-67.9. With y = RN(Y + hi) and its exact error f (Fast2Sum: |hi| >= 1/16 >
 * |Y|), glibc's result is y when |f| + 2^-66 is below half y's smaller gap; otherwise (about
 * 2^-15 of the time for |log x| ~ 1, at most 2^-8 near |log x| = 1/16) `logExact` decides.
 */
export function log(x: number): number {
  f64[0] = x;
  const hi = u32[1];
  // 1 - 0x1p-4 <= x < 1 + 0x1.09p-4: a separate polynomial
  if ((hi - 0x3fee0000) >>> 0 < 0x30900) return logNear1(x);
  // x < 0x1p-1022, inf, nan, negative
  if (((hi >>> 16) - 0x0010) >>> 0 >= 0x7ff0 - 0x0010) return logExact(x);
  // x = 2^k z with z in [0x1.6p-1, 0x1.6p0); OFF = 0x3fe6000000000000 has a zero low word
  const tmp = (hi - 0x3fe60000) | 0;
  const i = (tmp >>> (20 - LOG_TABLE_BITS)) & (LOG_N - 1);
  const kd = tmp >> 20;
  u32[1] = hi - (tmp & 0xfff00000);
  const z = f64[0];
  const invc = LOG_TAB[2 * i];
  const pz = z * invc;
  const r = pz - 1.0 + twoProdErr(z, invc, pz); // = fma(z, invc, -1), see logExact
  const w = kd * LN2_HI + LOG_TAB[2 * i + 1];
  const h = w + r;
  const r2 = r * r;
  const Y = w - h + r + kd * LN2_LO + r2 * LA0 + r * r2 * (LA1 + r * LA2 + r2 * (LA3 + r * LA4));
  const y = Y + h;
  const f = Y - (y - h);
  const m = Math.abs(y);
  if (2 * Math.abs(f) + P2_M65 < m - (m - m * PHI)) return y;
  return logExact(x);
}

/**
 * glibc's log(x), every fused step emulated exactly. Fused steps (from __log_fma):
 * r = z*invc - 1, w = kd*Ln2hi + logc (exact), A1 + r*A2, lo + kd*Ln2lo, A3 + r*A4, lo + r2*A0,
 * (A1 + r*A2) + r2*(A3 + r*A4), (lo + r2*A0) + r3*(...). Near 1 (`logNear1`): every
 * Bi + r*Bj step, lo + B0*rlo*(rhi + r) and y + lo.
 */
function logExact(x: number): number {
  f64[0] = x;
  let hi = u32[1];
  let lo = u32[0];
  const top = hi >>> 16;
  if ((top - 0x0010) >>> 0 >= 0x7ff0 - 0x0010) {
    // x < 0x1p-1022, or inf, or nan
    if (((hi << 1) | lo) === 0) return -Infinity;
    if (x === Infinity) return x;
    if ((top & 0x8000) !== 0 || (top & 0x7ff0) === 0x7ff0) return NaN;
    // subnormal: normalise it
    f64[0] = x * P2_52;
    hi = (u32[1] - (52 << 20)) | 0;
    lo = u32[0];
  }
  // x = 2^k z with z in [0x1.6p-1, 0x1.6p0); OFF = 0x3fe6000000000000 has a zero low word
  const tmp = (hi - 0x3fe60000) | 0;
  const i = (tmp >>> (20 - LOG_TABLE_BITS)) & (LOG_N - 1);
  const kd = tmp >> 20;
  u32[0] = lo;
  u32[1] = hi - (tmp & 0xfff00000);
  const z = f64[0];
  const invc = LOG_TAB[2 * i];
  const logc = LOG_TAB[2 * i + 1];
  // r = z*invc - 1 (fused): z*invc is within 2^-8 of 1, so RN(z*invc) - 1 is exact (Sterbenz) and
  // adding the product's exact error rounds once.
  const pz = z * invc;
  const r = pz - 1.0 + twoProdErr(z, invc, pz);
  // hi + lo = r + log(c) + k*ln2; kd*LN2_HI + logc is exact by construction of the table
  const w = kd * LN2_HI + logc;
  const h = w + r;
  const l = fmaX(kd, LN2_LO, w - h + r);
  const r2 = r * r;
  const q = fmaF(fmaF(r, LA4, LA3), r2, fmaF(r, LA2, LA1));
  return fmaF(r * r2, q, fmaX(r2, LA0, l)) + h;
}

/**
 * log(x) for x in [0.9375, 1.0645), where a table-based r would lose too much to cancellation.
 * Fast path and certificate as in `log`: with rho = |x - 1| < 2^-3.95, the unfused polynomial is
 * within 2^-52.3 of glibc's fused one (about 0.4 of its 2^-54 ulps per step), and
 * Y = lo + r^3*poly within rho^3*2^-51.2 + rho^2*2^-76.4 + rho*2^-104.4 (the last two from the
 * fused lo + B0*rlo*(rhi + r), |rlo| <= 2^-26 rho); twice that, with margin, is
 * rho*(rho*(rho*2^-49 + 2^-74) + 2^-102). Falls back for about 2% of such x.
 */
function logNear1(x: number): number {
  if (x === 1) return 0;
  const r = x - 1.0; // exact
  const r2 = r * r;
  const r3 = r * r2;
  const poly =
    LB1 + r * LB2 + r2 * LB3 + r3 * (LB4 + r * LB5 + r2 * LB6 + r3 * (LB7 + r * LB8 + r2 * LB9 + r3 * LB10));
  // r = rhi + rlo with rhi*rhi exact
  const w = r * P2_27;
  const rhi = r + w - w;
  const rlo = r - rhi;
  const ww = rhi * rhi * LB0; // exact
  const hi = r + ww;
  const Y = r - hi + ww + LB0 * rlo * (rhi + r) + r3 * poly;
  const y = hi + Y;
  const f = Y - (y - hi); // exact: |Y| << |hi|
  const rho = Math.abs(r);
  const m = Math.abs(y);
  if (2 * Math.abs(f) + rho * (rho * (rho * P2_M49 + P2_M74) + P2_M102) < m - (m - m * PHI)) return y;
  return logNear1Exact(x);
}

/** logNear1 with every fused step emulated exactly. */
function logNear1Exact(x: number): number {
  if (x === 1) return 0;
  const r = x - 1.0; // exact
  const r2 = r * r;
  const r3 = r * r2;
  const a = fmaF(r2, LB3, fmaF(r, LB2, LB1));
  const b = fmaF(r2, LB6, fmaF(r, LB5, LB4));
  const c = fmaF(r3, LB10, fmaF(r2, LB9, fmaF(r, LB8, LB7)));
  const poly = fmaF(fmaF(c, r3, b), r3, a);
  // r = rhi + rlo with rhi*rhi exact (glibc fuses r + r*2^27, which is exact anyway)
  const w = r * P2_27;
  const rhi = r + w - w;
  const rlo = r - rhi;
  const ww = rhi * rhi * LB0; // exact
  const hi = r + ww;
  let lo = r - hi + ww;
  lo = fmaX(LB0 * rlo, rhi + r, lo);
  return hi + fmaX(poly, r3, lo);
}

// ---------------------------------------------------------------------------------------------
// pow
// ---------------------------------------------------------------------------------------------

const POW_LOG_TABLE_BITS = 7;
const POW_LOG_N = 1 << POW_LOG_TABLE_BITS;
// log1p(r) - r ~= A0 r^2 + A0 r^2 * (A1 r + A2 r^2 + ...) with the coefficients pre-scaled
const PA0 = -0.5;
const PA1 = -0.6666666666666679; // 0x1.555555555556p-2 * -2
const PA2 = 0.5000000000000007; // -0x1.0000000000006p-2 * -2
const PA3 = 0.7999999995323976; // 0x1.999999959554ep-3 * 4
const PA4 = -0.6666666663487739; // -0x1.555555529a47ap-3 * 4
const PA5 = -1.142909628459501; // 0x1.2495b9b4845e9p-3 * -8
const PA6 = 1.0000415263675542; // -0x1.0002b8b263fc3p-3 * -8
const SIGN_BIAS = 0x800 << EXP_TABLE_BITS;

/**
 * glibc's __pow_log_data.tab: triples (1/c, logc, logctail) with 1/c = round(N/centre)/N (or /2N),
 * so z/c - 1 is exact, logc = round(2^43 log c)/2^43 and logctail = log(c) - logc.
 */
const POW_TAB = hexDoubles(
  '3ff6a00000000000bfd62c82f2b9c8003cfab42428375680' +
  '3ff6800000000000bfd5d1bdbf580800bd1ca508d8e0f720' +
  '3ff6600000000000bfd5767717455800bd2362a4d5b6506d' +
  '3ff6400000000000bfd51aad872df800bce684e49eb067d5' +
  '3ff6200000000000bfd4be5f95777800bd041b6993293ee0' +
  '3ff6000000000000bfd4618bc21c60003d13d82f484c84cc' +
  '3ff5e00000000000bfd404308686a8003cdc42f3ed820b3a' +
  '3ff5c00000000000bfd3a64c556948003d20b1c686519460' +
  '3ff5a00000000000bfd347dd9a9880003d25594dd4c58092' +
  '3ff5800000000000bfd2e8e2bae120003d267b1e99b72bd8' +
  '3ff5600000000000bfd2895a13de88003d15ca14b6cfb03f' +
  '3ff5600000000000bfd2895a13de88003d15ca14b6cfb03f' +
  '3ff5400000000000bfd22941fbcf7800bd165a242853da76' +
  '3ff5200000000000bfd1c898c1699800bd1fafbc68e75404' +
  '3ff5000000000000bfd1675cababa8003d1f1fc63382a8f0' +
  '3ff4e00000000000bfd1058bf9ae4800bd26a8c4fd055a66' +
  '3ff4c00000000000bfd0a324e2739000bd0c6bee7ef4030e' +
  '3ff4a00000000000bfd0402594b4d000bcf036b89ef42d7f' +
  '3ff4a00000000000bfd0402594b4d000bcf036b89ef42d7f' +
  '3ff4800000000000bfcfb9186d5e40003d0d572aab993c87' +
  '3ff4600000000000bfcef0adcbdc60003d2b26b79c86af24' +
  '3ff4400000000000bfce27076e2af000bd172f4f543fff10' +
  '3ff4200000000000bfcd5c216b4fc0003d21ba91bbca681b' +
  '3ff4000000000000bfcc8ff7c79aa0003d27794f689f8434' +
  '3ff4000000000000bfcc8ff7c79aa0003d27794f689f8434' +
  '3ff3e00000000000bfcbc286742d90003d194eb0318bb78f' +
  '3ff3c00000000000bfcaf3c94e80c0003cba4e633fcd9066' +
  '3ff3a00000000000bfca23bc1fe2b000bd258c64dc46c1ea' +
  '3ff3a00000000000bfca23bc1fe2b000bd258c64dc46c1ea' +
  '3ff3800000000000bfc9525a9cf45000bd2ad1d904c1d4e3' +
  '3ff3600000000000bfc87fa06520d0003d2bbdbf7fdbfa09' +
  '3ff3400000000000bfc7ab890210e0003d2bdb9072534a58' +
  '3ff3400000000000bfc7ab890210e0003d2bdb9072534a58' +
  '3ff3200000000000bfc6d60fe719d000bd10e46aa3b2e266' +
  '3ff3000000000000bfc5ff3070a79000bd1e9e439f105039' +
  '3ff3000000000000bfc5ff3070a79000bd1e9e439f105039' +
  '3ff2e00000000000bfc526e5e3a1b000bd20de8b90075b8f' +
  '3ff2c00000000000bfc44d2b6ccb80003d170cc16135783c' +
  '3ff2c00000000000bfc44d2b6ccb80003d170cc16135783c' +
  '3ff2a00000000000bfc371fc201e90003cf178864d27543a' +
  '3ff2800000000000bfc29552f81ff000bd248d301771c408' +
  '3ff2600000000000bfc1b72ad52f6000bd2e80a41811a396' +
  '3ff2600000000000bfc1b72ad52f6000bd2e80a41811a396' +
  '3ff2400000000000bfc0d77e7cd090003d0a699688e85bf4' +
  '3ff2400000000000bfc0d77e7cd090003d0a699688e85bf4' +
  '3ff2200000000000bfbfec9131dbe000bd2575545ca333f2' +
  '3ff2000000000000bfbe27076e2b00003d2a342c2af0003c' +
  '3ff2000000000000bfbe27076e2b00003d2a342c2af0003c' +
  '3ff1e00000000000bfbc5e548f5bc000bd1d0c57585fbe06' +
  '3ff1c00000000000bfba926d3a4ae0003d253935e85baac8' +
  '3ff1c00000000000bfba926d3a4ae0003d253935e85baac8' +
  '3ff1a00000000000bfb8c345d631a0003d137c294d2f5668' +
  '3ff1a00000000000bfb8c345d631a0003d137c294d2f5668' +
  '3ff1800000000000bfb6f0d28ae56000bd269737c93373da' +
  '3ff1600000000000bfb51b073f0620003d1f025b61c65e57' +
  '3ff1600000000000bfb51b073f0620003d1f025b61c65e57' +
  '3ff1400000000000bfb341d7961be0003d2c5edaccf913df' +
  '3ff1400000000000bfb341d7961be0003d2c5edaccf913df' +
  '3ff1200000000000bfb16536eea380003d147c5e768fa309' +
  '3ff1000000000000bfaf0a30c01180003d2d599e83368e91' +
  '3ff1000000000000bfaf0a30c01180003d2d599e83368e91' +
  '3ff0e00000000000bfab42dd711980003d1c827ae5d6704c' +
  '3ff0e00000000000bfab42dd711980003d1c827ae5d6704c' +
  '3ff0c00000000000bfa77458f632c000bd2cfc4634f2a1ee' +
  '3ff0c00000000000bfa77458f632c000bd2cfc4634f2a1ee' +
  '3ff0a00000000000bfa39e87b9fec0003cf502b7f526feaa' +
  '3ff0a00000000000bfa39e87b9fec0003cf502b7f526feaa' +
  '3ff0800000000000bf9f829b0e780000bd2980267c7e09e4' +
  '3ff0800000000000bf9f829b0e780000bd2980267c7e09e4' +
  '3ff0600000000000bf97b91b07d58000bd288d5493faa639' +
  '3ff0400000000000bf8fc0a8b0fc0000bcdf1e7cf6d3a69c' +
  '3ff0400000000000bf8fc0a8b0fc0000bcdf1e7cf6d3a69c' +
  '3ff0200000000000bf7fe02a6b100000bd19e23f0dda40e4' +
  '3ff0200000000000bf7fe02a6b100000bd19e23f0dda40e4' +
  '3ff000000000000000000000000000000000000000000000' +
  '3ff000000000000000000000000000000000000000000000' +
  '3fefc000000000003f80101575890000bd10c76b999d2be8' +
  '3fef8000000000003f90205658938000bd23dc5b06e2f7d2' +
  '3fef4000000000003f98492528c90000bd2aa0ba325a0c34' +
  '3fef0000000000003fa0415d89e740003d0111c05cf1d753' +
  '3feec000000000003fa466aed42e0000bd2c167375bdfd28' +
  '3fee8000000000003fa894aa149fc000bd197995d05a267d' +
  '3fee4000000000003faccb73cdddc000bd1a68f247d82807' +
  '3fee2000000000003faeea31c006c000bd0e113e4fc93b7b' +
  '3fede000000000003fb1973bd1466000bd25325d560d9e9b' +
  '3feda000000000003fb3bdf5a7d1e0003d2cc85ea5db4ed7' +
  '3fed6000000000003fb5e95a4d97a000bd2c69063c5d1d1e' +
  '3fed4000000000003fb700d30aeac0003cec1e8da99ded32' +
  '3fed0000000000003fb9335e5d5940003d23115c3abd47da' +
  '3fecc000000000003fbb6ac88dad6000bd1390802bf768e5' +
  '3feca000000000003fbc885801bc40003d2646d1c65aacd3' +
  '3fec6000000000003fbec739830a2000bd2dc068afe645e0' +
  '3fec4000000000003fbfe89139dbe000bd2534d64fa10afd' +
  '3fec0000000000003fc1178e8227e0003d21ef78ce2d07f2' +
  '3febe000000000003fc1aa2b7e23f0003d2ca78e44389934' +
  '3feba000000000003fc2d1610c8680003d039d6ccb81b4a1' +
  '3feb8000000000003fc365fcb01590003cc62fa8234b7289' +
  '3feb4000000000003fc4913d8333b0003d25837954fdb678' +
  '3feb2000000000003fc527e5e4a1b0003d2633e8e5697dc7' +
  '3feae000000000003fc6574ebe8c10003d19cf8b2c3c2e78' +
  '3feac000000000003fc6f0128b757000bd25118de59c21e1' +
  '3feaa000000000003fc7898d85445000bd1c661070914305' +
  '3fea6000000000003fc8beafeb390000bd073d54aae92cd1' +
  '3fea4000000000003fc95a5adcf700003d07f22858a0ff6f' +
  '3fea0000000000003fca93ed3c8ae000bd28724350562169' +
  '3fe9e000000000003fcb31d8575bd000bd0c358d4eace1aa' +
  '3fe9c000000000003fcbd087383be000bd2d4bc4595412b6' +
  '3fe9a000000000003fcc6ffbc6f01000bcf1ec72c5962bd2' +
  '3fe96000000000003fcdb13db0d49000bd2aff2af715b035' +
  '3fe94000000000003fce530effe710003cc212276041f430' +
  '3fe92000000000003fcef5ade4dd0000bcca211565bb8e11' +
  '3fe90000000000003fcf991c6cb3b0003d1bcbecca0cdf30' +
  '3fe8c000000000003fd07138604d58003cf89cdb16ed4e91' +
  '3fe8a000000000003fd0c42d676160003d27188b163ceae9' +
  '3fe88000000000003fd1178e8227e800bd2c210e63a5f01c' +
  '3fe86000000000003fd16b5ccbacf8003d2b9acdf7a51681' +
  '3fe84000000000003fd1bf99635a68003d2ca6ed5147bdb7' +
  '3fe82000000000003fd214456d0eb8003d0a87deba46baea' +
  '3fe7e000000000003fd2bef07cdc90003d2a9cfa4a5004f4' +
  '3fe7c000000000003fd314f1e1d36000bd28e27ad3213cb8' +
  '3fe7a000000000003fd36b6776be10003d116ecdb0f177c8' +
  '3fe78000000000003fd3c252773330003d183b54b606bd5c' +
  '3fe76000000000003fd419b423d5e8003d08e436ec90e09d' +
  '3fe74000000000003fd4718dc271c800bd2f27ce0967d675' +
  '3fe72000000000003fd4c9e09e173000bd2e20891b0ad8a4' +
  '3fe70000000000003fd522ae0738a0003d2ebe708164c759' +
  '3fe6e000000000003fd57bf753c8d0003d1fadedee5d40ef' +
  '3fe6c000000000003fd5d5bddf596000bd0a0b2a08a465dc',
);

// pow's log_inline returns hi and stores its ~15 extra bits here (a module-level slot instead of
// an out-parameter: no allocation).
let powLogTail = 0;

/**
 * log(x) as hi + powLogTail, every fused step emulated exactly; x given by the bits (xhi, xlo) of
 * a positive normal number (subnormal x arrive normalised with a negative exponent). Fused steps
 * (from __pow_fma): t1 = kd*Ln2hi + logc (exact), lo1 = kd*Ln2lo + logctail, r = z*invc - 1
 * (exact), lo3 = ar*r - ar2 (exact error), the polynomial's A(i) + r*A(i+1) and ar2-steps, and
 * lo + ar3*p.
 */
function powLogExact(xhi: number, xlo: number): number {
  const tmp = (xhi - 0x3fe69555) | 0; // OFF = 0x3fe6955500000000
  const i = (tmp >>> (20 - POW_LOG_TABLE_BITS)) & (POW_LOG_N - 1);
  const kd = tmp >> 20;
  u32[0] = xlo;
  u32[1] = xhi - (tmp & 0xfff00000);
  const z = f64[0];
  const invc = POW_TAB[3 * i];
  const logc = POW_TAB[3 * i + 1];
  const logctail = POW_TAB[3 * i + 2];
  // r = z*invc - 1 is exactly representable (1/c has at most 9 significant bits): split z so
  // both partial products are exact.
  const zh = z + 6144 - 6144; // z rounded to a multiple of 2^-40: at most 41 bits
  const r = zh * invc - 1.0 + (z - zh) * invc;
  const t1 = kd * LN2_HI + logc; // exact
  const t2 = t1 + r;
  const lo1 = fmaX(kd, LN2_LO, logctail);
  const lo2 = t1 - t2 + r;
  const ar = PA0 * r; // exact
  const ar2 = r * ar;
  const ar3 = r * ar2;
  const hi = t2 + ar2;
  const lo3 = twoProdErr(ar, r, ar2); // glibc's fma(ar, r, -ar2) is this exact error
  const lo4 = t2 - hi + ar2;
  const p = fmaF(ar2, fmaF(ar2, fmaF(r, PA6, PA5), fmaF(r, PA4, PA3)), fmaF(r, PA2, PA1));
  const lo = fmaX(ar3, p, lo1 + lo2 + lo3 + lo4);
  const y = hi + lo;
  powLogTail = hi - y + lo;
  return y;
}

/**
 * sign * exp(x + xtail) (|xtail| < 2^-8/N), sign -1 when signBias = SIGN_BIAS, every fused step
 * emulated exactly (__pow_fma's exp_inline).
 */
function powExpExact(x: number, xtail: number, signBias: number): number {
  f64[0] = x;
  const hx = u32[1];
  const abstop = (hx >>> 20) & 0x7ff;
  let special = false;
  if ((abstop - 0x3c9) >>> 0 >= 0x3f) {
    if (abstop < 0x3c9) {
      const one = 1.0 + x;
      return signBias !== 0 ? -one : one;
    }
    if (abstop >= 0x409) {
      // inf and nan were handled by the caller
      if (hx >>> 31) return signBias !== 0 ? -0 : 0;
      return signBias !== 0 ? -Infinity : Infinity;
    }
    special = true;
  }
  const kd = roundProdToInt(x, INV_LN2_N, x * INV_LN2_N);
  const k = kd | 0;
  let r = x + kd * NEG_LN2_HI_N;
  r = fmaF(kd, NEG_LN2_LO_N, r);
  r += xtail;
  const idx = k & (EXP_N - 1);
  const tail = EXP_TAIL[idx];
  // top = (ki + sign_bias) << 45: the sign bias lands in the sign bit
  const sHi = (EXP_SBITS_HI[idx] + ((k + signBias) << 13)) | 0;
  const sLo = EXP_SBITS_LO[idx];
  const r2 = r * r;
  const p23 = fmaF(r, EC3, EC2);
  const p45 = fmaF(r, EC5, EC4);
  const tmp = fmaF(r2 * r2, p45, fmaF(p23, r2, tail + r));
  if (special) return powExpSpecial(tmp, sHi, sLo, k);
  u32[0] = sLo;
  u32[1] = sHi;
  const scale = f64[0];
  return fmaF(scale, tmp, scale);
}

/** pow's version of expSpecial: the scale carries the sign. */
function powExpSpecial(tmp: number, sHi: number, sLo: number, k: number): number {
  if (k > 0) {
    u32[0] = sLo;
    u32[1] = (sHi - (1009 << 20)) | 0;
    const scale = f64[0];
    return fmaF(scale, tmp, scale) * P2_1009;
  }
  const sbitsHi = (sHi + (1022 << 20)) | 0;
  u32[0] = sLo;
  u32[1] = sbitsHi;
  const scale = f64[0];
  const st = scale * tmp;
  let y = scale + st;
  if (Math.abs(y) < 1.0) {
    const one = y < 0.0 ? -1.0 : 1.0;
    let lo = scale - y + st;
    const hi = one + y;
    lo = one - hi + y + lo;
    y = hi + lo - one;
    if (y === 0) y = sbitsHi < 0 ? -0 : 0; // the sign of scale
  }
  return y * P2_M1022;
}

/** 0 if the double with bits (hi, lo) is not an integer, 1 if it is odd, 2 if even (finite, nonzero). */
function checkint(hi: number, lo: number): number {
  const e = (hi >>> 20) & 0x7ff;
  if (e < 0x3ff) return 0;
  if (e > 0x3ff + 52) return 2;
  const s = 0x3ff + 52 - e; // the bit worth 1 is bit s of the 64-bit pattern
  if (s < 32) {
    if (s > 0 && lo << (32 - s) !== 0) return 0;
    return (lo >>> s) & 1 ? 1 : 2;
  }
  if (lo !== 0) return 0;
  const t = s - 32;
  if (t > 0 && hi << (32 - t) !== 0) return 0;
  return (hi >>> t) & 1 ? 1 : 2;
}

/** Whether (hi, lo) is 0, inf or nan (of either sign). */
function zeroinfnan(hi: number, lo: number): boolean {
  const a = hi & 0x7fffffff;
  return (a | lo) === 0 || a >= 0x7ff00000;
}

/** Whether (hi, lo) is a signalling NaN: glibc returns x + y (nan) for pow(sNaN, 0), pow(1, sNaN). */
function isSignaling(hi: number, lo: number): boolean {
  return (hi & 0x7ff80000) === 0x7ff00000 && ((hi & 0x7ffff) | lo) !== 0;
}

/** glibc's pow(x, y). */
export function pow(x: number, y: number): number {
  f64[0] = x;
  let xhi = u32[1];
  let xlo = u32[0];
  f64[0] = y;
  const yhi = u32[1];
  const ylo = u32[0];
  let topx = xhi >>> 20;
  const topy = yhi >>> 20;
  let signBias = 0;
  if ((topx - 0x001) >>> 0 >= 0x7ff - 0x001 || ((topy & 0x7ff) - 0x3be) >>> 0 >= 0x43e - 0x3be) {
    // x < 0x1p-1022 (incl. negative) or inf or nan; or |y| < 2^-65 or |y| >= 2^63 or nan.
    // If |y| > 1075*ln2*2^53 pow is inf/0; if |y| < 2^-54/1075 it is 1 to within half an ulp.
    if (zeroinfnan(yhi, ylo)) {
      if (((yhi << 1) | ylo) === 0) return isSignaling(xhi, xlo) ? x + y : 1.0;
      if (xhi === 0x3ff00000 && xlo === 0) return isSignaling(yhi, ylo) ? x + y : 1.0;
      if (x !== x || y !== y) return x + y;
      if ((xhi & 0x7fffffff) === 0x3ff00000 && xlo === 0) return 1.0; // x = -1, y = +-inf
      // |x| < 1 and y = inf, or |x| > 1 and y = -inf
      if (((xhi & 0x7fffffff) < 0x3ff00000) === yhi >>> 31 < 1) return 0.0;
      return y * y;
    }
    if (zeroinfnan(xhi, xlo)) {
      let x2 = x * x;
      let neg = false;
      if (xhi >>> 31 && checkint(yhi, ylo) === 1) {
        x2 = -x2;
        neg = true;
      }
      if (x === 0 && yhi >>> 31) return neg ? -Infinity : Infinity; // division by zero
      return yhi >>> 31 ? 1 / x2 : x2;
    }
    // x and y are nonzero finite here
    if (xhi >>> 31) {
      // x < 0: only integer y give a real result; odd y flips the sign
      const yint = checkint(yhi, ylo);
      if (yint === 0) return NaN;
      if (yint === 1) signBias = SIGN_BIAS;
      xhi &= 0x7fffffff;
      topx &= 0x7ff;
    }
    if (((topy & 0x7ff) - 0x3be) >>> 0 >= 0x43e - 0x3be) {
      // sign_bias is 0 here: y is not odd
      if (xhi === 0x3ff00000 && xlo === 0) return 1.0;
      const xAbove1 = xhi > 0x3ff00000 || (xhi === 0x3ff00000 && xlo !== 0);
      if ((topy & 0x7ff) < 0x3be) return xAbove1 ? 1.0 + y : 1.0 - y; // |y| < 2^-65
      return xAbove1 === topy < 0x800 ? Infinity : 0; // overflow / underflow
    }
    if (topx === 0) {
      // subnormal x: normalise so that the exponent becomes negative
      f64[0] = x * P2_52;
      xhi = ((u32[1] & 0x7fffffff) - (52 << 20)) | 0;
      xlo = u32[0];
    }
  }

  // Fast path: glibc's log_inline and exp_inline with the fused steps rounded separately, two
  // certificates (on log's rounded hi, and on the result), and running bounds on how far the
  // unfused values can be from glibc's; whatever fails goes to `powExact`.
  //
  // log(x) = lhi + ltail. The unfused lo = lo1 + lo2 + lo3 + lo4 + ar3*p is within
  // dlo = (|lo1| + |lo2| + |lo3| + |lo4| + |ar3|)*2^-48 + |kd|*2^-96 of glibc's (|r| < 2^-7: the
  // poly is within 2^-52 of the fused one; the fused kd*Ln2lo + logctail, three unfused sums and
  // the fused lo + ar3*p add a few ulps of those terms; that sum is < 1/3 of dlo).
  const tmp = (xhi - 0x3fe69555) | 0; // OFF = 0x3fe6955500000000
  const i = (tmp >>> (20 - POW_LOG_TABLE_BITS)) & (POW_LOG_N - 1);
  const kd = tmp >> 20;
  u32[0] = xlo;
  u32[1] = xhi - (tmp & 0xfff00000);
  const z = f64[0];
  const invc = POW_TAB[3 * i];
  const zh = z + 6144 - 6144; // see powLogExact: r is exact
  const r = zh * invc - 1.0 + (z - zh) * invc;
  const t1 = kd * LN2_HI + POW_TAB[3 * i + 1];
  const t2 = t1 + r;
  const lo1 = kd * LN2_LO + POW_TAB[3 * i + 2];
  const lo2 = t1 - t2 + r;
  const ar = PA0 * r;
  const ar2 = r * ar;
  const ar3 = r * ar2;
  const hi = t2 + ar2;
  const lo3 = twoProdErr(ar, r, ar2);
  const lo4 = t2 - hi + ar2;
  const lo = lo1 + lo2 + lo3 + lo4 + ar3 * (PA1 + r * PA2 + ar2 * (PA3 + r * PA4 + ar2 * (PA5 + r * PA6)));
  const sumAbs = Math.abs(lo1) + Math.abs(lo2) + Math.abs(lo3) + Math.abs(lo4) + Math.abs(ar3);
  const dlo = sumAbs * P2_M48 + Math.abs(kd) * P2_M96;
  const lhi = hi + lo;
  let bv = lhi - hi;
  const fl = hi - (lhi - bv) + (lo - bv);
  let m = Math.abs(lhi);
  if (!(2 * Math.abs(fl) + 2 * dlo < m - (m - m * PHI))) return powExact(xhi, xlo, y, signBias);
  // lhi is glibc's; ltail = (hi - lhi) + lo is within dlo/2 + ulp(ltail) of glibc's
  const ltail = hi - lhi + lo;
  // y*(lhi + ltail) = ehi + elo: ehi and the product error are exact; elo = y*ltail + error is
  // fused in glibc, here within dElo of it
  const ehi = y * lhi;
  const ylt = y * ltail;
  const elo = ylt + twoProdErr(y, lhi, ehi);
  const dElo =
    Math.abs(y) * (dlo + Math.abs(ltail) * P2_M51) + Math.abs(ylt) * P2_M52 + Math.abs(elo) * P2_M51;

  // sign * exp(ehi + elo) as in `exp`: with r = RN(RN(ehi - kd*ln2/N) + elo) the unfused tmp is
  // within 2^-58.6 + 1.01*dElo of glibc's; the certificate uses 2^-57 + 2*dElo.
  f64[0] = ehi;
  if ((((u32[1] >>> 20) & 0x7ff) - 0x3c9) >>> 0 >= 0x3f) return powExact(xhi, xlo, y, signBias);
  const ze = ehi * INV_LN2_N;
  const ke = ze + SHIFT - SHIFT;
  const d = ze - ke;
  if (d === 0.5 || d === -0.5) return powExact(xhi, xlo, y, signBias);
  const k = ke | 0;
  const re = ehi + ke * NEG_LN2_HI_N + ke * NEG_LN2_LO_N + elo;
  const idx = k & (EXP_N - 1);
  const re2 = re * re;
  const et = EXP_TAIL[idx] + re + re2 * (EC2 + re * EC3) + re2 * re2 * (EC4 + re * EC5);
  u32[0] = EXP_SBITS_LO[idx];
  u32[1] = EXP_SBITS_HI[idx] + ((k + signBias) << 13); // the sign bias lands in the sign bit
  const scale = f64[0];
  const q = scale * et;
  const res = scale + q;
  const f = q - (res - scale); // exact: |q| < |scale|
  m = Math.abs(res);
  if (2 * Math.abs(f) + Math.abs(q) * P2_M52 + Math.abs(scale) * (P2_M56 + 4 * dElo) < m - (m - m * PHI)) {
    return res;
  }
  return powExact(xhi, xlo, y, signBias);
}

/** pow for normalised |x| bits (xhi, xlo), every fused step emulated exactly. */
function powExact(xhi: number, xlo: number, y: number, signBias: number): number {
  const lhi = powLogExact(xhi, xlo);
  const ltail = powLogTail;
  // y * (lhi + ltail) as ehi + elo (fused: the product's exact error, then y*ltail + that)
  const ehi = y * lhi;
  const elo = fmaX(y, ltail, twoProdErr(y, lhi, ehi));
  return powExpExact(ehi, elo, signBias);
}

// ---------------------------------------------------------------------------------------------
// expArray, and the WebAssembly kernels
// ---------------------------------------------------------------------------------------------

import {
  CHUNK, CONST_OFFSET, DATA_OFFSET, EXP_CONSTANTS, EXP_TABLE_OFFSET, FMA_TEST_OFFSET, SCRATCH_END, SCRATCH_OFFSET,
  expModuleBytes,
} from "./libm-wasm.ts";

/** The part of the WebAssembly API used here (the project's TypeScript lib has no DOM types). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

let wasmBuf: ArrayBuffer | null = null;
let wasmF64 = new Float64Array(0);
let scratchNext = SCRATCH_OFFSET;
/**
 * The arrays handed out by `expScratch`, with their byte offsets (a typed array's .buffer and
 * .byteOffset getters cost ~25-40 ns each in V8 11.3, a WeakMap lookup ~10).
 */
const scratchOffsets = new WeakMap<Float64Array, number>();

/**
 * Sets up the kernels of runtime/libm-wasm.ts if the engine has relaxed SIMD (Node 20's V8 11.3
 * needs --experimental-wasm-relaxed-simd, set here through node:v8 when it is missing; it only
 * allows the opcodes, shipped unflagged in V8 11.4+) and their madd fuses (checked on each call
 * as well), and their results agree with `expExact` on a few arguments. Else they stay null and
 * everything runs the JavaScript paths.
 */
(function initWasm(): void {
  const WA = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (WA === undefined) return;
  try {
    const bytes = expModuleBytes();
    if (!WA.validate(bytes)) {
      const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
      const v8 = proc?.getBuiltinModule?.("node:v8") as { setFlagsFromString?: (flags: string) => void } | undefined;
      v8?.setFlagsFromString?.("--experimental-wasm-relaxed-simd");
      if (!WA.validate(bytes)) return;
    }
    const inst = new WA.Instance(new WA.Module(bytes), {});
    const buf = (inst.exports.mem as { buffer: ArrayBuffer }).buffer;
    const f = new Float64Array(buf);
    const u = new Uint32Array(buf);
    for (let j = 0; j < EXP_N; j++) {
      f[(EXP_TABLE_OFFSET >> 3) + 2 * j] = EXP_TAIL[j];
      u[(EXP_TABLE_OFFSET >> 2) + 4 * j + 2] = EXP_SBITS_LO[j];
      u[(EXP_TABLE_OFFSET >> 2) + 4 * j + 3] = EXP_SBITS_HI[j];
    }
    // the fusion test: (1 + 2^-30)^2 - (1 + 2^-29) is 2^-60 with one rounding, 0 with two
    const t = FMA_TEST_OFFSET >> 3;
    f[t] = f[t + 1] = f[t + 2] = f[t + 3] = 1 + 2 ** -30;
    f[t + 4] = f[t + 5] = -(1 + 2 ** -29);
    EXP_CONSTANTS.forEach((c, i) => (f[(CONST_OFFSET >> 3) + i] = c));
    const e1 = inst.exports.exp1 as (x: number) => number;
    const en = inst.exports.exp as (p: number, n: number) => number;
    // self-test: a few arguments over the main path, both kernels against the exact path
    const o = DATA_OFFSET >> 3;
    const N = 64;
    for (let i = 0; i < N; i++) f[o + i] = (i & 1 ? -1 : 1) * (i * i * 0.1234567 + 2 ** -40 * i);
    if (en(DATA_OFFSET, N) !== 0) return;
    for (let i = 0; i < N; i++) {
      const x = (i & 1 ? -1 : 1) * (i * i * 0.1234567 + 2 ** -40 * i);
      const want = expExact(x);
      if (!Object.is(f[o + i], want) || !Object.is(e1(x), want)) return;
    }
    wasmBuf = buf;
    wasmF64 = f;
    wasmExp = en;
    wasmExp1 = e1;
  } catch {
    disableWasm();
  }
})();

function disableWasm(): void {
  wasmExp = null;
  wasmExp1 = null;
}

/**
 * Replaces a[0..n) by exp of each element, bit-identical to `exp` (glibc's __exp_fma): with the
 * WebAssembly kernel two at a time (~2.5 ns an element here, against ~14 for Math.exp), else with
 * the JavaScript path `expArrayJs` (~28 ns). Arrays from `expScratch` are done in place; others
 * are copied through the module's memory in chunks (~0.8 ns an element more). n <= 2 goes to the
 * scalar `exp` (a batch call costs ~25 ns). Throws a RangeError if n > a.length.
 */
export function expArray(a: Float64Array, n: number): void {
  if (n > a.length) throw new RangeError(`expArray: n = ${n} > length ${a.length}`);
  if (wasmExp === null) return expArrayJs(a, n);
  if (n <= 2) {
    // a call of the batch kernel plus the scratch lookup cost about two scalar calls
    for (let i = 0; i < n; i++) a[i] = exp(a[i]);
    return;
  }
  const off = scratchOffsets.get(a);
  if (off !== undefined) {
    wasmRun(off, n);
    return;
  }
  const o = DATA_OFFSET >> 3;
  const F = wasmF64;
  for (let s = 0; s < n; s += CHUNK) {
    const m = Math.min(CHUNK, n - s);
    if (m <= 16) {
      for (let i = 0; i < m; i++) F[o + i] = a[s + i];
    } else {
      F.set(a.subarray(s, s + m), o);
    }
    const ok = wasmRun(DATA_OFFSET, m); // if not ok, the chunk is finished in JavaScript anyway
    if (m <= 16) {
      for (let i = 0; i < m; i++) a[s + i] = F[o + i];
    } else {
      a.set(F.subarray(o, o + m), s);
    }
    if (!ok) return expArrayJs(a.subarray(s + m), n - s - m);
  }
}

/**
 * a[i] = exp(a[i]) for i in [0, n) in JavaScript: expArray without WebAssembly, and `exp` without
 * it. For 2^-54 <= |x| < 512 a fast path in plain double arithmetic, whose certificates fail for
 * ~0.45% of arguments; those, and all others, take the exact path `expExact`. The fast path is
 * written out in the loop (V8 would not inline a function this long, and a call returning a
 * double allocates a heap number).
 *
 * glibc (__exp_fma) computes, with fma(a, b, c) = a*b + c rounded once:
 *   kd = round(x*InvLn2N) (fused, ties to even), k = kd, j = k mod 128, e = k div 128
 *   r = fma(kd, NegLn2loN, x + kd*NegLn2hiN)           (the inner product and sum are exact)
 *   q = fma(r*r, fma(r, C3, C2), T[j] + r)
 *   tmp = fma((r*r)*(r*r), fma(r, C5, C4), q)
 *   result = fma(scale, tmp, scale), scale = 2^e * H[j]
 * Here every step is rounded separately, each fused step gets a certificate that it rounds to
 * glibc's double anyway, and the last one is evaluated exactly:
 *  - kd: RN(x*InvLn2N) rounds to the same integer as the exact product unless it is exactly half
 *    way between two (then the exact path decides).
 *  - r = RN(r1 + p), p = RN(kd*NegLn2loN), f its exact error (TwoSum): the exact fused sum is
 *    within |f| + |p|*2^-53 of r, so it rounds to r if twice that is below the gap g(r) from r
 *    down to its predecessor, the smaller of r's two gaps (Rump et al.: m - (m - m*PHI) for
 *    normal m; 0 near underflow, failing safe). Fails for ~|p|/|r|*2^-52 of arguments, none of
 *    millions in tests. r is then exact, and so are T[j] + r, r2 = r*r and r4 = r2*r2 (rounded
 *    separately in glibc too).
 *  - q = RN(t1 + m), m = RN(p23*r2), p23 = RN(C2 + RN(r*C3)) is within one ulp (<= 2^-53) of
 *    glibc's fused p23, so m is within 2^-53*r2 + 2^-53*|m| <= 2^-52*r2 of glibc's product
 *    (|m| < 0.5005*r2), and glibc's q is q if 2|fq| + 2^-51*r2 < g(q), fq the exact error of q.
 *    This fails for ~0.4% of arguments: the only certificate that often does.
 *  - tmp = RN(q + m2), m2 = RN(r4*p45): p45 is within 2^-57 (its ulp) of glibc's, so m2 is within
 *    2^-57*r4 + 2^-53*|m2| < 2^-56*r4 of glibc's product (|m2| < 0.0417*r4): certificate
 *    2|ft| + 2^-55*r4 < g(tmp).
 *  - result: in the normal range scale*(1 + tmp) rounds like 2^e * RN(H + H*tmp). H*tmp = ph + pe
 *    exactly (Dekker, with H pre-split), H + ph = y1 + f exactly (Fast2Sum, H >= 1 > |ph|), so the
 *    exact sum is y1 + (f + pe); with g = RN(f + pe), RN(y1 + g) is its correct rounding unless
 *    y1 + g is exactly a midpoint between two doubles (g was rounded onto it: a double rounding
 *    is then possible). |f| is at most half the gap on its side of y1 and |pe| < 2^-60, so the
 *    only candidates are g = -(gap below)/2 and g = +(gap above)/2, i.e. 2|g| equal to g(y1) or
 *    to twice it (y1 a power of two): those take the exact path (y1 + g is the neighbour of y1
 *    for ~0.05% of arguments; that is fine).
 */
function expArrayJs(a: Float64Array, n: number): void {
  const tab = EXP_HT;
  const pow2 = POW2;
  // the constants are literals below (not module constants) so that a bundler turning module
  // `const`s into `var`s cannot make V8 reload them on every use
  const PHI = 1.1102230246251568e-16; // 2^-53 * (1 + 2^-52)
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const ax = Math.abs(x);
    if (!(ax < 512 && ax >= 5.551115123125783e-17)) { // 2^-54
      a[i] = expExact(x);
      continue;
    }
    const z = x * 184.6649652337873; // InvLn2N
    const kd = z + 6755399441055744 - 6755399441055744;
    const d = z - kd; // exact
    const k = kd | 0;
    const j = (k & 127) << 2;
    // r
    const r1 = x + kd * -0.005415212348111709; // exact (NegLn2hiN)
    const p = kd * -1.2864023111638346e-14; // NegLn2loN
    const r = r1 + p;
    let bv = r - r1;
    const fr = r1 - (r - bv) + (p - bv);
    const ar = Math.abs(r);
    // q
    const t1 = tab[j + 3] + r;
    const r2 = r * r;
    const m = (0.49999999999996786 + r * 0.16666666666665886) * r2; // C2, C3
    const q = t1 + m;
    bv = q - t1;
    const fq = t1 - (q - bv) + (m - bv);
    const aq = Math.abs(q);
    // tmp
    const r4 = r2 * r2;
    const m2 = r4 * (0.0416666808410674 + r * 0.008333335853059549); // C4, C5
    const tmp = q + m2;
    bv = tmp - q;
    const ft = q - (tmp - bv) + (m2 - bv);
    const at = Math.abs(tmp);
    // H + H*tmp exactly: y1 + g
    const c = 134217729 * tmp; // SPLIT
    const th = c - (c - tmp);
    const tl = tmp - th;
    const h = tab[j];
    const hh = tab[j + 1];
    const hl = tab[j + 2];
    const ph = h * tmp;
    const pe = hh * th - ph + hh * tl + hl * th + hl * tl;
    const y1 = h + ph;
    const g = ph - (y1 - h) + pe;
    const g2 = 2 * Math.abs(g);
    const gy = y1 - (y1 - y1 * PHI);
    if (
      d !== 0.5 && d !== -0.5 &&
      2 * Math.abs(fr) + Math.abs(p) * 2.220446049250313e-16 < ar - (ar - ar * PHI) && // 2^-52
      2 * Math.abs(fq) + r2 * 4.440892098500626e-16 < aq - (aq - aq * PHI) && // 2^-51
      2 * Math.abs(ft) + r4 * 2.7755575615628914e-17 < at - (at - at * PHI) && // 2^-55
      g2 !== gy && g2 !== 2 * gy
    ) {
      a[i] = (y1 + g) * pow2[(k >> 7) + 1023];
    } else {
      a[i] = expExact(x);
    }
  }
}

/**
 * exp in place over the n doubles at byte offset p of the module's memory. Returns false if the
 * kernel's madd turned out not to fuse; the elements are all done anyway (the rest in JavaScript).
 */
function wasmRun(p: number, n: number): boolean {
  const end = p + 8 * n;
  for (;;) {
    const q = wasmExp!(p, (end - p) >> 3);
    if (q === 0) return true;
    if (q < 0) {
      // nothing from p on was written
      disableWasm();
      expArrayJs(wasmF64.subarray(p >> 3, end >> 3), (end - p) >> 3);
      return false;
    }
    // the block (of 8, 2 or 1) at q holds an argument outside the main path (|x| >= 512, inf,
    // nan); it and all after it are untouched: scalar exp for up to 8 from q, then on
    const i = q >> 3;
    const k = Math.min(8, (end - q) >> 3);
    for (let j = i; j < i + k; j++) wasmF64[j] = exp(wasmF64[j]);
    p = q + 8 * k;
  }
}

/**
 * A zeroed Float64Array of length n on which `expArray` works in place, without copies: a view of
 * the WebAssembly module's memory while that has room (~16 MiB in all, 2M doubles; the memory
 * never grows, so the view stays valid), else an ordinary Float64Array (expArray then copies). For
 * kernels' scratch arrays, allocated once at setup: the space is never reclaimed.
 */
export function expScratch(n: number): Float64Array {
  if (wasmExp !== null && scratchNext + 8 * n <= SCRATCH_END) {
    const v = new Float64Array(wasmBuf!, scratchNext, n);
    scratchOffsets.set(v, scratchNext);
    scratchNext += 8 * n;
    return v;
  }
  return new Float64Array(n);
}

/** Whether exp and expArray run the WebAssembly kernels (hardware fma through relaxed SIMD). */
export function expUsesWasm(): boolean {
  return wasmExp !== null;
}

/**
 * For tests and benchmarks: expArray's JavaScript path (`expArrayJs`), the exact path, and a way
 * to make the kernels' fusion check fail as on a CPU without fma (they must then switch to
 * JavaScript for good, with the same results).
 */
export const expInternals = {
  expArrayJs,
  expExact,
  breakFusionTest(): void {
    wasmF64[(FMA_TEST_OFFSET >> 3) + 4] = wasmF64[(FMA_TEST_OFFSET >> 3) + 5] = -(1 + 2 ** -30);
  },
};
