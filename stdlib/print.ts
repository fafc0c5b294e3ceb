// print(...) as Python prints, so that a script ported line by line prints what NEURON's
// Python prints: floats in repr form (10.0, 3.225000000100012), lists as [a, b], true as True,
// null as None, strings bare at top level and quoted inside lists. Sections, segments and
// vectors print their names (their toString). JavaScript has one number type, so every number
// prints as a Python float (10.0); pass an integer count as a string (`${v.size()}`) to print 1981.

function isIntegral(x: number): boolean {
  return Number.isFinite(x) && Math.trunc(x) === x;
}

/** Python's repr of a float. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (Object.is(x, -0)) return "-0.0";
  const abs = Math.abs(x);
  if (abs !== 0 && (abs >= 1e16 || abs < 1e-4)) {
    // Python switches to exponent form at 1e16 and below 1e-4, with a two-digit exponent.
    const [m, e] = x.toExponential().split("e") as [string, string];
    const n = Number(e);
    return `${m}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
  }
  const s = String(x);
  return isIntegral(x) && !s.includes("e") ? `${s}.0` : s;
}

/** Python's repr/str of a value, for print. */
export function pyStr(value: unknown, nested = false): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") return floatRepr(value);
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return nested ? `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'` : value;
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    return `[${Array.from(value as ArrayLike<unknown>, (v) => pyStr(v, true)).join(", ")}]`;
  }
  if (value instanceof Map) return `{${Array.from(value, ([k, v]) => `${pyStr(k, true)}: ${pyStr(v, true)}`).join(", ")}}`;
  if (typeof value === "object" || typeof value === "function") {
    const ts = (value as { toString?: unknown }).toString;
    if (typeof ts === "function" && ts !== Object.prototype.toString) return String(value);
    if (typeof value === "object") {
      return `{${Object.entries(value as object).map(([k, v]) => `'${k}': ${pyStr(v, true)}`).join(", ")}}`;
    }
  }
  return String(value);
}

/** print(a, b, ...): the arguments' Python str, separated by spaces, then a newline. */
export function print(...args: unknown[]): void {
  process.stdout.write(args.map((a) => pyStr(a)).join(" ") + "\n");
}
