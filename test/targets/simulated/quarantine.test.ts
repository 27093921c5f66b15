// SIMULATOR.md points 4 and 5: the third isolation within the hour quarantines the node when it
// rejoins; it is drained by live migration at the configured concurrency; clear-quarantine brings it back.
import { describe, expect, it } from 'vitest';
import { Cluster, configWith, csvOnHV01, s, smbOnHV01 } from './harness.js';

/** Crashes HV01 at 0, 100 s and 200 s: isolations at 10, 110, 210; rejoins at 65, 165, 265. */
async function threeCrashes(c: Cluster, node = 'HV01', offset = 0): Promise<void> {
  for (const t of [0, 100, 200]) {
    c.at(s(offset + t));
    await c.inject({ fault: 'crash-cluster-service', node });
  }
}

const lm8 = 8872; // 8 GiB x 8 / 10 Gbps = 6,871.9 ms, + 2 s setup, rounded
const lm4 = 5436; // 4 GiB

describe('quarantine (point 4)', () => {
  it('quarantines on the third rejoin within the hour and drains by live migration, two at a time', async () => {
    const c = new Cluster();
    const boots = new Map(c.target.snapshot().vms.map((v) => [v.name, v.bootTime]));
    await threeCrashes(c);
    c.at(s(165));
    expect(c.node('HV01')).toMatchObject({ state: 'Up', quarantined: false });
    c.at(s(265));
    expect(c.node('HV01')).toEqual({ name: 'HV01', state: 'Up', isolated: false, quarantined: true, drain: 'InProgress' });
    expect(c.firstEvent('node-quarantined', { node: 'HV01' })).toBe(s(265));
    const done = (vm: string) => c.firstEvent('migration-completed', { vm });
    const t0 = s(265);
    const end = t0 + 3 * lm8 + 2 * lm4;
    c.at(end - 1);
    expect(c.node('HV01')).toMatchObject({ state: 'Up', drain: 'InProgress' });
    c.at(end);
    // Queue in inventory order, two slots: 8 GiB VMs pairwise, then the 4 GiB ones.
    expect(csvOnHV01.map(done)).toEqual([t0 + lm8, t0 + lm8, t0 + 2 * lm8, t0 + 2 * lm8, t0 + 3 * lm8, t0 + 3 * lm8]);
    expect(smbOnHV01.map(done)).toEqual([t0 + 3 * lm8 + lm4, t0 + 3 * lm8 + lm4, t0 + 3 * lm8 + 2 * lm4]);
    expect(c.node('HV01')).toEqual({ name: 'HV01', state: 'Down', isolated: false, quarantined: true, drain: 'Completed' });
    for (const vm of [...csvOnHV01, ...smbOnHV01]) {
      expect(c.vm(vm).owner).not.toBe('HV01');
      expect(c.vm(vm)).toMatchObject({ state: 'Running', heartbeat: 'Ok', monitored: true, bootTime: boots.get(vm) });
      expect(c.stateTimes(vm, 'Off')).toEqual([]);
    }
    // Never more than two in flight at once.
    let inFlight = 0;
    let peak = 0;
    for (const e of c.target.events()) {
      if (e.kind === 'migration-started') peak = Math.max(peak, ++inFlight);
      if (e.kind === 'migration-completed' || e.kind === 'migration-failed') inFlight--;
    }
    expect(peak).toBe(2);
  });

  it('stays Down and quarantined until the duration expires, then joins Up and Normal', async () => {
    const c = new Cluster();
    await threeCrashes(c);
    c.at(s(265 + 7200) - 1);
    expect(c.node('HV01')).toMatchObject({ state: 'Down', quarantined: true });
    c.at(s(265 + 7200));
    expect(c.node('HV01')).toMatchObject({ state: 'Joining', quarantined: false });
    c.at(s(265 + 7205));
    expect(c.node('HV01')).toEqual({ name: 'HV01', state: 'Up', isolated: false, quarantined: false, drain: 'NotInitiated' });
  });

  it('honours the concurrency setting', async () => {
    const c = new Cluster(configWith({ cluster: { liveMigrationConcurrent: 3 } }));
    await threeCrashes(c);
    c.at(s(400));
    const t0 = s(265);
    expect(csvOnHV01.map((vm) => c.firstEvent('migration-completed', { vm }))).toEqual([t0 + lm8, t0 + lm8, t0 + lm8, t0 + 2 * lm8, t0 + 2 * lm8, t0 + 2 * lm8]);
  });

  it('does not quarantine when the isolations are spread over more than an hour', async () => {
    const c = new Cluster();
    for (const t of [0, 1900, 3800]) {
      c.at(s(t));
      await c.inject({ fault: 'crash-cluster-service', node: 'HV01' });
    }
    c.at(s(3800 + 65));
    expect(c.node('HV01')).toMatchObject({ state: 'Up', isolated: false, quarantined: false });
  });

  it('refuses a second quarantine beyond the cap (one node in a 4-node cluster) and records the refusal', async () => {
    const c = new Cluster();
    await threeCrashes(c, 'HV01');
    await threeCrashes(c, 'HV02', 300);
    c.at(s(300 + 265));
    expect(c.node('HV01').quarantined).toBe(true);
    expect(c.node('HV02')).toMatchObject({ state: 'Up', isolated: false, quarantined: false, drain: 'NotInitiated' });
    expect(c.firstEvent('quarantine-refused', { node: 'HV02' })).toBe(s(300 + 265));
  });

  it('allows two quarantines in an 8-node cluster (25 %)', async () => {
    const c = new Cluster(configWith({ rest: { nodes: ['N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8'] } }));
    await threeCrashes(c, 'N1');
    await threeCrashes(c, 'N2', 300);
    c.at(s(300 + 265));
    expect([c.node('N1').quarantined, c.node('N2').quarantined]).toEqual([true, true]);
  });
});

describe('clear-quarantine (point 5)', () => {
  it('Joining for join, then Up and Normal; VMs do not come back; the isolation count resets', async () => {
    const c = new Cluster();
    await threeCrashes(c);
    c.at(s(400));
    await c.act({ action: 'clear-quarantine', node: 'HV01' });
    expect(c.node('HV01')).toMatchObject({ state: 'Joining', quarantined: false });
    c.at(s(405));
    expect(c.node('HV01')).toEqual({ name: 'HV01', state: 'Up', isolated: false, quarantined: false, drain: 'NotInitiated' });
    expect(c.target.snapshot().vms.filter((v) => v.owner === 'HV01')).toEqual([]);
    await c.inject({ fault: 'crash-cluster-service', node: 'HV01' });
    c.at(s(470));
    expect(c.node('HV01')).toMatchObject({ state: 'Up', quarantined: false });
  });

  it('is a no-op that says so on a node that is not quarantined', async () => {
    const c = new Cluster();
    const outcome = await c.target.act({ action: 'clear-quarantine', node: 'HV01' });
    expect(outcome).toEqual({ ok: true, value: { changed: false, message: 'HV01 is not quarantined' } });
  });

  it('while the drain is still running, stops the drain and leaves the node Up', async () => {
    const c = new Cluster();
    await threeCrashes(c);
    c.at(s(270));
    await c.act({ action: 'clear-quarantine', node: 'HV01' });
    expect(c.node('HV01')).toMatchObject({ state: 'Up', quarantined: false, drain: 'NotInitiated' });
    c.at(s(400));
    // The two migrations in flight finished; the rest stayed.
    expect(c.target.snapshot().vms.filter((v) => v.owner === 'HV01')).toHaveLength(7);
  });
});
