// The records of a run's write-ahead log: one JSON object per line, appended and fsync'd in order.
// Every fault is recorded with its undo BEFORE it is made, so a killed run can always be taken back.
// Times named `at` are ms on the run's clock; `wallTime` is ISO 8601 for people reading the file.
import type { RunVerdict } from '../engine/journal.js';
import type { PlannedCheck } from '../engine/plan-model.js';
import type { DriverName } from '../targets/catalogue.js';
import type { Fault, Undo } from '../targets/target.js';

export const runLogVersion = 1;

/** Who started the run and against what: everything `drill cleanup` needs to re-open the target. */
export interface RunStarted {
  readonly type: 'run-started';
  readonly version: typeof runLogVersion;
  readonly runId: string;
  readonly pid: number;
  readonly host: string;
  /** `user@host`, as the cluster lock names its owner. */
  readonly owner: string;
  readonly target: { readonly name: string; readonly driver: DriverName; readonly path: string };
  readonly runbooks: readonly string[];
  readonly wallTime: string;
  readonly at: number;
  /** The runbook's steady state, resolved, so cleanup checks what the run would have checked. */
  readonly steadyState?: { readonly checks: readonly PlannedCheck[]; readonly vars: Readonly<Record<string, string>>; readonly settleMs: number };
}

export interface FaultIntended {
  readonly type: 'fault-intended';
  readonly fault: Fault;
  readonly undo: Undo;
  readonly at: number;
  readonly wallTime: string;
}

export interface FaultMade {
  readonly type: 'fault-made';
  readonly fault: Fault;
  readonly undo: Undo;
  readonly message: string;
  readonly at: number;
  readonly wallTime: string;
}

/** Who took a fault back: the run's own rollback (or `restore`), or a later `drill cleanup`. */
export type UndoneBy = 'run' | 'cleanup';

export interface FaultUndone {
  readonly type: 'fault-undone';
  readonly undo: Undo;
  readonly by: UndoneBy;
  readonly message: string;
  readonly at: number;
  readonly wallTime: string;
}

export interface UndoFailed {
  readonly type: 'undo-failed';
  readonly undo: Undo;
  readonly by: UndoneBy;
  readonly message: string;
  readonly attempts: number;
  readonly at: number;
  readonly wallTime: string;
}

export interface RunFinished {
  readonly type: 'run-finished';
  readonly verdict: RunVerdict;
  readonly exitStatus: number;
  readonly at: number;
  readonly wallTime: string;
}

/** The run entered a phase (preflight, steps, rollback...): tells cleanup how far a killed run got. */
export interface PhaseEntered {
  readonly type: 'phase';
  readonly phase: string;
  readonly at: number;
  readonly wallTime: string;
}

/** A `drill cleanup` began on this run (several may, if one fails). */
export interface CleanupStarted {
  readonly type: 'cleanup-started';
  readonly pid: number;
  readonly owner: string;
  readonly wallTime: string;
}

/** Every pending undo succeeded and steady state holds: the run no longer needs cleaning. */
export interface RunCleaned {
  readonly type: 'run-cleaned';
  readonly message: string;
  readonly wallTime: string;
}

export type RunRecord = RunStarted | PhaseEntered | FaultIntended | FaultMade | FaultUndone | UndoFailed | RunFinished | CleanupStarted | RunCleaned;
export type RunRecordType = RunRecord['type'];

export const runRecordTypes: readonly RunRecordType[] = [
  'run-started',
  'phase',
  'fault-intended',
  'fault-made',
  'fault-undone',
  'undo-failed',
  'run-finished',
  'cleanup-started',
  'run-cleaned',
];
