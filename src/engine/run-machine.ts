// The run lifecycle as an xstate machine: preflight -> steady state before -> steps -> rollback (always,
// once anything was carried out) -> steady state after -> verdict. Stop conditions are checked on every
// observation from the first step until the rollback starts; an interrupt stops the step and rolls back.
// No I/O: preflight, steps' acts, rollback items and the observation feed are actors provided by the run;
// what the transitions compute lives in run-context.ts.
import { assign, enqueueActions, fromCallback, fromPromise, sendTo, setup } from 'xstate';
import { DrillError } from '../errors/drill-error.js';
import { abortReading, abortTime, openAbortWatch } from './abort-watch.js';
import type { ObservationEvent, ObserverCommand, ObserverInput } from './observer.js';
import { rollbackAgenda } from './rollback-plan.js';
import type { PreflightInput, PreflightOutput, RollbackItem, RollbackItemResult } from './run-actors.js';
import {
  initialRunContext,
  mustStop,
  rollbackItemDone,
  rollbackItemText,
  runOutcome,
  skippedSteps,
  steadyBeforeChecked,
  stepFinished,
  undoAttempts,
  type RunContext,
  type RunEvent,
  type RunInput,
  type RunOutcome,
} from './run-context.js';
import type { RunPhase } from './run-log.js';
import { indexSnapshot } from './snapshot-index.js';
import { openSteadyAfter, steadyAfterReading, steadyAfterTime } from './steady-state.js';
import { stepMachine, type StepOutcome } from './step-machine.js';

export type { RunEvent, RunInput, RunOutcome, RollbackRecord } from './run-context.js';

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
    mustStop: ({ context }) => mustStop(context),
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
      event.type === 'OBSERVED'
        ? { latest: event.snapshot, now: Math.max(context.now, event.snapshot.at) }
        : event.type === 'TICK' || event.type === 'OBSERVATION_GAP'
          ? { now: Math.max(context.now, event.at) }
          : {},
    ),
    interrupt: enqueueActions(({ context, enqueue }) => {
      if (context.interrupted) return;
      enqueue(() => context.log.append({ at: context.now, kind: 'error', text: 'interrupted: stopping and rolling back' }));
      enqueue.assign({ interrupted: true });
    }),
    // A rollback item that could not be done; an undo that kept failing is said loudly (exit 3).
    recordRollbackFailure: enqueueActions(({ context, event, enqueue }) => {
      const item = context.rollbackItems[context.rollbackIndex];
      if (!item) return;
      const e = event as unknown as { output?: RollbackItemResult; error?: unknown };
      const result = { at: Math.max(context.now, e.output?.at ?? context.now), ok: false, message: e.output?.message ?? String(e.error) };
      const text = rollbackItemText(item);
      const line =
        item.kind === 'undo'
          ? `ROLLBACK FAILED: ${text}: ${result.message} (after ${context.undoAttempt} attempts)`
          : `rollback action failed: ${text}: ${result.message}`;
      enqueue(() => context.log.append({ at: result.at, kind: 'error', text: line }));
      enqueue.assign(rollbackItemDone(context, result));
    }),
    announceSteadyState: ({ context }, params: { which: 'before' | 'after' }) => {
      const records = params.which === 'before' ? context.steadyBefore : (context.steadyAfter?.records ?? []);
      for (const record of records) context.log.progress({ kind: 'expectationDecided', record });
    },
  },
}).createMachine({
  id: 'run',
  description: 'One drill: a runbook run against a target and judged in its windows.',
  context: ({ input }) => initialRunContext(input),
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
        input: ({ context }) => ({ observeMs: context.observeMs ?? context.plan?.settings.observeMs ?? 2000 }),
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
                assign(({ context, event }) => steadyBeforeChecked(context, event.snapshot)),
                { type: 'announceSteadyState', params: { which: 'before' } },
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
                  actions: [
                    assign(({ context }) => ({ steps: [...context.steps, ...skippedSteps(context)], stepIndex: context.plan!.steps.length })),
                    ({ context }) => {
                      for (const record of context.steps) if (record.status === 'skipped') context.log.progress({ kind: 'stepEnded', record });
                    },
                  ],
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
                    assign(({ context, event }) => stepFinished(context, event.output as StepOutcome)),
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
                  { guard: 'rollbackItemOk', target: 'nextItem', actions: assign(({ context, event }) => rollbackItemDone(context, event.output)) },
                  { guard: 'mayRetryUndo', target: 'backingOff', actions: assign(({ context, event }) => ({ now: Math.max(context.now, event.output.at) })) },
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
          always: { guard: 'steadyAfterDecided', target: '#run.verdict', actions: { type: 'announceSteadyState', params: { which: 'after' } } },
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
  output: ({ context }) => runOutcome(context),
});
