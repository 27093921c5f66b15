// Model-based test of the run machine with xstate/graph: every state is reachable, and the rollback
// is reachable from every state of the steps phase (failure, stop condition, interrupt, target error).
import { describe, expect, it } from 'vitest';
import { getShortestPaths } from 'xstate/graph';
import { createEmptyActor, type SnapshotFrom } from 'xstate';
import { RunLog } from '../../src/engine/run-log.js';
import { runMachine, type RunEvent } from '../../src/engine/run-machine.js';
import { planDrill } from '../../src/engine/plan.js';
import type { StepOutcome } from '../../src/engine/step-machine.js';
import type { Snapshot } from '../../src/targets/cluster-state.js';
import { FakeTarget } from './fake-target.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';
import {
  abortOn,
  becomes,
  count,
  every,
  expect as expectation,
  injectStep,
  node,
  rollbackDo,
  runbook,
  s,
  subjects,
  evaluateDuration,
  resolveVars,
  within,
} from './runbook-builders.js';

const target = new FakeTarget(new VirtualClock());
const rb = runbook({
  steps: [
    injectStep({ fault: 'crash-cluster-service', node: node('HV01') }, { repeat: 2, expect: [expectation(subjects.node('HV01'), becomes(every('node', 'Isolated')), within(s(20)))] }),
  ],
  abort: [abortOn(subjects.nodesAll(), count('node', 'not', 'Up', 'above', 1))],
  rollback: [rollbackDo({ action: 'start-cluster-service', node: node('HV01') })],
});
const inventory = target.inventoryValue;
const plan = planDrill({ runbook: rb, inventory, resolveVars, evaluateDuration });

const snapshot = (down: string[]): Snapshot => ({
  at: 0,
  nodes: inventory.nodes.map((n) => ({ name: n.name, state: down.includes(n.name) ? 'Down' : 'Up', isolated: false, quarantined: false, drain: 'NotInitiated' })),
  vms: inventory.vms.map((v) => ({ name: v.name, owner: v.owner, state: 'Running', heartbeat: 'Ok', monitored: true, group: 'Online', bootTime: 0 })),
});

const stepOutcome = (status: 'passed' | 'failed', targetError: string | null = null): StepOutcome => ({
  record: { index: 1, repetition: 1, name: 'x', kind: 'inject', status, startedAt: 0, endedAt: 0, expectations: [] },
  pendingUndo: { undo: 'start-cluster-service', node: 'HV01' },
  undone: [],
  targetError,
});

// The events the environment can send (done/error events of the actors stand for what they report).
const events = [
  { type: 'xstate.done.actor.preflight', output: { inventory, plan } },
  { type: 'xstate.error.actor.preflight', error: new Error('unreachable') },
  { type: 'OBSERVED', snapshot: snapshot([]) },
  { type: 'OBSERVED', snapshot: snapshot(['HV02', 'HV03']) },
  { type: 'OBSERVATION_GAP', at: 0, message: 'timeout' },
  { type: 'TICK', at: 10 * 60_000 },
  { type: 'INTERRUPT' },
  { type: 'xstate.done.actor.step', output: stepOutcome('passed') },
  { type: 'xstate.done.actor.step', output: stepOutcome('failed') },
  { type: 'xstate.done.actor.step', output: stepOutcome('passed', 'the target failed') },
  { type: 'xstate.done.actor.rollbackItem', output: { at: 0, ok: true, message: 'done' } },
  { type: 'xstate.done.actor.rollbackItem', output: { at: 0, ok: false, message: 'timed out' } },
  { type: 'xstate.after.undoBackoff.rollback.backingOff' },
] as unknown as RunEvent[];

/** An actor scope like xstate/graph's own: actions are not executed. */
function mockScope() {
  const empty = createEmptyActor();
  return { self: empty, logger: () => {}, id: '', sessionId: 'test', defer: () => {}, system: empty.system, stopChild: () => {}, emit: () => {}, actionExecutor: () => {} } as never;
}

type RunSnapshot = SnapshotFrom<typeof runMachine>;
const stateKey = (snap: RunSnapshot): string => JSON.stringify(snap.value);
// The parts of the context that steer transitions; `now` and records are left out so the graph is finite.
const serializeState = (snap: RunSnapshot): string => {
  const c = snap.context;
  return JSON.stringify([
    snap.value,
    snap.status,
    c.stepIndex,
    c.repetition,
    c.interrupted,
    c.aborted !== null,
    c.targetError !== null,
    c.failedStep,
    c.rollbackIndex,
    c.undoAttempt,
    c.notStarted !== null,
    c.steadyChecked,
    c.steadyAfter?.records != null,
    c.abort?.fired != null,
  ]);
};

/** Only what the environment could send in a state: done/error events of the actors running then. */
const possibleEvents = (snap: RunSnapshot): RunEvent[] =>
  events.filter((e) => {
    const actor = /^xstate\.(done|error)\.actor\.(.+)$/.exec(e.type)?.[2];
    if (actor !== undefined) return snap.children[actor] !== undefined;
    if (e.type.startsWith('xstate.after.')) return snap.matches({ live: { rollback: 'backingOff' } });
    return true;
  });

const paths = getShortestPaths(runMachine, {
  input: { runbook: rb, overrides: {}, seed: 1, log: new RunLog(), pushed: true },
  events: possibleEvents,
  serializeState,
});

/** Every state node of the machine, as the value a snapshot shows in it. */
function leafStates(): string[] {
  const out: string[] = [];
  const walk = (node: (typeof runMachine)['root'], path: string[]) => {
    const children = Object.values(node.states);
    if (children.length === 0) {
      let value: unknown = path[path.length - 1];
      for (let i = path.length - 2; i >= 0; i--) value = { [path[i]!]: value };
      out.push(JSON.stringify(value));
    } else for (const child of children) walk(child, [...path, child.key]);
  };
  walk(runMachine.root, []);
  return out;
}

describe('the run machine (model-based)', () => {
  const reached = new Set(paths.map((p) => stateKey(p.state)));

  it('never ends in an error', () => {
    for (const p of paths) expect(p.state.status, stateKey(p.state)).not.toBe('error');
  });

  it('reaches every state', () => {
    // Transient states (choosing the next step or rollback item) are passed through, never rested in.
    const transient = ['{"live":{"steps":"choosingStep"}}', '{"live":{"rollback":"nextItem"}}', '{"live":{"rollback":"finished"}}'];
    const resting = leafStates().filter((s) => !transient.includes(s));
    expect(resting).toEqual(
      expect.arrayContaining(['"preflight"', '{"live":{"steps":"runningStep"}}', '{"live":{"rollback":"backingOff"}}', '{"live":"steadyStateAfter"}', '"verdict"']),
    );
    for (const state of resting) expect(reached, state).toContain(state);
  });

  it('reaches the rollback from every state of the steps phase, by every cause', () => {
    const stepStates = paths.filter((p) => stateKey(p.state).includes('"steps"'));
    expect(stepStates.length).toBeGreaterThan(0);
    for (const from of stepStates) {
      const onward = getShortestPaths(runMachine, { fromState: from.state, events: possibleEvents, serializeState, toState: (s) => stateKey(s).includes('"rollback"') });
      expect(onward.length, stateKey(from.state)).toBeGreaterThan(0);
    }
  });

  it('every cause of stopping in a step leads to the rollback', () => {
    const running = paths.find((p) => stateKey(p.state) === '{"live":{"steps":"runningStep"}}')!;
    const causes: [string, RunEvent[]][] = [
      ['a failed step', [events[8]!]],
      ['a target error', [events[9]!]],
      ['a stop condition', [events[3]!, events[7]!]],
      ['an interrupt', [events[6]!, events[7]!]],
    ];
    for (const [cause, sequence] of causes) {
      let snap = running.state;
      for (const e of sequence) snap = runMachine.transition(snap, e, mockScope());
      expect(stateKey(snap), cause).toContain('rollback');
    }
  });

  it('a steady state not met before step 1 goes straight to the verdict: nothing is injected', () => {
    let snap = runMachine.getInitialSnapshot(mockScope(), { runbook: rb, overrides: {}, seed: 1, log: new RunLog(), pushed: true });
    for (const e of [events[0]!, events[3]!]) snap = runMachine.transition(snap, e, mockScope());
    expect(snap.value).toBe('verdict');
    expect(snap.context.steps).toEqual([]);
    expect(snap.context.notStarted).toContain('steady state not met');
  });
});
