// One line of the history: a run as recorded (finished, skipped, or failed to run), with its key timings.
import type { RunJournal, RunVerdict } from '../engine/journal.js';
import { timingsOf, type Timing } from './timings.js';

/** completed: the engine returned a journal; skipped: the run never started; error: it threw. */
export type RunOutcome = 'completed' | 'skipped' | 'error';

/** A run's verdict, or what happened instead of one. */
export type RecordedVerdict = RunVerdict | 'skipped' | 'error';

/** A run as written to the history. */
export interface RunEntry {
  readonly runId: string;
  /** The scheduled drill that started it; null for a run started by hand (`drill run`). */
  readonly drill: string | null;
  /** Runbook and target names (from the journal; from the files' name fields when there is none). */
  readonly runbook: string;
  readonly target: string;
  readonly outcome: RunOutcome;
  readonly verdict: RecordedVerdict;
  readonly exitStatus: number | null;
  readonly reason: string;
  /** The cron occurrence that started it (ISO), for scheduled runs. */
  readonly scheduledFor: string | null;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly journalPath: string | null;
  readonly timings: readonly Timing[];
}

/** A run read back from the history. */
export interface RecordedRun extends RunEntry {
  /** Row id: increases with insertion order. */
  readonly id: number;
}

/** What the journal does not know about a run: where it is kept and who started it. */
export interface JournalMeta {
  readonly journalPath: string | null;
  readonly drill?: string | null;
  readonly scheduledFor?: string | null;
}

/** The history entry of a finished run. */
export function entryFromJournal(journal: RunJournal, meta: JournalMeta): RunEntry {
  return {
    runId: journal.runId,
    drill: meta.drill ?? null,
    runbook: journal.runbook.name,
    target: journal.target.name,
    outcome: 'completed',
    verdict: journal.verdict,
    exitStatus: journal.exitStatus,
    reason: journal.reason,
    scheduledFor: meta.scheduledFor ?? null,
    startedAt: journal.startedAt,
    endedAt: journal.endedAt,
    journalPath: meta.journalPath,
    timings: timingsOf(journal),
  };
}
