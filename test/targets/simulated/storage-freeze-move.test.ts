// SIMULATOR.md points 11, 12 and 13: storage loss pauses csv VMs; a frozen VM still shows Running with
// its heartbeat lost; move-vm live (no restart, memory / bandwidth + 2 s) or quick (saved, moved, resumed).
import { describe, expect, it } from 'vitest';
import { Cluster, csvOnHV01, s, smbOnHV01 } from './harness.js';

describe('lose-storage (point 11)', () => {
  it('csv VMs PausedCritical at once and Running again at the end; smb untouched', async () => {
    const c = new Cluster();
    await c.inject({ fault: 'lose-storage', node: 'HV01', forMs: s(60) });
    for (const vm of csvOnHV01) expect(c.vm(vm)).toMatchObject({ state: 'PausedCritical', heartbeat: 'Paused', monitored: true });
    for (const vm of smbOnHV01) expect(c.vm(vm)).toMatchObject({ state: 'Running', heartbeat: 'Ok' });
    c.at(s(59.999));
    expect(c.vm('VM0001').state).toBe('PausedCritical');
    c.at(s(60));
    for (const vm of csvOnHV01) expect(c.vm(vm)).toMatchObject({ state: 'Running', heartbeat: 'Ok' });
    expect(c.node('HV01')).toMatchObject({ state: 'Up', isolated: false });
  });
});

describe('freeze-vm (point 12)', () => {
  it('Running with heartbeat LostCommunication, then it recovers', async () => {
    const c = new Cluster();
    await c.inject({ fault: 'freeze-vm', vm: 'VM0001', forMs: s(60) });
    expect(c.vm('VM0001')).toMatchObject({ state: 'Running', heartbeat: 'LostCommunication' });
    c.at(s(60));
    expect(c.vm('VM0001')).toMatchObject({ state: 'Running', heartbeat: 'Ok' });
    expect(await c.target.undo({ undo: 'thaw-vm', vm: 'VM0001' })).toEqual({ ok: true, value: { changed: false, message: 'VM0001 is not frozen' } });
  });
});

describe('move-vm (point 13)', () => {
  it('live: no restart, done after memory x 8 / bandwidth + 2 s', async () => {
    const c = new Cluster();
    const boot = c.vm('VM0001').bootTime;
    await c.act({ action: 'move-vm', vm: 'VM0001', to: 'HV02', type: 'live' });
    c.at(8871);
    expect(c.vm('VM0001').owner).toBe('HV01');
    c.at(8872);
    expect(c.vm('VM0001')).toMatchObject({ owner: 'HV02', state: 'Running', bootTime: boot });
    expect(c.stateTimes('VM0001', 'Off')).toEqual([]);
  });

  it('quick: Saved, moved, resumed after quickMigration', async () => {
    const c = new Cluster();
    await c.act({ action: 'move-vm', vm: 'VM0001', to: 'HV02', type: 'quick' });
    expect(c.vm('VM0001')).toMatchObject({ owner: 'HV01', state: 'Saved', group: 'Pending' });
    c.at(s(10));
    expect(c.vm('VM0001')).toMatchObject({ owner: 'HV02', state: 'Running', group: 'Online' });
  });

  it('to its own node is a no-op; to a node that cannot host is refused', async () => {
    const c = new Cluster();
    expect(await c.target.act({ action: 'move-vm', vm: 'VM0001', to: 'HV01', type: 'live' })).toMatchObject({ ok: true, value: { changed: false } });
    await c.act({ action: 'drain-node', node: 'HV02' });
    const refused = await c.target.act({ action: 'move-vm', vm: 'VM0001', to: 'HV02', type: 'live' });
    expect(refused.ok ? undefined : refused.error.code).toBe('refused');
  });
});
