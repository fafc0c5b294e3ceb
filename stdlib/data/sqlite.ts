// SQLite through better-sqlite3, the embedded default database: sqlite3.connect(file) as
// Python's, df.to_sql(name, conn, { if_exists: "append" }) and pd.read_sql(sql, conn) as
// pandas'. Each to_sql call is one transaction, so a parameter sweep that appends one row per
// run keeps every finished run even if the process is killed in the middle of the next one.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type Database from "better-sqlite3";
import { fsReason } from "./atomic.ts";
import { DataFrame, fromColumns, type ColumnKind, type Value } from "./frame.ts";

let BetterSqlite3: typeof Database | null = null;

/** better-sqlite3's Database class, loaded by the first connect(): loading it takes ~15–20 ms,
 * which a script that imports neuron-ts/data only for CSV files should not pay at start-up. */
function betterSqlite3(): typeof Database {
  return (BetterSqlite3 ??= createRequire(import.meta.url)("better-sqlite3") as typeof Database);
}

const SQL_TYPE: Record<ColumnKind, string> = { number: "REAL", string: "TEXT", boolean: "INTEGER" };

/** An SQL identifier, quoted ("spike half width" is a valid column name). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A database connection; close it with close() or let `using conn = sqlite3.connect(f)` do it. */
export class Connection {
  /** The better-sqlite3 Database, for anything else (prepare, pragma, backup, ...). */
  readonly db: Database.Database;

  constructor(readonly file: string) {
    const what = `sqlite3.connect(${JSON.stringify(file)})`;
    if (typeof file !== "string" || file === "") throw new Error(`sqlite3.connect: the database file name must be a non-empty string, got ${String(file)}`);
    if (file !== ":memory:" && !existsSync(path.dirname(path.resolve(file)))) {
      throw new Error(`${what}: cannot open the database: its folder ${JSON.stringify(path.dirname(path.resolve(file)))} does not exist`);
    }
    const Sqlite = betterSqlite3();
    try {
      this.db = new Sqlite(file);
    } catch (e) {
      throw new Error(`${what}: cannot open the database: ${fsReason(e)}`);
    }
    try {
      this.db.pragma("schema_version"); // reads the header: a file that is not a database fails here
    } catch (e) {
      this.db.close();
      throw new Error(`${what}: ${JSON.stringify(file)} is not an SQLite database (${(e as Error).message})`);
    }
  }

  /** Runs SQL with optional parameters; returns the rows of a query, [] for other statements. */
  execute(sql: string, params: unknown[] | Record<string, unknown> = []): Record<string, Value>[] {
    const stmt = this.prepare("Connection.execute", sql);
    const args = Array.isArray(params) ? params : [params];
    return stmt.reader ? (stmt.all(...args) as Record<string, Value>[]) : (stmt.run(...args), []);
  }

  prepare(what: string, sql: string): Database.Statement {
    if (typeof sql !== "string") throw new Error(`${what}: the SQL must be a string, got ${String(sql)}`);
    try {
      return this.db.prepare(sql);
    } catch (e) {
      throw new Error(`${what}: SQL error in ${JSON.stringify(sql.trim())}: ${(e as Error).message}`);
    }
  }

  tableColumns(name: string): string[] | null {
    const cols = this.db.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as { name: string }[];
    return cols.length ? cols.map((c) => c.name) : null;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  [Symbol.dispose](): void {
    this.close();
  }
}

export const sqlite3 = {
  /** Opens (creating if needed) the database file; ":memory:" for an in-memory one. */
  connect: (file: string) => new Connection(file),
};

export interface ToSqlOptions {
  /** "fail" (default, as pandas): error if the table exists; "replace": drop it first; "append". */
  if_exists?: "fail" | "replace" | "append";
  /** Also write the row numbers as a column "index" (pandas' default); false leaves them out. */
  index?: boolean;
}

/** df.to_sql(name, conn, opts): creates the table if needed and inserts the rows in one transaction. */
export function writeSql(df: DataFrame, name: string, conn: Connection, opts: ToSqlOptions = {}): number {
  const what = `DataFrame.to_sql(${JSON.stringify(name)})`;
  if (typeof name !== "string" || name === "") throw new Error(`DataFrame.to_sql: the table name must be a non-empty string, got ${String(name)}`);
  if (!(conn instanceof Connection)) throw new Error(`${what}: the connection must come from sqlite3.connect(file), got ${String(conn)}`);
  if (!conn.db.open) throw new Error(`${what}: the connection to ${conn.file} is closed`);
  const ifExists = opts.if_exists ?? "fail";
  if (!["fail", "replace", "append"].includes(ifExists)) throw new Error(`${what}: if_exists must be "fail", "replace" or "append", got ${JSON.stringify(ifExists)}`);
  const kinds = df.kinds(); // validates every column before the database is touched
  const cols = [...(opts.index ?? true ? ["index"] : []), ...df.columns];
  const types: Record<string, string> = { index: "INTEGER" };
  for (const [c, k] of Object.entries(kinds)) types[c] = SQL_TYPE[k];
  const data = df.columns.map((c) => df.get(c));
  const rows = df.length;
  const insert = () => {
    const existing = conn.tableColumns(name);
    if (existing && ifExists === "fail") {
      throw new Error(`${what}: table ${JSON.stringify(name)} already exists in ${conn.file}; pass { if_exists: "append" } to add rows or "replace" to overwrite it`);
    }
    if (existing && ifExists === "replace") conn.db.exec(`DROP TABLE ${quoteIdent(name)}`);
    if (!existing || ifExists === "replace") {
      conn.db.exec(`CREATE TABLE ${quoteIdent(name)} (${cols.map((c) => `${quoteIdent(c)} ${types[c]}`).join(", ")})`);
    } else {
      const missing = cols.filter((c) => !existing.includes(c));
      if (missing.length) throw new Error(`${what}: table ${JSON.stringify(name)} has no column${missing.length > 1 ? "s" : ""} ${missing.map((c) => JSON.stringify(c)).join(", ")}; its columns are ${existing.map((c) => JSON.stringify(c)).join(", ")}`);
    }
    const stmt = conn.db.prepare(`INSERT INTO ${quoteIdent(name)} (${cols.map(quoteIdent).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`);
    const withIndex = cols.length > df.columns.length;
    for (let r = 0; r < rows; r++) {
      const vals = data.map((col) => {
        const v = col[r];
        return typeof v === "boolean" ? Number(v) : typeof v === "number" && Number.isNaN(v) ? null : v;
      });
      stmt.run(...(withIndex ? [r, ...vals] : vals));
    }
  };
  conn.db.transaction(insert)();
  return rows;
}

/** pd.read_sql(sql, conn, { params }): the query's rows as a DataFrame (NULL in a number column is NaN). */
export function readSql(sql: string, conn: Connection, opts: { params?: unknown[] | Record<string, unknown> } = {}): DataFrame {
  const what = "pd.read_sql";
  if (!(conn instanceof Connection)) throw new Error(`${what}: the connection must come from sqlite3.connect(file), got ${String(conn)}`);
  const stmt = conn.prepare(what, sql);
  if (!stmt.reader) throw new Error(`${what}: ${JSON.stringify(sql.trim())} returns no rows (use conn.execute for statements)`);
  const params = opts.params === undefined ? [] : Array.isArray(opts.params) ? opts.params : [opts.params];
  const names = stmt.columns().map((c) => c.name);
  const rows = stmt.raw(true).all(...params) as Value[][];
  const cols: Record<string, Value[]> = {};
  names.forEach((n, j) => {
    const vals = rows.map((r) => r[j] ?? null);
    const numeric = vals.some((v) => typeof v === "number") && vals.every((v) => v === null || typeof v === "number");
    cols[n] = numeric ? vals.map((v) => (v === null ? NaN : v)) : vals;
  });
  return fromColumns(`${what}(${JSON.stringify(sql.trim())})`, cols);
}
