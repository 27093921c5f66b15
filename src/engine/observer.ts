// The observation feed, an actor handed to the run machine: on a target that pushes changes (the
// simulator) every ChangeBatch is one observation at its exact time; otherwise it polls every
// `settings.observe`. Errors become observation gaps. It also delivers the wake-ups the machines ask
// for (window ends, `for` of stop conditions), in order with the observations of the same instant.
import { fromCallback } from 'xstate';
import type { Clock, TimerId } from '../time/clock.js';
import type { Snapshot } from '../targets/cluster-state.js';
import type { ChangeBatch, Target } from '../targets/target.js';
import type { RunLog } from './run-log.js';
import { diffSnapshots } from './snapshot-diff.js';
import { formatDuration } from './format-duration.js';
import { indexSnapshot, type SnapshotIndex } from './snapshot-index.js';

/** What the feed tells the run machine. */
export type ObservationEvent =
  | { readonly type: 'OBSERVED'; readonly snapshot: Snapshot }
  | { readonly type: 'OBSERVATION_GAP'; readonly at: number; readonly message: string }
  | { readonly type: 'TICK'; readonly at: number };

/** What the run machine asks of the feed: an observation right now (a step starts), or a wake-up at a time. */
export type ObserverCommand = { readonly type: 'OBSERVE_NOW' } | { readonly type: 'WAKE_AT'; readonly at: number };

export interface ObserverInput {
  readonly observeMs: number;
}

export interface ObserverDeps {
  readonly target: Target;
  readonly clock: Clock;
  readonly log: RunLog;
}

/** The feed as xstate callback logic; I/O lives here, not in the machines. */
export function createObserver(deps: ObserverDeps) {
  return fromCallback<ObserverCommand, ObserverInput, ObservationEvent>(({ input, sendBack, receive }) => {
    const feed = new ObservationFeed(deps, input.observeMs, sendBack);
    receive((command) => feed.command(command));
    feed.start();
    return () => feed.stop();
  });
}

/** One serialized queue: everything sent to the machine goes through it, so order is time order. */
class ObservationFeed {
  readonly #deps: ObserverDeps;
  readonly #observeMs: number;
  readonly #send: (e: ObservationEvent) => void;
  #queue: Promise<void> = Promise.resolve();
  #stopped = false;
  #pollTimer: TimerId | undefined;
  #polling = false;
  #timers = new Set<TimerId>();
  #unsubscribe: (() => void) | undefined;
  #previous: SnapshotIndex | undefined;
  /** Since when the target could not be observed (null: it can). */
  #gapSince: number | null = null;

  constructor(deps: ObserverDeps, observeMs: number, send: (e: ObservationEvent) => void) {
    this.#deps = deps;
    this.#observeMs = observeMs;
    this.#send = send;
  }

  start(): void {
    const { target } = this.#deps;
    if (target.watch) {
      this.#unsubscribe = target.watch((batch) => this.#onBatch(batch));
      this.#enqueue(() => this.#observe());
    } else {
      this.#pollNow();
    }
  }

  stop(): void {
    this.#stopped = true;
    this.#unsubscribe?.();
    if (this.#pollTimer !== undefined) this.#deps.clock.clearTimeout(this.#pollTimer);
    for (const t of this.#timers) this.#deps.clock.clearTimeout(t);
    this.#timers.clear();
  }

  command(c: ObserverCommand): void {
    if (this.#stopped) return;
    if (c.type === 'OBSERVE_NOW') {
      if (this.#deps.target.watch) this.#enqueue(() => this.#observe());
      else this.#pollNow();
      return;
    }
    const { clock } = this.#deps;
    // Deferred by a microtask: every change pushed at the same instant is queued before the wake-up.
    const deliver = () => queueMicrotask(() => this.#enqueue(async () => this.#emit({ type: 'TICK', at: c.at })));
    const delay = c.at - clock.now();
    if (delay <= 0) return deliver();
    const id = clock.setTimeout(() => {
      this.#timers.delete(id);
      deliver();
    }, delay);
    this.#timers.add(id);
  }

  #onBatch(batch: ChangeBatch): void {
    if (this.#stopped) return;
    for (const e of batch.events) {
      this.#deps.log.append({
        at: e.at,
        kind: 'cluster',
        event: e.kind,
        text: e.text,
        ...(e.node === undefined ? {} : { node: e.node }),
        ...(e.vm === undefined ? {} : { vm: e.vm }),
      });
    }
    this.#enqueue(() => this.#observe());
  }

  /** Polls now and restarts the grid, so a step's observations fall at +0, +observe, +2 observe... */
  #pollNow(): void {
    const { clock } = this.#deps;
    if (this.#pollTimer !== undefined) clock.clearTimeout(this.#pollTimer);
    this.#enqueue(() => this.#observe());
    const tick = () => {
      this.#pollTimer = clock.setTimeout(tick, this.#observeMs);
      // One snapshot per poll; a poll still in flight makes this one redundant.
      if (!this.#polling) this.#enqueue(() => this.#observe());
    };
    this.#pollTimer = clock.setTimeout(tick, this.#observeMs);
  }

  #enqueue(task: () => Promise<void>): void {
    this.#queue = this.#queue.then(task).catch(() => undefined);
  }

  #emit(e: ObservationEvent): void {
    if (!this.#stopped) this.#send(e);
  }

  async #observe(): Promise<void> {
    if (this.#stopped) return;
    const { target, clock, log } = this.#deps;
    this.#polling = true;
    let message: string | undefined;
    let snapshot: Snapshot | undefined;
    try {
      const outcome = await target.observe();
      if (outcome.ok) snapshot = outcome.value;
      else message = `${outcome.error.code}: ${outcome.error.message}`;
    } catch (e) {
      message = e instanceof Error ? e.message : String(e);
    } finally {
      this.#polling = false;
    }
    if (this.#stopped) return;
    if (snapshot === undefined) {
      const at = clock.now();
      this.#gapSince ??= at;
      log.append({ at, kind: 'observation-gap', until: null, text: `the target could not be observed: ${message ?? 'unknown error'}` });
      return this.#emit({ type: 'OBSERVATION_GAP', at, message: message ?? 'unknown error' });
    }
    if (this.#gapSince !== null) {
      // The gap as a whole, once it is over: from the first failed observation to this one.
      log.append({ at: this.#gapSince, kind: 'observation-gap', until: snapshot.at, text: `observed again after a gap of ${formatDuration(snapshot.at - this.#gapSince)}` });
      this.#gapSince = null;
    }
    const index = indexSnapshot(snapshot);
    if (this.#previous) for (const e of diffSnapshots(this.#previous, snapshot)) log.append(e);
    this.#previous = index;
    this.#emit({ type: 'OBSERVED', snapshot });
  }
}
