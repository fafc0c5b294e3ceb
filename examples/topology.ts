// The seed's seven-section tree, printed with h.topology().
import { h } from "neuron-ts";

const soma = h.Section("soma");
const papic = h.Section("proxApical");
const apic1 = h.Section("apic1");
const apic2 = h.Section("apic2");
const pb = h.Section("proxBasal");
const db1 = h.Section("distBasal1");
const db2 = h.Section("distBasal2");

papic.connect(soma);
pb.connect(soma(0));
apic1.connect(papic);
apic2.connect(papic);
db1.connect(pb);
db2.connect(pb);

h.topology();
