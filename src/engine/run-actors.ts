// The I/O of a run as xstate actors, handed to the run machine with provide(): preflight (inventory and
// plan), carrying out a step's act (write-ahead journal, then the fault), rollback items, and the
// observation feed. Target failures come back as data (`ok: false`), never as exceptions.
import { fromPromise } from 'xstate';
import { DrillError } from '../errors/drill-error.js';
import type { Runbook } from '../runbook/model.js';
import type { Inventory } from '../targets/cluster-state.js';
import type { Effect, Target, Undo } from '../targets/target.js';
import type { Outcome } from '../errors/drill-error.js';
import type { Clock } from '../time/clock.js';
import { describeAction, describeUndo } from './describe.js';
import type { ResolvedVars } from './node-refs.js';
import { createObserver } from './observer.js';
import { planDrill, type EvaluateDuration, type ResolveVars } from './plan.js';
import type { DrillPlan, PlannedAct } from './plan-model.js';
import { unmetRequirements } from './requirements.js';
import type { RunLog } from './run-log.js';
import { stepMachine } from './step-machine.js';

export interface PreflightInput {
  readonly runbook: Runbook;
  readonly overrides: ResolvedVars;
  readonly seed: number;
}
export interface PreflightOutput {
  readonly inventory: Inventory;
  readonly plan: DrillPlan;
}

export interface CarryOutInput {
  readonly act: PlannedAct;
  /** Undos of the faults in effect, oldest first (what `restore` undoes, newest first). */
  readonly faults: readonly Undo[];
}
export interface CarryOutResult {
  /** When it was carried out: the step's time 0. */
  readonly at: number;
  readonly ok: boolean;
  readonly message: string;
  /** The undo of a fault that may now be in effect (written ahead, so known even when the inject failed). */
  readonly pendingUndo?: Undo;
  /** Faults a `restore` took back. */
  readonly undone: readonly Undo[];
}

/** One thing the rollback does: a runbook rollback action, or the undo of a fault still in effect. */
export type RollbackItem =
  | { readonly kind: 'action'; readonly act: PlannedAct & { kind: 'do' } }
  | { readonly kind: 'undo'; readonly undo: Undo };
export interface RollbackItemResult {
  readonly at: number;
  readonly ok: boolean;
  readonly message: string;
}

export interface RunActorDeps {
  readonly target: Target;
  readonly clock: Clock;
  readonly log: RunLog;
  readonly resolveVars: ResolveVars;
  readonly evaluateDuration: EvaluateDuration;
}

/** Calls the target; an exception thrown by an adapter is a failure like any other. */
async function attempt<T>(call: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
  try {
    return await call();
  } catch (e) {
    return { ok: false, error: { code: 'crashed', message: e instanceof Error ? e.message : String(e), retryable: false } };
  }
}

/** The actors of a real run, bound to one target, clock and journal. */
export function createRunActors(deps: RunActorDeps) {
  const { target, clock, log } = deps;

  const undoOnce = async (undo: Undo): Promise<Outcome<Effect>> => {
    const outcome = await attempt(() => target.undo(undo));
    const text = outcome.ok ? `${describeUndo(undo)}: ${outcome.value.message}` : `${describeUndo(undo)} failed: ${outcome.error.message}`;
    log.append({ at: clock.now(), kind: 'undo', undo, ok: outcome.ok, text });
    return outcome;
  };

  const preflight = fromPromise<PreflightOutput, PreflightInput>(async ({ input }) => {
    const inventory = await attempt(() => target.inventory());
    if (!inventory.ok) {
      throw new DrillError('target-unreachable', `could not read the inventory of ${target.name}: ${inventory.error.message}`);
    }
    const problems = unmetRequirements(input.runbook, inventory.value, deps.evaluateDuration);
    if (problems.length > 0) {
      throw new DrillError('preflight-failed', `${target.name} does not meet the runbook's requirements: ${problems.join('; ')}`);
    }
    const plan = planDrill({
      runbook: input.runbook,
      inventory: inventory.value,
      resolveVars: deps.resolveVars,
      evaluateDuration: deps.evaluateDuration,
      overrides: input.overrides,
      seed: input.seed,
    });
    return { inventory: inventory.value, plan };
  });

  const carryOut = fromPromise<CarryOutResult, CarryOutInput>(async ({ input }) => {
    const { act } = input;
    switch (act.kind) {
      case 'wait':
        return { at: clock.now(), ok: true, message: act.text, undone: [] };
      case 'inject': {
        const { fault, undo } = act;
        try {
          await log.appendDurably({ at: clock.now(), kind: 'inject', stage: 'intent', fault, undo, text: `about to inject ${act.text} (undo: ${describeUndo(undo)})` });
        } catch (e) {
          const why = e instanceof Error ? e.message : String(e);
          return { at: clock.now(), ok: false, message: `the journal could not be written, so nothing was injected: ${why}`, undone: [] };
        }
        const outcome = await attempt(() => target.inject(fault));
        const at = clock.now();
        if (!outcome.ok) {
          log.append({ at, kind: 'inject', stage: 'failed', fault, undo, text: `${act.text} failed: ${outcome.error.message}` });
          return { at, ok: false, message: `${act.text} failed: ${outcome.error.message}`, pendingUndo: undo, undone: [] };
        }
        log.append({ at, kind: 'inject', stage: 'done', fault, undo: outcome.value.undo, text: `injected ${act.text}: ${outcome.value.effect.message}` });
        return { at, ok: true, message: outcome.value.effect.message, pendingUndo: outcome.value.undo, undone: [] };
      }
      case 'do': {
        const { action } = act;
        log.append({ at: clock.now(), kind: 'action', stage: 'intent', action, text: `about to ${describeAction(action)}` });
        const outcome = await attempt(() => target.act(action));
        const at = clock.now();
        const message = outcome.ok ? outcome.value.message : `${act.text} failed: ${outcome.error.message}`;
        log.append({ at, kind: 'action', stage: outcome.ok ? 'done' : 'failed', action, text: outcome.ok ? `${act.text}: ${message}` : message });
        return { at, ok: outcome.ok, message, undone: [] };
      }
      case 'restore': {
        const undone: Undo[] = [];
        const failures: string[] = [];
        for (const undo of [...input.faults].reverse()) {
          const outcome = await undoOnce(undo);
          if (outcome.ok) undone.push(undo);
          else failures.push(`${describeUndo(undo)}: ${outcome.error.message}`);
        }
        const at = clock.now();
        if (failures.length > 0) return { at, ok: false, message: `restore failed: ${failures.join('; ')}`, undone };
        return { at, ok: true, message: undone.length === 0 ? 'nothing was in effect' : `undid ${undone.map(describeUndo).join(', ')}`, undone };
      }
    }
  });

  return {
    preflight,
    step: stepMachine.provide({ actors: { carryOut } }),

    rollbackItem: fromPromise<RollbackItemResult, RollbackItem>(async ({ input }) => {
      if (input.kind === 'undo') {
        const outcome = await undoOnce(input.undo);
        return { at: clock.now(), ok: outcome.ok, message: outcome.ok ? outcome.value.message : outcome.error.message };
      }
      const { action, text } = input.act;
      const outcome = await attempt(() => target.act(action));
      const at = clock.now();
      const message = outcome.ok ? outcome.value.message : outcome.error.message;
      log.append({ at, kind: 'action', stage: outcome.ok ? 'done' : 'failed', action, text: `rollback: ${text}: ${message}` });
      return { at, ok: outcome.ok, message };
    }),

    observer: createObserver({ target, clock, log }),
  };
}

export type RunActors = ReturnType<typeof createRunActors>;
