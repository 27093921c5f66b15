// SIMULATOR.md point 6: a clean stop of the cluster service drains the node by live migration, then
// the node is Down; no isolation is counted. start-cluster-service: Joining for join, then Up.
import { describe, expect, it } from 'vitest';
import { Cluster, s } from './harness.js';

describe('stop-cluster-service and start-cluster-service (point 6)', () => {
  it('drains first (live, two at a time), then Down without isolation; start brings it back', async () => {
    const c = new Cluster();
    const boots = new Map(c.target.snapshot().vms.map((v) => [v.name, v.bootTime]));
    await c.inject({ fault: 'stop-cluster-service', node: 'HV01' });
    expect(c.node('HV01')).toMatchObject({ state: 'Paused', drain: 'InProgress', isolated: false });
    // 6 x 8 GiB (8,872 ms), 3 x 4 GiB (5,436 ms), 1 x 2 GiB (3,718 ms) in pairs: the last ends at 37,488 ms.
    c.at(37_487);
    expect(c.node('HV01').state).toBe('Paused');
    c.at(37_488);
    expect(c.node('HV01')).toEqual({ name: 'HV01', state: 'Down', isolated: false, quarantined: false, drain: 'Completed' });
    expect(c.firstEvent('migration-completed', { vm: 'VM0037' })).toBe(35_770);
    for (const vm of c.initiallyOn('HV01')) expect(c.vm(vm)).toMatchObject({ state: 'Running', bootTime: boots.get(vm) });
    c.at(s(600));
    expect(c.node('HV01')).toMatchObject({ state: 'Down', isolated: false });
    expect(c.firstEvent('node-isolated')).toBeUndefined();
    await c.act({ action: 'start-cluster-service', node: 'HV01' });
    expect(c.node('HV01').state).toBe('Joining');
    c.at(s(605));
    expect(c.node('HV01')).toEqual({ name: 'HV01', state: 'Up', isolated: false, quarantined: false, drain: 'NotInitiated' });
  });

  it('does not count towards quarantine', async () => {
    const c = new Cluster();
    for (const t of [0, 100, 200]) {
      c.at(s(t));
      await c.inject({ fault: 'stop-cluster-service', node: 'HV01' });
      c.at(s(t + 50));
      await c.act({ action: 'start-cluster-service', node: 'HV01' });
    }
    c.at(s(300));
    expect(c.node('HV01')).toMatchObject({ state: 'Up', quarantined: false });
  });

  it('start-cluster-service on a running service is a no-op that says so', async () => {
    const c = new Cluster();
    const outcome = await c.target.act({ action: 'start-cluster-service', node: 'HV02' });
    expect(outcome).toEqual({ ok: true, value: { changed: false, message: 'HV02 cluster service is already running' } });
  });
});
