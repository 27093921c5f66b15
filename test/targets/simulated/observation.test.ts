// SIMULATOR.md point 15 and the push of changes: observe() returns what a real observer could read;
// watch() delivers one batch per instant at which anything changed.
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../src/targets/cluster-state.js';
import { Cluster, s } from './harness.js';

describe('what an observer sees (point 15)', () => {
  it('a crashed-service or partitioned node still answers; a powered-off or network-less one does not', async () => {
    const c = new Cluster();
    await c.inject({ fault: 'crash-cluster-service', node: 'HV01' });
    await c.inject({ fault: 'partition-node', node: 'HV02', forMs: s(120) });
    await c.inject({ fault: 'power-off-node', node: 'HV03' });
    for (const nic of ['NIC1', 'NIC2', 'NIC3']) await c.inject({ fault: 'fail-nic', node: 'HV04', nic });
    c.at(s(10));
    expect(c.vm('VM0001')).toMatchObject({ state: 'PausedCritical', heartbeat: 'Paused' });
    expect(c.vm('VM0002')).toMatchObject({ state: 'PausedCritical', heartbeat: 'Paused' });
    expect(c.vm('VM0003')).toMatchObject({ state: undefined, heartbeat: undefined, bootTime: undefined, group: 'Online' });
    expect(c.vm('VM0004')).toMatchObject({ state: undefined, heartbeat: undefined, group: 'Online' });
  });

  it('snapshots are consistent and never change after they are taken', async () => {
    const c = new Cluster();
    const before = c.target.snapshot();
    const copy = JSON.stringify(before);
    await c.inject({ fault: 'crash-cluster-service', node: 'HV01' });
    c.at(s(10));
    const after = c.target.snapshot();
    expect(JSON.stringify(before)).toBe(copy);
    expect(after.at).toBe(s(10));
    expect(after.vms.filter((v) => v.owner === 'HV01' && v.state === 'PausedCritical')).toHaveLength(6);
    const observed = await c.target.observe();
    expect(observed).toEqual({ ok: true, value: after });
  });
});

describe('watch', () => {
  it('pushes one batch per instant with every event of that instant, and observe() agrees with it', async () => {
    const c = new Cluster();
    const seen: Array<{ at: number; snapshot: Snapshot }> = [];
    c.target.watch((batch) => seen.push({ at: batch.at, snapshot: c.target.snapshot() }));
    await c.inject({ fault: 'crash-cluster-service', node: 'HV01' });
    await c.inject({ fault: 'freeze-vm', vm: 'VM0002', forMs: s(30) });
    c.at(s(100));
    const times = c.batches.map((b) => b.at);
    expect(times).toEqual([0, s(10), s(30), s(40), s(60), s(65)]);
    for (const b of c.batches) expect(b.events.every((e) => e.at === b.at)).toBe(true);
    expect(c.batches.flatMap((b) => b.events)).toEqual(c.target.events());
    const atIsolation = seen.find((x) => x.at === s(10))!.snapshot;
    expect(atIsolation.nodes[0]).toMatchObject({ state: 'Down', isolated: true });
    expect(c.batches[0]!.events.map((e) => e.kind)).toEqual(['service-crashed', 'vm-frozen', 'vm-heartbeat']);
  });

  it('unsubscribes', async () => {
    const c = new Cluster();
    let count = 0;
    const stop = c.target.watch(() => count++);
    await c.inject({ fault: 'crash-cluster-service', node: 'HV01' });
    c.at(s(1));
    stop();
    c.at(s(100));
    expect(count).toBe(1);
  });
});

describe('a watcher that throws', () => {
  it('does not stop the other watchers or the simulated time', async () => {
    const c = new Cluster();
    c.target.watch(() => {
      throw new Error('listener bug');
    });
    await c.inject({ fault: 'crash-cluster-service', node: 'HV01' });
    // Each batch's delivery throws out of the clock; advancing again carries on from there.
    let thrown = 0;
    while (c.clock.now() < s(65)) {
      try {
        c.at(s(65));
      } catch (error) {
        expect((error as Error).message).toBe('listener bug');
        thrown++;
      }
    }
    expect(thrown).toBe(5);
    expect(c.node('HV01')).toMatchObject({ state: 'Up', isolated: false });
    expect(c.batches.map((b) => b.at)).toContain(s(65));
  });
});
