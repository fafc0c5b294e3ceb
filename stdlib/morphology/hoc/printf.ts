// C printf formatting for HOC's printf/sprint/print: %d %i %g %G %f %e %E %s %c %x %o %%,
// with flags (- + space 0 #), width and precision.
import { formatG } from "../../format.ts";
import type { HocValue } from "./values.ts";

const SPEC = /%([-+ 0#]*)(\d+|\*)?(?:\.(\d+|\*))?([diouxXeEfgGsc%])/g;

export function cFormat(fmt: string, args: HocValue[], what: string): string {
  let k = 0;
  const nextArg = (conv: string): HocValue => {
    if (k >= args.length) throw new Error(`${what}: the format ${JSON.stringify(fmt)} needs more arguments than the ${args.length} given (at %${conv})`);
    return args[k++]!;
  };
  const num = (conv: string): number => {
    const v = nextArg(conv);
    if (typeof v !== "number") throw new Error(`${what}: %${conv} needs a number, got ${typeof v === "string" ? JSON.stringify(v) : "an object"}`);
    return v;
  };
  return fmt.replace(SPEC, (_m, flags: string, width: string | undefined, prec: string | undefined, conv: string) => {
    if (conv === "%") return "%";
    const w = width === "*" ? num("*") : width === undefined ? 0 : Number(width);
    const p = prec === "*" ? num("*") : prec === undefined ? undefined : Number(prec);
    let body: string;
    switch (conv) {
      case "d":
      case "i":
        body = intText(Math.trunc(num(conv)), flags);
        break;
      case "o":
      case "x":
      case "X": {
        const v = Math.trunc(num(conv));
        body = (v >>> 0).toString(conv === "o" ? 8 : 16);
        if (conv === "X") body = body.toUpperCase();
        break;
      }
      case "f":
        body = signed(num(conv), (x) => x.toFixed(p ?? 6), flags);
        break;
      case "e":
      case "E": {
        const s = signed(num(conv), (x) => expText(x, p ?? 6), flags);
        body = conv === "E" ? s.toUpperCase() : s;
        break;
      }
      case "g":
      case "G": {
        const s = signed(num(conv), (x) => formatG(x, p ?? 6), flags);
        body = conv === "G" ? s.toUpperCase() : s;
        break;
      }
      case "s": {
        const v = nextArg(conv);
        body = typeof v === "number" ? formatG(v) : v === null ? "NULLobject" : String(v);
        if (p !== undefined) body = body.slice(0, p);
        break;
      }
      case "c": {
        const v = nextArg(conv);
        body = typeof v === "number" ? String.fromCharCode(v) : String(v).slice(0, 1);
        break;
      }
      default:
        body = "";
    }
    if (body.length >= w) return body;
    if (flags.includes("-")) return body.padEnd(w);
    if (flags.includes("0") && /[dioxXeEfgG]/.test(conv)) {
      const sign = /^[-+ ]/.test(body) ? body[0]! : "";
      return sign + body.slice(sign.length).padStart(w - sign.length, "0");
    }
    return body.padStart(w);
  });
}

function intText(v: number, flags: string): string {
  const s = String(Math.abs(v));
  if (v < 0) return "-" + s;
  return (flags.includes("+") ? "+" : flags.includes(" ") ? " " : "") + s;
}

function signed(x: number, f: (x: number) => string, flags: string): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const s = f(x);
  if (s.startsWith("-")) return s;
  return (flags.includes("+") ? "+" : flags.includes(" ") ? " " : "") + s;
}

/** C's %.<p>e: two-digit exponent at least. */
function expText(x: number, p: number): string {
  const [mant, e] = x.toExponential(p).split("e") as [string, string];
  const n = Number(e);
  return `${mant}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
}
