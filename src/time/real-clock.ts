// The monotonic clock of runs against real clusters. Origin is the clock's creation.
import { performance } from 'node:perf_hooks';
import type { Clock, TimerId } from './clock.js';

export class RealClock implements Clock {
  readonly #origin = performance.now();
  readonly #timers = new Map<TimerId, NodeJS.Timeout>();
  #nextId = 1;

  now(): number {
    return performance.now() - this.#origin;
  }

  wallTime(): string {
    return new Date().toISOString();
  }

  setTimeout(callback: () => void, delayMs: number): TimerId {
    const id = this.#nextId++;
    this.#timers.set(
      id,
      setTimeout(() => {
        this.#timers.delete(id);
        callback();
      }, Math.max(0, delayMs)),
    );
    return id;
  }

  clearTimeout(id: TimerId): void {
    const t = this.#timers.get(id);
    if (t) clearTimeout(t);
    this.#timers.delete(id);
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
}
