// One step of a runbook as an xstate machine: carry out its act (inject / do / wait), then watch its
// expectations over the observations the run machine forwards, until every one has a verdict and a
// wait's duration has passed. No I/O: the act is carried out by the `carryOut` actor handed in.
import { assign, fromPromise, sendParent, setup, enqueueActions } from 'xstate';
import type { Snapshot } from '../targets/cluster-state.js';
import type { StepRecord } from './journal.js';
import type { Undo } from '../targets/target.js';
import {
  judgeCutShort,
  judgeEmpty,
  judgeGap,
  judgeReading,
  judgeRecord,
  judgeTime,
  openJudge,
  wantsReadings,
  type Judge,
} from './expectation-judge.js';
import { watchExpectation, type ExpectationWatch } from './expectation-watch.js';
import type { ResolvedVars } from './node-refs.js';
import type { ObservationEvent } from './observer.js';
import type { PlannedStep } from './plan-model.js';
import { quorumRefusal } from './quorum.js';
import type { CarryOutInput, CarryOutResult } from './run-actors.js';
import type { RunLog } from './run-log.js';
import { indexSnapshot } from './snapshot-index.js';
import { expectationId, finishedStepRecord } from './step-record.js';

export interface StepInput {
  readonly step: PlannedStep;
  readonly repetition: number;
  readonly vars: ResolvedVars;
  readonly faults: readonly Undo[];
  /** The latest observation before the step (for the quorum guard). */
  readonly latest: Snapshot | null;
  readonly log: RunLog;
  /**
   * The target pushes every change (the simulator): a window closes at its exact end. On a polled target
   * the truth lies between two polls, so a deadline is judged at the first poll after it, by the first
   * time the condition was seen true, and both times are reported.
   */
  readonly pushed: boolean;
}

/** What the run machine learns from a finished step. */
export interface StepOutcome {
  readonly record: StepRecord;
  /** The undo of a fault this step may have put in effect. */
  readonly pendingUndo: Undo | null;
  readonly undone: readonly Undo[];
  /** The target failed (or refused) to carry out the act: the run rolls back and is inconclusive. */
  readonly targetError: string | null;
}

/** Events of a step: observations forwarded by the run machine, and STOP (abort or interrupt). */
export type StepEvent = ObservationEvent | { readonly type: 'STOP'; readonly at: number; readonly reason: string };

interface StepContext extends StepInput {
  readonly startedAt: number | null;
  readonly now: number;
  readonly judges: readonly Judge[];
  readonly watches: readonly ExpectationWatch[] | null;
  readonly waitUntil: number | null;
  readonly carried: CarryOutResult | null;
  readonly stopReason: string | null;
  /** The target refused or failed to carry out the act. */
  readonly failure: string | null;
  /** Judges decided by the latest event, to announce. */
  readonly decided: readonly Judge[];
}

/** Judges decided between two versions of the list. */
const newlyDecided = (before: readonly Judge[], after: readonly Judge[]): Judge[] =>
  after.filter((j, i) => j.verdict !== 'pending' && before[i]?.verdict === 'pending');

export const stepMachine = setup({
  types: {} as {
    input: StepInput;
    context: StepContext;
    events: StepEvent;
    output: StepOutcome;
  },
  actors: {
    // Provided by the run (run-actors.ts); this placeholder fails loudly if it was not.
    carryOut: fromPromise<CarryOutResult, CarryOutInput>(async () => {
      throw new Error('carryOut actor not provided');
    }),
  },
  guards: {
    wouldCostQuorum: ({ context }) =>
      context.step.act.kind === 'inject' && context.latest !== null && quorumRefusal(context.step.act.fault, indexSnapshot(context.latest)) !== null,
    carriedOutFailed: ({ event }) => !(event as unknown as { output: CarryOutResult }).output.ok,
    stopRequested: ({ context }) => context.stopReason !== null,
    everythingDecided: ({ context }) =>
      context.judges.every((j) => j.verdict !== 'pending') && (context.waitUntil === null || context.now >= context.waitUntil),
  },
  actions: {
    // The observation feed belongs to the run: the step asks it through its parent.
    requestFirstObservation: sendParent({ type: 'OBSERVE_NOW' }),
    requestWakeUps: enqueueActions(({ context, enqueue }) => {
      const ends = new Set(context.pushed ? context.judges.map((j) => j.to) : []);
      if (context.waitUntil !== null) ends.add(context.waitUntil);
      for (const at of [...ends].sort((a, b) => a - b)) enqueue.sendParent({ type: 'WAKE_AT', at });
    }),
    announceDecisions: ({ context }) => {
      for (const j of context.decided) {
        const record = judgeRecord(j);
        context.log.append({ at: j.decidedAt ?? context.now, kind: 'expectation', id: j.id, verdict: record.verdict, text: `${j.text}: ${record.verdict}, ${j.reason}` });
        context.log.progress({ kind: 'expectationDecided', record });
      }
    },
  },
}).createMachine({
  id: 'step',
  description: 'One step of a runbook: its act, then its expectations judged in their windows.',
  context: ({ input }) => ({
    ...input,
    startedAt: null,
    now: input.latest?.at ?? 0,
    judges: [],
    watches: null,
    waitUntil: null,
    carried: null,
    stopReason: null,
    failure: null,
    decided: [],
  }),
  initial: 'checkingQuorum',
  states: {
    checkingQuorum: {
      description: 'An injection that would leave fewer than a strict majority of nodes as members is refused.',
      always: [
        {
          guard: 'wouldCostQuorum',
          target: 'ended',
          actions: assign(({ context }) => ({
            failure: context.step.act.kind === 'inject' && context.latest ? quorumRefusal(context.step.act.fault, indexSnapshot(context.latest)) : null,
          })),
        },
        { target: 'carryingOut' },
      ],
    },
    carryingOut: {
      description: 'The injection or action is being made; the step starts when it has been carried out.',
      invoke: {
        id: 'carryOut',
        src: 'carryOut',
        input: ({ context }) => ({ act: context.step.act, faults: context.faults }),
        onDone: [
          {
            guard: 'carriedOutFailed',
            target: 'ended',
            actions: assign(({ event }) => ({ carried: event.output, now: event.output.at, failure: event.output.message })),
          },
          {
            target: 'watching',
            actions: [
              assign(({ context, event }) => {
                const t0 = event.output.at;
                const { step, repetition } = context;
                return {
                  carried: event.output,
                  startedAt: t0,
                  now: t0,
                  judges: step.expectations.map((e) => openJudge(expectationId(step.index, repetition, e.index), e, t0)),
                  waitUntil: step.act.kind === 'wait' ? t0 + step.act.ms : null,
                };
              }),
              // Time 0 is observed right after the act; every window end and the wait's end wake the step.
              'requestFirstObservation',
              'requestWakeUps',
              ({ context }) =>
                context.log.progress({
                  kind: 'stepStarted',
                  at: context.startedAt ?? context.now,
                  step: context.step.index,
                  repetition: context.repetition,
                  repetitions: context.step.repeat,
                  name: context.step.name,
                  act: context.step.act.text,
                  expectations: context.judges.map((j) => ({ id: j.id, text: j.text, from: j.from, to: j.to, ...(j.min === null ? {} : { min: j.min }) })),
                }),
            ],
          },
        ],
        onError: {
          target: 'ended',
          actions: assign(({ event }) => ({ failure: `the act could not be carried out: ${String(event.error)}` })),
        },
      },
      on: {
        STOP: { actions: assign(({ event }) => ({ stopReason: event.reason })) },
      },
    },
    watching: {
      description: 'Every observation is judged by every expectation; each decides as soon as it can.',
      always: [
        { guard: 'stopRequested', target: 'ended' },
        { guard: 'everythingDecided', target: 'ended' },
      ],
      on: {
        OBSERVED: {
          actions: [
            assign(({ context, event }) => {
              const snapshot = event.snapshot;
              if (context.startedAt === null || snapshot.at < context.startedAt) return {};
              const index = indexSnapshot(snapshot);
              let judges = context.judges;
              let watches = context.watches;
              if (watches === null) {
                // The first observation of the step fixes its subject sets (`vms: { on }` is fixed for the step).
                watches = context.step.expectations.map((e) => watchExpectation(e, index, context.vars));
                judges = judges.map((j, i) => (watches![i]!.members.length === 0 ? judgeEmpty(j, snapshot.at, context.step.expectations[i]!.subject.text) : j));
              }
              const w = watches;
              const next = judges.map((j, i) => (wantsReadings(j) ? judgeReading(j, snapshot.at, w[i]!.read(index)) : j));
              return { watches, judges: next, now: Math.max(context.now, snapshot.at), decided: newlyDecided(context.judges, next) };
            }),
            'announceDecisions',
          ],
        },
        OBSERVATION_GAP: {
          actions: [
            assign(({ context, event }) => {
              const next = context.judges.map((j) => judgeGap(j, event.at));
              return { judges: next, now: Math.max(context.now, event.at), decided: newlyDecided(context.judges, next) };
            }),
            'announceDecisions',
          ],
        },
        TICK: {
          actions: [
            assign(({ context, event }) => {
              const next = context.judges.map((j) => judgeTime(j, event.at));
              return { judges: next, now: Math.max(context.now, event.at), decided: newlyDecided(context.judges, next) };
            }),
            'announceDecisions',
          ],
        },
        STOP: {
          actions: assign(({ context, event }) => ({ stopReason: event.reason, now: Math.max(context.now, event.at) })),
        },
      },
    },
    ended: {
      type: 'final',
      description: 'Every expectation has its verdict (undecided ones are inconclusive when the step was cut short).',
      entry: [
        assign(({ context }) => {
          const why = context.failure ?? context.stopReason;
          const { step, repetition, now } = context;
          // A step that never started (refused, failed act) still accounts for each of its expectations.
          const opened = context.startedAt === null ? step.expectations.map((e) => openJudge(expectationId(step.index, repetition, e.index), e, now)) : context.judges;
          const judges = why === null ? opened : opened.map((j) => judgeCutShort(j, now, why));
          return { judges, decided: newlyDecided(opened, judges) };
        }),
        'announceDecisions',
      ],
    },
  },
  output: ({ context }) => ({
    record: finishedStepRecord(context.step, context.repetition, context.judges, context.startedAt, context.now, (context.failure ?? context.stopReason) ?? undefined),
    pendingUndo: context.carried?.pendingUndo ?? null,
    undone: context.carried?.undone ?? [],
    targetError: context.failure,
  }),
});
