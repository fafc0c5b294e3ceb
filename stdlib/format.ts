// printf-style number formatting, as NEURON prints numbers (C's %g).

/** C's %.<prec>g. */
export function formatG(x: number, prec = 6): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const p = prec === 0 ? 1 : prec;
  const exp = Number(x.toExponential(p - 1).split("e")[1]);
  if (exp < -4 || exp >= p) {
    let [mant, e] = x.toExponential(p - 1).split("e") as [string, string];
    if (mant.includes(".")) mant = mant.replace(/0+$/, "").replace(/\.$/, "");
    const en = Number(e);
    const sign = en < 0 ? "-" : "+";
    const digits = String(Math.abs(en)).padStart(2, "0");
    return `${mant}e${sign}${digits}`;
  }
  let s = x.toFixed(Math.max(0, p - 1 - exp));
  if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "");
  return s;
}
