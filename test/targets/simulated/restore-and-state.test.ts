// `restore` (undo every fault still in effect) and the simulator's export/import as plain JSON.
import { describe, expect, it } from 'vitest';
import { createSimulatedTarget } from '../../../src/targets/simulated/simulated-target.js';
import type { SimulatorState } from '../../../src/targets/simulated/simulator-state.js';
import { VirtualClock } from '../../../src/time/virtual-clock.js';
import { Cluster, s } from './harness.js';

describe('restore', () => {
  it('undoes every fault still in effect, then is a no-op that says so', async () => {
    const c = new Cluster();
    await c.inject({ fault: 'crash-cluster-service', node: 'HV01' });
    await c.inject({ fault: 'partition-node', node: 'HV02', forMs: s(3600) });
    await c.inject({ fault: 'fail-nic', node: 'HV03', nic: 'NIC1' });
    await c.inject({ fault: 'lose-storage', node: 'HV03', forMs: s(3600) });
    await c.inject({ fault: 'freeze-vm', vm: 'VM0004', forMs: s(3600) });
    await c.inject({ fault: 'power-off-node', node: 'HV04' });
    c.at(s(30));
    const first = await c.target.restore();
    expect(first.ok && first.value.changed).toBe(true);
    const message = first.ok ? first.value.message : '';
    for (const part of ['HV04 powered on', 'HV01 cluster service started', 'HV02 partition lifted', 'HV03 NIC1 enabled', 'HV03 storage restored', 'VM0004 thawed']) {
      expect(message).toContain(part);
    }
    const again = await c.target.restore();
    expect(again).toEqual({ ok: true, value: { changed: false, message: 'no fault is in effect' } });
    // Also reachable as the catalogue's `restore` action.
    expect(await c.target.act({ action: 'restore' } as never)).toEqual(again);
    c.at(s(30 + 180 + 5));
    expect(c.target.snapshot().nodes.every((n) => n.state === 'Up' && !n.isolated)).toBe(true);
    // HV04 rejoined within the period; its VMs died with it and restart in place.
    expect(c.vm('VM0004')).toMatchObject({ owner: 'HV04', state: 'Starting' });
    c.at(s(245));
    expect(c.vm('VM0004')).toMatchObject({ owner: 'HV04', state: 'Running', heartbeat: 'Ok', bootTime: s(245) });
  });
});

describe('exportState / importState', () => {
  it('round-trips through a JSON file mid-isolation and carries on with the same timers', async () => {
    const c = new Cluster();
    await c.inject({ fault: 'crash-cluster-service', node: 'HV01' });
    c.at(s(30));
    const text = JSON.stringify(c.target.exportState());
    const saved = JSON.parse(text) as SimulatorState;
    expect(saved.now).toBe(s(30));
    expect(saved.tasks.map((t) => [t.task.kind, t.due])).toEqual([
      ['vm-started', s(40)],
      ['service-restart', s(60)],
      ['resiliency-period-end', s(250)],
    ]);
    const clock = new VirtualClock(saved.now);
    const resumed = createSimulatedTarget(saved.config, clock);
    resumed.importState(saved);
    expect(resumed.snapshot()).toEqual({ ...c.target.snapshot() });
    clock.advanceTo(s(65));
    c.at(s(65));
    expect(resumed.snapshot()).toEqual(c.target.snapshot());
    expect(resumed.events()).toEqual(c.target.events());
    expect(resumed.snapshot().nodes[0]).toMatchObject({ state: 'Up', isolated: false });
  });
});
