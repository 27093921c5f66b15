// The scheduler's sink into the history: writes each finished run's journal to the drill's results
// directory and records every occurrence (completed, skipped, error) in the history database.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RunJournal } from '../engine/journal.js';
import { DrillError, ExitStatus } from '../errors/drill-error.js';
import { drillIdentity, type DrillIdentity } from './drill-identity.js';
import { resultPaths } from './result-paths.js';
import type { ScheduledDrill } from './scheduled-drill.js';
import type { RunSink, ScheduledRunResult } from './scheduled-run.js';
import type { HistoryStore } from './store.js';

/** Keeps a copy of a run's journal; returns its path (null when it is not kept). */
export type SaveJournal = (drill: ScheduledDrill, journal: RunJournal) => string | null;

/** Writes the journal as JSON to `<results.dir>/<runId>.journal.json` (synchronously: no clock wait). */
export const saveJournalToResults: SaveJournal = (drill, journal) => {
  const path = resultPaths(drill, journal.runId, journal.startedAt).journal;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(journal, null, 2)}\n`);
  return path;
};

export interface HistorySinkOptions {
  readonly store: HistoryStore;
  readonly saveJournal?: SaveJournal;
  /** Names for runs without a journal; reads the drill's files by default. */
  readonly identify?: (drill: ScheduledDrill) => DrillIdentity;
}

/** A RunSink recording into `store`. */
export function historySink(options: HistorySinkOptions): RunSink {
  const save = options.saveJournal ?? saveJournalToResults;
  const identities = new Map<string, DrillIdentity>();
  const identify = (drill: ScheduledDrill): DrillIdentity => {
    const known = identities.get(drill.name) ?? (options.identify ?? drillIdentity)(drill);
    identities.set(drill.name, known);
    return known;
  };
  return (result: ScheduledRunResult) => {
    const drill = result.drill;
    if (result.kind === 'completed') {
      // A journal that cannot be copied (results directory unwritable) must not cost the history its run.
      let journalPath: string | null = null;
      let saveError: unknown;
      try {
        journalPath = save(drill, result.journal);
      } catch (error) {
        saveError = error;
      }
      options.store.recordJournal(result.journal, { journalPath, drill: drill.name, scheduledFor: result.scheduledFor });
      if (saveError !== undefined) throw new Error(`run recorded, but its journal was not saved: ${saveError instanceof Error ? saveError.message : String(saveError)}`);
      return;
    }
    const common = {
      ...identify(drill),
      runId: `${drill.name}@${result.scheduledFor}:${result.kind === 'skipped' ? `skipped-${result.reason}` : 'error'}`,
      drill: drill.name,
      scheduledFor: result.scheduledFor,
      exitStatus: null,
      journalPath: null,
      timings: [],
    };
    if (result.kind === 'skipped') {
      options.store.record({ ...common, outcome: 'skipped', verdict: 'skipped', reason: `${result.reason}: ${result.detail}`, startedAt: result.at, endedAt: null });
    } else {
      const exitStatus = result.error instanceof DrillError ? result.error.exitStatus : ExitStatus.inconclusive;
      options.store.record({ ...common, exitStatus, outcome: 'error', verdict: 'error', reason: result.message, startedAt: result.startedAt, endedAt: result.endedAt });
    }
  };
}
