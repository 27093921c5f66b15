// The five `bugs:` profiles of SIMULATOR.md, each shown against the healthy cluster.
import { describe, expect, it } from 'vitest';
import type { BugProfile } from '../../../src/targets/target-config.js';
import { Cluster, configWith, csvOnHV01, s, smbOnHV01 } from './harness.js';

const withBug = (bug: BugProfile) => new Cluster(configWith({ rest: { bugs: [bug] } }));

async function threeCrashes(c: Cluster): Promise<void> {
  for (const t of [0, 100, 200]) {
    c.at(s(t));
    await c.inject({ fault: 'crash-cluster-service', node: 'HV01' });
  }
}

const ownedBy = (c: Cluster, node: string) => c.target.snapshot().vms.filter((v) => v.owner === node).length;

describe('bug profiles', () => {
  it('quarantine-skips-drain: the quarantined node keeps its VMs', async () => {
    const healthy = new Cluster();
    const buggy = withBug('quarantine-skips-drain');
    for (const c of [healthy, buggy]) {
      await threeCrashes(c);
      c.at(s(600));
      expect(c.node('HV01').quarantined).toBe(true);
    }
    expect(ownedBy(healthy, 'HV01')).toBe(0);
    expect(ownedBy(buggy, 'HV01')).toBe(9);
    expect(buggy.node('HV01')).toMatchObject({ state: 'Up', drain: 'NotInitiated' });
  });

  it('drain-restarts-vms: quarantine and drains move VMs by failover (restart), not live migration', async () => {
    const healthy = new Cluster();
    const buggy = withBug('drain-restarts-vms');
    const boot = healthy.vm('VM0001').bootTime;
    for (const c of [healthy, buggy]) {
      await threeCrashes(c);
      c.at(s(600));
      expect(ownedBy(c, 'HV01')).toBe(0);
    }
    expect(healthy.vm('VM0001').bootTime).toBe(boot);
    expect(healthy.stateTimes('VM0001', 'Off')).toEqual([]);
    // Same queue and timing as the live migration (8,872 ms for 8 GiB), but Off and restarted: a new boot time.
    expect(healthy.firstEvent('migration-completed', { vm: 'VM0001' })).toBe(s(265) + 8872);
    expect(buggy.stateTimes('VM0001', 'Off')).toEqual([s(265) + 8872]);
    expect(buggy.vm('VM0001').bootTime).toBe(s(295) + 8872);
    const drained = withBug('drain-restarts-vms');
    await drained.act({ action: 'drain-node', node: 'HV02' });
    expect(drained.vm('VM0002')).toMatchObject({ owner: 'HV02', state: 'Running' });
    drained.at(s(60));
    expect(drained.vm('VM0002').bootTime).toBe(8872 + s(30));
    expect(drained.node('HV02')).toMatchObject({ state: 'Paused', drain: 'Completed' });
    // move-vm is not a drain: still live.
    await drained.act({ action: 'move-vm', vm: 'VM0003', to: 'HV04', type: 'live' });
    drained.at(s(120));
    expect(drained.vm('VM0003')).toMatchObject({ owner: 'HV04', bootTime: boot });
  });

  it('no-isolation: behaves as if resiliency were disabled', async () => {
    const healthy = new Cluster();
    const buggy = withBug('no-isolation');
    for (const c of [healthy, buggy]) {
      await c.inject({ fault: 'crash-cluster-service', node: 'HV01' });
      c.at(s(10));
    }
    expect(healthy.node('HV01')).toMatchObject({ state: 'Down', isolated: true });
    expect(buggy.node('HV01')).toMatchObject({ state: 'Down', isolated: false });
    expect(ownedBy(healthy, 'HV01')).toBe(9);
    expect(ownedBy(buggy, 'HV01')).toBe(0);
  });

  it('frozen-after-isolation: after the isolation ends csv VMs show Running but their heartbeat stays lost', async () => {
    const healthy = new Cluster();
    const buggy = withBug('frozen-after-isolation');
    for (const c of [healthy, buggy]) {
      await c.inject({ fault: 'crash-cluster-service', node: 'HV01' });
      c.at(s(600));
      expect(c.node('HV01')).toMatchObject({ state: 'Up', isolated: false });
    }
    for (const vm of csvOnHV01) {
      expect(healthy.vm(vm)).toMatchObject({ state: 'Running', heartbeat: 'Ok' });
      expect(buggy.vm(vm)).toMatchObject({ state: 'Running', heartbeat: 'LostCommunication' });
    }
    for (const vm of smbOnHV01) expect(buggy.vm(vm)).toMatchObject({ state: 'Running', heartbeat: 'Ok' });
  });

  it('quarantine-never-clears: clear-quarantine is accepted but the node stays quarantined', async () => {
    const healthy = new Cluster();
    const buggy = withBug('quarantine-never-clears');
    for (const c of [healthy, buggy]) {
      await threeCrashes(c);
      c.at(s(400));
      const outcome = await c.target.act({ action: 'clear-quarantine', node: 'HV01' });
      expect(outcome).toMatchObject({ ok: true, value: { changed: true } });
      c.at(s(500));
    }
    expect(healthy.node('HV01')).toMatchObject({ state: 'Up', quarantined: false });
    expect(buggy.node('HV01')).toMatchObject({ state: 'Down', quarantined: true });
  });
});
