// Never two drills on one cluster from this process: a first-come first-served exclusive slot per
// target. The cross-machine cluster lock is taken after this slot, by the injected AcquireLock hook.

/** Gives up the slot to the next waiter (or frees it). */
export type ReleaseTarget = () => void;

interface Waiter {
  readonly grant: (release: ReleaseTarget) => void;
}

export class TargetGuard {
  readonly #queues = new Map<string, Waiter[]>();

  /** Whether a drill holds the target's slot. */
  isBusy(target: string): boolean {
    return this.#queues.has(target);
  }

  /** Waits for the target's slot; rejects with the signal's reason if aborted while waiting. */
  acquire(target: string, signal?: AbortSignal): Promise<ReleaseTarget> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const queue = this.#queues.get(target);
    if (!queue) {
      this.#queues.set(target, []);
      return Promise.resolve(this.#releaser(target));
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: (release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      const onAbort = () => {
        const i = queue.indexOf(waiter);
        if (i >= 0) queue.splice(i, 1);
        reject(signal?.reason);
      };
      queue.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** A release that works once: hands the slot to the next waiter in order. */
  #releaser(target: string): ReleaseTarget {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const queue = this.#queues.get(target);
      const next = queue?.shift();
      if (next) next.grant(this.#releaser(target));
      else this.#queues.delete(target);
    };
  }
}
