// SIMULATOR.md point 10: a powered-off node looks like a transient failure: isolated, VMs Unmonitored
// for the whole period, then failed over. power-on-node: boots for powerOnBoot, then joins.
import { describe, expect, it } from 'vitest';
import { Cluster, configWith, s } from './harness.js';

describe('power-off-node and power-on-node (point 10)', () => {
  it('VMs stop at once; isolated at 10 s; VMs fail over when the period ends; power-on boots 3 m then joins', async () => {
    const c = new Cluster();
    await c.inject({ fault: 'power-off-node', node: 'HV01' });
    // Hidden truth: Off; an observer cannot query a powered-off host.
    expect(c.stateTimes('VM0001', 'Off')).toEqual([0]);
    expect(c.vm('VM0001')).toMatchObject({ owner: 'HV01', state: undefined, heartbeat: undefined, group: 'Online', bootTime: undefined });
    c.at(s(10));
    expect(c.node('HV01')).toMatchObject({ state: 'Down', isolated: true });
    expect(c.vm('VM0001')).toMatchObject({ monitored: false, group: 'Online' });
    expect(c.vm('VM0037')).toMatchObject({ state: 'Starting', monitored: true });
    c.at(s(249.999));
    expect(c.vm('VM0001').owner).toBe('HV01');
    c.at(s(250));
    expect(c.vm('VM0001')).toMatchObject({ state: 'Starting', monitored: true });
    expect(c.vm('VM0001').owner).not.toBe('HV01');
    c.at(s(280));
    expect(c.vm('VM0001')).toMatchObject({ state: 'Running', bootTime: s(280) });
    await c.act({ action: 'power-on-node', node: 'HV01' });
    c.at(s(459.999));
    expect(c.node('HV01').state).toBe('Down');
    c.at(s(460));
    expect(c.node('HV01').state).toBe('Joining');
    c.at(s(465));
    expect(c.node('HV01')).toMatchObject({ state: 'Up', isolated: false });
    expect(c.target.snapshot().vms.filter((v) => v.owner === 'HV01')).toEqual([]);
  });

  it('powered on within the period: rejoins and restarts its VMs in place', async () => {
    const c = new Cluster();
    await c.inject({ fault: 'power-off-node', node: 'HV01' });
    c.at(s(20));
    await c.act({ action: 'power-on-node', node: 'HV01' });
    c.at(s(205));
    expect(c.node('HV01')).toMatchObject({ state: 'Up', isolated: false });
    expect(c.vm('VM0001')).toMatchObject({ owner: 'HV01', state: 'Starting' });
    c.at(s(235));
    expect(c.vm('VM0001')).toMatchObject({ owner: 'HV01', state: 'Running', bootTime: s(235) });
  });

  it('with IsolateOnSpecialHeartbeat a power loss fails over at once (not a known reason)', async () => {
    const c = new Cluster(configWith({ cluster: { resiliencyLevel: 'IsolateOnSpecialHeartbeat' } }));
    await c.inject({ fault: 'power-off-node', node: 'HV01' });
    c.at(s(10));
    expect(c.node('HV01')).toMatchObject({ state: 'Down', isolated: false });
    expect(c.vm('VM0001').owner).not.toBe('HV01');
  });

  it('with IsolateOnSpecialHeartbeat a crash still isolates and a partition fails over', async () => {
    const c = new Cluster(configWith({ cluster: { resiliencyLevel: 'IsolateOnSpecialHeartbeat' } }));
    await c.inject({ fault: 'crash-cluster-service', node: 'HV01' });
    await c.inject({ fault: 'partition-node', node: 'HV02', forMs: s(30) });
    c.at(s(10));
    expect(c.node('HV01')).toMatchObject({ state: 'Down', isolated: true });
    expect(c.node('HV02')).toMatchObject({ state: 'Down', isolated: false });
    expect(c.vm('VM0002').owner).not.toBe('HV02');
  });

  it('power-on of a running node is a no-op that says so', async () => {
    const c = new Cluster();
    expect(await c.target.act({ action: 'power-on-node', node: 'HV01' })).toEqual({ ok: true, value: { changed: false, message: 'HV01 is already powered on' } });
  });
});
