// Live migration (no restart, memory x 8 / bandwidth + setup, at most `liveMigration.concurrent`
// at once per source node) and quick migration (saved, moved, resumed).
import type { DrainPurpose, QueuedMigration } from './model.js';
import { failOver } from './failover.js';
import { canHost, hasBug, jittered, leastLoadedNode, nodeOf, reachesCluster, setOwner, vmOf, type Sim } from './sim.js';
import { refreshVm } from './vm-view.js';
import { drainProgressed } from './drain.js';

/**
 * Per source node, [I]: Hyper-V limits simultaneous live migrations per host, and the cluster's
 * `liveMigration.concurrent` is read as that per-host limit.
 */
export function queueLiveMigration(sim: Sim, from: number, migration: QueuedMigration): void {
  nodeOf(sim, from).migrationQueue.push(migration);
  pumpMigrations(sim, from);
}

/** Starts queued migrations of a node while it has free slots. */
export function pumpMigrations(sim: Sim, from: number): void {
  const node = nodeOf(sim, from);
  while (node.migrationsInFlight < sim.config.cluster.liveMigrationConcurrent && node.migrationQueue.length > 0) {
    startLiveMigration(sim, from, node.migrationQueue.shift()!);
  }
}

/** Transfer time of a live migration: memory in bits over the bandwidth, plus a fixed setup. */
export function liveMigrationMs(sim: Sim, memoryBytes: number): number {
  return (memoryBytes * 8 * 1000) / sim.config.cluster.liveMigrationBandwidthBps + sim.config.behaviour.liveMigrationSetupMs;
}

function startLiveMigration(sim: Sim, from: number, m: QueuedMigration): void {
  const vm = vmOf(sim, m.vm);
  if (vm.owner !== from || vm.power !== 'running' || vm.migratingTo !== undefined) return;
  const to = m.to ?? leastLoadedNode(sim, from);
  if (to === undefined || to === from || !canHost(sim, to)) {
    sim.events.emit('migration-failed', `${vm.name} cannot be live migrated: no Up node can take it`, {
      vm: vm.name,
      node: nodeOf(sim, from).name,
    });
    return;
  }
  vm.migratingTo = to;
  sim.inbound[to]!++;
  nodeOf(sim, from).migrationsInFlight++;
  const ms = jittered(sim, liveMigrationMs(sim, vm.memoryBytes));
  sim.agenda.schedule({ kind: 'live-migration-complete', vm: m.vm, generation: vm.generation, from, purpose: m.purpose }, ms);
  sim.events.emit('migration-started', `${vm.name} live migrating from ${nodeOf(sim, from).name} to ${nodeOf(sim, to).name}`, {
    vm: vm.name,
    node: nodeOf(sim, from).name,
  });
}

/** A live migration ends: the VM changes owner without restarting, unless either end was lost. */
export function liveMigrationComplete(sim: Sim, v: number, generation: number, from: number, purpose: DrainPurpose | 'move'): void {
  const vm = vmOf(sim, v);
  const to = vm.migratingTo;
  nodeOf(sim, from).migrationsInFlight--;
  if (to !== undefined) sim.inbound[to]!--;
  vm.migratingTo = undefined;
  const intact = vm.generation === generation && vm.owner === from && vm.power === 'running';
  if (to !== undefined && intact && reachesCluster(sim, nodeOf(sim, from)) && canHost(sim, to) && purpose !== 'move' && hasBug(sim, 'drain-restarts-vms')) {
    // Bug `drain-restarts-vms`: same queue and timing as the live migration, but the VM is moved by
    // failover: turned Off and restarted on the destination (a new boot time).
    sim.events.emit('drain-by-restart', `${vm.name} moved off ${nodeOf(sim, from).name} by restart, not live migration`, { vm: vm.name });
    failOver(sim, v, from, to);
  } else if (to !== undefined && intact && reachesCluster(sim, nodeOf(sim, from)) && canHost(sim, to)) {
    setOwner(sim, v, to);
    vm.generation++;
    sim.events.emit('migration-completed', `${vm.name} live migrated to ${nodeOf(sim, to).name}`, {
      vm: vm.name,
      node: nodeOf(sim, to).name,
    });
    refreshVm(sim, v);
  } else {
    sim.events.emit('migration-failed', `live migration of ${vm.name} failed; it stays on ${nodeOf(sim, vm.owner).name}`, {
      vm: vm.name,
      node: nodeOf(sim, vm.owner).name,
    });
  }
  pumpMigrations(sim, from);
  if (purpose !== 'move') drainProgressed(sim, from);
}

/** Quick migration: the VM is Saved, moved and resumed (its guest does not reboot). */
export function startQuickMigration(sim: Sim, v: number, to: number): void {
  const vm = vmOf(sim, v);
  vm.generation++;
  vm.power = 'saved';
  vm.group = 'Pending';
  sim.agenda.schedule({ kind: 'quick-migration-complete', vm: v, generation: vm.generation, to }, jittered(sim, sim.config.behaviour.quickMigrationMs));
  sim.events.emit('quick-migration-started', `${vm.name} saved for a quick migration to ${nodeOf(sim, to).name}`, { vm: vm.name });
  refreshVm(sim, v);
}

/** Quick migration ends: resumed on the destination, or on its source if the destination was lost ([I]). */
export function quickMigrationComplete(sim: Sim, v: number, generation: number, to: number): void {
  const vm = vmOf(sim, v);
  if (vm.generation !== generation || vm.power !== 'saved') return;
  if (canHost(sim, to)) setOwner(sim, v, to);
  vm.power = 'running';
  vm.group = 'Online';
  vm.generation++;
  sim.events.emit('quick-migration-completed', `${vm.name} resumed on ${nodeOf(sim, vm.owner).name}`, { vm: vm.name });
  refreshVm(sim, v);
}
