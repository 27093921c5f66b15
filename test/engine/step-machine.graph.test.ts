// Model-based test of the step machine with xstate/graph: every state is reached, a step always ends,
// and an act that fails or a STOP never leaves an expectation without a verdict.
import { describe, expect, it } from 'vitest';
import { createEmptyActor, type SnapshotFrom } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { planDrill } from '../../src/engine/plan.js';
import { RunLog } from '../../src/engine/run-log.js';
import { stepMachine, type StepEvent, type StepInput } from '../../src/engine/step-machine.js';
import type { Snapshot } from '../../src/targets/cluster-state.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';
import { FakeTarget } from './fake-target.js';
import { becomes, every, evaluateDuration, expect as expectation, injectStep, node, resolveVars, runbook, s, subjects, within } from './runbook-builders.js';

const target = new FakeTarget(new VirtualClock());
const plan = planDrill({
  runbook: runbook({
    steps: [injectStep({ fault: 'crash-cluster-service', node: node('HV01') }, { expect: [expectation(subjects.node('HV01'), becomes(every('node', 'Isolated')), within(s(20)))] })],
  }),
  inventory: target.inventoryValue,
  resolveVars,
  evaluateDuration,
});

const snapshot = (at: number, isolated: boolean): Snapshot => ({
  at,
  nodes: target.inventoryValue.nodes.map((n) => ({ name: n.name, state: 'Up', isolated: isolated && n.name === 'HV01', quarantined: false, drain: 'NotInitiated' })),
  vms: [],
});

const input = (latest: Snapshot | null): StepInput => ({ step: plan.steps[0]!, repetition: 1, vars: plan.vars, faults: [], latest, log: new RunLog(), pushed: true });

const events = [
  { type: 'xstate.done.actor.carryOut', output: { at: 0, ok: true, message: 'done', undone: [], pendingUndo: { undo: 'start-cluster-service', node: 'HV01' } } },
  { type: 'xstate.done.actor.carryOut', output: { at: 0, ok: false, message: 'refused by the target', undone: [] } },
  { type: 'OBSERVED', snapshot: snapshot(0, false) },
  { type: 'OBSERVED', snapshot: snapshot(5_000, true) },
  { type: 'OBSERVATION_GAP', at: 3_000, message: 'timeout' },
  { type: 'TICK', at: 20_000 },
  { type: 'STOP', at: 1_000, reason: 'interrupted' },
] as unknown as StepEvent[];

// Alone, the step has no run to ask for observations and wake-ups.
const machine = stepMachine.provide({ actions: { requestFirstObservation: () => {}, requestWakeUps: () => {} } });

type StepSnapshot = SnapshotFrom<typeof stepMachine>;
const possibleEvents = (snap: StepSnapshot): StepEvent[] =>
  events.filter((e) => (e.type.startsWith('xstate.done.actor.') ? snap.children[e.type.slice('xstate.done.actor.'.length)] !== undefined : true));
const serializeState = (snap: StepSnapshot): string =>
  JSON.stringify([snap.value, snap.status, snap.context.judges.map((j) => [j.verdict, j.sawFalse, j.doubt !== null]), snap.context.stopReason, snap.context.now >= 20_000]);

/** An actor scope like xstate/graph's own: actions are not executed. */
function mockScope() {
  const empty = createEmptyActor();
  return { self: empty, logger: () => {}, id: '', sessionId: 'test', defer: () => {}, system: empty.system, stopChild: () => {}, emit: () => {}, actionExecutor: () => {} } as never;
}

describe('the step machine (model-based)', () => {
  const paths = getShortestPaths(machine, { input: input(snapshot(0, false)), events: possibleEvents, serializeState });
  const reached = new Set(paths.map((p) => JSON.stringify(p.state.value)));

  it('reaches every resting state and never errors', () => {
    expect([...reached].sort()).toEqual(['"carryingOut"', '"ended"', '"watching"']);
    for (const p of paths) expect(p.state.status).not.toBe('error');
  });

  it('every path that ends leaves every expectation with a verdict', () => {
    const ended = paths.filter((p) => p.state.status === 'done');
    expect(ended.length).toBeGreaterThan(3);
    for (const p of ended) {
      const output = p.state.output!;
      expect(output.record.expectations.every((e) => e.verdict !== 'skipped' && e.reason !== 'not decided')).toBe(true);
    }
  });

  it('an act the target refuses ends the step as a target error with its expectations inconclusive', () => {
    let snap = machine.getInitialSnapshot(mockScope(), input(snapshot(0, false)));
    snap = machine.transition(snap, events[1]!, mockScope());
    expect(snap.status).toBe('done');
    expect(snap.output!.targetError).toBe('refused by the target');
    expect(snap.output!.record.expectations.map((e) => e.verdict)).toEqual(['inconclusive']);
  });

  it('the quorum guard refuses before anything is carried out', () => {
    const twoDown: Snapshot = { ...snapshot(0, false), nodes: snapshot(0, false).nodes.map((n) => (n.name === 'HV02' || n.name === 'HV03' ? { ...n, state: 'Down' } : n)) };
    const snap = machine.getInitialSnapshot(mockScope(), input(twoDown));
    expect(snap.status).toBe('done');
    expect(snap.children.carryOut).toBeUndefined();
    expect(snap.output!.targetError).toContain('quorum needs 3');
  });
});
