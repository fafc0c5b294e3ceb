// The seed's "Saving to a database table": a 20-run parameter sweep that appends one row per run
// to an SQLite table (one transaction per row: a sweep killed midway keeps every finished run),
// then reads rows back with SQL. The sweep: an hh axon, 200 µm, with dx, diam and temperature
// varied; the spike's half width at the axon's middle is the measured value.
//   npx neuron-ts run examples/plots/sqlite_sweep.ts [sweep.db] [tstop in ms, default 10]
import { rmSync } from "node:fs";
import { h, print } from "neuron-ts";
import { ms, mV, µm } from "neuron-ts/units";
import { pd, sqlite3 } from "neuron-ts/data";

const DB_FILENAME = process.argv[2] ?? "sweep.db";
const tstop = Number(process.argv[3] ?? 10) * ms;
rmSync(DB_FILENAME, { force: true }); // a fresh table for this example
h.load_file("stdrun.hoc");

/** Width of the first spike at half its height above rest (ms), by linear interpolation. */
function spikeHalfWidth(t: number[], v: number[]): number {
  const rest = v[0]!;
  const peak = Math.max(...v);
  const half = rest + (peak - rest) / 2;
  const cross = (i: number) => t[i - 1]! + ((half - v[i - 1]!) * (t[i]! - t[i - 1]!)) / (v[i]! - v[i - 1]!);
  const up = v.findIndex((x, i) => i > 0 && v[i - 1]! < half && x >= half);
  const down = v.findIndex((x, i) => i > up && v[i - 1]! >= half && x < half);
  return up > 0 && down > 0 ? cross(down) - cross(up) : NaN;
}

const conn = sqlite3.connect(DB_FILENAME);
for (let run = 0; run < 20; run++) {
  const start = performance.now();
  const dx = [5, 10, 20, 40][run % 4]! * µm;
  const diam = (1 + Math.floor(run / 4) * 0.5) * µm;
  const L = 200 * µm;
  const alpha = run / 19;
  h.celsius = 6.3 + 10 * alpha;

  const axon = h.Section({ name: "axon" });
  axon.L = L;
  axon.diam = diam;
  axon.nseg = Math.max(1, Math.round(L / dx));
  h.hh.insert(axon);
  const ic = h.IClamp(axon(0));
  ic.delay = 1 * ms;
  ic.dur = 0.5 * ms;
  ic.amp = 0.5;
  const t = h.Vector().record(h._ref_t);
  const v = h.Vector().record(axon(0.5)._ref_v);
  h.finitialize(-65 * mV);
  h.continuerun(tstop);

  const spike_half_width = spikeHalfWidth(t.to_python(), v.to_python());
  const calculated_value = Math.max(...v.to_python()) - -65;
  const data = pd.DataFrame({
    dx: [dx],
    L,
    diam,
    alpha,
    temperature: h.celsius,
    "spike half width": spike_half_width,
    calculated_value,
    runtime: (performance.now() - start) / 1000,
  });
  data.to_sql("data", conn, { if_exists: "append", index: false });
  h.delete_section({ sec: axon });
}

const all = pd.read_sql("SELECT * FROM data", conn);
print("rows:", `${all.length}`);
const data = pd.read_sql(
  `SELECT dx, L, diam, temperature, alpha FROM data
   WHERE calculated_value > 100
   ORDER BY temperature`,
  conn,
);
print("rows with calculated_value > 100:", `${data.length}`);
print(String(data));
conn.close();
