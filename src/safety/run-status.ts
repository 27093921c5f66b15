// What a run's log says about it: who ran it against what, whether it finished, whether it was
// cleaned, and what may still be in effect on the cluster.
import type { Undo } from '../targets/target.js';
import { pendingUndos } from './pending-undos.js';
import type { RunFinished, RunRecord, RunStarted } from './run-record.js';

export interface RunStatus {
  readonly started: RunStarted | undefined;
  readonly finished: RunFinished | undefined;
  readonly cleaned: boolean;
  readonly pending: readonly Undo[];
  /** A run needs `drill cleanup` when it was killed (never finished) or left a fault in effect, and no cleanup completed. */
  readonly needsCleanup: boolean;
}

export function runStatus(records: readonly RunRecord[]): RunStatus {
  const started = records.find((r): r is RunStarted => r.type === 'run-started');
  const finished = records.findLast((r): r is RunFinished => r.type === 'run-finished');
  const cleaned = records.some((r) => r.type === 'run-cleaned');
  const pending = pendingUndos(records);
  return { started, finished, cleaned, pending, needsCleanup: !cleaned && (finished === undefined || pending.length > 0) };
}
