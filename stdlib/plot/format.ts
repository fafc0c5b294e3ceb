// C's "%.<d>f" (Python's "%.3f" % val, which NEURON uses for PlotShape hover text): the exact
// binary value rounded half-to-even. Number.prototype.toFixed rounds ties away from zero and
// switches to exponent form at 1e21, so it cannot be used as is.

const F64 = new Float64Array(1);
const U64 = new BigUint64Array(F64.buffer);

/** The double x as m * 2^e with m, e integers (x finite, nonzero, m ≥ 0). */
function decompose(x: number): { m: bigint; e: number } {
  F64[0] = Math.abs(x);
  const bits = U64[0]!;
  const be = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & 0xfffffffffffffn;
  return be === 0 ? { m: frac, e: -1074 } : { m: frac | (1n << 52n), e: be - 1075 };
}

/** printf("%.<digits>f", x), glibc/Python style ("nan", "inf", "-0.000"). */
export function formatFixed(x: number, digits = 3): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  let n: bigint; // round(|x| * 10^digits), half to even
  if (x === 0) n = 0n;
  else {
    const { m, e } = decompose(x);
    const scaled = m * 10n ** BigInt(digits);
    if (e >= 0) n = scaled << BigInt(e);
    else {
      const den = 1n << BigInt(-e);
      n = scaled / den;
      const twice = 2n * (scaled % den);
      if (twice > den || (twice === den && n % 2n === 1n)) n += 1n;
    }
  }
  const s = n.toString().padStart(digits + 1, "0");
  return digits === 0 ? sign + s : `${sign}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}
