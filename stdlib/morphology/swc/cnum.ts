// C number conversions that Import3d's results depend on, bit for bit:
//   - strtof: HOC's sscanf("%f") reads SWC numbers into a float (then widens to double);
//   - "%.8g": Import3d passes coordinates to pt3dadd through sprint("%.8g") text.
// Both round exactly (glibc), including halfway cases; JS's parseFloat and toPrecision
// get those few cases wrong (double rounding, ties away from zero), so they are fixed up here.

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

function nextFloat(f: number, up: boolean): number {
  if (f === 0) return up ? 1.401298464324817e-45 : -1.401298464324817e-45;
  f32[0] = f;
  if ((f > 0) === up) u32[0]! += 1;
  else u32[0]! -= 1;
  return f32[0]!;
}

/** The exact value of a finite double as n * 2^e (n a BigInt). */
function dyadic(x: number): { n: bigint; e: number } {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0), lo = buf.getUint32(4);
  const sign = hi >>> 31 ? -1n : 1n;
  const exp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (exp === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = exp - 1075;
  }
  return { n: sign * mant, e };
}

/** A decimal string (strtod syntax) as an exact fraction num/den. */
function decimalFraction(s: string): { num: bigint; den: bigint } {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s.trim());
  if (!m) throw new Error(`not a decimal number: ${s}`);
  const digits = (m[2] ?? "") + (m[3] ?? "");
  let e10 = Number(m[4] ?? 0) - (m[3] ?? "").length;
  let num = BigInt(digits || "0");
  let den = 1n;
  if (e10 >= 0) num *= 10n ** BigInt(e10);
  else den = 10n ** BigInt(-e10);
  if (m[1] === "-") num = -num;
  e10 = 0;
  return { num, den };
}

/** Compares the decimal s with the double x exactly: -1, 0, 1. */
function compareDecimal(s: string, x: number): number {
  const { num, den } = decimalFraction(s);
  const { n, e } = dyadic(x);
  // num/den vs n*2^e
  let lhs = num, rhs = n * den;
  if (e >= 0) rhs *= 1n << BigInt(e);
  else lhs *= 1n << BigInt(-e);
  return lhs < rhs ? -1 : lhs > rhs ? 1 : 0;
}

/** glibc strtof of a decimal number text (correctly rounded to float), as a double. */
export function strtof(s: string): number {
  const d = Number(s);
  const f = Math.fround(d);
  if (f === d || !Number.isFinite(f)) return f;
  // Only when d is exactly halfway between two floats can rounding via double be wrong.
  const other = nextFloat(f, d > f);
  const lo = Math.min(f, other), hi = Math.max(f, other);
  const mid = lo / 2 + hi / 2;
  if (d !== mid) return f;
  const c = compareDecimal(s, mid);
  if (c < 0) return lo;
  if (c > 0) return hi;
  f32[0] = lo;
  return (u32[0]! & 1) === 0 ? lo : hi; // a true tie: round to even
}

/** The exact decimal digits of |x| and the power of ten of the first one. */
function exactDigits(x: number): { digits: string; exp10: number } {
  const { n, e } = dyadic(Math.abs(x));
  let digits: string;
  let exp10: number;
  if (e >= 0) {
    digits = (n << BigInt(e)).toString();
    exp10 = digits.length - 1;
  } else {
    // n / 2^-e = n * 5^-e / 10^-e
    const v = n * 5n ** BigInt(-e);
    digits = v.toString();
    exp10 = digits.length - 1 - -e;
  }
  return { digits: digits.replace(/0+$/, "") || "0", exp10 };
}

/** parse(sprintf("%.<p>g", x)): x rounded to p significant digits, ties to even (glibc). */
export function roundSig(x: number, p: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const js = Number(x.toPrecision(p)); // correct except on exact ties (JS rounds them away from 0)
  const { digits, exp10 } = exactDigits(x);
  if (digits.length !== p + 1 || digits[p] !== "5") return js;
  // An exact tie: keep the first p digits if the last of them is even.
  const lastKept = Number(digits[p - 1]);
  if (lastKept % 2 === 1) return js;
  return Number(`${x < 0 ? "-" : ""}${digits.slice(0, p)}e${exp10 - p + 1}`);
}
