// Rows of the history database back into typed records: SQLite hands back untyped values, so each
// column is checked once here rather than trusted everywhere.
import { DrillError } from '../errors/drill-error.js';
import type { RecordedRun, RecordedVerdict, RunOutcome } from './run-record.js';
import type { Timing, TimingLabel } from './timings.js';

export interface TimingRow {
  readonly run: number;
  readonly timing: Timing;
}

const timingLabels: readonly NonNullable<TimingLabel>[] = ['time to isolation', 'time to quarantine', 'drain duration', 'time to clear', 'time to recover'];
const outcomes: readonly RunOutcome[] = ['completed', 'skipped', 'error'];
const verdicts: readonly RecordedVerdict[] = ['pass', 'fail', 'inconclusive', 'aborted', 'interrupted', 'invalid', 'skipped', 'error'];

/** A row of `runs`, without its timings. */
export function readRunRow(row: unknown): Omit<RecordedRun, 'timings'> {
  const r = record(row);
  return {
    id: num(r, 'id'),
    runId: str(r, 'run_id'),
    drill: optStr(r, 'drill'),
    runbook: str(r, 'runbook'),
    target: str(r, 'target'),
    outcome: oneOf(r, 'outcome', outcomes),
    verdict: oneOf(r, 'verdict', verdicts),
    exitStatus: r['exit_status'] === null ? null : num(r, 'exit_status'),
    reason: str(r, 'reason'),
    scheduledFor: optStr(r, 'scheduled_for'),
    startedAt: str(r, 'started_at'),
    endedAt: optStr(r, 'ended_at'),
    journalPath: optStr(r, 'journal_path'),
  };
}

/** A row of `timings`. */
export function readTimingRow(row: unknown): TimingRow {
  const r = record(row);
  return {
    run: num(r, 'run'),
    timing: {
      name: str(r, 'name'),
      expectationId: str(r, 'expectation'),
      ms: num(r, 'ms'),
      windowMs: num(r, 'window_ms'),
      verdict: oneOf(r, 'verdict', ['pass', 'fail'] as const),
      label: r['label'] === null ? null : oneOf(r, 'label', timingLabels),
    },
  };
}

/** A database that does not hold what this code wrote is reported, not guessed around. */
function corrupt(column: string, value: unknown): DrillError {
  return new DrillError('internal', `unexpected value in the history database: ${column} = ${JSON.stringify(value)}`);
}

/** A row is an object of columns. */
const record = (row: unknown): Record<string, unknown> => {
  if (row === null || typeof row !== 'object') throw corrupt('row', row);
  return row as Record<string, unknown>;
};
/** A TEXT NOT NULL column. */
const str = (r: Record<string, unknown>, k: string): string => {
  const v = r[k];
  if (typeof v !== 'string') throw corrupt(k, v);
  return v;
};
/** A nullable TEXT column. */
const optStr = (r: Record<string, unknown>, k: string): string | null => (r[k] === null ? null : str(r, k));
/** An INTEGER or REAL column (bigint when large). */
const num = (r: Record<string, unknown>, k: string): number => {
  const v = r[k];
  if (typeof v === 'bigint') return Number(v);
  if (typeof v !== 'number') throw corrupt(k, v);
  return v;
};
/** A TEXT column limited to known words. */
const oneOf = <T extends string>(r: Record<string, unknown>, k: string, allowed: readonly T[]): T => {
  const v = r[k];
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) throw corrupt(k, v);
  return v as T;
};
