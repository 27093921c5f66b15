// What became of one cron occurrence of a drill: the scheduler reports each to a sink (the history).
import type { RunJournal } from '../engine/journal.js';
import type { ScheduledDrill } from './scheduled-drill.js';

/** Why an occurrence did not run: its previous run was still going (or waiting for the cluster),
 * another machine held the cluster lock, or the scheduler was shutting down. */
export type SkipReason = 'overlap' | 'locked' | 'shutdown';

export type ScheduledRunResult =
  | {
      readonly kind: 'completed';
      readonly drill: ScheduledDrill;
      readonly scheduledFor: string;
      readonly startedAt: string;
      readonly endedAt: string;
      readonly journal: RunJournal;
    }
  | {
      readonly kind: 'skipped';
      readonly drill: ScheduledDrill;
      readonly scheduledFor: string;
      readonly at: string;
      readonly reason: SkipReason;
      readonly detail: string;
    }
  | {
      readonly kind: 'error';
      readonly drill: ScheduledDrill;
      readonly scheduledFor: string;
      readonly startedAt: string;
      readonly endedAt: string;
      readonly message: string;
      readonly error: unknown;
    };

/** Receives every result as it happens (records it in the history, writes the journal...). */
export type RunSink = (result: ScheduledRunResult) => void | Promise<void>;

/** The exit status of a `--once` pass: interrupted, else any failure, else anything inconclusive. */
export function onceExitStatus(results: readonly ScheduledRunResult[], interrupted: boolean): number {
  if (interrupted || results.some((r) => r.kind === 'completed' && r.journal.exitStatus === 130)) return 130;
  const statuses = results.map((r) => (r.kind === 'completed' ? r.journal.exitStatus : r.kind === 'error' ? 3 : 0));
  if (statuses.includes(1)) return 1;
  if (statuses.some((s) => s !== 0)) return statuses.includes(2) ? 2 : 3;
  return 0;
}
