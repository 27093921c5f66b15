// The product limits (SIMULATOR.md "Scale"): the quarantine scenario on 64 nodes and 8,000 VMs behaves
// as on the small cluster — 120 VMs drained by live migration two at a time, spread over the other nodes.
import { describe, expect, it } from 'vitest';
import { nodeNames, vmGroup } from '../../../src/targets/simulated/default-config.js';
import { Cluster, configWith, s } from './harness.js';

const scale = configWith({
  rest: { nodes: nodeNames(64), vms: [vmGroup(4800, 'csv', 8), vmGroup(2880, 'smb', 4), vmGroup(320, 'csv', 2, '5.0')] },
});

describe('64 nodes, 8,000 VMs', () => {
  it('three crashes quarantine HV01; its 120 resilient VMs leave by live migration, two at a time, onto the other nodes', async () => {
    const c = new Cluster(scale);
    const boots = new Map(c.target.snapshot().vms.map((v) => [v.name, v.bootTime]));
    const mine = c.initiallyOn('HV01');
    expect(mine).toHaveLength(125);
    for (const t of [0, 100, 200]) {
      c.at(s(t));
      await c.inject({ fault: 'crash-cluster-service', node: 'HV01' });
    }
    c.at(s(265));
    expect(c.node('HV01')).toMatchObject({ state: 'Up', quarantined: true, drain: 'InProgress' });
    // Two slots: 75 x 8 GiB (8,872 ms each) then 45 x 4 GiB (5,436 ms), first free slot first:
    // 37 pairs of 8 GiB, then the 75th beside the first 4 GiB ones; the last ends 456,728 ms in.
    const end = s(265) + 456_728;
    c.at(end - 1);
    expect(c.node('HV01').drain).toBe('InProgress');
    c.at(end);
    expect(c.node('HV01')).toMatchObject({ state: 'Down', quarantined: true, drain: 'Completed' });
    const snapshot = c.target.snapshot();
    expect(snapshot.vms.filter((v) => v.owner === 'HV01')).toEqual([]);
    for (const name of mine) {
      const vm = c.vm(name);
      expect(vm.state).toBe('Running');
      // VM7681.. are configuration version 5.0: failed over (restarted) at the first isolation.
      if (Number(name.slice(2)) <= 7680) expect(vm.bootTime).toBe(boots.get(name));
      else expect(vm.bootTime).toBe(s(40));
    }
    // Spread: every other node got at most 3 of HV01's VMs (125 over 63 nodes, least loaded first).
    const received = new Map<string, number>();
    for (const name of mine) received.set(c.vm(name).owner, (received.get(c.vm(name).owner) ?? 0) + 1);
    expect(Math.max(...received.values())).toBeLessThanOrEqual(3);
    expect(snapshot.nodes.filter((n) => n.state === 'Up')).toHaveLength(63);
  });
});
