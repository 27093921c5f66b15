// The simulator's pending timers as data, on the injected clock. One clock timer is armed for the
// earliest task; when it fires, every task due at that instant runs (including tasks they add for the
// same instant), and then the instant's changes are delivered as one batch.
import type { Clock, TimerId } from '../../time/clock.js';
import { DeadlineQueue } from '../../time/deadline-queue.js';
import type { ScheduledTask, Task } from './model.js';

export class Agenda {
  readonly #clock: Clock;
  readonly #run: (task: Task) => void;
  readonly #afterInstant: () => void;
  readonly #tasks = new DeadlineQueue<ScheduledTask>();
  #live = new Set<number>();
  #nextId = 1;
  #seq = 0;
  #armed: { readonly timer: TimerId; readonly due: number } | undefined;
  #running = false;

  constructor(clock: Clock, run: (task: Task) => void, afterInstant: () => void) {
    this.#clock = clock;
    this.#run = run;
    this.#afterInstant = afterInstant;
  }

  /** Schedules a task `delayMs` from now; returns its id for `cancel`. */
  schedule(task: Task, delayMs: number): number {
    const id = this.#nextId++;
    this.#tasks.push({ id, due: this.#clock.now() + Math.max(0, delayMs), seq: this.#seq++, task });
    this.#live.add(id);
    this.#arm();
    return id;
  }

  /** Cancels a pending task; unknown or already-run ids are ignored (cancelling is idempotent). */
  cancel(id: number | undefined): void {
    if (id === undefined || !this.#live.has(id)) return;
    this.#live.delete(id);
    this.#tasks.cancel(id);
  }

  /** Pending tasks in due order, as data (for export). */
  pending(): ScheduledTask[] {
    return this.#tasks.pending();
  }

  /** Counters for export, so imported ids and tie order continue where they were. */
  counters(): { nextId: number; seq: number } {
    return { nextId: this.#nextId, seq: this.#seq };
  }

  /** Replaces the pending tasks with exported ones (import). */
  restore(tasks: readonly ScheduledTask[], counters: { nextId: number; seq: number }): void {
    this.#tasks.clear();
    this.#live.clear();
    for (const t of tasks) {
      this.#tasks.push(t);
      this.#live.add(t.id);
    }
    this.#nextId = counters.nextId;
    this.#seq = counters.seq;
    this.#arm();
  }

  /** Stops the clock timer (the target is closed). */
  stop(): void {
    if (this.#armed) this.#clock.clearTimeout(this.#armed.timer);
    this.#armed = undefined;
    this.#tasks.clear();
    this.#live.clear();
  }

  /** Runs every task due now or earlier, then lets the owner deliver the instant's changes. */
  #fire(): void {
    this.#armed = undefined;
    this.#running = true;
    try {
      for (;;) {
        const top = this.#tasks.popDue(this.#clock.now());
        if (!top) break;
        this.#live.delete(top.id);
        this.#run(top.task);
      }
    } finally {
      this.#running = false;
      // Re-armed whatever a watcher does with the batch, so a throwing listener cannot stall time.
      try {
        this.#afterInstant();
      } finally {
        this.#arm();
      }
    }
  }

  /** Keeps exactly one clock timer armed, for the earliest pending task. */
  #arm(): void {
    if (this.#running) return;
    const top = this.#tasks.peek();
    if (this.#armed && (!top || top.due < this.#armed.due)) {
      this.#clock.clearTimeout(this.#armed.timer);
      this.#armed = undefined;
    }
    if (!top || this.#armed) return;
    const due = top.due;
    this.#armed = { timer: this.#clock.setTimeout(() => this.#fire(), due - this.#clock.now()), due };
  }
}
