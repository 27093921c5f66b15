import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../src/engine/conditions.js';
import { indexSnapshot } from '../../src/engine/snapshot-index.js';
import { compareCount } from '../../src/engine/truth.js';
import type { NodeObservation, Snapshot, VmObservation } from '../../src/targets/cluster-state.js';
import type { Condition } from '../../src/runbook/model.js';
import { count, every, node, words } from './runbook-builders.js';

const n = (name: string, patch: Partial<NodeObservation> = {}): NodeObservation => ({
  name,
  state: 'Up',
  isolated: false,
  quarantined: false,
  drain: 'NotInitiated',
  ...patch,
});
const v = (name: string, patch: Partial<VmObservation> = {}): VmObservation => ({
  name,
  owner: 'HV01',
  state: 'Running',
  heartbeat: 'Ok',
  monitored: true,
  group: 'Online',
  bootTime: 0,
  ...patch,
});
const snap = (nodes: NodeObservation[], vms: VmObservation[] = []): Snapshot => ({ at: 0, nodes, vms });

const onNodes = (c: Condition, s: Snapshot, members: string[]) => compileCondition(c, 'node', {}).evaluate(indexSnapshot(s), members);
const onVms = (c: Condition, s: Snapshot, members: string[], vars = {}) => compileCondition(c, 'vm', vars).evaluate(indexSnapshot(s), members);

describe('node conditions', () => {
  const s = snap([n('A'), n('B', { state: 'Down', isolated: true }), n('C', { quarantined: true, drain: 'InProgress' }), n('D', { state: 'Unknown' })]);

  it('words and lists of words: all must hold', () => {
    expect(onNodes(every('node', 'Up'), s, ['A'])).toBe(true);
    expect(onNodes(every('node', 'Up', 'Normal'), s, ['A'])).toBe(true);
    expect(onNodes(every('node', 'Up', 'Normal'), s, ['C'])).toBe(false);
    expect(onNodes(every('node', 'Isolated'), s, ['B'])).toBe(true);
    expect(onNodes(every('node', 'Quarantined'), s, ['C'])).toBe(true);
  });

  it('a field mapping (drain) and a set: every member must hold', () => {
    const drain: Condition = { kind: 'every', member: { terms: [{ subject: 'node', field: 'drain', anyOf: ['InProgress'] }], text: 'drain' } };
    expect(onNodes(drain, s, ['C'])).toBe(true);
    expect(onNodes(every('node', 'Up'), s, ['A', 'C'])).toBe(true);
    expect(onNodes(every('node', 'Up'), s, ['A', 'B'])).toBe(false);
  });

  it('node state Unknown is neither true nor false; a false member still decides false', () => {
    expect(onNodes(every('node', 'Up'), s, ['D'])).toBe('unknown');
    expect(onNodes(every('node', 'Down'), s, ['D'])).toBe('unknown');
    expect(onNodes(every('node', 'Up'), s, ['A', 'D'])).toBe('unknown');
    expect(onNodes(every('node', 'Up'), s, ['B', 'D'])).toBe(false);
    expect(onNodes(every('node', 'Up'), s, ['missing'])).toBe('unknown');
  });

  it('counts members', () => {
    expect(onNodes(count('node', 'not', 'Up', 'above', 1), s, ['A', 'B', 'C'])).toBe(false);
    expect(onNodes(count('node', 'not', 'Up', 'above', 0), s, ['A', 'B', 'C'])).toBe(true);
    expect(onNodes(count('node', 'is', 'Up', 'equals', 2), s, ['A', 'B', 'C'])).toBe(true);
    expect(onNodes(count('node', 'is', 'Up', 'below', 2), s, ['A', 'B', 'C'])).toBe(false);
  });

  it('counts with unknown members are unknown only when the unknowns could change the answer', () => {
    expect(onNodes(count('node', 'not', 'Up', 'above', 1), s, ['A', 'B', 'D'])).toBe('unknown');
    expect(onNodes(count('node', 'not', 'Up', 'above', 2), s, ['A', 'B', 'D'])).toBe(false);
    expect(onNodes(count('node', 'not', 'Up', 'above', 0), s, ['A', 'B', 'D'])).toBe(true);
  });
});

describe('VM conditions', () => {
  const s = snap(
    [n('HV01'), n('HV02')],
    [
      v('VM1'),
      v('VM2', { state: undefined, heartbeat: undefined, monitored: false }),
      v('VM3', { state: 'PausedCritical', heartbeat: 'Paused', monitored: false, owner: 'HV02' }),
      v('VM4', { heartbeat: 'LostCommunication' }),
    ],
  );

  it('states, monitoring, groups and heartbeat words', () => {
    expect(onVms(every('vm', 'Running'), s, ['VM1', 'VM4'])).toBe(true);
    expect(onVms(every('vm', 'PausedCritical', 'Unmonitored'), s, ['VM3'])).toBe(true);
    expect(onVms(every('vm', 'Online'), s, ['VM1', 'VM3'])).toBe(true);
    expect(onVms(every('vm', 'HeartbeatLost'), s, ['VM4'])).toBe(true);
    expect(onVms(every('vm', 'HeartbeatLost'), s, ['VM1'])).toBe(false);
  });

  it('state and heartbeat of an unreachable host are unknown; cluster-side fields are known', () => {
    expect(onVms(every('vm', 'Running'), s, ['VM2'])).toBe('unknown');
    expect(onVms(every('vm', 'Off'), s, ['VM2'])).toBe('unknown');
    expect(onVms(every('vm', 'HeartbeatLost'), s, ['VM2'])).toBe('unknown');
    expect(onVms(every('vm', 'Unmonitored'), s, ['VM2'])).toBe(true);
    expect(onVms(every('vm', 'Running', 'Monitored'), s, ['VM2'])).toBe(false);
  });

  it('owner terms resolve vars', () => {
    const owner: Condition = { kind: 'every', member: { terms: [{ subject: 'vm', field: 'owner', anyOf: [node('$other')] }], text: 'owner' } };
    expect(onVms(owner, s, ['VM3'], { other: 'HV02' })).toBe(true);
    expect(onVms(owner, s, ['VM1'], { other: 'HV02' })).toBe(false);
  });

  it('refuses a node term on a VM', () => {
    expect(() => compileCondition({ kind: 'every', member: words('node', 'Up') }, 'vm', {})).toThrow();
  });
});

describe('compareCount', () => {
  it('is exact when no member is unknown', () => {
    expect(compareCount(2, 0, 'equals', 2)).toBe(true);
    expect(compareCount(2, 0, 'equals', 3)).toBe(false);
  });
  it('is unknown only when the range straddles the bound', () => {
    expect(compareCount(1, 2, 'equals', 2)).toBe('unknown');
    expect(compareCount(1, 2, 'equals', 4)).toBe(false);
    expect(compareCount(1, 2, 'below', 4)).toBe(true);
    expect(compareCount(1, 2, 'below', 2)).toBe('unknown');
  });
});
