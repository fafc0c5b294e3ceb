// The seed's "Storing and loading data with pandas": the HH trace saved as data.csv (columns t
// and v, no index column) and loaded back into Vectors. Every number comes back bit for bit.
import { h, print } from "neuron-ts";
import { ms, mV, µm } from "neuron-ts/units";
import { pd } from "neuron-ts/data";

h.load_file("stdrun.hoc");
const soma = h.Section({ name: "soma" });
soma.L = soma.diam = 10 * µm;
h.hh.insert(soma);
const ic = h.IClamp(soma(0.5));
ic.delay = 2 * ms;
ic.dur = 0.1 * ms;
ic.amp = 1;
const t = h.Vector().record(h._ref_t);
const v = h.Vector().record(soma(0.5)._ref_v);
h.finitialize(-65 * mV);
h.continuerun(10 * ms);

pd.DataFrame({ t, v }).to_csv("data.csv", { index: false });

const data = pd.read_csv("data.csv");
const t2 = h.Vector(data.get("t") as number[]);
const v2 = h.Vector(data.get("v") as number[]);

const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
print("rows:", `${data.length}`, "columns:", data.columns.join(","));
print("t exact:", `${same(t.to_python(), t2.to_python())}`, "v exact:", `${same(v.to_python(), v2.to_python())}`);
