// h.SaveState(): save() and restore() the state of a run, fwrite(path)/fread(path) to keep it
// in a file. Restoring a state into a model of another structure is refused.
import { readFileSync, writeFileSync } from "node:fs";
import { restoreState, saveState, checkState, type SavedState } from "../runtime/savestate.ts";
import { badInput, type Context } from "./context.ts";

let count = 0;

export class SaveStateImpl {
  private state: SavedState | null = null;
  private readonly id = count++;
  constructor(private readonly ctx: Context) {}

  save(): void {
    this.state = saveState(this.ctx.model, this.ctx.sim);
  }

  /** restore() restores everything; restore(1) skips plays, NetCons, thresholds and the queue. */
  restore(type: 0 | 1 = 0): void {
    if (type !== 0 && type !== 1) throw badInput(`${this.hname()}.restore type`, "0 or 1", type);
    if (!this.state) throw new Error(`${this.hname()}.restore: nothing saved (call save() or fread() first)`);
    restoreState(this.ctx.model, this.ctx.sim, this.state, type);
  }

  fwrite(path: unknown): void {
    if (typeof path !== "string") throw badInput(`${this.hname()}.fwrite`, "a file path", path);
    if (!this.state) throw new Error(`${this.hname()}.fwrite: nothing saved (call save() first)`);
    writeFileSync(path, JSON.stringify(this.state));
  }

  /** Reads a state written by fwrite; it must match this model (checked now, not at restore). */
  fread(path: unknown): void {
    if (typeof path !== "string") throw badInput(`${this.hname()}.fread`, "a file path", path);
    let state: SavedState;
    try {
      state = JSON.parse(readFileSync(path, "utf8"));
    } catch (e) {
      throw new Error(`${this.hname()}.fread(${JSON.stringify(path)}): cannot read a saved state: ${(e as Error).message}`);
    }
    checkState(this.ctx.model, this.ctx.sim, state, `${this.hname()}.fread(${JSON.stringify(path)})`);
    this.state = state;
  }

  hname(): string {
    return `SaveState[${this.id}]`;
  }

  toString(): string {
    return this.hname();
  }
}
