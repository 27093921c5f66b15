// What the run machine knows, and the pure reducers its transitions apply: the steady state before
// step 1, a finished step, skipped steps, rollback items, and the run's outcome. No I/O here.
import type { Runbook } from '../runbook/model.js';
import type { Inventory, Snapshot } from '../targets/cluster-state.js';
import type { Undo } from '../targets/target.js';
import type { AbortWatch } from './abort-watch.js';
import { describeUndo } from './describe.js';
import type { ExpectationRecord, RunVerdict, StepRecord } from './journal.js';
import type { ResolvedVars } from './node-refs.js';
import type { ObservationEvent, ObserverCommand } from './observer.js';
import type { DrillPlan } from './plan-model.js';
import { quorumRefusal } from './quorum.js';
import { withoutUndone } from './rollback-plan.js';
import type { RollbackItem, RollbackItemResult } from './run-actors.js';
import type { RunLog } from './run-log.js';
import { indexSnapshot } from './snapshot-index.js';
import { judgeSteadyBefore, type SteadyAfter } from './steady-state.js';
import type { StepOutcome } from './step-machine.js';
import { skippedStepRecord } from './step-record.js';
import { decideVerdict, exitStatusOf } from './verdict.js';

export interface RunInput {
  readonly runbook: Runbook;
  /** `--var name=value`. */
  readonly overrides: ResolvedVars;
  readonly seed: number;
  readonly log: RunLog;
  /** The target pushes its changes (it has `watch`); otherwise it is polled. */
  readonly pushed: boolean;
  /** Poll interval that overrides the runbook's `settings.observe` (e.g. the target file's `settings.observe`). */
  readonly observeMs?: number;
}

export interface RollbackRecord {
  readonly at: number;
  readonly text: string;
  readonly ok: boolean;
  readonly message: string;
}

/** Everything the journal needs from a finished run. */
export interface RunOutcome {
  readonly plan: DrillPlan | null;
  readonly inventory: Inventory | null;
  readonly steadyBefore: readonly ExpectationRecord[];
  readonly steadyAfter: readonly ExpectationRecord[];
  readonly steps: readonly StepRecord[];
  readonly rollback: readonly RollbackRecord[];
  readonly verdict: RunVerdict;
  readonly exitStatus: number;
  readonly reason: string;
  readonly endedAt: number;
}

/** Events of the run: INTERRUPT (Ctrl-C), the observation feed's, and the step's requests to it. */
export type RunEvent = { readonly type: 'INTERRUPT' } | ObservationEvent | ObserverCommand;

export interface RunContext extends RunInput {
  readonly inventory: Inventory | null;
  readonly plan: DrillPlan | null;
  readonly latest: Snapshot | null;
  readonly now: number;
  /** 0-based step of the plan and 1-based repetition of the next step to run. */
  readonly stepIndex: number;
  readonly repetition: number;
  readonly steps: readonly StepRecord[];
  /** Undos of the faults this run may have in effect, oldest first. */
  readonly faults: readonly Undo[];
  readonly abort: AbortWatch | null;
  readonly steadyChecked: boolean;
  readonly steadyBefore: readonly ExpectationRecord[];
  readonly steadyAfter: SteadyAfter | null;
  /** Why nothing was injected although preflight passed. */
  readonly notStarted: string | null;
  readonly preflightError: { readonly invalid: boolean; readonly message: string } | null;
  readonly interrupted: boolean;
  readonly aborted: string | null;
  readonly targetError: string | null;
  readonly failedStep: boolean;
  readonly rollbackItems: readonly RollbackItem[];
  readonly rollbackIndex: number;
  readonly undoAttempt: number;
  readonly rollbackRecords: readonly RollbackRecord[];
  readonly rollbackFailures: readonly string[];
}

/** How often an undo is tried before the rollback gives up on it and says so loudly. */
export const undoAttempts = 5;

/** The context before preflight: nothing known, nothing done. */
export const initialRunContext = (input: RunInput): RunContext => ({
  ...input,
  inventory: null,
  plan: null,
  latest: null,
  now: 0,
  stepIndex: 0,
  repetition: 1,
  steps: [],
  faults: [],
  abort: null,
  steadyChecked: false,
  steadyBefore: [],
  steadyAfter: null,
  notStarted: null,
  preflightError: null,
  interrupted: false,
  aborted: null,
  targetError: null,
  failedStep: false,
  rollbackItems: [],
  rollbackIndex: 0,
  undoAttempt: 0,
  rollbackRecords: [],
  rollbackFailures: [],
});

/** Why the first injection would not be safe or meaningful now (`requires`, quorum), or null. */
function startProblem(context: RunContext, snapshot: Snapshot): string | null {
  const index = indexSnapshot(snapshot);
  if (context.runbook.requires.nodes !== undefined) {
    const notReady = [...index.nodes.values()].filter((n) => n.state !== 'Up' || n.isolated || n.quarantined).map((n) => n.name);
    if (notReady.length > 0) return `requires: every node Up and Normal; not: ${notReady.join(', ')}`;
  }
  const first = context.plan?.steps.find((s) => s.act.kind === 'inject');
  return first && first.act.kind === 'inject' ? quorumRefusal(first.act.fault, index) : null;
}

/** The steady state at the observation before step 1: met, or why nothing will be injected. */
export function steadyBeforeChecked(context: RunContext, snapshot: Snapshot): Partial<RunContext> {
  const plan = context.plan!;
  const records = judgeSteadyBefore(plan.steadyState, indexSnapshot(snapshot), plan.vars);
  const unmet = records.filter((r) => r.verdict !== 'pass');
  const notStarted =
    unmet.length > 0
      ? `steady state not met before step 1, nothing was injected: ${unmet.map((r) => `${r.text}: ${r.reason}`).join('; ')}`
      : startProblem(context, snapshot);
  return { steadyBefore: records, steadyChecked: true, notStarted };
}

/** Whether no further step may run (a stop condition, an interrupt, a target error, or a failure with onFailure: stop). */
export const mustStop = (c: RunContext): boolean =>
  c.interrupted || c.aborted !== null || c.targetError !== null || (c.failedStep && c.plan?.settings.onFailure !== 'continue');

/** Records for every step and repetition not yet run, each skipped with the reason. */
export function skippedSteps(context: RunContext): StepRecord[] {
  const plan = context.plan!;
  const why = context.interrupted
    ? 'skipped: interrupted'
    : context.aborted
      ? 'skipped: a stop condition fired'
      : context.targetError
        ? 'skipped: the target failed'
        : 'skipped: an earlier step failed (onFailure: stop)';
  const skipped: StepRecord[] = [];
  for (let s = context.stepIndex; s < plan.steps.length; s++) {
    const step = plan.steps[s]!;
    for (let r = s === context.stepIndex ? context.repetition : 1; r <= step.repeat; r++) skipped.push(skippedStepRecord(step, r, context.now, why));
  }
  return skipped;
}

/** A finished step: its record, the faults now in effect, and the next step or repetition. */
export function stepFinished(context: RunContext, out: StepOutcome): Partial<RunContext> {
  const step = context.plan!.steps[context.stepIndex]!;
  const last = context.repetition >= step.repeat;
  let faults = withoutUndone(context.faults, out.undone);
  if (out.pendingUndo) faults = [...faults, out.pendingUndo];
  return {
    steps: [...context.steps, out.record],
    faults,
    now: Math.max(context.now, out.record.endedAt ?? context.now),
    targetError: context.targetError ?? out.targetError,
    failedStep: context.failedStep || out.record.status === 'failed',
    stepIndex: last ? context.stepIndex + 1 : context.stepIndex,
    repetition: last ? 1 : context.repetition + 1,
  };
}

/** What a rollback item is, in the journal's words. */
export const rollbackItemText = (item: RollbackItem): string => (item.kind === 'undo' ? `undo ${describeUndo(item.undo)}` : item.act.text);

/** A rollback item done (or given up on): recorded, and on to the next. An undo given up on is a rollback failure. */
export function rollbackItemDone(context: RunContext, result: RollbackItemResult): Partial<RunContext> {
  const item = context.rollbackItems[context.rollbackIndex]!;
  const text = rollbackItemText(item);
  const failedUndo = !result.ok && item.kind === 'undo';
  return {
    now: Math.max(context.now, result.at),
    rollbackRecords: [...context.rollbackRecords, { at: result.at, text, ok: result.ok, message: result.message }],
    rollbackFailures: failedUndo ? [...context.rollbackFailures, `${text}: ${result.message}`] : context.rollbackFailures,
    rollbackIndex: context.rollbackIndex + 1,
  };
}

/** The run's outcome: its records and the verdict they make. */
export function runOutcome(context: RunContext): RunOutcome {
  const steadyAfter = context.steadyAfter?.records ?? [];
  const { verdict, reason } = decideVerdict({
    preflightError: context.preflightError,
    steadyBefore: context.steadyBefore,
    notStarted: context.notStarted,
    steps: context.steps,
    steadyAfter,
    interrupted: context.interrupted,
    aborted: context.aborted,
    targetError: context.targetError,
    rollbackFailures: context.rollbackFailures,
  });
  return {
    plan: context.plan,
    inventory: context.inventory,
    steadyBefore: context.steadyBefore,
    steadyAfter,
    steps: context.steps,
    rollback: context.rollbackRecords,
    verdict,
    exitStatus: exitStatusOf(verdict),
    reason,
    endedAt: context.now,
  };
}
