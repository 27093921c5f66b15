// Every state change of the simulator becomes a ClusterEvent with its virtual time. Events are kept
// in a log (for the journal and determinism checks) and pushed to watchers as one batch per instant.
import type { Clock, TimerId } from '../../time/clock.js';
import type { ChangeBatch, ClusterEvent } from '../target.js';

export class EventFeed {
  readonly #clock: Clock;
  readonly #listeners = new Set<(batch: ChangeBatch) => void>();
  readonly #log: ClusterEvent[] = [];
  #pending: ClusterEvent[] = [];
  #flushTimer: TimerId | undefined;
  #inInstant = false;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Records one change at the current instant. */
  emit(kind: string, text: string, subject: { node?: string; vm?: string } = {}): void {
    const event: ClusterEvent = { at: this.#clock.now(), kind, ...subject, text };
    this.#log.push(event);
    this.#pending.push(event);
    // Outside the agenda's processing (an inject or act), deliver on a zero-delay timer so every
    // change of this instant still arrives in one batch.
    if (!this.#inInstant && this.#flushTimer === undefined) {
      this.#flushTimer = this.#clock.setTimeout(() => {
        this.#flushTimer = undefined;
        this.flush();
      }, 0);
    }
  }

  /** Marks the start of the agenda's processing of an instant: delivery waits for `flush`. */
  beginInstant(): void {
    this.#inInstant = true;
  }

  /** Delivers everything pending as one batch. */
  flush(): void {
    this.#inInstant = false;
    if (this.#flushTimer !== undefined) {
      this.#clock.clearTimeout(this.#flushTimer);
      this.#flushTimer = undefined;
    }
    if (this.#pending.length === 0) return;
    const events = this.#pending;
    this.#pending = [];
    const batch: ChangeBatch = { at: events[events.length - 1]!.at, events };
    // Every watcher gets the batch even if one throws; the first error is rethrown afterwards.
    let failure: { error: unknown } | undefined;
    for (const listener of [...this.#listeners]) {
      try {
        listener(batch);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }

  /** Subscribes to batches; returns the unsubscribe function. */
  watch(listener: (batch: ChangeBatch) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Every event so far, in order. */
  log(): readonly ClusterEvent[] {
    return this.#log;
  }

  /** Replaces the log (import of an exported simulator). */
  restoreLog(events: readonly ClusterEvent[]): void {
    this.#log.length = 0;
    for (const event of events) this.#log.push(event);
  }

  close(): void {
    if (this.#flushTimer !== undefined) this.#clock.clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    this.#listeners.clear();
  }
}
