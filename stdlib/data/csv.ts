// CSV files as pandas writes and reads them (to_csv / read_csv), with exact numbers: each number
// is written as the shortest decimal that reads back as the same double, and read with
// JavaScript's correctly rounded Number(). arquero writes the file (toCSV, with pandas'
// spellings of -0, NaN and infinities); csv-parse tokenises it and refuses ragged rows, which
// arquero's reader would silently pad or cut.
import { readFileSync } from "node:fs";
import { table as aqTable, toCSV } from "arquero";
import { parse } from "csv-parse/sync";
import { writeFileAtomic, fsReason } from "./atomic.ts";
import { DataFrame, fromColumns, type Value } from "./frame.ts";

/** A number as pandas writes it, readable back bit for bit. */
export function formatNumber(v: unknown): string {
  if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) return "";
  if (v === Infinity) return "inf";
  if (v === -Infinity) return "-inf";
  if (Object.is(v, -0)) return "-0.0";
  return String(v);
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const SPECIAL: Record<string, number> = { inf: Infinity, "+inf": Infinity, "-inf": -Infinity, infinity: Infinity, "+infinity": Infinity, "-infinity": -Infinity, nan: NaN };

/** A CSV field as a number, or undefined if it is not one ("" is NaN, as pandas reads it). */
export function parseNumber(s: string): number | undefined {
  if (s === "") return NaN;
  if (NUMBER.test(s)) return Number(s);
  const special = SPECIAL[s.toLowerCase()];
  return special;
}

export interface ToCsvOptions {
  /** Write the row numbers as a first, unnamed column (pandas' default); false leaves them out. */
  index?: boolean;
  sep?: string;
}

/** df.to_csv(path): written atomically (a failure leaves no file); returns the full path. */
export function writeCsv(df: DataFrame, file: string, opts: ToCsvOptions = {}): string {
  const what = `DataFrame.to_csv(${JSON.stringify(file)})`;
  const sep = opts.sep ?? ",";
  if (typeof sep !== "string" || sep.length !== 1 || /["\r\n]/.test(sep)) throw new Error(`${what}: sep must be one character other than a quote or newline, got ${JSON.stringify(sep)}`);
  const kinds = df.kinds();
  let table = df.table;
  const format: Record<string, (v: unknown) => unknown> = {};
  for (const [name, kind] of Object.entries(kinds)) if (kind === "number") format[name] = formatNumber;
  if (opts.index ?? true) {
    // pandas' default: the row numbers first, in a column with an empty name.
    const names = ["", ...df.columns];
    const columns: Record<string, ArrayLike<unknown>> = { "": Array.from({ length: table.numRows() }, (_, i) => i) };
    for (const c of df.columns) columns[c] = table.array(c) as ArrayLike<unknown>;
    table = aqTable(columns, names);
  }
  // arquero quotes fields holding the separator, quotes or newlines (RFC 4180).
  const text = toCSV(table, { delimiter: sep, format });
  return writeFileAtomic(what, file, text);
}

export interface ReadCsvOptions {
  sep?: string;
}

/** pd.read_csv(path): numeric columns as numbers (exact), others as strings; "" is NaN / null. */
export function readCsv(file: string, opts: ReadCsvOptions = {}): DataFrame {
  const what = `pd.read_csv(${JSON.stringify(file)})`;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new Error(`${what}: cannot read the file: ${fsReason(e)}`);
  }
  let rows: string[][];
  try {
    rows = parse(text, { delimiter: opts.sep ?? ",", skip_empty_lines: true, bom: true }) as string[][];
  } catch (e) {
    const err = e as { code?: string; lines?: number; record?: unknown[]; message: string };
    if (err.code === "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH") {
      throw new Error(`${what}: line ${err.lines} has ${err.record?.length} fields but the header has a different number; every row must have one value per column (${err.message})`);
    }
    throw new Error(`${what}: not a valid CSV file: ${err.message}`);
  }
  if (rows.length === 0) throw new Error(`${what}: the file is empty (a CSV file starts with a header line of column names)`);
  const header = rows[0]!.map((name, i) => (name === "" ? `Unnamed: ${i}` : name));
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) throw new Error(`${what}: the column name ${JSON.stringify(name)} appears twice in the header`);
    seen.add(name);
  }
  const cols: Record<string, Value[]> = {};
  header.forEach((name, j) => {
    const raw = rows.slice(1).map((r) => r[j]!);
    const nums = raw.map(parseNumber);
    cols[name] = nums.every((x) => x !== undefined) ? (nums as number[]) : raw.map((s) => (s === "" ? null : s));
  });
  return fromColumns(what, cols);
}
