// SQLite through better-sqlite3: pandas' to_sql (fail / replace / append, one transaction per
// call) and read_sql, and bad input (existing tables, missing columns, bad SQL, unwritable or
// non-database files) with clear errors and the database unchanged.
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pd, sqlite3 } from "../../stdlib/data/index.ts";

const tmp = () => mkdtempSync(path.join(os.tmpdir(), "neuron-ts-sql-"));

function run(k: number) {
  return pd.DataFrame({ dx: [0.1 * k], L: 100 + k, "spike half width": k === 3 ? NaN : 1 / (k + 1), calculated_value: k * 2.5, note: `run ${k}`, ok: k % 2 === 0 });
}

describe("to_sql / read_sql", () => {
  it("the seed's pattern: append one row per run, read back with SQL and a WHERE clause", () => {
    const file = path.join(tmp(), "sweep.db");
    for (let k = 0; k < 6; k++) {
      using conn = sqlite3.connect(file);
      expect(run(k).to_sql("data", conn, { if_exists: "append", index: false })).toBe(1);
    }
    using conn = sqlite3.connect(file);
    const all = pd.read_sql("SELECT * FROM data", conn);
    expect(all.columns).toEqual(["dx", "L", "spike half width", "calculated_value", "note", "ok"]);
    expect(all.length).toBe(6);
    expect(Object.is(all.get("dx")[3], 0.1 * 3)).toBe(true); // REAL keeps every bit
    expect(Number.isNaN(all.get("spike half width")[3])).toBe(true); // NaN is NULL, read as NaN
    expect(all.get("ok")).toEqual([1, 0, 1, 0, 1, 0]);
    const some = pd.read_sql("SELECT dx, L, note FROM data WHERE calculated_value > ? ORDER BY L DESC", conn, { params: [7] });
    expect(some.get("note")).toEqual(["run 5", "run 4", "run 3"]);
    expect(conn.execute('SELECT typeof(dx) AS t, typeof(note) AS n FROM data LIMIT 1')).toEqual([{ t: "real", n: "text" }]);
  });

  it("if_exists: fail (pandas' default) refuses, replace starts over; index: true adds an 'index' column", () => {
    using conn = sqlite3.connect(":memory:");
    pd.DataFrame({ x: [1, 2] }).to_sql("t", conn);
    expect(conn.tableColumns("t")).toEqual(["index", "x"]);
    expect(() => pd.DataFrame({ x: [3] }).to_sql("t", conn)).toThrow(/DataFrame\.to_sql\("t"\): table "t" already exists in :memory:; pass \{ if_exists: "append" \}/);
    pd.DataFrame({ y: [5] }).to_sql("t", conn, { if_exists: "replace", index: false });
    expect(pd.read_sql("SELECT * FROM t", conn).to_records()).toEqual([{ y: 5 }]);
  });

  it("a failure in the middle of to_sql rolls the whole call back", () => {
    using conn = sqlite3.connect(":memory:");
    conn.execute("CREATE TABLE t (x REAL CHECK (x < 5))");
    pd.DataFrame({ x: [1] }).to_sql("t", conn, { if_exists: "append", index: false });
    expect(() => pd.DataFrame({ x: [2, 3, 9, 4] }).to_sql("t", conn, { if_exists: "append", index: false })).toThrow(/CHECK constraint failed/);
    expect(pd.read_sql("SELECT x FROM t", conn).get("x")).toEqual([1]);
  });
});

describe("SQLite bad input", () => {
  it("appending columns the table lacks; a bad if_exists; a closed connection", () => {
    using conn = sqlite3.connect(":memory:");
    pd.DataFrame({ x: [1] }).to_sql("t", conn, { index: false });
    expect(() => pd.DataFrame({ x: [1], y: [2] }).to_sql("t", conn, { if_exists: "append", index: false })).toThrow(/table "t" has no column "y"; its columns are "x"/);
    expect(() => pd.DataFrame({ x: [1] }).to_sql("t", conn, { if_exists: "merge" as never })).toThrow(/if_exists must be "fail", "replace" or "append", got "merge"/);
    conn.close();
    expect(() => pd.DataFrame({ x: [1] }).to_sql("t", conn)).toThrow(/the connection to :memory: is closed/);
  });
  it("SQL errors name the statement", () => {
    using conn = sqlite3.connect(":memory:");
    expect(() => pd.read_sql("SELECT * FROM nosuch", conn)).toThrow(/pd\.read_sql: SQL error in "SELECT \* FROM nosuch": no such table: nosuch/);
    expect(() => pd.read_sql("CREATE TABLE a (x)", conn)).toThrow(/returns no rows/);
    expect(() => pd.read_sql("SELECT 1", {} as never)).toThrow(/the connection must come from sqlite3\.connect/);
  });
  it("a database in a missing folder, or a file that is not a database: errors, and no new files", () => {
    const dir = tmp();
    expect(() => sqlite3.connect(path.join(dir, "no", "x.db"))).toThrow(/sqlite3\.connect\(".*x\.db"\): cannot open the database: its folder ".*no" does not exist/);
    writeFileSync(path.join(dir, "notes.db"), "these are my notes, not a database at all........................................................");
    expect(() => sqlite3.connect(path.join(dir, "notes.db"))).toThrow(/notes\.db" is not an SQLite database \(file is not a database\)/);
    expect(readdirSync(dir)).toEqual(["notes.db"]);
  });
});
