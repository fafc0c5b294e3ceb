// h.topology(): NEURON's text picture of the tree (src/nrnoc/solve.cpp nrnhoc_topology, dashes).
import type { Section as RtSection } from "../runtime/section.ts";
import { formatG } from "./format.ts";
import type { Context } from "./context.ts";

export function topologyText(ctx: Context): string {
  const out: string[] = ["\n"];
  const dashes = (sec: RtSection, offset: number, first: string) => {
    const o = sec.orientation;
    const direc = `(${o}-${1 - o})`;
    let line = " ".repeat(offset) + first + "-".repeat(Math.max(0, sec.nseg - 1));
    line += sec.rallbranch === 1
      ? `|       ${ctx.sectionName(sec)}${direc}\n`
      : `|       ${ctx.sectionName(sec)}${direc} with ${formatG(sec.rallbranch)} rall branches\n`;
    out.push(line);
    // The sibling list runs by increasing distance; children print in reverse.
    for (let k = sec.children.length - 1; k >= 0; k--) {
      const ch = sec.children[k]!;
      const i = sec.nodeIndexExact(ch.parentX);
      out.push(" ");
      dashes(ch, i + offset + 1, "`");
    }
  };
  for (const sec of ctx.model.sections) {
    if (!sec.parent) {
      out.push("|");
      dashes(sec, 0, "-");
    }
  }
  out.push("\n");
  return out.join("");
}
