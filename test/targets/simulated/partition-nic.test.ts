// SIMULATOR.md points 8 and 9: a partition is a crash as the cluster sees it (VMs keep running);
// a NIC failure partitions the node only when no working path is left.
import { describe, expect, it } from 'vitest';
import { Cluster, configWith, csvOnHV01, s, smbOnHV01 } from './harness.js';

describe('partition-node (point 8)', () => {
  it('isolates at 10 s; lifted at 60 s the node rejoins as in point 2', async () => {
    const c = new Cluster();
    await c.inject({ fault: 'partition-node', node: 'HV01', forMs: s(60) });
    c.at(s(10));
    expect(c.node('HV01')).toMatchObject({ state: 'Down', isolated: true });
    for (const vm of csvOnHV01) expect(c.vm(vm)).toMatchObject({ state: 'PausedCritical', monitored: false });
    for (const vm of smbOnHV01) expect(c.vm(vm)).toMatchObject({ state: 'Running', heartbeat: 'Ok', monitored: false });
    c.at(s(60));
    expect(c.node('HV01').state).toBe('Joining');
    c.at(s(65));
    expect(c.node('HV01')).toMatchObject({ state: 'Up', isolated: false });
    for (const vm of [...csvOnHV01, ...smbOnHV01]) expect(c.vm(vm)).toMatchObject({ owner: 'HV01', state: 'Running', monitored: true, heartbeat: 'Ok' });
  });

  it('a partition shorter than the heartbeat timeout goes unnoticed', async () => {
    const c = new Cluster();
    await c.inject({ fault: 'partition-node', node: 'HV01', forMs: s(5) });
    c.at(s(100));
    expect(c.node('HV01')).toMatchObject({ state: 'Up', isolated: false });
    expect(c.firstEvent('node-removed')).toBeUndefined();
  });

  it('outlasting the period ends in failover; when it lifts the node joins empty', async () => {
    const c = new Cluster();
    await c.inject({ fault: 'partition-node', node: 'HV01', forMs: s(360) });
    c.at(s(250));
    expect(c.node('HV01')).toMatchObject({ state: 'Down', isolated: false });
    c.at(s(365));
    expect(c.node('HV01')).toMatchObject({ state: 'Up', isolated: false });
    expect(c.target.snapshot().vms.filter((v) => v.owner === 'HV01')).toEqual([]);
  });

  it('lift-partition ends it early and is idempotent', async () => {
    const c = new Cluster();
    const injected = await c.target.inject({ fault: 'partition-node', node: 'HV01', forMs: s(600) });
    expect(injected.ok && injected.value.undo).toEqual({ undo: 'lift-partition', node: 'HV01' });
    c.at(s(30));
    expect(await c.target.undo({ undo: 'lift-partition', node: 'HV01' })).toMatchObject({ ok: true, value: { changed: true } });
    expect(await c.target.undo({ undo: 'lift-partition', node: 'HV01' })).toEqual({ ok: true, value: { changed: false, message: 'HV01 is not partitioned' } });
    c.at(s(35));
    expect(c.node('HV01')).toMatchObject({ state: 'Up', isolated: false });
  });
});

describe('fail-nic (point 9)', () => {
  it('a team survives a member; the node is cut off only when no path is left', async () => {
    const c = new Cluster();
    await c.inject({ fault: 'fail-nic', node: 'HV01', nic: 'NIC1' });
    await c.inject({ fault: 'fail-nic', node: 'HV01', nic: 'NIC2' });
    c.at(s(60));
    expect(c.node('HV01')).toMatchObject({ state: 'Up', isolated: false });
    expect(c.vm('VM0001').state).toBe('Running');
    await c.inject({ fault: 'fail-nic', node: 'HV01', nic: 'NIC3', forMs: s(60) });
    c.at(s(70));
    expect(c.node('HV01')).toMatchObject({ state: 'Down', isolated: true });
    // No working network at all: the node cannot be queried (point 15).
    expect(c.vm('VM0001')).toMatchObject({ state: undefined, heartbeat: undefined, group: 'Online', monitored: false });
    c.at(s(125));
    expect(c.node('HV01')).toMatchObject({ state: 'Up', isolated: false });
    expect(c.vm('VM0001')).toMatchObject({ state: 'Running', heartbeat: 'Ok' });
  });

  it('refuses an adapter the node does not have', async () => {
    const c = new Cluster();
    const outcome = await c.target.inject({ fault: 'fail-nic', node: 'HV01', nic: 'NIC9' });
    expect(outcome.ok ? undefined : outcome.error.code).toBe('unknown-name');
  });

  it('a single-NIC cluster network: losing it while Management works still partitions cluster traffic only if no path is left', async () => {
    const c = new Cluster(configWith({ rest: { networks: [{ name: 'Cluster', nics: ['NIC3'] }] } }));
    await c.inject({ fault: 'fail-nic', node: 'HV02', nic: 'NIC3' });
    c.at(s(10));
    expect(c.node('HV02')).toMatchObject({ state: 'Down', isolated: true });
  });
});
