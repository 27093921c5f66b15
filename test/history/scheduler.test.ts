import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../src/history/logger.js';
import type { AcquireLock } from '../../src/history/scheduled-drill.js';
import { onceExitStatus, type ScheduledRunResult } from '../../src/history/scheduled-run.js';
import { makeJournal } from './journal-factory.js';
import { DrillScheduler, type SchedulerDeps } from '../../src/history/scheduler.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';
import { at, day, drill, fakeEngine, hour, minute, monday } from './scheduler-harness.js';

/** Runs a scheduler on a virtual clock until `stopAfterMs`, collecting what it reports. */
async function simulate(
  drills: Parameters<typeof newScheduler>[0],
  engine: ReturnType<typeof fakeEngine>,
  clock: VirtualClock,
  stopAfterMs: number,
  extra: Partial<SchedulerDeps> = {},
) {
  const results: ScheduledRunResult[] = [];
  const logger = memoryLogger();
  const scheduler = newScheduler(drills, { clock, runDrill: engine.runDrill, sink: (r) => void results.push(r), logger, maxSleepMs: hour, ...extra });
  const shutdown = new AbortController();
  clock.setTimeout(() => shutdown.abort(), stopAfterMs);
  const summary = await clock.run(scheduler.run(shutdown.signal));
  return { results, summary, logger, stoppedAt: clock.wallTime() };
}

const newScheduler = (drills: ConstructorParameters<typeof DrillScheduler>[0], deps: SchedulerDeps) => new DrillScheduler(drills, deps);
const started = (results: readonly ScheduledRunResult[], name: string) =>
  results.filter((r) => r.drill.name === name && r.kind !== 'skipped').map((r) => (r.kind === 'skipped' ? r.at : r.startedAt));

describe('scheduler over a simulated week', () => {
  it('runs each drill at its cron times, read in its own time zone', async () => {
    const clock = new VirtualClock(0, monday);
    const engine = fakeEngine(clock, { durationMs: () => 20 * minute });
    const drills = [
      drill('nightly-paris', '0 2 * * *', 'Europe/Paris'), // 01:00 UTC in winter
      drill('weekdays-new-york', '30 9 * * 1-5', 'America/New_York', '/targets/lab.yaml'), // 14:30 UTC
      drill('sunday-tokyo', '0 3 * * 0', 'Asia/Tokyo', '/targets/tokyo.yaml'), // Saturday 18:00 UTC
    ];
    const { results, summary } = await simulate(drills, engine, clock, 7 * day - minute);
    expect(started(results, 'nightly-paris')).toEqual([0, 1, 2, 3, 4, 5, 6].map((d) => at(d, 1)));
    expect(started(results, 'weekdays-new-york')).toEqual([0, 1, 2, 3, 4].map((d) => at(d, 14, 30)));
    expect(started(results, 'sunday-tokyo')).toEqual([at(5, 18)]);
    expect(results.every((r) => r.kind === 'completed')).toBe(true);
    expect(results.map((r) => r.scheduledFor)).toEqual(results.map((r) => (r.kind === 'completed' ? r.startedAt : '')));
    expect(summary.interrupted).toBe(false);
  });

  it('follows daylight saving time: Paris 02:00 is 01:00 UTC, 03:00 CEST on the spring-forward night, then 00:00 UTC', async () => {
    const clock = new VirtualClock(0, Date.UTC(2026, 2, 27));
    const engine = fakeEngine(clock, { durationMs: () => minute });
    const { results } = await simulate([drill('nightly', '0 2 * * *', 'Europe/Paris')], engine, clock, 4 * day - minute);
    expect(results.map((r) => r.scheduledFor)).toEqual(['2026-03-27T01:00:00.000Z', '2026-03-28T01:00:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:00:00.000Z']);
  });

  it('waits in slices of the default one minute and still fires on time', async () => {
    const clock = new VirtualClock(0, monday);
    const engine = fakeEngine(clock, { durationMs: () => minute });
    const { results } = await simulate([drill('every-6h', '0 */6 * * *')], engine, clock, 2 * day - minute, { maxSleepMs: undefined });
    expect(started(results, 'every-6h')).toEqual([at(0, 6), at(0, 12), at(0, 18), at(1, 0), at(1, 6), at(1, 12), at(1, 18)]);
  });

  it('skips and records an occurrence whose previous run is still going', async () => {
    const clock = new VirtualClock(0, monday);
    const engine = fakeEngine(clock, { durationMs: () => 40 * minute });
    const { results, logger } = await simulate([drill('quarterly', '*/15 * * * *')], engine, clock, 2 * hour - minute);
    expect(started(results, 'quarterly')).toEqual([at(0, 0, 15), at(0, 1, 0), at(0, 1, 45)]);
    const skipped = results.filter((r) => r.kind === 'skipped');
    expect(skipped.map((r) => [r.scheduledFor, r.kind === 'skipped' && r.reason])).toEqual([
      [at(0, 0, 30), 'overlap'],
      [at(0, 0, 45), 'overlap'],
      [at(0, 1, 15), 'overlap'],
      [at(0, 1, 30), 'overlap'],
    ]);
    expect(logger.records.filter((r) => r.event === 'drill.skipped')).toHaveLength(4);
  });

  it('never runs two drills on one cluster at once; other clusters run in parallel', async () => {
    const clock = new VirtualClock(0, monday);
    const engine = fakeEngine(clock, { durationMs: () => 10 * minute });
    const drills = [drill('a', '0 * * * *'), drill('b', '0 * * * *'), drill('c', '0 * * * *', 'UTC', '/targets/other.yaml')];
    const { results } = await simulate(drills, engine, clock, 3 * hour - minute);
    expect(engine.maxPerTarget()).toBe(1);
    expect(engine.maxOverall()).toBe(2);
    expect(started(results, 'a')).toEqual([at(0, 1), at(0, 2)]);
    expect(started(results, 'b')).toEqual([at(0, 1, 10), at(0, 2, 10)]);
    expect(started(results, 'c')).toEqual([at(0, 1), at(0, 2)]);
  });

  it('records a drill that throws as an error and keeps to the schedule', async () => {
    const clock = new VirtualClock(0, monday);
    const engine = fakeEngine(clock, { durationMs: () => 5 * minute, failOn: (_d, n) => n % 2 === 0 });
    const { results, logger } = await simulate([drill('flaky', '0 * * * *')], engine, clock, 4 * hour + minute);
    expect(results.map((r) => r.kind)).toEqual(['error', 'completed', 'error', 'completed']);
    const first = results[0]!;
    expect(first.kind === 'error' && first.message).toBe('engine exploded on flaky #0');
    expect(logger.records.filter((r) => r.event === 'drill.error').map((r) => r['scheduledFor'])).toEqual([at(0, 1), at(0, 3)]);
  });

  it('survives a history that cannot be written', async () => {
    const clock = new VirtualClock(0, monday);
    const engine = fakeEngine(clock, { durationMs: () => minute });
    const logger = memoryLogger();
    const scheduler = new DrillScheduler([drill('hourly', '0 * * * *')], {
      clock, runDrill: engine.runDrill, logger, maxSleepMs: hour,
      sink: () => {
        throw new Error('disk full');
      },
    });
    const shutdown = new AbortController();
    clock.setTimeout(() => shutdown.abort(), 3 * hour + minute);
    await clock.run(scheduler.run(shutdown.signal));
    expect(engine.calls).toHaveLength(3);
    expect(logger.records.filter((r) => r.event === 'history.write-failed')).toHaveLength(3);
  });

  it('skips and records a run refused by the cluster lock, and releases every lock it took', async () => {
    const clock = new VirtualClock(0, monday);
    const engine = fakeEngine(clock, { durationMs: () => minute });
    let releases = 0;
    let asked = 0;
    const acquireLock: AcquireLock = async (target) =>
      ++asked === 2 ? { ok: false, reason: `${target} is locked by drill on host-b` } : { ok: true, release: () => void releases++ };
    const { results } = await simulate([drill('hourly', '0 * * * *')], engine, clock, 3 * hour + minute, { acquireLock });
    expect(results.map((r) => (r.kind === 'skipped' ? `skipped:${r.reason}:${r.detail}` : r.kind))).toEqual([
      'completed',
      'skipped:locked:/targets/simulated.yaml is locked by drill on host-b',
      'completed',
    ]);
    expect(releases).toBe(2);
  });

  it('on shutdown interrupts the drill in progress, awaits its rollback, and starts nothing more', async () => {
    const clock = new VirtualClock(0, monday);
    const engine = fakeEngine(clock, { durationMs: () => 30 * minute, rollbackMs: 45_000 });
    const drills = [drill('a', '0 * * * *'), drill('b', '0 * * * *')];
    const { results, summary, logger, stoppedAt } = await simulate(drills, engine, clock, hour + 5 * minute);
    expect(engine.calls).toEqual([{ drill: 'a', target: '/targets/simulated.yaml', startedAt: at(0, 1), endedAt: at(0, 1, 5, 45), aborted: true }]);
    expect(summary.interrupted).toBe(true);
    expect(results.map((r) => [r.drill.name, r.kind, r.kind === 'completed' ? r.journal.verdict : r.kind === 'skipped' ? r.reason : ''])).toEqual([
      ['b', 'skipped', 'shutdown'],
      ['a', 'completed', 'interrupted'],
    ]);
    expect(stoppedAt).toBe(at(0, 1, 5, 45));
    expect(logger.records.at(-1)).toMatchObject({ event: 'scheduler.stopped', interrupted: true });
  });

  it('stops at once when idle', async () => {
    const clock = new VirtualClock(0, monday);
    const engine = fakeEngine(clock, { durationMs: () => minute });
    const { summary, stoppedAt } = await simulate([drill('nightly', '0 2 * * *')], engine, clock, 30 * minute);
    expect(summary).toEqual({ results: [], interrupted: false });
    expect(stoppedAt).toBe(at(0, 0, 30));
  });
});

describe('scheduler --once', () => {
  const once = async (nowMs: number, drills: ReturnType<typeof drill>[], last: Record<string, string> = {}) => {
    const clock = new VirtualClock(nowMs, monday);
    const engine = fakeEngine(clock, { durationMs: () => 10 * minute });
    const scheduler = new DrillScheduler(drills, { clock, runDrill: engine.runDrill, sink: () => undefined, logger: memoryLogger() });
    const summary = await clock.run(scheduler.runOnce({ graceMs: hour, lastScheduledFor: (name) => last[name] ?? null }, new AbortController().signal));
    return { summary, engine };
  };

  it('runs each drill whose latest occurrence is within the grace period and not yet recorded, then returns', async () => {
    const drills = [drill('at-two', '0 2 * * *'), drill('at-midnight', '0 0 * * *'), drill('recorded', '0 2 * * *', 'UTC', '/t/x.yaml'), drill('paris', '0 3 * * *', 'Europe/Paris', '/t/p.yaml')];
    const { summary, engine } = await once(2 * hour + 10 * minute, drills, { recorded: at(0, 2) });
    expect(engine.calls.map((c) => [c.drill, c.startedAt])).toEqual([
      ['at-two', at(0, 2, 10)],
      ['paris', at(0, 2, 10)],
    ]);
    expect(summary.results.map((r) => r.scheduledFor)).toEqual([at(0, 2), at(0, 2)]);
  });

  it('on shutdown interrupts the run in progress, skips the one waiting for the cluster, and exits 130', async () => {
    const clock = new VirtualClock(2 * hour + 10 * minute, monday);
    const engine = fakeEngine(clock, { durationMs: () => 30 * minute, rollbackMs: 20_000 });
    const scheduler = new DrillScheduler([drill('a', '0 2 * * *'), drill('b', '0 2 * * *')], { clock, runDrill: engine.runDrill, sink: () => undefined, logger: memoryLogger() });
    const shutdown = new AbortController();
    clock.setTimeout(() => shutdown.abort(), 5 * minute);
    const summary = await clock.run(scheduler.runOnce({ graceMs: hour, lastScheduledFor: () => null }, shutdown.signal));
    expect(summary.results.map((r) => [r.drill.name, r.kind === 'completed' ? r.journal.verdict : r.kind === 'skipped' ? r.reason : r.kind])).toEqual([
      ['b', 'shutdown'],
      ['a', 'interrupted'],
    ]);
    expect(onceExitStatus(summary.results, summary.interrupted)).toBe(130);
  });

  it('exit status of a pass: any failure 1, else anything inconclusive or not run 3, else 0', () => {
    const d = drill('x', '* * * * *');
    const done = (exitStatus: number): ScheduledRunResult => ({ kind: 'completed', drill: d, scheduledFor: '', startedAt: '', endedAt: '', journal: makeJournal({ runId: String(exitStatus), exitStatus }) });
    const skipped: ScheduledRunResult = { kind: 'skipped', drill: d, scheduledFor: '', at: '', reason: 'locked', detail: '' };
    const error: ScheduledRunResult = { kind: 'error', drill: d, scheduledFor: '', startedAt: '', endedAt: '', message: '', error: null };
    expect(onceExitStatus([], false)).toBe(0);
    expect(onceExitStatus([done(0), skipped], false)).toBe(0);
    expect(onceExitStatus([done(0), error], false)).toBe(3);
    expect(onceExitStatus([done(3), done(1), error], false)).toBe(1);
    expect(onceExitStatus([done(0)], true)).toBe(130);
  });

  it('runs a drill again once a newer occurrence than the recorded one is due', async () => {
    const { engine } = await once(day + 2 * hour + 10 * minute, [drill('at-two', '0 2 * * *')], { 'at-two': at(0, 2) });
    expect(engine.calls).toHaveLength(1);
  });
});
