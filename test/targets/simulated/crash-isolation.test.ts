// SIMULATOR.md points 1 and 2: a cluster service crash isolates the node; the service restarts within
// the resiliency period and the node rejoins with its VMs, none restarted.
import { describe, expect, it } from 'vitest';
import { Cluster, configWith, csvOnHV01, oldOnHV01, s, smbOnHV01 } from './harness.js';

describe('crash-cluster-service (points 1 and 2)', () => {
  it('isolates at t0 + heartbeat timeout: csv PausedCritical, smb Running, all Unmonitored, old VMs fail over', async () => {
    const c = new Cluster();
    await c.inject({ fault: 'crash-cluster-service', node: 'HV01' });
    c.at(s(9.999));
    expect(c.node('HV01')).toMatchObject({ state: 'Up', isolated: false });
    c.at(s(10));
    expect(c.node('HV01')).toMatchObject({ state: 'Down', isolated: true, quarantined: false });
    for (const vm of csvOnHV01) expect(c.vm(vm)).toMatchObject({ owner: 'HV01', state: 'PausedCritical', heartbeat: 'Paused', monitored: false, group: 'Online' });
    for (const vm of smbOnHV01) expect(c.vm(vm)).toMatchObject({ owner: 'HV01', state: 'Running', heartbeat: 'Ok', monitored: false });
    // The old VM is Off then Starting on the least loaded Up node (HV03: 9 VMs, first in inventory order of 9).
    expect(c.vm('VM0037')).toMatchObject({ owner: 'HV03', state: 'Starting', group: 'Pending', monitored: true });
    expect(c.stateTimes('VM0037', 'Off')).toEqual([s(10)]);
    c.at(s(40));
    expect(c.vm('VM0037')).toMatchObject({ owner: 'HV03', state: 'Running', heartbeat: 'Ok', group: 'Online', bootTime: s(40) });
    expect(c.firstEvent('node-isolated', { node: 'HV01' })).toBe(s(10));
    expect(c.firstEvent('vms-unmonitored', { node: 'HV01' })).toBe(s(10));
  });

  it('restarts the service at 60 s: Joining, then Up and Normal at 65 s, VMs monitored and resumed without restart', async () => {
    const c = new Cluster();
    const boot = c.vm('VM0001').bootTime;
    await c.inject({ fault: 'crash-cluster-service', node: 'HV01' });
    c.at(s(60));
    expect(c.node('HV01')).toMatchObject({ state: 'Joining', isolated: true });
    c.at(s(64.999));
    expect(c.vm('VM0001').state).toBe('PausedCritical');
    c.at(s(65));
    expect(c.node('HV01')).toEqual({ name: 'HV01', state: 'Up', isolated: false, quarantined: false, drain: 'NotInitiated' });
    for (const vm of [...csvOnHV01, ...smbOnHV01]) {
      expect(c.vm(vm)).toMatchObject({ owner: 'HV01', state: 'Running', heartbeat: 'Ok', monitored: true, group: 'Online', bootTime: boot });
    }
    expect(c.vm(oldOnHV01[0]!).owner).toBe('HV03');
    expect(c.firstEvent('node-left-isolation', { node: 'HV01' })).toBe(s(65));
    expect(c.firstEvent('vms-monitored', { node: 'HV01' })).toBe(s(65));
  });

  it('with resiliency disabled (period 0) the node is Down at once and every VM fails over', async () => {
    const c = new Cluster(configWith({ cluster: { resiliencyDefaultPeriodMs: 0 } }));
    await c.inject({ fault: 'crash-cluster-service', node: 'HV01' });
    c.at(s(10));
    expect(c.node('HV01')).toMatchObject({ state: 'Down', isolated: false });
    for (const vm of c.initiallyOn('HV01')) {
      expect(c.vm(vm).owner).not.toBe('HV01');
      expect(c.vm(vm).state).toBe('Starting');
    }
    c.at(s(40));
    for (const vm of c.initiallyOn('HV01')) expect(c.vm(vm)).toMatchObject({ state: 'Running', bootTime: s(40) });
    c.at(s(65));
    expect(c.node('HV01')).toMatchObject({ state: 'Up', isolated: false });
    expect(c.target.snapshot().vms.filter((v) => v.owner === 'HV01')).toEqual([]);
    // Not an isolation: nothing counted.
    expect(c.firstEvent('node-isolated')).toBeUndefined();
  });

  it('spreads failed-over VMs over the least loaded Up nodes, ties in inventory order', async () => {
    const c = new Cluster(configWith({ cluster: { resiliencyDefaultPeriodMs: 0 } }));
    await c.inject({ fault: 'crash-cluster-service', node: 'HV01' });
    c.at(s(10));
    const owners = c.initiallyOn('HV01').map((vm) => c.vm(vm).owner);
    // HV02 10, HV03 9, HV04 9 VMs: HV03, HV04, then all at 10 -> HV02, HV03, HV04, ...
    expect(owners).toEqual(['HV03', 'HV04', 'HV02', 'HV03', 'HV04', 'HV02', 'HV03', 'HV04', 'HV02', 'HV03']);
  });

  it('with serviceRestart never the node stays Down and its VMs fail over when the period ends', async () => {
    const c = new Cluster(configWith({ behaviour: { serviceRestartMs: undefined } }));
    await c.inject({ fault: 'crash-cluster-service', node: 'HV01' });
    c.at(s(3600));
    expect(c.node('HV01')).toMatchObject({ state: 'Down', isolated: false });
    expect(c.target.snapshot().vms.filter((v) => v.owner === 'HV01')).toEqual([]);
  });
});
