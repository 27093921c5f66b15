// The contract every target must pass (DESIGN.md "The port"): inventory, observe, each fault and its
// undo, each action, idempotent undos, unknown names refused. Run it against any target by giving a
// factory; time passes through the harness (virtual on the simulator, real on a lab cluster).
import { describe, expect, it } from 'vitest';
import { actionCatalogue, faultCatalogue, faultNames } from '../../src/targets/catalogue.js';
import { drainStatuses, groupStates, heartbeats, nodeStates, vmStates, type Inventory, type Snapshot } from '../../src/targets/cluster-state.js';
import { undoOf, type Fault, type Target } from '../../src/targets/target.js';
import type { Outcome } from '../../src/errors/drill-error.js';

export interface ContractHarness {
  readonly target: Target;
  /** Lets `ms` of the target's time pass. */
  pass(ms: number): Promise<void>;
}

export interface ContractOptions {
  /** How long the cluster may take to come back to every node Up after an undo (default 5 minutes). */
  readonly settleMs?: number;
  /** How long a live migration of one VM may take (default 2 minutes). */
  readonly migrationMs?: number;
}

/** Unwraps an ok outcome, failing the test with the target's message otherwise. */
export function value<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`target failed: ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}

/** The code of a failed outcome (undefined when it succeeded). */
const failureCode = (outcome: Outcome<unknown>): string | undefined => (outcome.ok ? undefined : outcome.error.code);

/** A fault of the given name aimed at the victim, with durations long enough to still be in effect at undo. */
function faultFor(name: string, inventory: Inventory, victim: string): Fault {
  const vm = inventory.vms.find((v) => v.owner === victim)!.name;
  const nic = inventory.nodes.find((n) => n.name === victim)!.networks[0]!.nics[0]!;
  const forMs = 3_600_000;
  switch (name) {
    case 'partition-node':
      return { fault: 'partition-node', node: victim, forMs };
    case 'fail-nic':
      return { fault: 'fail-nic', node: victim, nic, forMs };
    case 'lose-storage':
      return { fault: 'lose-storage', node: victim, forMs };
    case 'freeze-vm':
      return { fault: 'freeze-vm', vm, forMs };
    default:
      return { fault: name, node: victim } as Fault;
  }
}

/** Waits, in steps, until every node is observed Up (or the time is spent). */
async function settle(h: ContractHarness, ms: number): Promise<Snapshot> {
  const step = Math.max(1_000, Math.floor(ms / 60));
  let snapshot = value(await h.target.observe());
  for (let spent = 0; spent < ms && !snapshot.nodes.every((n) => n.state === 'Up'); spent += step) {
    await h.pass(step);
    snapshot = value(await h.target.observe());
  }
  return snapshot;
}

export function describeTargetContract(name: string, makeTarget: () => Promise<ContractHarness>, options: ContractOptions = {}): void {
  const settleMs = options.settleMs ?? 300_000;
  const migrationMs = options.migrationMs ?? 120_000;
  /** Runs a test on a fresh target, closing it afterwards. */
  const withTarget = (fn: (h: ContractHarness, inventory: Inventory) => Promise<void>) => async () => {
    const h = await makeTarget();
    try {
      await fn(h, value(await h.target.inventory()));
    } finally {
      await h.target.close();
    }
  };
  /** The node picked for injections: the last in inventory order that owns a VM. */
  const victimOf = (inventory: Inventory) => [...inventory.nodes].reverse().find((n) => inventory.vms.some((v) => v.owner === n.name))!.name;
  const otherThan = (inventory: Inventory, node: string) => inventory.nodes.find((n) => n.name !== node)!.name;

  describe(`target contract: ${name}`, () => {
    it('reads an inventory: named nodes with networks, VMs owned by those nodes, sane settings', withTarget(async (_h, inventory) => {
      const nodes = inventory.nodes.map((n) => n.name);
      expect(nodes.length).toBeGreaterThanOrEqual(2);
      expect(new Set(nodes).size).toBe(nodes.length);
      for (const node of inventory.nodes) {
        expect(node.networks.length).toBeGreaterThan(0);
        for (const net of node.networks) expect(net.nics.length).toBeGreaterThan(0);
      }
      expect(new Set(inventory.vms.map((v) => v.name)).size).toBe(inventory.vms.length);
      for (const vm of inventory.vms) {
        expect(nodes).toContain(vm.owner);
        expect(['csv', 'smb']).toContain(vm.storage);
        expect(vm.memoryBytes).toBeGreaterThan(0);
        expect(vm.resilient).toBe(Number.parseFloat(vm.configVersion) >= 8);
      }
      const c = inventory.cluster;
      expect(['AlwaysIsolate', 'IsolateOnSpecialHeartbeat']).toContain(c.resiliencyLevel);
      expect(c.heartbeatDelayMs * c.heartbeatThreshold).toBeGreaterThan(0);
      expect(c.quarantineThreshold).toBeGreaterThan(0);
      expect(c.liveMigrationConcurrent).toBeGreaterThan(0);
      expect(c.liveMigrationBandwidthBps).toBeGreaterThan(0);
    }));

    it('observes one consistent snapshot of every node and VM of the inventory', withTarget(async (h, inventory) => {
      const snapshot = value(await h.target.observe());
      expect(snapshot.nodes.map((n) => n.name)).toEqual(inventory.nodes.map((n) => n.name));
      expect([...snapshot.vms.map((v) => v.name)].sort()).toEqual([...inventory.vms.map((v) => v.name)].sort());
      for (const node of snapshot.nodes) {
        expect(nodeStates).toContain(node.state);
        expect(drainStatuses).toContain(node.drain);
        expect(typeof node.isolated).toBe('boolean');
        expect(typeof node.quarantined).toBe('boolean');
      }
      for (const vm of snapshot.vms) {
        expect(inventory.nodes.map((n) => n.name)).toContain(vm.owner);
        if (vm.state !== undefined) expect(vmStates).toContain(vm.state);
        if (vm.heartbeat !== undefined) expect(heartbeats).toContain(vm.heartbeat);
        expect(groupStates).toContain(vm.group);
      }
    }));

    for (const faultName of faultNames) {
      const entry = faultCatalogue[faultName];
      it(`${faultName}: injected with its undo, undone, undone again as a no-op, and the cluster recovers`, withTarget(async (h, inventory) => {
        if (!(entry.drivers as readonly string[]).includes(h.target.driver)) return;
        const fault = faultFor(faultName, inventory, victimOf(inventory));
        const injected = value(await h.target.inject(fault));
        expect(injected.undo).toEqual(undoOf(fault));
        expect(injected.effect.changed).toBe(true);
        expect(injected.effect.message.length).toBeGreaterThan(0);
        await h.pass(1_000);
        const undone = value(await h.target.undo(injected.undo));
        expect(undone.changed).toBe(true);
        const again = value(await h.target.undo(injected.undo));
        expect(again.changed).toBe(false);
        expect(again.message.length).toBeGreaterThan(0);
        const after = await settle(h, settleMs);
        expect(after.nodes.every((n) => n.state === 'Up')).toBe(true);
      }));
    }

    it('drain-node pauses the node and moves its VMs; resume-node makes it Up; resuming again is a no-op', withTarget(async (h, inventory) => {
      const victim = victimOf(inventory);
      expect(value(await h.target.act({ action: 'drain-node', node: victim })).changed).toBe(true);
      const count = inventory.vms.filter((v) => v.owner === victim).length;
      await h.pass(migrationMs * count);
      const drained = value(await h.target.observe());
      expect(drained.nodes.find((n) => n.name === victim)).toMatchObject({ state: 'Paused', drain: 'Completed' });
      expect(drained.vms.filter((v) => v.owner === victim)).toEqual([]);
      expect(value(await h.target.act({ action: 'resume-node', node: victim, failback: 'none' })).changed).toBe(true);
      expect(value(await h.target.act({ action: 'resume-node', node: victim, failback: 'none' })).changed).toBe(false);
      expect(value(await h.target.observe()).nodes.find((n) => n.name === victim)?.state).toBe('Up');
    }));

    for (const type of ['live', 'quick'] as const) {
      it(`move-vm ${type}: the VM ends on the destination, Running; moving it where it is is a no-op`, withTarget(async (h, inventory) => {
        const vm = inventory.vms[0]!;
        const to = otherThan(inventory, vm.owner);
        expect(value(await h.target.act({ action: 'move-vm', vm: vm.name, to, type })).changed).toBe(true);
        await h.pass(migrationMs);
        expect(value(await h.target.observe()).vms.find((v) => v.name === vm.name)).toMatchObject({ owner: to, state: 'Running' });
        expect(value(await h.target.act({ action: 'move-vm', vm: vm.name, to, type })).changed).toBe(false);
      }));
    }

    it('start-cluster-service, clear-quarantine and power-on-node on a healthy node are no-ops that say so', withTarget(async (h, inventory) => {
      const node = victimOf(inventory);
      const noOps = [
        { action: 'start-cluster-service', node } as const,
        { action: 'clear-quarantine', node } as const,
        ...((actionCatalogue['power-on-node'].drivers as readonly string[]).includes(h.target.driver) ? [{ action: 'power-on-node', node } as const] : []),
      ];
      for (const action of noOps) {
        const effect = value(await h.target.act(action));
        expect(effect.changed, action.action).toBe(false);
        expect(effect.message.length).toBeGreaterThan(0);
      }
    }));

    it('refuses names that are not in the inventory with unknown-name, changing nothing', withTarget(async (h, inventory) => {
      const before = value(await h.target.observe());
      const ghost = 'NO-SUCH-NODE-0';
      expect(failureCode(await h.target.inject({ fault: 'crash-cluster-service', node: ghost }))).toBe('unknown-name');
      expect(failureCode(await h.target.act({ action: 'drain-node', node: ghost }))).toBe('unknown-name');
      expect(failureCode(await h.target.act({ action: 'move-vm', vm: 'NO-SUCH-VM-0', to: inventory.nodes[0]!.name, type: 'live' }))).toBe('unknown-name');
      expect(failureCode(await h.target.undo({ undo: 'start-cluster-service', node: ghost }))).toBe('unknown-name');
      expect(failureCode(await h.target.inject({ fault: 'fail-nic', node: inventory.nodes[0]!.name, nic: 'NO-SUCH-NIC-0' }))).toBe('unknown-name');
      expect(failureCode(await h.target.inject({ fault: 'no-such-fault', node: inventory.nodes[0]!.name } as unknown as Fault))).toBe('unknown-name');
      const after = value(await h.target.observe());
      expect(after.nodes).toEqual(before.nodes);
    }));

    it('pushes changes to watchers, if it can, stamped with the target clock', withTarget(async (h, inventory) => {
      if (!h.target.watch) return;
      const batches: { at: number; kinds: string[] }[] = [];
      const stop = h.target.watch((b) => batches.push({ at: b.at, kinds: b.events.map((e) => e.kind) }));
      value(await h.target.act({ action: 'drain-node', node: victimOf(inventory) }));
      await h.pass(1_000);
      stop();
      expect(batches.length).toBeGreaterThan(0);
      expect(batches.every((b, i) => i === 0 || b.at > batches[i - 1]!.at)).toBe(true);
    }));
  });
}
