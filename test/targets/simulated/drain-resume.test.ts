// SIMULATOR.md point 7: drain-node pauses the node and live migrates its VMs; resume-node makes it
// Up, and with immediate failback the drained VMs are live migrated back.
import { describe, expect, it } from 'vitest';
import { Cluster, s } from './harness.js';

describe('drain-node and resume-node (point 7)', () => {
  it('Paused + DrainInProgress, VMs live migrated, then DrainCompleted', async () => {
    const c = new Cluster();
    await c.act({ action: 'drain-node', node: 'HV01' });
    expect(c.node('HV01')).toMatchObject({ state: 'Paused', drain: 'InProgress' });
    c.at(37_487);
    expect(c.node('HV01').drain).toBe('InProgress');
    c.at(37_488);
    expect(c.node('HV01')).toMatchObject({ state: 'Paused', drain: 'Completed' });
    expect(c.target.snapshot().vms.filter((v) => v.owner === 'HV01')).toEqual([]);
  });

  it('resume with immediate failback brings the drained VMs back by live migration', async () => {
    const c = new Cluster();
    const boots = new Map(c.target.snapshot().vms.map((v) => [v.name, v.bootTime]));
    await c.act({ action: 'drain-node', node: 'HV01' });
    c.at(s(100));
    await c.act({ action: 'resume-node', node: 'HV01', failback: 'immediate' });
    expect(c.node('HV01')).toEqual({ name: 'HV01', state: 'Up', isolated: false, quarantined: false, drain: 'NotInitiated' });
    c.at(s(200));
    for (const vm of c.initiallyOn('HV01')) expect(c.vm(vm)).toMatchObject({ owner: 'HV01', state: 'Running', bootTime: boots.get(vm) });
    // Each source node sends back at most two at once, in parallel with the others.
    const back = c.target.events().filter((e) => e.kind === 'migration-completed' && e.at >= s(100));
    expect(back).toHaveLength(10);
    expect(Math.min(...back.map((e) => e.at))).toBe(s(100) + 8872);
  });

  it('resume without failback leaves the VMs where they are', async () => {
    const c = new Cluster();
    await c.act({ action: 'drain-node', node: 'HV01' });
    c.at(s(100));
    await c.act({ action: 'resume-node', node: 'HV01', failback: 'none' });
    c.at(s(200));
    expect(c.node('HV01').state).toBe('Up');
    expect(c.target.snapshot().vms.filter((v) => v.owner === 'HV01')).toEqual([]);
    const again = await c.target.act({ action: 'resume-node', node: 'HV01', failback: 'none' });
    expect(again).toEqual({ ok: true, value: { changed: false, message: 'HV01 is not paused' } });
  });
});
