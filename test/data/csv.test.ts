// CSV: pandas' to_csv / read_csv round trip with every double coming back bit for bit, the
// seed's example (t, v of an HH run), and bad input (ragged rows, unreadable and unwritable
// files) with clear errors and no partial files.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pd } from "../../stdlib/data/index.ts";
import { formatNumber, parseNumber } from "../../stdlib/data/csv.ts";
import { newH } from "../plot/cases.ts";

const tmp = () => mkdtempSync(path.join(os.tmpdir(), "neuron-ts-csv-"));

/** Deterministic awkward doubles: random bit patterns (all exponents), subnormals, specials. */
function awkwardDoubles(n: number): number[] {
  const f = new Float64Array(1), u = new Uint32Array(f.buffer);
  let s = 12345;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0), s);
  const out = [0, -0, NaN, Infinity, -Infinity, 5e-324, -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 0.1 + 0.2, 1 / 3, 1e21, 1e-7, 123456789012345680000];
  while (out.length < n) {
    u[0] = rnd();
    u[1] = rnd();
    if (!Number.isNaN(f[0])) out.push(f[0]!);
  }
  return out;
}

const same = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

describe("CSV round trip", () => {
  it("every double comes back bit for bit (10000 values incl. -0, subnormals, NaN, ±inf)", () => {
    const a = awkwardDoubles(10_000);
    const b = a.map((x) => -x);
    const file = path.join(tmp(), "d.csv");
    pd.DataFrame({ a, b }).to_csv(file, { index: false });
    const back = pd.read_csv(file);
    expect(back.columns).toEqual(["a", "b"]);
    expect(same(back.get("a"), a)).toBe(true);
    expect(same(back.get("b"), b)).toBe(true);
  });

  it("the seed's example: HH t and v Vectors to data.csv and back into Vectors", () => {
    const h = newH();
    const soma = h.Section({ name: "soma" });
    soma.L = soma.diam = 10;
    h.hh.insert(soma);
    const ic = h.IClamp(soma(0.5));
    ic.delay = 2;
    ic.dur = 0.1;
    ic.amp = 1;
    const t = h.Vector().record(h._ref_t);
    const v = h.Vector().record(soma(0.5)._ref_v);
    h.finitialize(-65);
    h.continuerun(10);
    const file = path.join(tmp(), "data.csv");
    pd.DataFrame({ t, v }).to_csv(file, { index: false });
    expect(readFileSync(file, "utf8").split("\n").slice(0, 2)).toEqual(["t,v", "0,-65"]);
    const data = pd.read_csv(file);
    const t2 = h.Vector(data.get("t") as number[]);
    const v2 = h.Vector(data.get("v") as number[]);
    expect(same(t2.to_python(), t.to_python())).toBe(true);
    expect(same(v2.to_python(), v.to_python())).toBe(true);
  });

  it("pandas' layout: index column by default (read back as 'Unnamed: 0'), -0.0, inf, NaN as empty", () => {
    const file = path.join(tmp(), "i.csv");
    pd.DataFrame({ x: [-0, Infinity, NaN, 1.5] }).to_csv(file);
    expect(readFileSync(file, "utf8")).toBe(",x\n0,-0.0\n1,inf\n2,\n3,1.5\n");
    const back = pd.read_csv(file);
    expect(back.columns).toEqual(["Unnamed: 0", "x"]);
    expect(same(back.get("x"), [-0, Infinity, NaN, 1.5])).toBe(true);
  });

  it("text columns with separators, quotes and newlines; scalars repeat to the column length", () => {
    const file = path.join(tmp(), "s.csv");
    pd.DataFrame({ name: ["a,b", 'say "hi"', "two\nlines"], run: 7 }).to_csv(file, { index: false });
    const back = pd.read_csv(file);
    expect(back.get("name")).toEqual(["a,b", 'say "hi"', "two\nlines"]);
    expect(back.get("run")).toEqual([7, 7, 7]);
  });

  it("number spellings pandas writes are read; others are text", () => {
    expect(["1e-05", "-0.0", "inf", "-inf", "nan", "", "+3", ".5"].map(parseNumber)).toEqual([1e-5, -0, Infinity, -Infinity, NaN, NaN, 3, 0.5]);
    expect(["0x10", "1,5", "abc", " 1"].map(parseNumber)).toEqual([undefined, undefined, undefined, undefined]);
    expect([0.1, -0, 1e21].map(formatNumber)).toEqual(["0.1", "-0.0", "1e+21"]);
  });
});

describe("CSV bad input", () => {
  it("a ragged row: the line and the field counts, and nothing read", () => {
    const dir = tmp();
    const file = path.join(dir, "r.csv");
    writeFileSync(file, "t,v\n0,-65\n0.025,-64.9,3\n0.05,-64.8\n");
    expect(() => pd.read_csv(file)).toThrow(/pd\.read_csv\(".*r\.csv"\): line 3 has 3 fields but the header has a different number; every row must have one value per column \(Invalid Record Length: expect 2, got 3 on line 3\)/);
    writeFileSync(file, "t,v\n0,-65\n0.025\n");
    expect(() => pd.read_csv(file)).toThrow(/line 3 has 1 fields/);
  });
  it("a missing file, an empty file, an unclosed quote, a repeated column name", () => {
    const dir = tmp();
    expect(() => pd.read_csv(path.join(dir, "none.csv"))).toThrow(/pd\.read_csv\(".*none\.csv"\): cannot read the file: .*\(ENOENT\)/);
    writeFileSync(path.join(dir, "e.csv"), "");
    expect(() => pd.read_csv(path.join(dir, "e.csv"))).toThrow(/the file is empty/);
    writeFileSync(path.join(dir, "q.csv"), 'a,b\n"x,1\n');
    expect(() => pd.read_csv(path.join(dir, "q.csv"))).toThrow(/not a valid CSV file: .*quote/i);
    writeFileSync(path.join(dir, "d.csv"), "a,a\n1,2\n");
    expect(() => pd.read_csv(path.join(dir, "d.csv"))).toThrow(/the column name "a" appears twice/);
  });
  it("bad tables: unequal column lengths, mixed kinds", () => {
    expect(() => pd.DataFrame({ t: [1, 2], v: [1] })).toThrow(/pd\.DataFrame: all columns must have the same length; column "v" has 1 values, the columns before it 2/);
    expect(() => pd.DataFrame({ t: [1, "a"] })).toThrow(/column "t" mixes numbers and strings \(row 1: "a"\)/);
    expect(() => pd.DataFrame({ t: [1] }).get("v")).toThrow(/DataFrame\.get\("v"\): no such column; the columns are "t"/);
  });
  it("an unwritable path: a clear error and no file, partial or temporary", () => {
    const dir = tmp();
    const df = pd.DataFrame({ t: [1, 2] });
    expect(() => df.to_csv(path.join(dir, "no", "x.csv"))).toThrow(/DataFrame\.to_csv\(".*x\.csv"\): cannot write ".*x\.csv": its folder does not exist \(ENOENT\)/);
    expect(() => df.to_csv(dir)).toThrow(/it is a folder \(EISDIR\)/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
