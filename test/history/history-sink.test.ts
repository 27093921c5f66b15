import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DrillError } from '../../src/errors/drill-error.js';
import { historySink } from '../../src/history/history-sink.js';
import { HistoryStore } from '../../src/history/store.js';
import { makeJournal } from './journal-factory.js';
import { drill } from './scheduler-harness.js';

const fresh = () => HistoryStore.open(join(mkdtempSync(join(tmpdir(), 'sink-')), 'history.db'));
const identify = () => ({ runbook: 'quarantine-drain-clear', target: 'simulated' });

describe('history sink', () => {
  it('saves the journal in the results directory and records the run with its path', async () => {
    const store = fresh();
    const d = { ...drill('nightly', '0 2 * * *'), results: { dir: mkdtempSync(join(tmpdir(), 'results-')) } };
    const journal = makeJournal({ runId: 'run-7' });
    await historySink({ store, identify })({ kind: 'completed', drill: d, scheduledFor: '2026-01-05T02:00:00.000Z', startedAt: journal.startedAt, endedAt: journal.endedAt, journal });
    const [run] = store.runs();
    expect(run!.journalPath).toBe(join(d.results.dir, 'run-7.journal.json'));
    expect(JSON.parse(readFileSync(run!.journalPath!, 'utf8'))).toEqual(journal);
    store.close();
  });

  it('still records the run when its journal cannot be saved, then reports the failure', async () => {
    const store = fresh();
    const journal = makeJournal({ runId: 'run-8' });
    const sink = historySink({ store, identify, saveJournal: () => { throw new Error('read-only file system'); } });
    await expect(async () => sink({ kind: 'completed', drill: drill('n', '* * * * *'), scheduledFor: 'x', startedAt: 'a', endedAt: 'b', journal })).rejects.toThrow(
      'run recorded, but its journal was not saved: read-only file system',
    );
    expect(store.runs().map((r) => [r.runId, r.journalPath])).toEqual([['run-8', null]]);
    store.close();
  });

  it('records skips and errors under the names of the drill\'s files, with the error\'s exit status', async () => {
    const store = fresh();
    const sink = historySink({ store, identify });
    const d = drill('nightly', '0 2 * * *');
    await sink({ kind: 'skipped', drill: d, scheduledFor: '2026-01-05T02:00:00.000Z', at: '2026-01-05T02:00:00.000Z', reason: 'overlap', detail: 'the previous run of this drill is still going' });
    await sink({ kind: 'error', drill: d, scheduledFor: '2026-01-06T02:00:00.000Z', startedAt: '2026-01-06T02:00:00.000Z', endedAt: '2026-01-06T02:00:01.000Z', message: 'cannot connect', error: new DrillError('target-unreachable', 'cannot connect') });
    expect(store.runs().map((r) => [r.runId, r.runbook, r.target, r.verdict, r.exitStatus, r.reason])).toEqual([
      ['nightly@2026-01-05T02:00:00.000Z:skipped-overlap', 'quarantine-drain-clear', 'simulated', 'skipped', null, 'overlap: the previous run of this drill is still going'],
      ['nightly@2026-01-06T02:00:00.000Z:error', 'quarantine-drain-clear', 'simulated', 'error', 3, 'cannot connect'],
    ]);
    store.close();
  });
});
