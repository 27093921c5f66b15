import { describe, expect, it } from 'vitest';
import type { RecordedRun } from '../../src/history/run-record.js';
import { entryFromJournal } from '../../src/history/run-record.js';
import { defaultTrendOptions, trendsOf } from '../../src/history/trends.js';
import { makeJournal, quarantineSteps } from './journal-factory.js';

/** Recorded runs of quarantine-drain-clear whose drain took the given times, one a day. */
function runsWithDrains(drains: readonly number[], target = 'simulated'): RecordedRun[] {
  return drains.map((drainMs, i) => ({
    id: i + 1,
    ...entryFromJournal(
      makeJournal({ runId: `${target}-${i}`, target, startedAt: new Date(Date.UTC(2026, 0, 1 + i, 2)).toISOString(), steps: quarantineSteps(11_000, drainMs, 7_000) }),
      { journalPath: null },
    ),
  }));
}

const drainName = 'third crash quarantines and drains › VMs on HV02 drained: live';

describe('timing trends', () => {
  it('gives last, median and p95 per runbook, target and timing over the last N runs', () => {
    const drains = [100, 120, 110, 130, 90, 150, 105, 115, 125, 140].map((s) => s * 1000);
    const [trend] = trendsOf(runsWithDrains(drains), { ...defaultTrendOptions, last: 10 });
    const drain = trend!.timings.find((t) => t.name === drainName)!;
    expect(trend!.runs).toBe(10);
    expect(drain.lastMs).toBe(140_000);
    expect(drain.medianMs).toBe(117_500);
    expect(drain.p95Ms).toBe(150_000);
    expect(drain.series).toHaveLength(10);
    expect(drain.regression).toBe(false);
    const isolation = trend!.timings.find((t) => t.name.startsWith('first crash'))!;
    expect([isolation.lastMs, isolation.medianMs, isolation.p95Ms]).toEqual([11_000, 11_000, 11_000]);
  });

  it('only looks at the last N runs', () => {
    const [trend] = trendsOf(runsWithDrains([900, 900, 900, 100, 110, 120].map((s) => s * 1000)), { ...defaultTrendOptions, last: 3 });
    const drain = trend!.timings.find((t) => t.name === drainName)!;
    expect(drain.series.map((s) => s.ms)).toEqual([100_000, 110_000, 120_000]);
    expect(drain.p95Ms).toBe(120_000);
  });

  it('flags a timing made slower halfway through, while it is still inside its window', () => {
    const drains = [...Array(7).fill(180_000), ...Array(3).fill(260_000)] as number[];
    const [trend] = trendsOf(runsWithDrains(drains), defaultTrendOptions);
    const drain = trend!.timings.find((t) => t.name === drainName)!;
    expect(drain.baselineMedianMs).toBe(180_000);
    expect(drain.regression).toBe(true);
    expect(drain.insideWindow).toBe(true);
    expect(trend!.timings.filter((t) => t.regression).map((t) => t.name)).toEqual([drainName]);
  });

  it('does not flag small absolute drifts, nor with too few earlier runs', () => {
    expect(trendsOf(runsWithDrains([1000, 1000, 1000, 1500]))[0]!.timings.some((t) => t.regression)).toBe(false);
    expect(trendsOf(runsWithDrains([100_000, 100_000, 300_000]))[0]!.timings.some((t) => t.regression)).toBe(false);
    expect(trendsOf(runsWithDrains([100_000, 100_000, 100_000, 300_000]))[0]!.timings.some((t) => t.regression)).toBe(true);
  });

  it('keeps targets apart and ignores runs that did not complete', () => {
    const runs = [...runsWithDrains([100_000, 100_000, 100_000, 300_000], 'lab'), ...runsWithDrains([100_000, 100_000], 'simulated')];
    const skipped: RecordedRun = { ...runs[0]!, id: 99, runId: 'skip', outcome: 'skipped', verdict: 'skipped', timings: [] };
    const trends = trendsOf([...runs, skipped]);
    expect(trends.map((t) => [t.target, t.runs, t.timings.some((x) => x.regression)])).toEqual([
      ['lab', 4, true],
      ['simulated', 2, false],
    ]);
  });
});
