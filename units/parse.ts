// Unit strings, as brands and messages write them: "ms", "S/cm2", "ohm*cm", "um^2/ms",
// "nA/(mV*um2)". A name followed by digits is that name to that power when the whole word is not
// itself a unit ("cm2" is a unit; "mV2" is mV squared).
import { DIMENSIONLESS, multiply, divide, power, type Dimension } from "./dimension.ts";
import { ONE, mul, div, pow, type Rational } from "./rational.ts";
import { lookupUnit } from "./table.ts";

export interface Unit {
  readonly dimension: Dimension;
  /** Size in SI units, exactly. */
  readonly scale: Rational;
}

export class UnitSyntaxError extends Error {
  override name = "UnitSyntaxError";
}

export function parseUnit(text: string): Unit {
  const tokens = text.match(/[A-Za-z\u00b5\u03bc_]+\d*|\d+|\*\*|[*/^()]|\S/g) ?? [];
  let i = 0;
  const fail = (why: string): never => {
    throw new UnitSyntaxError(`'${text}' is not a unit: ${why}`);
  };
  const integer = (): number => {
    const sign = tokens[i] === "-" ? (i++, -1) : 1;
    const t = tokens[i++];
    if (!t || !/^\d+$/.test(t)) fail("expected an integer exponent");
    return sign * Number(t);
  };
  const factor = (): Unit => {
    const t = tokens[i++];
    let u: Unit;
    if (t === "(") {
      u = product();
      if (tokens[i++] !== ")") fail("missing ')'");
    } else if (t === "1") {
      u = { dimension: DIMENSIONLESS, scale: ONE };
    } else if (t && /^[A-Za-z\u00b5\u03bc_]/.test(t)) {
      const whole = lookupUnit(t);
      const m = /^(.*?)(\d+)$/.exec(t);
      const base = whole ?? (m ? lookupUnit(m[1]!) : undefined);
      if (!base) fail(`unknown unit name '${t}'`);
      const n = whole || !m ? 1 : Number(m[2]);
      u = { dimension: power(base!.dimension, n), scale: pow(base!.scale, n) };
    } else {
      return fail(t ? `unexpected '${t}'` : "unexpected end");
    }
    if (tokens[i] === "^" || tokens[i] === "**") {
      i++;
      const n = integer();
      u = { dimension: power(u.dimension, n), scale: pow(u.scale, n) };
    }
    return u;
  };
  const product = (): Unit => {
    let u = factor();
    while (tokens[i] === "*" || tokens[i] === "/") {
      const op = tokens[i++];
      const v = factor();
      u = op === "*"
        ? { dimension: multiply(u.dimension, v.dimension), scale: mul(u.scale, v.scale) }
        : { dimension: divide(u.dimension, v.dimension), scale: div(u.scale, v.scale) };
    }
    return u;
  };
  if (tokens.length === 0) fail("empty");
  const u = product();
  if (i !== tokens.length) fail(`unexpected '${tokens[i]}'`);
  return u;
}
