// For `drill run`: record a finished run in the history (every run is recorded, scheduled or not),
// and compare it with its baseline (`--baseline N`). Opens the database only for the moment it needs it.
import type { RunJournal } from '../engine/journal.js';
import { compareWithBaseline, type BaselineComparison } from './baseline.js';
import type { DriftRule } from './drift.js';
import type { RecordedRun } from './run-record.js';
import { HistoryStore } from './store.js';

/** Records `journal` (kept at `journalPath`) in the history at `dbPath`. */
export function recordRun(dbPath: string, journal: RunJournal, journalPath: string | null): RecordedRun {
  const store = HistoryStore.open(dbPath);
  try {
    return store.recordJournal(journal, { journalPath });
  } finally {
    store.close();
  }
}

/** The earlier runs of the journal's runbook on its target, and the comparison with the last `n`. */
export function baselineFromHistory(dbPath: string, journal: RunJournal, n: number, rule: Partial<DriftRule> = {}): BaselineComparison {
  const store = HistoryStore.open(dbPath);
  try {
    const past = store.runs({ runbook: journal.runbook.name, target: journal.target.name, outcome: 'completed' });
    return compareWithBaseline(journal, past, n, rule);
  } finally {
    store.close();
  }
}
