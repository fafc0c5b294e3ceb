// h.ParallelContext(): NEURON's ParallelContext for threads in this process. pc.nthread(n) makes
// h.continuerun / h.run / pc.psolve step the model on n threads (the cells divided among them;
// runtime/parallel.ts), with exactly the results of one thread. One process only: nhost() is 1
// and id() is 0 (a transport between processes would slot in behind runtime/parallel.ts's
// exchange interface).
import type { WorkerConstructor } from "../runtime/parallel.ts";
import { badInput, checkFinite, type Context } from "./context.ts";
import { builtin } from "./data/builtin.ts";

let count = 0;

export class ParallelContextImpl {
  private readonly id_ = count++;
  constructor(private readonly ctx: Context, private readonly continuerun: (tstop: number) => void) {}

  /**
   * nthread(n) sets the number of threads (n >= 1) and returns it; nthread() returns it. NEURON's
   * second argument (0: run the threads one after another) is accepted; runs are always parallel.
   */
  nthread(n?: unknown, _parallel?: unknown): number {
    if (n !== undefined) {
      if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > 256) {
        throw badInput(`${this.hname()}.nthread`, "an integer from 1 to 256", n);
      }
      this.ctx.sim.setThreads(n, n > 1 ? (builtin("node:worker_threads").Worker as unknown as WorkerConstructor) : undefined);
    }
    return this.ctx.sim.nthread;
  }

  /** Why the last run used one thread although more were set (neuron-ts only), or null. */
  threadBlocker(): string | null {
    return this.ctx.sim.parallelBlocker;
  }

  /**
   * neuron-ts only: the threads' schedule. "auto" runs the event queue ahead of the cells when no
   * spike of a cell can reach it (else spikes are exchanged every step); "lockstep" always
   * exchanges every step. Returns the schedule of the last multi-threaded run ("run-ahead",
   * "lockstep"), or null if it ran on one thread. Results are the same either way.
   */
  threadSchedule(mode?: unknown): string | null {
    if (mode !== undefined) {
      if (mode !== "auto" && mode !== "lockstep") throw badInput(`${this.hname()}.threadSchedule`, '"auto" or "lockstep"', mode);
      this.ctx.sim.setThreadSchedule(mode);
    }
    return this.ctx.sim.lastSchedule;
  }

  /** Integrates to tstop (with threads when set): continuerun(tstop). */
  psolve(tstop: unknown): void {
    this.continuerun(checkFinite(`${this.hname()}.psolve tstop`, tstop));
  }

  nhost(): number {
    return 1;
  }

  id(): number {
    return 0;
  }

  barrier(): number {
    return 0;
  }

  runworker(): void {}

  done(): void {}

  /** NEURON returns the global minimum NetCon delay between processes; one process: maxstep. */
  set_maxstep(maxstep: unknown): number {
    return checkFinite(`${this.hname()}.set_maxstep`, maxstep);
  }

  hname(): string {
    return `ParallelContext[${this.id_}]`;
  }

  toString(): string {
    return this.hname();
  }
}
