// SIMULATOR.md point 3: when the resiliency period ends before the node is back, its VMs fail over
// (Off, Starting for failoverStart on the least loaded Up node, Running with a new boot time) and the
// node later joins empty.
import { describe, expect, it } from 'vitest';
import { Cluster, configWith, csvOnHV01, s, smbOnHV01 } from './harness.js';

describe('resiliency period ends first (point 3)', () => {
  it('fails the VMs over at isolation + period and the node joins with no VMs', async () => {
    const c = new Cluster(configWith({ behaviour: { serviceRestartMs: s(300) } }));
    await c.inject({ fault: 'crash-cluster-service', node: 'HV01' });
    c.at(s(249.999));
    expect(c.node('HV01')).toMatchObject({ state: 'Down', isolated: true });
    expect(c.vm('VM0001')).toMatchObject({ owner: 'HV01', state: 'PausedCritical' });
    c.at(s(250));
    expect(c.node('HV01')).toMatchObject({ state: 'Down', isolated: false });
    for (const vm of [...csvOnHV01, ...smbOnHV01]) {
      expect(c.stateTimes(vm, 'Off')).toEqual([s(250)]);
      expect(c.vm(vm)).toMatchObject({ state: 'Starting', group: 'Pending', monitored: true });
      expect(c.vm(vm).owner).not.toBe('HV01');
    }
    c.at(s(280));
    for (const vm of [...csvOnHV01, ...smbOnHV01]) expect(c.vm(vm)).toMatchObject({ state: 'Running', heartbeat: 'Ok', group: 'Online', bootTime: s(280) });
    const counts = (owner: string) => c.target.snapshot().vms.filter((v) => v.owner === owner).length;
    expect([counts('HV02'), counts('HV03'), counts('HV04')]).toEqual([13, 13, 12]);
    c.at(s(300));
    expect(c.node('HV01').state).toBe('Joining');
    c.at(s(305));
    expect(c.node('HV01')).toMatchObject({ state: 'Up', isolated: false, quarantined: false });
    expect(counts('HV01')).toBe(0);
  });

  it('a VM no node can take waits (group Failed) and starts when a node comes Up', async () => {
    const c = new Cluster(configWith({ rest: { nodes: ['HV01', 'HV02'] }, cluster: { resiliencyDefaultPeriodMs: 0 } }));
    await c.inject({ fault: 'crash-cluster-service', node: 'HV01' });
    await c.inject({ fault: 'crash-cluster-service', node: 'HV02' });
    c.at(s(10));
    expect(c.vm('VM0001')).toMatchObject({ owner: 'HV01', state: 'Off', group: 'Failed' });
    c.at(s(65));
    // HV01 and HV02 both joined at 65 s; waiting VMs spread over them.
    expect(c.vm('VM0001')).toMatchObject({ state: 'Starting', group: 'Pending' });
    c.at(s(95));
    expect(c.target.snapshot().vms.every((v) => v.state === 'Running')).toBe(true);
  });
});
