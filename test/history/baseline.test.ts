import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baselineText } from '../../src/history/baseline-text.js';
import { baselineFromHistory, recordRun } from '../../src/history/record-run.js';
import { compareWithBaseline } from '../../src/history/baseline.js';
import { entryFromJournal, type RecordedRun } from '../../src/history/run-record.js';
import { makeJournal, quarantineSteps } from './journal-factory.js';

/** Earlier recorded runs with the given isolation times (ms). */
function past(isolations: readonly number[], runbook = 'quarantine-drain-clear'): RecordedRun[] {
  return isolations.map((ms, i) => ({
    id: i + 1,
    ...entryFromJournal(
      makeJournal({ runId: `${runbook}-${i}`, runbook, startedAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(), steps: quarantineSteps(ms, 180_000, 7_000) }),
      { journalPath: null },
    ),
  }));
}

const now = (isolationMs: number) =>
  makeJournal({ runId: 'now', startedAt: '2026-02-01T00:00:00.000Z', steps: quarantineSteps(isolationMs, 180_000, 7_000) });

describe('baseline comparison', () => {
  it('marks an expectation that passed but slower than its last N runs', () => {
    const result = compareWithBaseline(now(18_000), past([30_000, 30_000, 10_000, 11_000, 10_000]), 3);
    expect(result.baselineRuns).toBe(3);
    expect(result.slower.map((m) => [m.name, m.ms, m.baselineMedianMs, m.verdict])).toEqual([
      ['first crash isolates the node › HV02 becomes Isolated', 18_000, 10_000, 'pass'],
    ]);
    expect(result.marks.find((m) => m.name.startsWith('third'))!.slower).toBe(false);
  });

  it('marks nothing when the run is as fast as usual, or when other runbooks were slower', () => {
    expect(compareWithBaseline(now(11_000), past([10_000, 11_000, 12_000]), 5).slower).toEqual([]);
    const other = compareWithBaseline(now(18_000), past([1000, 1000, 1000], 'partition'), 5);
    expect(other.baselineRuns).toBe(0);
    expect(other.slower).toEqual([]);
  });

  it('does not mark a failed expectation as "passed but slower"', () => {
    const result = compareWithBaseline(now(25_000), past([10_000, 10_000, 10_000]), 3);
    const isolation = result.marks.find((m) => m.name.startsWith('first'))!;
    expect(isolation.verdict).toBe('fail');
    expect(isolation.ratio).toBe(2.5);
    expect(result.slower).toEqual([]);
  });

  it('with n = 1 compares with the previous run alone; n = 0 has no baseline', () => {
    expect(compareWithBaseline(now(18_000), past([10_000]), 1).slower).toHaveLength(1);
    expect(compareWithBaseline(now(18_000), past([10_000]), 0).baselineRuns).toBe(0);
  });
});

describe('baseline from the history database', () => {
  it('records runs and compares a new one with the last N of its runbook on its target', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'baseline-')), 'history.db');
    for (const [i, ms] of [10_000, 11_000, 10_000].entries()) {
      recordRun(db, makeJournal({ runId: `p${i}`, startedAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(), steps: quarantineSteps(ms, 180_000, 7_000) }), null);
    }
    const slow = now(18_000);
    const comparison = baselineFromHistory(db, slow, 3);
    expect(comparison.baselineRuns).toBe(3);
    expect(baselineText(comparison)).toBe(
      'baseline: 1 expectation passed but slower than usual (3 earlier runs of quarantine-drain-clear on simulated):\n' +
        '  slower than usual: first crash isolates the node › HV02 becomes Isolated: 18s (median 10s, +80 %; window 20s)\n',
    );
    expect(baselineText(baselineFromHistory(db, now(10_500), 3))).toBe('baseline: no timing slower than usual (3 earlier runs of quarantine-drain-clear on simulated)\n');
  });
});
