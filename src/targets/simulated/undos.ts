// The undos of the faults: idempotent, so a rollback or `drill cleanup` may replay them freely.
import type { Outcome } from '../../errors/drill-error.js';
import type { Effect, Undo } from '../target.js';
import { changed, findNode, findVm, unchanged, unknownName } from './effects.js';
import { cancelStop, connectivityChanged, startService } from './membership.js';
import { jittered, nodeEvent, nodeOf, vmOf, type Sim } from './sim.js';
import { refreshNodeVms, refreshVm } from './vm-view.js';

/** Applies one undo. */
export function applyUndo(sim: Sim, undo: Undo): Outcome<Effect> {
  if (undo.undo === 'thaw-vm') return thawVm(sim, undo.vm);
  const found = findNode(sim, undo.node);
  if ('error' in found) return found.error;
  switch (undo.undo) {
    case 'start-cluster-service':
      return startClusterService(sim, found.n);
    case 'lift-partition':
      return liftPartition(sim, found.n);
    case 'enable-nic':
      return enableNic(sim, found.n, undo.nic);
    case 'power-on-node':
      return powerOn(sim, found.n);
    case 'restore-storage':
      return restoreStorage(sim, found.n);
  }
}

/** Starts the cluster service (also cancels a clean stop still draining). */
export function startClusterService(sim: Sim, n: number): Outcome<Effect> {
  const node = nodeOf(sim, n);
  if (!node.powered) return unchanged(`${node.name} is powered off: its cluster service starts when it is powered on`);
  if (node.drainPurpose === 'stop') {
    cancelStop(sim, n);
    return changed(`${node.name} cluster service stop cancelled`);
  }
  if (node.service === 'running') return unchanged(`${node.name} cluster service is already running`);
  startService(sim, n, 'operator');
  return changed(`${node.name} cluster service started`);
}

/** Lifts a partition now. */
export function liftPartition(sim: Sim, n: number): Outcome<Effect> {
  const node = nodeOf(sim, n);
  sim.agenda.cancel(node.timers.partition);
  node.timers.partition = undefined;
  if (!node.partitioned) return unchanged(`${node.name} is not partitioned`);
  node.partitioned = false;
  nodeEvent(sim, n, 'partition-lifted', `${node.name} cluster traffic restored`);
  connectivityChanged(sim, n);
  return changed(`${node.name} partition lifted`);
}

/** Enables an adapter again. */
export function enableNic(sim: Sim, n: number, nic: string): Outcome<Effect> {
  const node = nodeOf(sim, n);
  if (!sim.config.networks.some((net) => net.nics.includes(nic))) return unknownName(`${node.name} has no adapter named ${JSON.stringify(nic)}`);
  sim.agenda.cancel(node.timers.nics[nic]);
  delete node.timers.nics[nic];
  if (!node.failedNics.includes(nic)) return unchanged(`${node.name} ${nic} is already enabled`);
  node.failedNics = node.failedNics.filter((x) => x !== nic);
  nodeEvent(sim, n, 'nic-restored', `${node.name} ${nic} enabled`);
  connectivityChanged(sim, n);
  return changed(`${node.name} ${nic} enabled`);
}

/** Point 10: the node boots for `powerOnBoot`, then its service starts and it joins. */
export function powerOn(sim: Sim, n: number): Outcome<Effect> {
  const node = nodeOf(sim, n);
  if (node.powered) return unchanged(`${node.name} is already powered on`);
  if (node.booting) return unchanged(`${node.name} is already booting`);
  node.booting = true;
  node.timers.boot = sim.agenda.schedule({ kind: 'boot-complete', node: n }, jittered(sim, sim.config.behaviour.powerOnBootMs));
  nodeEvent(sim, n, 'node-booting', `${node.name} powered on, booting`);
  return changed(`${node.name} powered on; it boots, then joins`);
}

/** Boot finished: the machine answers again and its cluster service starts (automatic start). */
export function bootComplete(sim: Sim, n: number): void {
  const node = nodeOf(sim, n);
  node.timers.boot = undefined;
  node.booting = false;
  node.powered = true;
  node.service = 'running';
  nodeEvent(sim, n, 'node-powered-on', `${node.name} booted; cluster service starting`);
  connectivityChanged(sim, n);
}

/** The node's path to cluster shared volumes is back: paused csv VMs resume. */
export function restoreStorage(sim: Sim, n: number): Outcome<Effect> {
  const node = nodeOf(sim, n);
  sim.agenda.cancel(node.timers.storage);
  node.timers.storage = undefined;
  if (!node.storageLost) return unchanged(`${node.name} storage path is not lost`);
  node.storageLost = false;
  nodeEvent(sim, n, 'storage-restored', `${node.name} path to cluster shared volumes restored`);
  refreshNodeVms(sim, n);
  return changed(`${node.name} storage restored`);
}

/** The VM answers again. */
export function thawVm(sim: Sim, name: string): Outcome<Effect> {
  const found = findVm(sim, name);
  if ('error' in found) return found.error;
  const vm = vmOf(sim, found.v);
  sim.agenda.cancel(vm.thawTimer);
  vm.thawTimer = undefined;
  if (!vm.frozen) return unchanged(`${vm.name} is not frozen`);
  vm.frozen = false;
  sim.events.emit('vm-thawed', `${vm.name} answers again`, { vm: vm.name });
  refreshVm(sim, found.v);
  return changed(`${vm.name} thawed`);
}
