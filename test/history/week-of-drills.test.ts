// A week of scheduled drills on two clusters, recorded in the history and charted; the cluster whose
// drain was made slower halfway through (a longer serviceRestart, say) is flagged, the other is not.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunJournal } from '../../src/engine/journal.js';
import { historyHtml } from '../../src/history/history-html.js';
import { historyReport } from '../../src/history/history-report.js';
import { historyText } from '../../src/history/history-text.js';
import { runSchedule } from '../../src/history/schedule-command.js';
import type { ScheduledDrill } from '../../src/history/scheduled-drill.js';
import { HistoryStore } from '../../src/history/store.js';
import { defaultTrendOptions } from '../../src/history/trends.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';
import { makeJournal, quarantineSteps } from './journal-factory.js';
import { day, hour, minute, monday } from './scheduler-harness.js';

/** A drills file with two drills (one per cluster) twice a day, and the files they name. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'week-'));
  writeFileSync(join(dir, 'quarantine-drain-clear.yaml'), 'runbook: quarantine-drain-clear\n');
  writeFileSync(join(dir, 'steady.yaml'), 'target: steady\ndriver: simulated\n');
  writeFileSync(join(dir, 'slowing.yaml'), 'target: slowing\ndriver: simulated\n');
  writeFileSync(
    join(dir, 'drills.yaml'),
    [
      'defaults: { history: history.db, results: results, timezone: Europe/Paris }',
      'drills:',
      '  - { name: steady-twice-daily, runbook: quarantine-drain-clear.yaml, target: steady.yaml, schedule: "0 3,15 * * *", vars: { victim: HV02 } }',
      '  - { name: slowing-twice-daily, runbook: quarantine-drain-clear.yaml, target: slowing.yaml, schedule: "30 3,15 * * *" }',
    ].join('\n'),
  );
  return dir;
}

/** The simulated engine's timings: the `slowing` cluster drains 50 % slower from Thursday on. */
function engine(clock: VirtualClock) {
  let n = 0;
  return async (drill: ScheduledDrill, signal: AbortSignal): Promise<RunJournal> => {
    const target = basename(drill.target, '.yaml');
    const startedAt = clock.wallTime();
    const slower = target === 'slowing' && clock.now() >= 3.5 * day;
    const drainMs = (slower ? 270_000 : 180_000) + (n % 3) * 1000;
    await clock.sleep(25 * minute, signal);
    return makeJournal({ runId: `run-${++n}`, target, startedAt, steps: quarantineSteps(11_000, drainMs, 7_000) });
  };
}

describe('a week of drills on two clusters', () => {
  it('runs, records and charts them, and flags the drain that got slower', async () => {
    const dir = workspace();
    const clock = new VirtualClock(0, monday);
    const shutdown = new AbortController();
    clock.setTimeout(() => shutdown.abort(), 7 * day - hour);
    const log: string[] = [];
    const status = await clock.run(
      runSchedule(
        { drillsFile: 'drills.yaml', once: false, graceMs: hour },
        { runDrill: engine(clock), clock, writeLog: (l) => log.push(l), shutdown: shutdown.signal, cwd: dir, maxSleepMs: hour },
      ),
    );
    expect(status).toBe(0);

    const store = HistoryStore.open(join(dir, 'history.db'));
    expect(store.count()).toBe(28);
    expect(store.runs({ target: 'slowing' }).map((r) => r.scheduledFor).slice(0, 2)).toEqual(['2026-01-05T02:30:00.000Z', '2026-01-05T14:30:00.000Z']);
    const first = store.runs({ target: 'steady', last: 1 })[0]!;
    expect(first.journalPath).toBe(join(dir, 'results/steady-twice-daily', `${first.runId}.journal.json`));
    expect(existsSync(first.journalPath!)).toBe(true);
    expect(readdirSync(join(dir, 'results/slowing-twice-daily'))).toHaveLength(14);

    const report = historyReport(store, {}, { ...defaultTrendOptions, last: 14 });
    store.close();
    expect(report.regressions).toEqual([
      { runbook: 'quarantine-drain-clear', target: 'slowing', timing: 'third crash quarantines and drains › VMs on HV02 drained: live' },
    ]);
    const slowing = report.trends.find((t) => t.target === 'slowing')!;
    const drain = slowing.timings.find((t) => t.regression)!;
    expect(drain.insideWindow).toBe(true);
    expect(drain.series).toHaveLength(14);
    expect(historyText(report)).toMatch(/drained: live\s+4m3\ds\s+.*REGRESSION \+4\d % vs median 3m\ds of the earlier runs \(still inside its window\)/);
    const html = historyHtml(report);
    expect(html).toContain('<svg');
    expect(html).toContain('class="ring"');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);

    const lines = log.map((l) => JSON.parse(l) as { event: string; time: string });
    expect(lines.filter((l) => l.event === 'drill.finished')).toHaveLength(28);
    expect(lines[0]).toMatchObject({ event: 'scheduler.started', time: '2026-01-05T00:00:00.000Z' });
  });

  it('--once runs what is due, records it, and does not run it again on the next call', async () => {
    const dir = workspace();
    const once = async (atMs: number) => {
      const clock = new VirtualClock(atMs, monday);
      return clock.run(
        runSchedule(
          { drillsFile: 'drills.yaml', once: true, graceMs: hour, target: 'slowing' },
          { runDrill: engine(clock), clock, writeLog: () => undefined, shutdown: new AbortController().signal, cwd: dir },
        ),
      );
    };
    expect(await once(2 * hour + 40 * minute)).toBe(0);
    expect(await once(2 * hour + 50 * minute)).toBe(0);
    const store = HistoryStore.open(join(dir, 'history.db'));
    expect(store.runs().map((r) => [r.target, r.scheduledFor])).toEqual([['slowing', '2026-01-05T02:30:00.000Z']]);
    store.close();
  });
});
