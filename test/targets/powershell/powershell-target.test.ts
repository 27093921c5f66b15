// The PowerShell target end to end through the fake pwsh: the same inventory and snapshots as the
// simulator it fronts, faults and actions with their undo, names checked before anything is sent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/time/virtual-clock.js';
import { createSimulatedTarget } from '../../../src/targets/simulated/simulated-target.js';
import { defaultSimulatedConfig } from '../../../src/targets/simulated/default-config.js';
import type { Target } from '../../../src/targets/target.js';
import { fakeTarget, scratch } from './fake-pwsh.js';

const open: Target[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});

// A fake-backed target and an in-process simulator of the same cluster, on clocks kept in step.
function twins(env: Record<string, string> = {}) {
  const clock = new VirtualClock();
  const target = fakeTarget(clock, env);
  const simClock = new VirtualClock();
  const sim = createSimulatedTarget(defaultSimulatedConfig(), simClock);
  open.push(target, sim);
  const advance = (ms: number) => {
    clock.advanceTo(clock.now() + ms);
    simClock.advanceTo(clock.now());
  };
  return { clock, target, sim, advance };
}

describe('PowerShell target through the fake pwsh', () => {
  it('reads the same inventory as the simulator it fronts', async () => {
    const { target, sim } = twins();
    const ours = await target.inventory();
    const theirs = await sim.inventory();
    expect(ours.ok && theirs.ok).toBe(true);
    if (ours.ok && theirs.ok) expect(ours.value).toEqual(theirs.value);
  });

  it('observes the same snapshot as the simulator, before and after a crash is noticed', async () => {
    const { target, sim, advance } = twins();
    for (const step of [0, 5_000, 10_000, 30_000]) {
      advance(step);
      const ours = await target.observe();
      const theirs = await sim.observe();
      if (!ours.ok || !theirs.ok) throw new Error('observe failed');
      expect(ours.value).toEqual(theirs.value);
      if (step === 0) {
        const injected = await target.inject({ fault: 'crash-cluster-service', node: 'HV01' });
        expect(injected.ok).toBe(true);
        await sim.inject({ fault: 'crash-cluster-service', node: 'HV01' });
      }
    }
    const last = await target.observe();
    if (!last.ok) throw new Error(last.error.message);
    expect(last.value.nodes[0]).toMatchObject({ name: 'HV01', state: 'Down', isolated: true });
    expect(last.value.vms.find((v) => v.owner === 'HV01' && v.name === 'VM0001')).toMatchObject({ monitored: false, state: 'PausedCritical' });
  });

  it('returns the undo of a fault and applies it idempotently', async () => {
    const { target, advance } = twins();
    const injected = await target.inject({ fault: 'partition-node', node: 'HV02', forMs: 60_000 });
    if (!injected.ok) throw new Error(injected.error.message);
    expect(injected.value.undo).toEqual({ undo: 'lift-partition', node: 'HV02' });
    expect(injected.value.effect.changed).toBe(true);
    advance(1_000);
    const first = await target.undo(injected.value.undo);
    const second = await target.undo(injected.value.undo);
    expect(first.ok && first.value.changed).toBe(true);
    expect(second.ok && second.value.changed).toBe(false);
  });

  it('runs actions: drain, then resume with failback', async () => {
    const { target, advance } = twins();
    const drained = await target.act({ action: 'drain-node', node: 'HV03' });
    expect(drained.ok && drained.value.changed).toBe(true);
    advance(120_000);
    const seen = await target.observe();
    if (!seen.ok) throw new Error(seen.error.message);
    expect(seen.value.nodes[2]).toMatchObject({ state: 'Paused', drain: 'Completed' });
    expect(seen.value.vms.filter((v) => v.owner === 'HV03')).toEqual([]);
    const resumed = await target.act({ action: 'resume-node', node: 'HV03', failback: 'immediate' });
    expect(resumed.ok && resumed.value.changed).toBe(true);
  });

  it('keeps boot times across a live migration', async () => {
    const { target, advance } = twins();
    const before = await target.observe();
    if (!before.ok) throw new Error(before.error.message);
    const vm = before.value.vms[0]!;
    const to = vm.owner === 'HV02' ? 'HV03' : 'HV02';
    const moved = await target.act({ action: 'move-vm', vm: vm.name, to, type: 'live' });
    expect(moved.ok).toBe(true);
    advance(60_000);
    const after = await target.observe();
    if (!after.ok) throw new Error(after.error.message);
    const same = after.value.vms.find((v) => v.name === vm.name)!;
    expect(same.owner).toBe(to);
    expect(same.bootTime).toBe(vm.bootTime);
  });

  it('refuses names that are not in the inventory before sending anything', async () => {
    const dir = scratch();
    const log = join(dir, 'requests.log');
    const { target } = twins({ FAKE_PWSH_REQUEST_LOG: log });
    const outcome = await target.inject({ fault: 'crash-cluster-service', node: 'HV99' });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'unknown-name' } });
    const vm = await target.act({ action: 'move-vm', vm: 'VM9999', to: 'HV01', type: 'live' });
    expect(vm).toMatchObject({ ok: false, error: { code: 'unknown-name' } });
    const nic = await target.inject({ fault: 'fail-nic', node: 'HV01', nic: 'NIC9' });
    expect(nic).toMatchObject({ ok: false, error: { code: 'unknown-name' } });
    const ops = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l).op);
    expect(ops).toEqual(['hello', 'connect', 'inventory']);
  });

  it('refuses simulator-only faults and destructive faults on a target not marked lab', async () => {
    const { target } = twins();
    expect(await target.inject({ fault: 'power-off-node', node: 'HV01' })).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(await target.inject({ fault: 'freeze-vm', vm: 'VM0001', forMs: 1_000 })).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(await target.undo({ undo: 'thaw-vm', vm: 'VM0001' })).toMatchObject({ ok: false, error: { code: 'refused' } });
    const clock = new VirtualClock();
    const notLab = fakeTarget(clock, {}, {}, { lab: false });
    open.push(notLab);
    const refused = await notLab.inject({ fault: 'crash-cluster-service', node: 'HV01' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'refused' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/lab: true/);
  });
});
