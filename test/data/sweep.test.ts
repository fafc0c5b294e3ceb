// The SQLite sweep example: 20 runs, one row appended per run (one transaction each), read back
// with a WHERE query; and the same sweep killed (SIGKILL) in the middle keeps every finished
// run's row, complete and readable.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { pd, sqlite3 } from "../../stdlib/data/index.ts";
import { exampleCommand, runExample } from "../plot/run-example.ts";

const COLUMNS = ["dx", "L", "diam", "alpha", "temperature", "spike half width", "calculated_value", "runtime"];

/** Rows committed so far (0 while the file or table does not exist, or the writer holds a lock). */
function committed(file: string): number {
  if (!existsSync(file)) return 0;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("SELECT count(*) AS n FROM data").get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

describe("SQLite sweep", () => {
  it("writes 20 rows and reads them back with a WHERE query", () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), "neuron-ts-sweep-"));
    const r = runExample("examples/plots/sqlite_sweep.ts", { cwd });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^rows: 20\nrows with calculated_value > 100: (\d+)\n/);
    using conn = sqlite3.connect(path.join(cwd, "sweep.db"));
    const all = pd.read_sql("SELECT * FROM data", conn);
    expect(all.columns).toEqual(COLUMNS);
    expect(all.length).toBe(20);
    expect(all.get("temperature")).toEqual(Array.from({ length: 20 }, (_, k) => 6.3 + 10 * (k / 19)));
    const n = Number(/> 100: (\d+)/.exec(r.stdout)![1]);
    const where = pd.read_sql("SELECT temperature FROM data WHERE calculated_value > ? ORDER BY temperature", conn, { params: [100] });
    expect(where.length).toBe(n);
    expect(n).toBeGreaterThan(0);
  });

  it("killed midway: every finished run's row is there, complete; the database is intact", async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), "neuron-ts-sweep-kill-"));
    const db = path.join(cwd, "sweep.db");
    // tstop 400 ms: each run takes long enough that the sweep is still going after 3 rows.
    const argv = exampleCommand("examples/plots/sqlite_sweep.ts", [db, "400"]);
    const child = spawn(argv[0]!, argv.slice(1), { cwd, stdio: "ignore" });
    const exited = new Promise<{ code: number | null; signal: string | null }>((res) => child.on("exit", (code, signal) => res({ code, signal })));
    const deadline = Date.now() + 240_000;
    while (committed(db) < 3 && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
    child.kill("SIGKILL");
    const { signal } = await exited;
    expect(signal, "the sweep ended before it could be killed").toBe("SIGKILL");
    const db2 = new Database(db); // a hot journal from the killed transaction is rolled back here
    try {
      expect(db2.pragma("integrity_check", { simple: true })).toBe("ok");
      const rows = db2.prepare("SELECT * FROM data ORDER BY rowid").all() as Record<string, number>[];
      expect(rows.length).toBeGreaterThanOrEqual(3);
      expect(rows.length).toBeLessThan(20);
      rows.forEach((row, k) => {
        expect(Object.keys(row)).toEqual(COLUMNS);
        expect(row.temperature).toBe(6.3 + 10 * (k / 19)); // runs 0..k in order, none missing
        for (const c of COLUMNS) expect(row[c], `${c} of run ${k}`).not.toBeNull();
      });
    } finally {
      db2.close();
    }
  }, 300_000);
});
