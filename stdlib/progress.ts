// The progress bar of long h.continuerun calls: on a terminal only (stderr is a TTY), and only
// for runs that take more than about two seconds, so short runs and piped or redirected output
// stay exactly as NEURON's. Turned off by h.stdrun_quiet = 1 or NEURON_TS_PROGRESS=0;
// NEURON_TS_PROGRESS_MS sets what "long" is (milliseconds, default 2000).
//
//   continuerun ██████████░░░░░░░░░░  52%  t = 26.0 / 50 ms  13.2 ms/s  ETA 2 s

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

export interface ProgressOptions {
  stream?: ProgressStream;
  /** Milliseconds clock (performance.now); tests pass a fake one. */
  now?: () => number;
  env?: Record<string, string | undefined>;
}

export interface ProgressReporter {
  tick(t: number): void;
  end(t: number): void;
}

/** A run is "long" when it has taken, or is on course to take, more than this. */
const LONG_MS = 2000;
/** No estimate before this much wall time (the first steps are not representative). */
const WARMUP_MS = 250;

function longMs(env: Record<string, string | undefined>): number {
  const v = Number(env.NEURON_TS_PROGRESS_MS);
  return env.NEURON_TS_PROGRESS_MS !== undefined && Number.isFinite(v) && v >= 0 ? v : LONG_MS;
}
const REDRAW_MS = 100;

function fmt(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(1);
}

/** The bar line for simulated time t of t0..tstop after `ms` of wall time. */
export function progressLine(t0: number, tstop: number, t: number, ms: number, columns = 80): string {
  const frac = Math.min(1, Math.max(0, (t - t0) / (tstop - t0)));
  const rate = ms > 0 ? (t - t0) / (ms / 1000) : 0;
  const eta = frac > 0 && frac < 1 ? Math.round(((1 - frac) * ms) / frac / 1000) : 0;
  const info = `${String(Math.floor(frac * 100)).padStart(3)}%  t = ${fmt(t)} / ${fmt(tstop)} ms  ${fmt(rate)} ms/s${frac < 1 ? `  ETA ${eta} s` : ""}`;
  const width = Math.max(10, Math.min(30, columns - info.length - 15));
  const full = Math.round(frac * width);
  return `continuerun ${"█".repeat(full)}${"░".repeat(width - full)} ${info}`;
}

/** The reporter for one continuerun from t0 to tstop, or null when no bar may be shown. */
export function terminalProgress(t0: number, tstop: number, o: ProgressOptions = {}): ProgressReporter | null {
  const stream = o.stream ?? process.stderr;
  const env = o.env ?? process.env;
  if (!stream.isTTY || env.NEURON_TS_PROGRESS === "0" || !(tstop > t0)) return null;
  const now = o.now ?? (() => performance.now());
  const long = longMs(env);
  const warmup = Math.min(WARMUP_MS, long);
  const start = now();
  let shown = false;
  let lastDraw = -Infinity;
  const draw = (t: number, ms: number) => {
    stream.write(`\r${progressLine(t0, tstop, t, ms, stream.columns ?? 80)}\x1b[K`);
    lastDraw = ms;
  };
  return {
    tick(t) {
      const ms = now() - start;
      if (!shown) {
        if (ms < warmup) return;
        const frac = (t - t0) / (tstop - t0);
        const projected = frac > 0 ? ms / frac : Infinity;
        if (ms < long && projected < long) return;
        shown = true;
      }
      if (ms - lastDraw >= REDRAW_MS) draw(t, ms);
    },
    end(t) {
      if (!shown) return;
      draw(t, now() - start);
      stream.write("\n");
    },
  };
}
