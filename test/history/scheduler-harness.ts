// A fake engine and drills for scheduler tests: runs take virtual time and return hand-built journals.
import type { RunJournal } from '../../src/engine/journal.js';
import type { ScheduledDrill } from '../../src/history/scheduled-drill.js';
import type { VirtualClock } from '../../src/time/virtual-clock.js';
import { makeJournal } from './journal-factory.js';

export const minute = 60_000;
export const hour = 60 * minute;
export const day = 24 * hour;

/** Monday 5 January 2026, 00:00 UTC: the wall time at virtual 0. */
export const monday = Date.UTC(2026, 0, 5);

export function drill(name: string, schedule: string, timezone = 'UTC', target = '/targets/simulated.yaml'): ScheduledDrill {
  return {
    name,
    runbook: '/runbooks/quarantine-drain-clear.yaml',
    target,
    vars: {},
    schedule,
    timezone,
    results: { dir: `/results/${name}` },
    at: { file: 'drills.yaml', line: 1, column: 1 },
  };
}

/** What the fake engine saw of one run. */
export interface EngineCall {
  readonly drill: string;
  readonly target: string;
  readonly startedAt: string;
  endedAt?: string;
  aborted?: boolean;
}

export interface FakeEngineOptions {
  /** Virtual time one run takes. */
  readonly durationMs: (drill: ScheduledDrill, call: number) => number;
  /** Throw instead of returning a journal on this call (0-based). */
  readonly failOn?: (drill: ScheduledDrill, call: number) => boolean;
  /** Virtual time the rollback takes when the run is interrupted. */
  readonly rollbackMs?: number;
}

/** A runDrill that takes virtual time, tracks concurrency per target, and rolls back on abort. */
export function fakeEngine(clock: VirtualClock, options: FakeEngineOptions) {
  const calls: EngineCall[] = [];
  const active = new Map<string, number>();
  let maxPerTarget = 0;
  let maxOverall = 0;
  const runDrill = async (d: ScheduledDrill, signal: AbortSignal): Promise<RunJournal> => {
    const n = calls.filter((c) => c.drill === d.name).length;
    const call: EngineCall = { drill: d.name, target: d.target, startedAt: clock.wallTime() };
    calls.push(call);
    active.set(d.target, (active.get(d.target) ?? 0) + 1);
    maxPerTarget = Math.max(maxPerTarget, ...active.values());
    maxOverall = Math.max(maxOverall, [...active.values()].reduce((a, b) => a + b, 0));
    try {
      let verdict: RunJournal['verdict'] = 'pass';
      try {
        await clock.sleep(options.durationMs(d, n), signal);
      } catch {
        call.aborted = true;
        verdict = 'interrupted';
        await clock.sleep(options.rollbackMs ?? 30_000);
      }
      if (options.failOn?.(d, n)) throw new Error(`engine exploded on ${d.name} #${n}`);
      return makeJournal({ runId: `${d.name}-${n}`, startedAt: call.startedAt, verdict, exitStatus: verdict === 'pass' ? 0 : 130 });
    } finally {
      call.endedAt = clock.wallTime();
      active.set(d.target, active.get(d.target)! - 1);
    }
  };
  return { runDrill, calls, maxPerTarget: () => maxPerTarget, maxOverall: () => maxOverall };
}

/** HH:MM(:SS) on a given day of the simulated week, as the ISO the scheduler reports. */
export const at = (dayIndex: number, hh: number, mm = 0, ss = 0): string =>
  new Date(monday + dayIndex * day + hh * hour + mm * minute + ss * 1000).toISOString();
