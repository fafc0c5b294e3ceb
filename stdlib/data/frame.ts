// DataFrame: a table of named columns, as pandas' for the seed's uses (building a table from
// recorded Vectors or one run's parameters, to_csv/read_csv, to_sql/read_sql). The data live in
// an arquero table (`df.table`), so everything arquero does (filter, derive, groupby, join,
// toCSV, toArrow) is at hand.
import { table as aqTable, type ColumnTable } from "arquero";
import { writeCsv, type ToCsvOptions } from "./csv.ts";
import { writeSql, type Connection, type ToSqlOptions } from "./sqlite.ts";

export type Value = number | string | boolean | null;
export type ColumnKind = "number" | "string" | "boolean";

/** What a column can be given as: an array, an h.Vector or any iterable; or one scalar. */
export type ColumnInput = Iterable<Value> | ArrayLike<Value> | Value;

function isSeries(v: unknown): v is Iterable<Value> | ArrayLike<Value> {
  return v !== null && typeof v === "object" && (Symbol.iterator in v || "length" in v);
}

/** The kind of a column's values (null and NaN fit any kind); an error for a mixed column. */
export function columnKind(what: string, name: string, values: readonly Value[]): ColumnKind {
  let kind: ColumnKind | null = null;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    const k = typeof v;
    if (k !== "number" && k !== "string" && k !== "boolean") {
      throw new Error(`${what}: column ${JSON.stringify(name)} row ${i}: values must be numbers, strings, booleans or null, got ${String(v)}`);
    }
    if (kind && kind !== k) throw new Error(`${what}: column ${JSON.stringify(name)} mixes ${kind}s and ${k}s (row ${i}: ${JSON.stringify(v)}); a column holds one kind of value`);
    kind = k as ColumnKind;
  }
  return kind ?? "number";
}

export class DataFrame {
  /** The arquero table holding the data. */
  readonly table: ColumnTable;

  constructor(table: ColumnTable) {
    this.table = table;
  }

  /** Column names, in order. */
  get columns(): string[] {
    return this.table.columnNames();
  }

  /** Number of rows. */
  get length(): number {
    return this.table.numRows();
  }

  /** [rows, columns], as pandas' df.shape. */
  get shape(): [number, number] {
    return [this.table.numRows(), this.table.numCols()];
  }

  /** A column's values (pandas' df.get(name) / df[name]); h.Vector(df.get("v")) makes a Vector. */
  get(name: string): Value[] {
    if (!this.columns.includes(name)) {
      throw new Error(`DataFrame.get(${JSON.stringify(name)}): no such column; the columns are ${this.columns.map((c) => JSON.stringify(c)).join(", ")}`);
    }
    return Array.from(this.table.array(name) as ArrayLike<Value>);
  }

  /** The rows as objects { column: value }. */
  to_records(): Record<string, Value>[] {
    return this.table.objects() as Record<string, Value>[];
  }

  /** Writes a CSV file (atomically); pass { index: false } to leave out the row numbers, as the seed does. */
  to_csv(file: string, opts: ToCsvOptions = {}): string {
    return writeCsv(this, file, opts);
  }

  /** Writes the rows to an SQLite table in one transaction; returns the number of rows. */
  to_sql(name: string, conn: Connection, opts: ToSqlOptions = {}): number {
    return writeSql(this, name, conn, opts);
  }

  kinds(): Record<string, ColumnKind> {
    return Object.fromEntries(this.columns.map((c) => [c, columnKind("DataFrame", c, this.get(c))]));
  }

  /** A plain-text table like pandas' (row numbers, then the columns). */
  toString(): string {
    const cols = this.columns;
    const rows = this.to_records().map((r, i) => [String(i), ...cols.map((c) => String(r[c] ?? "NaN"))]);
    const all = [["", ...cols], ...rows];
    const widths = all[0]!.map((_, j) => Math.max(...all.map((r) => r[j]!.length)));
    return all.map((r) => r.map((s, j) => (j === 0 ? s.padEnd(widths[j]!) : s.padStart(widths[j]!))).join("  ")).join("\n");
  }
}

/**
 * pd.DataFrame({ t, v }) from columns (arrays, h.Vectors, iterables; a scalar is repeated to the
 * length of the other columns, as pandas does), or from an array of row objects.
 */
export function makeDataFrame(data: Record<string, ColumnInput> | Record<string, Value>[]): DataFrame {
  const what = "pd.DataFrame";
  if (Array.isArray(data)) {
    const names: string[] = [];
    for (const row of data) {
      if (row === null || typeof row !== "object") throw new Error(`${what}: rows must be objects { column: value }, got ${String(row)}`);
      for (const k of Object.keys(row)) if (!names.includes(k)) names.push(k);
    }
    const cols: Record<string, Value[]> = {};
    for (const n of names) cols[n] = data.map((r) => (n in r ? r[n]! : null));
    return fromColumns(what, cols);
  }
  if (data === null || typeof data !== "object") throw new Error(`${what}: data must be an object of columns { name: values }, got ${String(data)}`);
  const series: Record<string, Value[]> = {};
  let n = -1;
  for (const [name, v] of Object.entries(data)) {
    if (!isSeries(v)) continue;
    const arr = Symbol.iterator in (v as object) ? Array.from(v as Iterable<Value>) : Array.from(v as ArrayLike<Value>);
    if (n >= 0 && arr.length !== n) {
      throw new Error(`${what}: all columns must have the same length; column ${JSON.stringify(name)} has ${arr.length} values, the columns before it ${n}`);
    }
    n = arr.length;
    series[name] = arr;
  }
  const cols: Record<string, Value[]> = {};
  for (const [name, v] of Object.entries(data)) {
    cols[name] = series[name] ?? new Array<Value>(Math.max(n, 1)).fill(v as Value);
  }
  return fromColumns(what, cols);
}

/** A DataFrame from column arrays (checked: one kind of value per column). */
export function fromColumns(what: string, cols: Record<string, Value[]>): DataFrame {
  for (const [name, values] of Object.entries(cols)) {
    if (name === "") throw new Error(`${what}: column names must be non-empty strings`);
    columnKind(what, name, values);
  }
  return new DataFrame(aqTable(cols));
}
