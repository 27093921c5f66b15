// Issue 8's "done when", with the real engine: a week of scheduled drills on the simulator, recorded and
// charted, and a drift flagged on the cluster whose service restart was made slower halfway through
// (still inside its window). Each drill is a real `runScheduledDrill` (lock, write-ahead log, engine).
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyHtml } from '../../src/history/history-html.js';
import { historyReport } from '../../src/history/history-report.js';
import { runScheduledDrill } from '../../src/history/run-scheduled-drill.js';
import { runSchedule } from '../../src/history/schedule-command.js';
import type { ScheduledDrill } from '../../src/history/scheduled-drill.js';
import { HistoryStore } from '../../src/history/store.js';
import { defaultTrendOptions } from '../../src/history/trends.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';
import { day, hour, monday } from './scheduler-harness.js';

const repo = new URL('../../', import.meta.url).pathname;
let dir: string;
const saved = { runs: process.env['DRILL_RUNS_DIR'], locks: process.env['DRILL_LOCK_DIR'] };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'week-sim-'));
  process.env['DRILL_RUNS_DIR'] = join(dir, 'runs');
  process.env['DRILL_LOCK_DIR'] = join(dir, 'locks');
  copyFileSync(join(repo, 'runbooks/isolation-recovery.yaml'), join(dir, 'isolation-recovery.yaml'));
  const simulated = readFileSync(join(repo, 'targets/simulated.yaml'), 'utf8');
  writeFileSync(join(dir, 'steady.yaml'), simulated.replace('target: simulated', 'target: steady'));
  writeFileSync(join(dir, 'slowing.yaml'), simulated.replace('target: simulated', 'target: slowing'));
  writeFileSync(
    join(dir, 'drills.yaml'),
    [
      'defaults: { history: history.db, results: results }',
      'drills:',
      '  - { name: steady-daily, runbook: isolation-recovery.yaml, target: steady.yaml, schedule: "0 3 * * *" }',
      '  - { name: slowing-daily, runbook: isolation-recovery.yaml, target: slowing.yaml, schedule: "30 3 * * *" }',
    ].join('\n'),
  );
});
afterAll(() => {
  process.env['DRILL_RUNS_DIR'] = saved.runs;
  process.env['DRILL_LOCK_DIR'] = saved.locks;
});

describe('a week of real drills on the simulator', () => {
  it('records and charts them, and flags the recovery that got slower while still inside its window', async () => {
    const clock = new VirtualClock(0, monday);
    let slowed = false;
    // From Thursday on, the slowing cluster's service manager takes 90 s instead of 60 s to restart clussvc.
    const runDrill = (drill: ScheduledDrill, signal: AbortSignal) => {
      if (!slowed && clock.now() >= 3.5 * day) {
        const file = join(dir, 'slowing.yaml');
        writeFileSync(file, readFileSync(file, 'utf8').replace(/serviceRestart: 60s/, 'serviceRestart: 90s'));
        slowed = true;
      }
      // A drill runs on its own virtual clock: no scheduler time passes while it runs.
      return clock.hold(runScheduledDrill(drill, signal));
    };
    const shutdown = new AbortController();
    clock.setTimeout(() => shutdown.abort(), 7 * day - hour);
    const status = await clock.run(
      runSchedule(
        { drillsFile: 'drills.yaml', once: false, graceMs: hour },
        { runDrill, clock, writeLog: () => undefined, shutdown: shutdown.signal, cwd: dir, maxSleepMs: 6 * hour },
      ),
    );
    expect(status).toBe(0);
    expect(slowed).toBe(true);

    const store = HistoryStore.open(join(dir, 'history.db'));
    const runs = store.runs();
    expect(runs).toHaveLength(14);
    expect(runs.every((r) => r.outcome === 'completed' && r.verdict === 'pass')).toBe(true);
    const report = historyReport(store, {}, { ...defaultTrendOptions, last: 7 });
    store.close();
    expect(report.regressions.map((r) => r.target)).toEqual(expect.arrayContaining(['slowing']));
    expect(report.regressions.some((r) => r.target === 'steady')).toBe(false);
    const slowing = report.trends.find((t) => t.target === 'slowing')!;
    const recovery = slowing.timings.find((t) => t.regression && /\[Up, Normal\]/.test(t.name))!;
    expect(recovery.insideWindow).toBe(true);
    expect(recovery.lastMs).toBe(95_000);
    expect(recovery.baselineMedianMs).toBe(65_000);
    expect(historyHtml(report)).toContain('<svg');
  }, 120_000);
});
