// Vector.play (src/nrniv/vrecord.cpp VecPlayStep, VecPlayContinuous).
//
// Step mode: an event at tvec[k] (or at accumulated k·Dt) sets the variable to y[k] when it is
// delivered, so a value takes effect at the nearest step boundary. Continuous mode: at every
// half step (and at each tvec breakpoint event) the variable is set to y linearly interpolated
// at t; equal consecutive times give the average of their values; outside the range, the end
// values.
import type { Event, TQueue } from "./events.ts";
import type { Resolved, Ref } from "./refs.ts";
import type { Vec } from "./vec.ts";

export interface PlayItem extends Event {
  readonly ref: Ref;
  readonly y: Vec;
  resolved: Resolved;
  /** play_init, at finitialize before v is set: queue the first event. */
  init(t0: number): void;
  /** Set the variable for time t (continuous mode only; step mode does nothing). */
  continuous(t: number): void;
  /** Position state SaveState keeps. */
  save(): number[];
  restore(state: number[]): void;
}

function write(r: Resolved, value: number, env: { t: number }): void {
  if (r.arr) r.arr[r.idx] = value;
  else env.t = value;
}

export class PlayStep implements PlayItem {
  resolved: Resolved = { arr: null, idx: 0 };
  private index = 0;
  constructor(
    private readonly queue: TQueue,
    private readonly env: { t: number },
    readonly ref: Ref,
    readonly y: Vec,
    private readonly times: Vec | null,
    private readonly dt: number,
  ) {}

  init(t0: number): void {
    this.index = 0;
    if (this.times) {
      if (this.times.n > 0) this.queue.push(this.times.buf[0]!, this);
    } else {
      this.queue.push(t0, this);
    }
  }

  deliver(tt: number): void {
    write(this.resolved, this.y.buf[this.index++]!, this.env);
    if (this.index < this.y.n) {
      if (this.times) {
        if (this.index < this.times.n) this.queue.push(this.times.buf[this.index]!, this);
      } else {
        this.queue.push(tt + this.dt, this);
      }
    }
  }

  continuous(_t: number): void {}

  save(): number[] {
    return [this.index];
  }

  restore(state: number[]): void {
    this.index = state[0]!;
  }
}

export class PlayContinuous implements PlayItem {
  resolved: Resolved = { arr: null, idx: 0 };
  private last = 0;
  private ubound = 0;
  private disconIndex = 0;
  constructor(
    private readonly queue: TQueue,
    private readonly env: { t: number },
    readonly ref: Ref,
    readonly y: Vec,
    private readonly times: Vec,
    private readonly discon: Vec | null,
  ) {}

  init(_t0: number): void {
    this.last = 0;
    this.disconIndex = 0;
    const t = this.times.buf;
    if (this.discon) {
      if (this.discon.n > 0) {
        this.ubound = Math.trunc(this.discon.buf[this.disconIndex++]!);
        this.queue.push(t[this.ubound]!, this);
      } else {
        this.ubound = this.times.n - 1;
      }
    } else {
      this.ubound = 0;
      this.queue.push(t[0]!, this);
    }
  }

  deliver(tt: number): void {
    const t = this.times.buf;
    this.last = this.ubound;
    if (this.discon) {
      if (this.disconIndex < this.discon.n) {
        this.ubound = Math.trunc(this.discon.buf[this.disconIndex++]!);
        this.queue.push(t[this.ubound]!, this);
      } else {
        this.ubound = this.times.n - 1;
      }
    } else if (this.ubound < this.times.n - 1) {
      this.ubound++;
      this.queue.push(t[this.ubound]!, this);
    }
    this.continuous(tt);
  }

  continuous(tt: number): void {
    write(this.resolved, this.interpolate(tt), this.env);
  }

  private interpolate(tt: number): number {
    const t = this.times.buf, y = this.y.buf;
    if (tt >= t[this.ubound]!) {
      this.last = this.ubound;
      if (this.last === 0) return y[0]!;
    } else if (tt <= t[0]!) {
      this.last = 0;
      return y[0]!;
    } else {
      while (tt < t[this.last]!) --this.last;
      while (tt >= t[this.last]!) ++this.last;
    }
    const x0 = y[this.last - 1]!, x1 = y[this.last]!;
    const t0 = t[this.last - 1]!, t1 = t[this.last]!;
    if (t0 === t1) return (x0 + x1) / 2.;
    return x0 + (x1 - x0) * ((tt - t0) / (t1 - t0));
  }

  save(): number[] {
    return [this.last, this.ubound, this.disconIndex];
  }

  restore(state: number[]): void {
    [this.last, this.ubound, this.disconIndex] = state as [number, number, number];
  }
}
