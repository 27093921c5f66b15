// A drill as the scheduler sees it: one runbook against one target on a cron schedule, every path
// already resolved against the drills file's directory. The engine adapter receives exactly this.
import type { RunJournal } from '../engine/journal.js';
import type { SourcePosition } from '../errors/drill-error.js';

/** Where a drill's results are written; `junit`/`html` may contain `{runId}`, `{drill}` and `{date}`. */
export interface ResultsSpec {
  /** Absolute directory of this drill's results. */
  readonly dir: string;
  readonly junit?: string;
  readonly html?: string;
}

export interface ScheduledDrill {
  /** Unique in its drills file; lowercase letters, digits and '-'. */
  readonly name: string;
  /** Absolute path of the runbook file. */
  readonly runbook: string;
  /** Absolute path of the target file. */
  readonly target: string;
  /** Values for the runbook's vars, as `--var name=value` would give them. */
  readonly vars: Readonly<Record<string, string>>;
  /** Cron expression (5 fields, or 6 with seconds first, or a nickname such as `@daily`). */
  readonly schedule: string;
  /** IANA time zone the cron expression is read in. */
  readonly timezone: string;
  readonly results: ResultsSpec;
  /** Where the drill is written in the drills file, for messages. */
  readonly at: SourcePosition;
}

/** A loaded, checked drills file. */
export interface DrillsFile {
  readonly path: string;
  /** Absolute path of the history database. */
  readonly historyPath: string;
  readonly drills: readonly ScheduledDrill[];
}

/** Runs one drill to its end (rollback included) and returns its journal; aborting `signal` interrupts it. */
export type RunDrill = (drill: ScheduledDrill, signal: AbortSignal) => Promise<RunJournal>;

/** The cross-machine cluster lock: a release function, or why the lock was refused. */
export type LockOutcome = { readonly ok: true; readonly release: () => void | Promise<void> } | { readonly ok: false; readonly reason: string };

/** Takes the cluster lock of a target (held on the cluster itself; another issue implements it). */
export type AcquireLock = (target: string) => Promise<LockOutcome>;

/** A lock that is always granted: for a single machine and for tests. */
export const noClusterLock: AcquireLock = async () => ({ ok: true, release: () => undefined });
