// `drill schedule`: runs each drill on its cron schedule. Croner computes the next occurrence; the
// injected Clock does the waiting, so a simulated week passes in milliseconds on a VirtualClock.
// Never two drills on one cluster (in-process slot + injected cluster lock); an occurrence whose previous
// run is still going is skipped and recorded; a drill that throws is recorded as an error and the
// schedule goes on; aborting the shutdown signal interrupts the drill in progress and awaits its rollback.
import type { Clock } from '../time/clock.js';
import { DrillError } from '../errors/drill-error.js';
import { cronSchedule, latestOccurrence, type CronSchedule } from './cron-schedule.js';
import type { Logger } from './logger.js';
import { noClusterLock, type AcquireLock, type LockOutcome, type RunDrill, type ScheduledDrill } from './scheduled-drill.js';
import type { RunSink, ScheduledRunResult, SkipReason } from './scheduled-run.js';
import { TargetGuard } from './target-guard.js';

export interface SchedulerDeps {
  readonly clock: Clock;
  readonly runDrill: RunDrill;
  readonly sink: RunSink;
  readonly logger: Logger;
  readonly acquireLock?: AcquireLock;
  /** Longest single wait; the wall time is re-read after each, so clock changes are noticed. */
  readonly maxSleepMs?: number;
}

export interface OnceOptions {
  /** How far back a missed occurrence still counts as due (ms). */
  readonly graceMs: number;
  /** The latest occurrence already recorded for a drill (ISO), so it is not run twice. */
  readonly lastScheduledFor: (drill: string) => string | null;
}

export interface SchedulerSummary {
  readonly results: readonly ScheduledRunResult[];
  /** A drill was in progress when the shutdown signal came. */
  readonly interrupted: boolean;
}

/** Keeps every result of a `--once` pass; a long-running scheduler keeps only this many. */
const keptResults = 1000;

export class DrillScheduler {
  readonly #drills: ReadonlyArray<{ drill: ScheduledDrill; schedule: CronSchedule }>;
  readonly #deps: SchedulerDeps;
  readonly #guard = new TargetGuard();
  /** Runs in progress or waiting for their cluster, by drill name. */
  readonly #inFlight = new Map<string, Promise<void>>();
  readonly #running = new Set<AbortController>();
  readonly #results: ScheduledRunResult[] = [];
  #interrupted = false;

  constructor(drills: readonly ScheduledDrill[], deps: SchedulerDeps) {
    this.#deps = deps;
    this.#drills = drills.map((drill) => {
      const check = cronSchedule(drill.schedule, drill.timezone);
      if (!check.ok) throw new DrillError('invalid-input', `drill ${drill.name}: ${check.message}`);
      return { drill, schedule: check.schedule };
    });
  }

  /** Runs every drill on its schedule until `signal` aborts, then finishes cleanly. */
  async run(signal: AbortSignal): Promise<SchedulerSummary> {
    this.#log('info', 'scheduler.started', { drills: this.#drills.length });
    const stopRuns = () => this.#abortRuns();
    signal.addEventListener('abort', stopRuns, { once: true });
    await Promise.all(this.#drills.map(({ drill, schedule }) => this.#loop(drill, schedule, signal)));
    return this.#finish(signal, stopRuns);
  }

  /** Runs each drill whose latest occurrence (within the grace period) was not yet run, then returns. */
  async runOnce(options: OnceOptions, signal: AbortSignal): Promise<SchedulerSummary> {
    const stopRuns = () => this.#abortRuns();
    signal.addEventListener('abort', stopRuns, { once: true });
    const now = this.#wallNow();
    this.#log('info', 'scheduler.once', { drills: this.#drills.length });
    for (const { drill, schedule } of this.#drills) {
      const due = latestOccurrence(schedule, now - options.graceMs, now);
      const last = options.lastScheduledFor(drill.name);
      if (due === null) this.#log('info', 'drill.not-due', { drill: drill.name, next: isoOrNull(schedule.next(now)) });
      else if (last !== null && Date.parse(last) >= due) this.#log('info', 'drill.already-run', { drill: drill.name, scheduledFor: iso(due) });
      else if (!signal.aborted) this.#fire(drill, due, signal);
    }
    return this.#finish(signal, stopRuns);
  }

  /** Waits for every run in flight, then reports how the scheduler ended. */
  async #finish(signal: AbortSignal, stopRuns: () => void): Promise<SchedulerSummary> {
    if (signal.aborted) this.#log('info', 'scheduler.stopping', { inProgress: this.#running.size });
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight.values()]);
    signal.removeEventListener('abort', stopRuns);
    this.#log('info', 'scheduler.stopped', { interrupted: this.#interrupted });
    return { results: [...this.#results], interrupted: this.#interrupted };
  }

  /** One drill's schedule: sleep to the next occurrence, start it (without waiting), repeat. */
  async #loop(drill: ScheduledDrill, schedule: CronSchedule, signal: AbortSignal): Promise<void> {
    let after = this.#wallNow();
    while (!signal.aborted) {
      const due = schedule.next(after);
      if (due === null) return this.#log('info', 'drill.schedule-ended', { drill: drill.name });
      this.#log('debug', 'drill.next', { drill: drill.name, at: iso(due) });
      if (!(await this.#sleepUntil(due, signal))) return;
      after = due;
      this.#fire(drill, due, signal);
    }
  }

  /** Sleeps on the clock until the wall time reaches `due`; false when shut down first. */
  async #sleepUntil(due: number, signal: AbortSignal): Promise<boolean> {
    const maxSleep = this.#deps.maxSleepMs ?? 60_000;
    for (;;) {
      const remaining = due - this.#wallNow();
      if (remaining <= 0) return true;
      try {
        await this.#deps.clock.sleep(Math.min(remaining, maxSleep), signal);
      } catch {
        return false;
      }
    }
  }

  /** Starts one occurrence, or records it as skipped when the drill's previous run is still going. */
  #fire(drill: ScheduledDrill, due: number, signal: AbortSignal): void {
    const scheduledFor = iso(due);
    if (this.#inFlight.has(drill.name)) {
      void this.#skip(drill, scheduledFor, 'overlap', 'the previous run of this drill is still going');
      return;
    }
    const run = this.#occurrence(drill, scheduledFor, signal).finally(() => this.#inFlight.delete(drill.name));
    this.#inFlight.set(drill.name, run);
  }

  /** Takes the target's slot and the cluster lock, runs the drill, reports what happened. */
  async #occurrence(drill: ScheduledDrill, scheduledFor: string, signal: AbortSignal): Promise<void> {
    let releaseSlot: (() => void) | undefined;
    try {
      if (this.#guard.isBusy(drill.target)) this.#log('info', 'drill.waiting-for-target', { drill: drill.name, target: drill.target });
      releaseSlot = await this.#guard.acquire(drill.target, signal);
    } catch {
      return this.#skip(drill, scheduledFor, 'shutdown', 'the scheduler stopped before the cluster was free');
    }
    try {
      let lock: LockOutcome;
      try {
        lock = await (this.#deps.acquireLock ?? noClusterLock)(drill.target);
      } catch (error) {
        const at = this.#deps.clock.wallTime();
        return await this.#failed(drill, scheduledFor, at, at, `could not take the cluster lock: ${messageOf(error)}`, error);
      }
      if (!lock.ok) return await this.#skip(drill, scheduledFor, 'locked', lock.reason);
      try {
        await this.#execute(drill, scheduledFor, signal);
      } finally {
        await Promise.resolve()
          .then(lock.release)
          .catch((error: unknown) => this.#log('error', 'drill.unlock-error', { drill: drill.name, message: messageOf(error) }));
      }
    } finally {
      releaseSlot();
    }
  }

  /** Runs the drill with its own abort signal (tripped on shutdown) and reports its journal or error. */
  async #execute(drill: ScheduledDrill, scheduledFor: string, shutdown: AbortSignal): Promise<void> {
    const controller = new AbortController();
    if (shutdown.aborted) return this.#skip(drill, scheduledFor, 'shutdown', 'the scheduler was stopping');
    this.#running.add(controller);
    const startedAt = this.#deps.clock.wallTime();
    const started = this.#deps.clock.now();
    this.#log('info', 'drill.started', { drill: drill.name, runbook: drill.runbook, target: drill.target, scheduledFor });
    try {
      const journal = await this.#deps.runDrill(drill, controller.signal);
      const durationMs = this.#deps.clock.now() - started;
      this.#log(journal.exitStatus === 0 ? 'info' : 'warn', 'drill.finished', {
        drill: drill.name, runId: journal.runId, verdict: journal.verdict, exitStatus: journal.exitStatus, durationMs, scheduledFor,
      });
      await this.#report({ kind: 'completed', drill, scheduledFor, startedAt, endedAt: this.#deps.clock.wallTime(), journal });
    } catch (error) {
      await this.#failed(drill, scheduledFor, startedAt, this.#deps.clock.wallTime(), messageOf(error), error);
    } finally {
      this.#running.delete(controller);
    }
  }

  /** A drill that threw (or could not start): recorded as an error; the schedule goes on. */
  async #failed(drill: ScheduledDrill, scheduledFor: string, startedAt: string, endedAt: string, message: string, error: unknown): Promise<void> {
    this.#log('error', 'drill.error', { drill: drill.name, scheduledFor, message, code: error instanceof DrillError ? error.code : 'internal' });
    await this.#report({ kind: 'error', drill, scheduledFor, startedAt, endedAt, message, error });
  }

  /** An occurrence that did not run, recorded with why. */
  async #skip(drill: ScheduledDrill, scheduledFor: string, reason: SkipReason, detail: string): Promise<void> {
    this.#log('warn', 'drill.skipped', { drill: drill.name, scheduledFor, reason, detail });
    await this.#report({ kind: 'skipped', drill, scheduledFor, at: this.#deps.clock.wallTime(), reason, detail });
  }

  /** Hands a result to the sink; a sink failure (history unwritable) is logged, never fatal. */
  async #report(result: ScheduledRunResult): Promise<void> {
    this.#results.push(result);
    if (this.#results.length > keptResults) this.#results.shift();
    try {
      await this.#deps.sink(result);
    } catch (error) {
      this.#log('error', 'history.write-failed', { drill: result.drill.name, scheduledFor: result.scheduledFor, message: messageOf(error) });
    }
  }

  /** Shutdown: interrupt every drill in progress; each rolls back and reports before the scheduler ends. */
  #abortRuns(): void {
    if (this.#running.size > 0) this.#interrupted = true;
    for (const controller of this.#running) controller.abort(new DrillError('interrupted', 'the scheduler is shutting down'));
  }

  /** Cron occurrences are wall-clock instants; the Clock is the only place one is read. */
  #wallNow(): number {
    return Date.parse(this.#deps.clock.wallTime());
  }

  /** Every log line of the scheduler goes through here. */
  #log(level: 'debug' | 'info' | 'warn' | 'error', event: string, fields: Record<string, string | number | boolean | null> = {}): void {
    this.#deps.logger.log(level, event, fields);
  }
}

/** Occurrences are reported as ISO 8601 UTC instants. */
const iso = (ms: number): string => new Date(ms).toISOString();
/** `null` stays null (a schedule with no further occurrence). */
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));
/** What a thrown value says, for logs and the history. */
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
