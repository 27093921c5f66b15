import { describe, expect, it } from 'vitest';
import type { NodeObservation, Snapshot } from '../../src/targets/cluster-state.js';
import type { PowerShellTargetConfig, TargetConfig } from '../../src/targets/target-config.js';
import {
  blastRadiusRefusal,
  checkPreflight,
  degradedStartRefusal,
  labRefusal,
  preflightRefusals,
  quorumRefusal,
} from '../../src/safety/preflight-guards.js';
import type { DrillPlan, PlannedStep } from '../../src/engine/plan-model.js';
import { undoOf, type Fault } from '../../src/targets/target.js';
import { crash } from './run-log-fixtures.js';

const node = (name: string, over: Partial<NodeObservation> = {}): NodeObservation => ({
  name,
  state: 'Up',
  isolated: false,
  quarantined: false,
  drain: 'NotInitiated',
  ...over,
});
const snapshot = (...nodes: NodeObservation[]): Snapshot => ({ at: 0, nodes, vms: [] });
const healthy4 = snapshot(node('HV01'), node('HV02'), node('HV03'), node('HV04'));

const lab = (isLab: boolean): PowerShellTargetConfig => ({
  driver: 'powershell',
  name: 'lab-hvc01',
  cluster: 'hvc01.lab',
  nodes: undefined,
  lab: isLab,
  transport: { kind: 'winrm' },
  credential: undefined,
  pwsh: 'pwsh',
  observeMs: 2_000,
});
const simulated = { driver: 'simulated', name: 'sim', lab: false } as unknown as TargetConfig;

const injectStep = (index: number, fault: Fault): PlannedStep => ({
  index,
  name: `step ${index}`,
  repeat: 1,
  act: { kind: 'inject', fault, undo: undoOf(fault), text: fault.fault },
  expectations: [],
});
const planOf = (...faults: Fault[]): Pick<DrillPlan, 'steps'> => ({ steps: faults.map((f, i) => injectStep(i + 1, f)) });

describe('quorum guard', () => {
  it('lets one node of four go: three active members remain, quorum needs three', () => {
    expect(quorumRefusal(crash('HV01'), healthy4)).toBeNull();
  });

  it('refuses when the hit would leave fewer than a majority of active members', () => {
    const oneDown = snapshot(node('HV01', { state: 'Down' }), node('HV02'), node('HV03'), node('HV04'));
    expect(quorumRefusal(crash('HV02'), oneDown)).toBe(
      'crash-cluster-service on HV02 would leave 2 of 4 nodes as active members, and quorum needs 3: the cluster would go down',
    );
  });

  it('counts an isolated node as gone, a Paused node as a member', () => {
    const mixed = snapshot(node('HV01', { isolated: true }), node('HV02', { state: 'Paused' }), node('HV03'), node('HV04'));
    expect(quorumRefusal(crash('HV03'), mixed)).not.toBeNull();
    const paused = snapshot(node('HV01', { state: 'Paused' }), node('HV02'), node('HV03'), node('HV04'));
    expect(quorumRefusal(crash('HV03'), paused)).toBeNull();
  });

  it('does not count the node about to be hit twice when it is already out', () => {
    const oneDown = snapshot(node('HV01', { state: 'Down' }), node('HV02'), node('HV03'), node('HV04'));
    expect(quorumRefusal(crash('HV01'), oneDown)).toBeNull();
  });

  it('a VM fault never costs quorum', () => {
    const twoNodes = snapshot(node('HV01'), node('HV02'));
    expect(quorumRefusal({ fault: 'freeze-vm', vm: 'VM0001', forMs: 1_000 }, twoNodes)).toBeNull();
    expect(quorumRefusal(crash('HV01'), twoNodes)).not.toBeNull();
  });
});

describe('degraded start guard', () => {
  it('refuses while a node is not Up and Normal, naming it', () => {
    const q = snapshot(node('HV01'), node('HV02', { state: 'Down', quarantined: true }));
    expect(degradedStartRefusal(q, { allowDegradedStart: false })).toContain('HV02 is Down, quarantined');
    expect(degradedStartRefusal(q, { allowDegradedStart: true })).toBeNull();
    expect(degradedStartRefusal(healthy4, { allowDegradedStart: false })).toBeNull();
  });
});

describe('lab guard', () => {
  it('destructive faults only on a target marked lab; the simulator always', () => {
    expect(labRefusal([crash('HV01')], lab(false))).toContain('not marked `lab: true`');
    expect(labRefusal([crash('HV01')], lab(true))).toBeNull();
    expect(labRefusal([crash('HV01')], simulated)).toBeNull();
    expect(labRefusal([], lab(false))).toBeNull();
  });
});

describe('blast radius guard', () => {
  it('counts distinct nodes faulted against maxNodesAffected', () => {
    expect(blastRadiusRefusal([crash('HV01'), crash('HV01')], { maxNodesAffected: 1 })).toBeNull();
    expect(blastRadiusRefusal([crash('HV01'), crash('HV02')], { maxNodesAffected: 1 })).toContain('2 distinct nodes (HV01, HV02)');
    expect(blastRadiusRefusal([crash('HV01'), crash('HV02')], { maxNodesAffected: 2 })).toBeNull();
  });
});

describe('preflight', () => {
  const settings = { allowDegradedStart: false, maxNodesAffected: 1 };
  it('passes a healthy plan', () => {
    expect(() => checkPreflight({ plan: planOf(crash('HV01')), snapshot: healthy4, target: lab(true), settings })).not.toThrow();
  });

  it('lists every refusal at once, as exit 3', () => {
    const input = { plan: planOf(crash('HV01'), crash('HV02')), snapshot: healthy4, target: lab(false), settings };
    expect(preflightRefusals(input)).toHaveLength(2);
    expect(() => checkPreflight(input)).toThrow(/refused before anything was injected: .*lab: true.*maxNodesAffected/);
    try {
      checkPreflight(input);
    } catch (error) {
      expect(error).toMatchObject({ code: 'preflight-failed', exitStatus: 3 });
    }
  });
});
