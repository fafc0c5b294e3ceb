// The `neuron-ts/data` module: `import { pd, sqlite3 } from "neuron-ts/data"` stands for
// Python's `import pandas as pd` and `import sqlite3` in the seed's data examples:
//   pd.DataFrame({ t, v }).to_csv("data.csv", { index: false });
//   const data = pd.read_csv("data.csv"); const t = h.Vector(data.get("t"));
//   using conn = sqlite3.connect("sweep.db"); df.to_sql("data", conn, { if_exists: "append", index: false });
//   pd.read_sql("SELECT * FROM data WHERE calculated_value > ?", conn, { params: [7] });
import { readCsv } from "./csv.ts";
import { makeDataFrame } from "./frame.ts";
import { readSql } from "./sqlite.ts";

export const pd = {
  DataFrame: makeDataFrame,
  read_csv: readCsv,
  read_sql: readSql,
};

export { sqlite3, Connection } from "./sqlite.ts";
export { DataFrame } from "./frame.ts";
export type { Value, ColumnInput, ColumnKind } from "./frame.ts";
export type { ToCsvOptions, ReadCsvOptions } from "./csv.ts";
export type { ToSqlOptions } from "./sqlite.ts";
export { writeFileAtomic } from "./atomic.ts";
