// Exact rational numbers on BigInt. Unit scales (1e-3, 60, 1e4, ...) and the numeric literals of
// a constant unit expression are combined exactly, so `36 * mS / cm ** 2` folds to the double
// nearest 0.036 — the number a modeller would have typed — not to 36 * 0.001 / 1e-8 * 1e-4.

export interface Rational {
  readonly num: bigint;
  /** Always positive; num/den is in lowest terms. */
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}

export function rational(num: bigint, den: bigint = 1n): Rational {
  if (den === 0n) throw new RangeError("rational: zero denominator");
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
}

export const ONE = rational(1n);
export const ZERO = rational(0n);

export const mul = (a: Rational, b: Rational): Rational => rational(a.num * b.num, a.den * b.den);
export const div = (a: Rational, b: Rational): Rational => rational(a.num * b.den, a.den * b.num);
export const add = (a: Rational, b: Rational): Rational => rational(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Rational, b: Rational): Rational => rational(a.num * b.den - b.num * a.den, a.den * b.den);
export const neg = (a: Rational): Rational => rational(-a.num, a.den);
export const equals = (a: Rational, b: Rational): boolean => a.num === b.num && a.den === b.den;
export const isOne = (a: Rational): boolean => a.num === 1n && a.den === 1n;

export function pow(a: Rational, n: number): Rational {
  if (!Number.isInteger(n)) throw new RangeError(`rational: non-integer power ${n}`);
  const e = BigInt(Math.abs(n));
  const r = rational(a.num ** e, a.den ** e);
  return n < 0 ? div(ONE, r) : r;
}

/** 10^n exactly. */
export const pow10 = (n: number): Rational => (n >= 0 ? rational(10n ** BigInt(n)) : rational(1n, 10n ** BigInt(-n)));

/**
 * The exact value of a JavaScript numeric literal's source text (`0.1`, `1e-3`, `1_000`, `0x10`),
 * or undefined for text that is not one (BigInt literals included).
 */
export function parseNumericLiteral(text: string): Rational | undefined {
  const t = text.replace(/_/g, "");
  if (/^0[xob]/i.test(t)) return rational(BigInt(t));
  if (/^0[0-7]+$/.test(t)) return rational(BigInt(`0o${t.slice(1)}`)); // legacy octal
  const m = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(t);
  if (!m || (m[1] === "" && (m[2] ?? "") === "")) return undefined;
  const digits = `${m[1]}${m[2] ?? ""}` || "0";
  const exp = Number(m[3] ?? 0) - (m[2] ?? "").length;
  return mul(rational(BigInt(digits)), pow10(exp));
}

/** The double nearest to `a` (to 40 significant digits before the final rounding). */
export function toNumber(a: Rational): number {
  if (a.num === 0n) return 0;
  const sign = a.num < 0n ? "-" : "";
  let n = a.num < 0n ? -a.num : a.num;
  const d = a.den;
  // Scale so that the integer quotient has at least 40 digits.
  const digitsOf = (x: bigint) => x.toString().length;
  const shift = 40 - (digitsOf(n) - digitsOf(d));
  n = shift >= 0 ? n * 10n ** BigInt(shift) : n;
  const q = shift >= 0 ? n / d : n / (d * 10n ** BigInt(-shift));
  return Number(`${sign}${q}e${-shift}`);
}

/** Shortest source text for the double nearest `a`, parenthesised when negative if asked. */
export function toLiteral(a: Rational): string {
  const x = toNumber(a);
  return Object.is(x, -0) ? "0" : String(x);
}

export function format(a: Rational): string {
  return a.den === 1n ? String(a.num) : `${a.num}/${a.den}`;
}
