// Properties over random fault sequences: invariants that must hold at every instant, determinism,
// export/import continuity, and recovery once every fault is undone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quarantineCap } from '../../../src/targets/simulated/quarantine.js';
import type { ClusterModel } from '../../../src/targets/simulated/model.js';
import type { SimulatorState } from '../../../src/targets/simulated/simulator-state.js';
import { createSimulatedTarget, type SimulatedTarget } from '../../../src/targets/simulated/simulated-target.js';
import type { BugProfile, SimulatedTargetConfig } from '../../../src/targets/target-config.js';
import { VirtualClock } from '../../../src/time/virtual-clock.js';
import { configWith, s } from './harness.js';
import { crashHeavyArbitrary, scriptArbitrary, type TimedOp } from './random-ops.js';

const fourNodes = configWith({ behaviour: { jitter: 0.1 } });
const eightNodes = configWith({ behaviour: { jitter: 0.1 }, rest: { nodes: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8'] } });
const vmCount = 38;

/** Fails the property with a reason. */
function fail(reason: string): never {
  throw new Error(reason);
}

/** Applies one op; outcomes are ignored (refusals are legitimate), only throwing is a failure. */
async function apply(target: SimulatedTarget, { op }: TimedOp): Promise<void> {
  if (op.kind === 'fault') await target.inject(op.fault);
  else if (op.kind === 'action') await target.act(op.action);
  else if (op.kind === 'undo') await target.undo(op.undo);
  else await target.restore();
}

/** Runs a script on a fresh cluster, checking the invariants after every batch. */
async function runChecked(config: SimulatedTargetConfig, script: readonly TimedOp[], seed = 1): Promise<SimulatedTarget> {
  const clock = new VirtualClock();
  const target = createSimulatedTarget(config, clock, { seed });
  const cap = Math.max(1, Math.floor(config.cluster.quarantineCapFraction * config.nodes.length));
  const bootTimes = new Map<string, number | undefined>();
  const check = (state: { model: Readonly<ClusterModel> } = { model: target.peek() }) => {
    const snapshot = target.snapshot();
    // Exactly one owner, which is a node of the cluster; every VM present once. (Plain checks, not
    // expect(): they run after every batch of every generated script.)
    if (new Set(snapshot.vms.map((v) => v.name)).size !== vmCount) fail('a VM is missing or listed twice');
    for (const vm of snapshot.vms) if (!config.nodes.includes(vm.owner)) fail(`${vm.name} owned by unknown ${vm.owner}`);
    // A running VM's owner is powered and a node that can run it: in the cluster, or isolated (resiliency).
    for (const vm of state.model.vms) {
      if (vm.power !== 'running') continue;
      const owner = state.model.nodes[vm.owner]!;
      if (!owner.powered) fail(`${vm.name} running on powered-off ${owner.name}`);
      if (owner.state === 'Down' && !owner.isolated) fail(`${vm.name} running on Down ${owner.name}`);
    }
    // Only block-storage VMs lose their volumes; Unmonitored only on an isolated node; an isolated
    // node is out of membership; live migrations stay within the per-host concurrency.
    for (const vm of snapshot.vms) {
      const model = state.model.vms.find((v) => v.name === vm.name)!;
      if (model.storage === 'smb' && model.shown.state === 'PausedCritical') fail(`${vm.name} (smb) PausedCritical`);
      if (!vm.monitored && !state.model.nodes[model.owner]!.isolated) fail(`${vm.name} Unmonitored on a node that is not isolated`);
    }
    for (const node of state.model.nodes) {
      if (node.isolated && node.state !== 'Down' && node.state !== 'Joining') fail(`${node.name} isolated but ${node.state}`);
      if (node.migrationsInFlight < 0 || node.migrationsInFlight > config.cluster.liveMigrationConcurrent) fail(`${node.name} has ${node.migrationsInFlight} migrations in flight`);
    }
    const quarantined = snapshot.nodes.filter((n) => n.quarantined).length;
    if (quarantined > cap) fail(`${quarantined} nodes quarantined, cap ${cap}`);
  };
  target.watch((batch) => {
    const state = { model: target.peek() };
    check(state);
    for (const e of batch.events) {
      if (e.kind !== 'migration-completed' || !e.vm) continue;
      const vm = state.model.vms.find((v) => v.name === e.vm)!;
      if (vm.bootTime !== bootTimes.get(e.vm)) fail(`${e.vm} boot time changed by a live migration`);
    }
    for (const vm of state.model.vms) bootTimes.set(vm.name, vm.bootTime);
  });
  for (const vm of target.peek().vms) bootTimes.set(vm.name, vm.bootTime);
  let t = 0;
  for (const step of script) {
    t += step.gapMs;
    clock.advanceTo(t);
    await apply(target, step);
  }
  clock.advanceTo(t + s(3 * 3600));
  check();
  return target;
}

describe('invariants over random fault sequences', () => {
  it('hold on a 4-node cluster (cap 1), crash-heavy', async () => {
    await fc.assert(
      fc.asyncProperty(crashHeavyArbitrary(fourNodes.nodes.slice(0, 3), vmCount), async (script) => {
        await runChecked(fourNodes, script);
      }),
      { numRuns: 150 },
    );
  });

  it('hold at every instant on a 4-node cluster (cap 1), with or without bugs', async () => {
    const bugs = fc.subarray<BugProfile>(['quarantine-skips-drain', 'drain-restarts-vms', 'no-isolation', 'frozen-after-isolation', 'quarantine-never-clears'], { maxLength: 2 });
    await fc.assert(
      fc.asyncProperty(scriptArbitrary(fourNodes.nodes, vmCount), bugs, async (script, bugList) => {
        await runChecked({ ...fourNodes, bugs: bugList }, script);
      }),
      { numRuns: 300 },
    );
  });

  it('hold on an 8-node cluster (cap 2), crash-heavy', async () => {
    await fc.assert(
      fc.asyncProperty(crashHeavyArbitrary(eightNodes.nodes.slice(0, 4), vmCount), async (script) => {
        await runChecked(eightNodes, script);
      }),
      { numRuns: 150 },
    );
  });

  it('quarantine cap is floor(25 %) and at least one', () => {
    const sizes = [2, 3, 4, 5, 8, 12, 64];
    const caps = sizes.map((n) => quarantineCap({ config: { cluster: { quarantineCapFraction: 0.25 } }, model: { nodes: new Array(n) } } as never));
    expect(caps).toEqual([1, 1, 1, 1, 2, 3, 16]);
  });

  it('are deterministic: the same seed and script give the same event log, byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(scriptArbitrary(fourNodes.nodes, vmCount), fc.integer({ min: 0, max: 1000 }), async (script, seed) => {
        const a = await runChecked(fourNodes, script, seed);
        const b = await runChecked(fourNodes, script, seed);
        expect(JSON.stringify(b.events())).toBe(JSON.stringify(a.events()));
      }),
      { numRuns: 100 },
    );
  });

  it('recover once every fault is undone: all nodes Up and Normal, all VMs Running', async () => {
    await fc.assert(
      fc.asyncProperty(scriptArbitrary(fourNodes.nodes, vmCount), async (script) => {
        const clock = new VirtualClock();
        const target = createSimulatedTarget(fourNodes, clock);
        let t = 0;
        for (const step of script) {
          t += step.gapMs;
          clock.advanceTo(t);
          await apply(target, step);
        }
        clock.advanceTo((t += s(600)));
        await target.restore();
        for (const node of fourNodes.nodes) await target.act({ action: 'resume-node', node, failback: 'none' });
        clock.advanceTo((t += s(3 * 3600)));
        const snapshot = target.snapshot();
        expect(snapshot.nodes.map((n) => [n.name, n.state, n.isolated, n.quarantined])).toEqual(fourNodes.nodes.map((n) => [n, 'Up', false, false]));
        expect(snapshot.vms.filter((v) => v.state !== 'Running' || v.heartbeat !== 'Ok' || !v.monitored)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('export and import carry on exactly where the run was', async () => {
    await fc.assert(
      fc.asyncProperty(scriptArbitrary(fourNodes.nodes, vmCount), fc.nat(), async (script, cutAt) => {
        const cut = cutAt % script.length;
        const straight = await runChecked(fourNodes, script, 5);
        // The same script, exported at `cut` into JSON and continued by a new target on a new clock.
        let clock = new VirtualClock();
        let target = createSimulatedTarget(fourNodes, clock, { seed: 5 });
        let t = 0;
        for (let i = 0; i < script.length; i++) {
          const step = script[i]!;
          t += step.gapMs;
          clock.advanceTo(t);
          if (i === cut) {
            const saved = JSON.parse(JSON.stringify(target.exportState())) as SimulatorState;
            await target.close();
            clock = new VirtualClock(saved.now);
            target = createSimulatedTarget(fourNodes, clock);
            target.importState(saved);
          }
          await apply(target, step);
        }
        clock.advanceTo(t + s(3 * 3600));
        expect(JSON.stringify(target.events())).toBe(JSON.stringify(straight.events()));
      }),
      { numRuns: 100 },
    );
  });
});
