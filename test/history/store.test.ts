import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../src/history/store.js';
import { openSqlite } from '../../src/history/sqlite.js';
import { makeJournal, quarantineSteps } from './journal-factory.js';

const open: HistoryStore[] = [];
/** A fresh store in a temporary directory (its parent directory does not exist yet). */
function freshStore(): HistoryStore {
  const store = HistoryStore.open(join(mkdtempSync(join(tmpdir(), 'history-')), '.drill', 'history.db'));
  open.push(store);
  return store;
}
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

const day = (d: number) => `2026-01-0${d}T02:00:00.000Z`;

describe('history store', () => {
  it('records a run from its journal and reads it back with its timings', () => {
    const store = freshStore();
    const journal = makeJournal({ runId: 'run-1', startedAt: day(5), steps: quarantineSteps(11_000, 185_000, 7_000) });
    store.recordJournal(journal, { journalPath: '/results/run-1.json', drill: 'nightly', scheduledFor: day(5) });
    const [run] = store.runs();
    expect(run).toMatchObject({
      runId: 'run-1',
      drill: 'nightly',
      runbook: 'quarantine-drain-clear',
      target: 'simulated',
      outcome: 'completed',
      verdict: 'pass',
      exitStatus: 0,
      scheduledFor: day(5),
      startedAt: day(5),
      journalPath: '/results/run-1.json',
    });
    expect(run!.timings.map((t) => [t.ms, t.label])).toEqual([[11_000, 'time to isolation'], [185_000, 'drain duration'], [7_000, 'time to clear']]);
    expect(store.integrityCheck()).toBe('ok');
  });

  it('leaves the file in WAL mode for other connections', () => {
    const store = freshStore();
    const db = openSqlite(store.path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('filters by runbook and target, keeps the last N oldest first, and ignores a second record of a run', () => {
    const store = freshStore();
    for (let d = 1; d <= 6; d++) {
      store.recordJournal(makeJournal({ runId: `a${d}`, startedAt: day(d), target: d % 2 ? 'lab' : 'simulated' }), { journalPath: null });
    }
    store.recordJournal(makeJournal({ runId: 'b1', runbook: 'partition', startedAt: day(3) }), { journalPath: null });
    store.recordJournal(makeJournal({ runId: 'a6', startedAt: day(9), verdict: 'fail' }), { journalPath: null });
    expect(store.count()).toBe(7);
    expect(store.runs({ target: 'simulated' }).map((r) => r.runId)).toEqual(['a2', 'b1', 'a4', 'a6']);
    expect(store.runs({ runbook: 'quarantine-drain-clear', target: 'simulated', last: 2 }).map((r) => r.runId)).toEqual(['a4', 'a6']);
    expect(store.runs({ runbook: 'partition' })[0]!.verdict).toBe('pass');
    expect(store.runs({ last: 1 })[0]!.verdict).toBe('pass');
  });

  it('records skipped and failed-to-run drills, and remembers the last scheduled occurrence', () => {
    const store = freshStore();
    const base = { drill: 'nightly', runbook: 'quarantine-drain-clear', target: 'simulated', exitStatus: null, endedAt: null, journalPath: null, timings: [] };
    store.record({ ...base, runId: 's1', outcome: 'skipped', verdict: 'skipped', reason: 'previous run still going', scheduledFor: day(2), startedAt: day(2) });
    store.record({ ...base, runId: 'e1', outcome: 'error', verdict: 'error', reason: 'target unreachable', scheduledFor: day(3), startedAt: day(3) });
    expect(store.lastScheduledFor('nightly')).toBe(day(3));
    expect(store.lastScheduledFor('weekly')).toBeNull();
    expect(store.runs({ outcome: 'skipped' }).map((r) => r.reason)).toEqual(['previous run still going']);
  });
});
