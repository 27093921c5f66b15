// A virtual clock that jumps to the next due timer, so a two-hour quarantine finishes in milliseconds.
// xstate's SimulatedClock does not fire timers created by timers; this one advances in a loop and lets
// pending promises settle between deadlines, which is what an async engine over a simulator needs.
import type { Clock, TimerId } from './clock.js';
import { DeadlineQueue } from './deadline-queue.js';

interface Timer {
  readonly id: TimerId;
  readonly due: number;
  /** Insertion order: timers due at the same instant fire in the order they were set. */
  readonly seq: number;
  readonly callback: () => void;
}

/** Options of `VirtualClock.run`. */
export interface RunOptions {
  /** Pace the run at N times real time (`--speed N`); undefined: as fast as possible. */
  readonly speed?: number;
  /** Stop advancing when this signal aborts. */
  readonly signal?: AbortSignal;
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class VirtualClock implements Clock {
  #now: number;
  #seq = 0;
  #nextId = 1;
  readonly #timers = new DeadlineQueue<Timer>();
  #busy = 0;
  readonly #wallOrigin: number;

  constructor(start = 0, wallOrigin = Date.UTC(2026, 0, 1)) {
    this.#now = start;
    this.#wallOrigin = wallOrigin;
  }

  now(): number {
    return this.#now;
  }

  wallTime(): string {
    return new Date(this.#wallOrigin + this.#now).toISOString();
  }

  setTimeout(callback: () => void, delayMs: number): TimerId {
    const id = this.#nextId++;
    const due = this.#now + Math.max(0, Number.isFinite(delayMs) ? delayMs : 0);
    this.#timers.push({ id, due, seq: this.#seq++, callback });
    return id;
  }

  clearTimeout(id: TimerId): void {
    this.#timers.cancel(id);
  }

  sleep(delayMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        this.clearTimeout(id);
        reject(signal?.reason);
      };
      const id = this.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, delayMs);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Virtual time of the next pending timer, or undefined when none is pending. */
  nextDue(): number | undefined {
    return this.#timers.peek()?.due;
  }

  /** Keeps the clock from advancing until `work` settles (e.g. real I/O during a virtual run). */
  async hold<T>(work: Promise<T>): Promise<T> {
    this.#busy++;
    try {
      return await work;
    } finally {
      this.#busy--;
    }
  }

  /** Fires every timer due at or before `time` (in order, including timers they create), then sets now = time. */
  advanceTo(time: number): void {
    for (;;) {
      const next = this.#timers.popDue(time);
      if (!next) break;
      this.#now = Math.max(this.#now, next.due);
      next.callback();
    }
    this.#now = Math.max(this.#now, time);
  }

  /** Fires the timers due at the earliest pending instant. Returns false when none is pending. */
  step(): boolean {
    const due = this.nextDue();
    if (due === undefined) return false;
    this.advanceTo(due);
    return true;
  }

  /**
   * Drives time until `done` settles: let promises settle, then jump to the next deadline, in a loop.
   * Between deadlines the event loop runs, so async work started by a timer completes at that instant.
   */
  async run<T>(done: Promise<T>, options: RunOptions = {}): Promise<T> {
    let finished = false;
    const result = done.finally(() => {
      finished = true;
    });
    result.catch(() => undefined);
    while (!finished && !options.signal?.aborted) {
      await this.#settleFully();
      if (finished) break;
      const due = this.nextDue();
      if (due === undefined) {
        // Nothing is scheduled: only real I/O can make progress; wait for it.
        await new Promise((resolve) => setTimeout(resolve, 1));
        continue;
      }
      if (options.speed !== undefined && options.speed > 0 && due > this.#now) {
        await pace((due - this.#now) / options.speed, options.signal);
      }
      if (this.#busy === 0) this.advanceTo(due);
    }
    return result;
  }

  /** Lets microtasks and immediates run until nothing is held by `hold()`. */
  async #settleFully(): Promise<void> {
    await settle();
    await settle();
    while (this.#busy > 0) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await settle();
    }
  }
}


/** Real waiting, for `--speed`: the only real timer of a virtual run. */
function pace(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, Math.min(ms, 2_147_483_647));
    function done() {
      signal?.removeEventListener('abort', done);
      clearTimeout(t);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
