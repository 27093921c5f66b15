// The run lifecycle as an xstate machine: preflight -> steady state before -> steps -> rollback (always,
// once anything was carried out) -> steady state after -> verdict. Stop conditions are checked on every
// observation from the first step until the rollback starts; an interrupt stops the step and rolls back.
// No I/O: preflight, steps' acts, rollback items and the observation feed are actors provided by the run.
import { assign, enqueueActions, fromCallback, fromPromise, sendTo, setup } from 'xstate';
import { DrillError } from '../errors/drill-error.js';
import type { Runbook } from '../runbook/model.js';
import type { Inventory, Snapshot } from '../targets/cluster-state.js';
import type { Undo } from '../targets/target.js';
import { abortReading, abortTime, openAbortWatch, type AbortWatch } from './abort-watch.js';
import { describeUndo } from './describe.js';
import type { ExpectationRecord, RunVerdict, StepRecord } from './journal.js';
import type { ResolvedVars } from './node-refs.js';
import type { ObservationEvent, ObserverCommand, ObserverInput } from './observer.js';
import type { DrillPlan } from './plan-model.js';
import { quorumRefusal } from './quorum.js';
import { rollbackAgenda, withoutUndone } from './rollback-plan.js';
import type { PreflightInput, PreflightOutput, RollbackItem, RollbackItemResult } from './run-actors.js';
import type { RunLog, RunPhase } from './run-log.js';
import { indexSnapshot } from './snapshot-index.js';
import { skippedStepRecord } from './step-record.js';
import { judgeSteadyBefore, openSteadyAfter, steadyAfterReading, steadyAfterTime, type SteadyAfter } from './steady-state.js';
import { stepMachine, type StepOutcome } from './step-machine.js';
import { decideVerdict, exitStatusOf } from './verdict.js';

export interface RunInput {
  readonly runbook: Runbook;
  /** `--var name=value`. */
  readonly overrides: ResolvedVars;
  readonly seed: number;
  readonly log: RunLog;
  /** The target pushes its changes (it has `watch`); otherwise it is polled. */
  readonly pushed: boolean;
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

export type RunEvent = { readonly type: 'INTERRUPT' } | ObservationEvent | ObserverCommand;

interface RunContext extends RunInput {
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

const itemText = (item: RollbackItem): string => (item.kind === 'undo' ? `undo ${describeUndo(item.undo)}` : item.act.text);

/** Why the first injection would not be safe or meaningful now (requires, quorum), or null. */
function startProblem(context: RunContext, snapshot: Snapshot): string | null {
  const index = indexSnapshot(snapshot);
  if (context.runbook.requires.nodes !== undefined) {
    const notReady = [...index.nodes.values()].filter((n) => n.state !== 'Up' || n.isolated || n.quarantined).map((n) => n.name);
    if (notReady.length > 0) return `requires: every node Up and Normal; not: ${notReady.join(', ')}`;
  }
  const first = context.plan?.steps.find((s) => s.act.kind === 'inject');
  if (first && first.act.kind === 'inject') return quorumRefusal(first.act.fault, index);
  return null;
}

export const runMachine = setup({
  types: {} as {
    input: RunInput;
    context: RunContext;
    events: RunEvent;
    output: RunOutcome;
  },
  actors: {
    // Provided by the run (run-actors.ts); these placeholders fail loudly if they were not.
    preflight: fromPromise<PreflightOutput, PreflightInput>(async () => {
      throw new Error('preflight actor not provided');
    }),
    rollbackItem: fromPromise<RollbackItemResult, RollbackItem>(async () => {
      throw new Error('rollbackItem actor not provided');
    }),
    observer: fromCallback<ObserverCommand, ObserverInput, ObservationEvent>(() => () => undefined),
    step: stepMachine,
  },
  delays: {
    // Backoff between attempts of a failing undo: 1 s, 2 s, 4 s, 8 s (on the run's clock).
    undoBackoff: ({ context }) => Math.min(30_000, 1000 * 2 ** Math.max(0, context.undoAttempt - 1)),
  },
  guards: {
    notStarted: ({ context }) => context.notStarted !== null,
    steadyChecked: ({ context }) => context.steadyChecked,
    mustStop: ({ context }) =>
      context.interrupted || context.aborted !== null || context.targetError !== null || (context.failedStep && context.plan?.settings.onFailure !== 'continue'),
    allStepsDone: ({ context }) => context.plan === null || context.stepIndex >= context.plan.steps.length,
    abortFired: ({ context }) => context.abort?.fired != null && context.aborted === null,
    rollbackFinished: ({ context }) => context.rollbackIndex >= context.rollbackItems.length,
    rollbackItemOk: ({ event }) => (event as unknown as { output: RollbackItemResult }).output.ok,
    mayRetryUndo: ({ context }) => context.rollbackItems[context.rollbackIndex]?.kind === 'undo' && context.undoAttempt < undoAttempts,
    interrupted: ({ context }) => context.interrupted,
    steadyAfterDecided: ({ context }) => context.steadyAfter?.records != null,
  },
  actions: {
    enterPhase: ({ context }, params: { phase: RunPhase }) => {
      context.log.append({ at: context.now, kind: 'phase', phase: params.phase, text: `phase: ${params.phase}` });
      context.log.progress({ kind: 'phase', at: context.now, phase: params.phase });
    },
    noteObservation: assign(({ context, event }) =>
      event.type === 'OBSERVED' ? { latest: event.snapshot, now: Math.max(context.now, event.snapshot.at) } : event.type === 'TICK' || event.type === 'OBSERVATION_GAP' ? { now: Math.max(context.now, event.at) } : {},
    ),
    interrupt: enqueueActions(({ context, enqueue }) => {
      if (context.interrupted) return;
      enqueue(() => context.log.append({ at: context.now, kind: 'error', text: 'interrupted: stopping and rolling back' }));
      enqueue.assign({ interrupted: true });
    }),
    // A rollback item that could not be done: an undo that kept failing is a rollback failure (exit 3).
    recordRollbackFailure: enqueueActions(({ context, event, enqueue }) => {
      const item = context.rollbackItems[context.rollbackIndex];
      if (!item) return;
      const e = event as unknown as { output?: RollbackItemResult; error?: unknown };
      const message = e.output?.message ?? String(e.error);
      const at = Math.max(context.now, e.output?.at ?? context.now);
      const text = itemText(item);
      const isUndo = item.kind === 'undo';
      const line = isUndo ? `ROLLBACK FAILED: ${text}: ${message} (after ${context.undoAttempt} attempts)` : `rollback action failed: ${text}: ${message}`;
      enqueue(() => context.log.append({ at, kind: 'error', text: line }));
      enqueue.assign({
        now: at,
        rollbackRecords: [...context.rollbackRecords, { at, text, ok: false, message }],
        rollbackFailures: isUndo ? [...context.rollbackFailures, `${text}: ${message}`] : context.rollbackFailures,
        rollbackIndex: context.rollbackIndex + 1,
      });
    }),
  },
}).createMachine({
  id: 'run',
  description: 'One drill: a runbook run against a target and judged in its windows.',
  context: ({ input }) => ({
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
  }),
  initial: 'preflight',
  states: {
    preflight: {
      description: 'Read the inventory, resolve vars and durations, check `requires`: nothing is injected yet.',
      entry: { type: 'enterPhase', params: { phase: 'preflight' } },
      invoke: {
        id: 'preflight',
        src: 'preflight',
        input: ({ context }) => ({ runbook: context.runbook, overrides: context.overrides, seed: context.seed }),
        onDone: {
          target: 'live',
          actions: [
            assign(({ event }) => ({ inventory: event.output.inventory, plan: event.output.plan })),
            ({ context, event }) => {
              const vars = Object.entries(event.output.plan.vars).map(([k, v]) => `$${k} = ${v}`);
              if (vars.length > 0) context.log.append({ at: context.now, kind: 'phase', phase: 'preflight', text: `vars: ${vars.join(', ')}` });
            },
          ],
        },
        onError: {
          target: 'verdict',
          actions: assign(({ event }) => {
            const e = event.error;
            const invalid = e instanceof DrillError && e.code === 'invalid-input';
            const details = e instanceof DrillError && e.diagnostics.length > 0 ? `: ${e.diagnostics.map((d) => d.message).join('; ')}` : '';
            return { preflightError: { invalid, message: `${e instanceof Error ? e.message : String(e)}${details}` } };
          }),
        },
      },
      on: { INTERRUPT: { target: 'verdict', actions: 'interrupt' } },
    },
    live: {
      description: 'The cluster is observed: pushed changes or polls, each an observation at its time.',
      invoke: {
        id: 'observer',
        src: 'observer',
        input: ({ context }) => ({ observeMs: context.plan?.settings.observeMs ?? 2000 }),
      },
      on: {
        WAKE_AT: { actions: sendTo('observer', ({ event }) => event) },
        OBSERVE_NOW: { actions: sendTo('observer', ({ event }) => event) },
      },
      initial: 'steadyStateBefore',
      states: {
        steadyStateBefore: {
          description: 'The steady state must hold at the observation before step 1, or nothing is injected.',
          entry: { type: 'enterPhase', params: { phase: 'steadyStateBefore' } },
          always: [
            { guard: 'notStarted', target: '#run.verdict' },
            { guard: 'steadyChecked', target: 'steps' },
          ],
          on: {
            OBSERVED: {
              actions: [
                'noteObservation',
                assign(({ context, event }) => {
                  const plan = context.plan!;
                  const records = judgeSteadyBefore(plan.steadyState, indexSnapshot(event.snapshot), plan.vars);
                  const unmet = records.filter((r) => r.verdict !== 'pass');
                  const notStarted =
                    unmet.length > 0
                      ? `steady state not met before step 1, nothing was injected: ${unmet.map((r) => `${r.text}: ${r.reason}`).join('; ')}`
                      : startProblem(context, event.snapshot);
                  return { steadyBefore: records, steadyChecked: true, notStarted };
                }),
              ],
            },
            OBSERVATION_GAP: {
              actions: assign(({ event }) => ({ notStarted: `the cluster could not be observed before step 1, nothing was injected: ${event.message}` })),
            },
            INTERRUPT: { target: '#run.verdict', actions: 'interrupt' },
          },
        },
        steps: {
          description: 'Each step in turn, watched by its expectations and by the stop conditions.',
          entry: [
            { type: 'enterPhase', params: { phase: 'steps' } },
            assign(({ context }) => ({ abort: openAbortWatch(context.plan!.abort, context.plan!.vars) })),
          ],
          initial: 'choosingStep',
          on: {
            OBSERVED: {
              actions: [
                'noteObservation',
                sendTo('step', ({ event }) => event),
                enqueueActions(({ context, event, enqueue }) => {
                  if (!context.abort) return;
                  const { watch, wakeAt } = abortReading(context.abort, indexSnapshot(event.snapshot));
                  enqueue.assign({ abort: watch });
                  for (const at of wakeAt) enqueue.sendTo('observer', { type: 'WAKE_AT', at });
                }),
              ],
            },
            TICK: {
              actions: [
                'noteObservation',
                sendTo('step', ({ event }) => event),
                assign(({ context, event }) => (context.abort ? { abort: abortTime(context.abort, event.at) } : {})),
              ],
            },
            OBSERVATION_GAP: { actions: ['noteObservation', sendTo('step', ({ event }) => event)] },
            INTERRUPT: {
              actions: ['interrupt', sendTo('step', ({ context }) => ({ type: 'STOP', at: context.now, reason: 'interrupted' }))],
            },
          },
          always: {
            guard: 'abortFired',
            actions: [
              assign(({ context }) => ({ aborted: context.abort!.fired!.text })),
              ({ context }) => context.log.append({ at: context.abort!.fired!.at, kind: 'abort', text: context.abort!.fired!.text }),
              sendTo('step', ({ context }) => ({ type: 'STOP', at: context.now, reason: `aborted (${context.abort!.fired!.text})` })),
            ],
          },
          states: {
            choosingStep: {
              description: 'The next step or repetition, unless the run must stop (remaining steps are skipped).',
              always: [
                {
                  guard: 'mustStop',
                  target: '#run.live.rollback',
                  actions: assign(({ context }) => {
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
                    return { steps: [...context.steps, ...skipped], stepIndex: plan.steps.length };
                  }),
                },
                { guard: 'allStepsDone', target: '#run.live.rollback' },
                { target: 'runningStep' },
              ],
            },
            runningStep: {
              description: 'A step machine carries out the act and judges the expectations.',
              invoke: {
                id: 'step',
                src: 'step',
                input: ({ context }) => ({
                  step: context.plan!.steps[context.stepIndex]!,
                  repetition: context.repetition,
                  vars: context.plan!.vars,
                  faults: context.faults,
                  latest: context.latest,
                  log: context.log,
                  pushed: context.pushed,
                }),
                onDone: {
                  target: 'choosingStep',
                  actions: [
                    assign(({ context, event }) => {
                      const out: StepOutcome = event.output;
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
                    }),
                    ({ context, event }) => context.log.progress({ kind: 'stepEnded', record: event.output.record }),
                  ],
                },
                onError: {
                  target: '#run.live.rollback',
                  actions: assign(({ event }) => ({ targetError: `the step could not run: ${String(event.error)}` })),
                },
              },
            },
          },
        },
        rollback: {
          id: 'rollback',
          description: 'Always: the runbook rollback actions, then the undo of every fault still in effect, newest first.',
          entry: [
            { type: 'enterPhase', params: { phase: 'rollback' } },
            assign(({ context }) => ({ rollbackItems: rollbackAgenda(context.plan!.rollback, context.faults), rollbackIndex: 0, undoAttempt: 0 })),
          ],
          initial: 'nextItem',
          on: {
            OBSERVED: { actions: 'noteObservation' },
            TICK: { actions: 'noteObservation' },
            INTERRUPT: { actions: 'interrupt' },
          },
          states: {
            nextItem: {
              description: 'The next rollback action or undo, or on to the steady state after.',
              always: [
                { guard: 'rollbackFinished', target: 'finished' },
                { target: 'doingItem', actions: assign({ undoAttempt: 1 }) },
              ],
            },
            doingItem: {
              description: 'One rollback action or undo is being carried out.',
              invoke: {
                id: 'rollbackItem',
                src: 'rollbackItem',
                input: ({ context }) => context.rollbackItems[context.rollbackIndex]!,
                onDone: [
                  {
                    guard: 'rollbackItemOk',
                    target: 'nextItem',
                    actions: assign(({ context, event }) => ({
                      now: Math.max(context.now, event.output.at),
                      rollbackRecords: [
                        ...context.rollbackRecords,
                        { at: event.output.at, text: itemText(context.rollbackItems[context.rollbackIndex]!), ok: true, message: event.output.message },
                      ],
                      rollbackIndex: context.rollbackIndex + 1,
                    })),
                  },
                  {
                    guard: 'mayRetryUndo',
                    target: 'backingOff',
                    actions: assign(({ context, event }) => ({ now: Math.max(context.now, event.output.at) })),
                  },
                  { target: 'nextItem', actions: 'recordRollbackFailure' },
                ],
                onError: { target: 'nextItem', actions: 'recordRollbackFailure' },
              },
            },
            backingOff: {
              description: 'A failed undo is tried again after a backoff on the run clock.',
              after: {
                undoBackoff: { target: 'doingItem', actions: assign(({ context }) => ({ undoAttempt: context.undoAttempt + 1 })) },
              },
            },
            finished: {
              description: 'The rollback is over: the steady state after, unless interrupted.',
              always: [{ guard: 'interrupted', target: '#run.verdict' }, { target: '#run.live.steadyStateAfter' }],
            },
          },
        },
        steadyStateAfter: {
          description: 'The steady state must be reached again within settings.settle after the rollback.',
          entry: [
            { type: 'enterPhase', params: { phase: 'steadyStateAfter' } },
            assign(({ context }) => ({ steadyAfter: openSteadyAfter(context.plan!.steadyState, context.plan!.vars, context.now, context.plan!.settings.settleMs) })),
            sendTo('observer', { type: 'OBSERVE_NOW' }),
            sendTo('observer', ({ context }) => ({ type: 'WAKE_AT', at: context.steadyAfter!.to })),
          ],
          always: { guard: 'steadyAfterDecided', target: '#run.verdict' },
          on: {
            OBSERVED: {
              actions: ['noteObservation', assign(({ context, event }) => ({ steadyAfter: steadyAfterReading(context.steadyAfter!, indexSnapshot(event.snapshot)) }))],
            },
            TICK: {
              actions: ['noteObservation', assign(({ context, event }) => ({ steadyAfter: steadyAfterTime(context.steadyAfter!, event.at) }))],
            },
            INTERRUPT: { target: '#run.verdict', actions: 'interrupt' },
          },
        },
      },
    },
    verdict: {
      type: 'final',
      description: 'The verdict of the run and its exit status.',
      entry: { type: 'enterPhase', params: { phase: 'verdict' } },
    },
  },
  output: ({ context }) => {
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
  },
});
