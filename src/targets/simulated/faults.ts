// The faults of the contract, injected into the model (SIMULATOR.md points 1, 6, 8-12).
import type { Outcome } from '../../errors/drill-error.js';
import type { Effect, Fault } from '../target.js';
import { startDrain, stopService } from './drain.js';
import { changed, findNode, findVm, refused, unchanged, unknownName } from './effects.js';
import { connectivityChanged } from './membership.js';
import { jittered, nodeEvent, nodeOf, vmOf, vmsOn, type Sim } from './sim.js';
import { refreshNodeVms, refreshVm } from './vm-view.js';

/** Injects one fault; names are checked here too, since a journal replay may carry stale ones. */
export function injectFault(sim: Sim, fault: Fault): Outcome<Effect> {
  if (fault.fault === 'freeze-vm') return freezeVm(sim, fault.vm, fault.forMs);
  const found = findNode(sim, fault.node);
  if ('error' in found) return found.error;
  const n = found.n;
  const node = nodeOf(sim, n);
  if (fault.fault === 'power-off-node') return powerOff(sim, n);
  if (!node.powered) return refused(`${node.name} is powered off`);
  switch (fault.fault) {
    case 'crash-cluster-service':
      return crashService(sim, n);
    case 'stop-cluster-service':
      return stopClusterService(sim, n);
    case 'partition-node':
      return partition(sim, n, fault.forMs);
    case 'fail-nic':
      return failNic(sim, n, fault.nic, fault.forMs);
    case 'lose-storage':
      return loseStorage(sim, n, fault.forMs);
  }
}

/** Point 1: the service dies; the service manager restarts it after `serviceRestart` (or never). */
function crashService(sim: Sim, n: number): Outcome<Effect> {
  const node = nodeOf(sim, n);
  if (node.service !== 'running') return unchanged(`${node.name} cluster service is not running`);
  node.service = 'crashed';
  if (node.drainPurpose === 'stop') node.drainPurpose = undefined;
  nodeEvent(sim, n, 'service-crashed', `${node.name} cluster service crashed`);
  const restart = sim.config.behaviour.serviceRestartMs;
  if (restart !== undefined) node.timers.restart = sim.agenda.schedule({ kind: 'service-restart', node: n }, jittered(sim, restart));
  connectivityChanged(sim, n);
  return changed(`${node.name} cluster service crashed`);
}

/** Point 6: a clean stop drains the node by live migration first, then the node is Down; no isolation. */
function stopClusterService(sim: Sim, n: number): Outcome<Effect> {
  const node = nodeOf(sim, n);
  if (node.service !== 'running') return unchanged(`${node.name} cluster service is not running`);
  if (node.drainPurpose === 'stop') return unchanged(`${node.name} cluster service is already stopping`);
  const member = node.state === 'Up' || node.state === 'Paused';
  if (!member || sim.owned[n]!.size === 0) {
    if (node.state === 'Joining') sim.agenda.cancel(node.timers.join);
    node.timers.join = undefined;
    stopService(sim, n);
    return changed(`${node.name} cluster service stopped`);
  }
  // [I] While its roles drain the node shows Paused + DrainInProgress, as Stop-ClusterNode pauses it first.
  if (node.state === 'Up') {
    node.state = 'Paused';
    nodeEvent(sim, n, 'node-state', `${node.name} is Paused (stopping: roles drain first)`);
  }
  startDrain(sim, n, 'stop');
  return changed(`${node.name} cluster service stopping: its VMs are drained first`);
}

/** Point 8: cluster traffic blocked for `forMs`; the node still answers on its management network. */
function partition(sim: Sim, n: number, forMs: number): Outcome<Effect> {
  const node = nodeOf(sim, n);
  if (node.partitioned) return unchanged(`${node.name} is already partitioned`);
  node.partitioned = true;
  node.timers.partition = sim.agenda.schedule({ kind: 'lift-partition', node: n }, forMs);
  nodeEvent(sim, n, 'partition-started', `${node.name} cluster traffic (3343) blocked`);
  connectivityChanged(sim, n);
  return changed(`${node.name} partitioned for ${forMs} ms`);
}

/** Point 9: one adapter fails; only a node with no working path left is cut off. */
function failNic(sim: Sim, n: number, nic: string, forMs: number | undefined): Outcome<Effect> {
  const node = nodeOf(sim, n);
  if (!sim.config.networks.some((net) => net.nics.includes(nic))) return unknownName(`${node.name} has no adapter named ${JSON.stringify(nic)}`);
  if (node.failedNics.includes(nic)) return unchanged(`${node.name} ${nic} is already disabled`);
  node.failedNics.push(nic);
  if (forMs !== undefined) node.timers.nics[nic] = sim.agenda.schedule({ kind: 'enable-nic', node: n, nic }, forMs);
  nodeEvent(sim, n, 'nic-failed', `${node.name} ${nic} disabled`);
  connectivityChanged(sim, n);
  return changed(`${node.name} ${nic} disabled`);
}

/** Point 10: the node and its VMs stop at once; the cluster sees only a missing node. */
function powerOff(sim: Sim, n: number): Outcome<Effect> {
  const node = nodeOf(sim, n);
  if (!node.powered && !node.booting) return unchanged(`${node.name} is already powered off`);
  node.powered = false;
  node.booting = false;
  for (const id of [node.timers.restart, node.timers.boot, node.timers.join]) sim.agenda.cancel(id);
  node.timers.restart = node.timers.boot = undefined;
  node.migrationQueue = [];
  for (const v of vmsOn(sim, n)) {
    const vm = vmOf(sim, v);
    vm.generation++;
    vm.power = 'off';
    vm.bootTime = undefined;
  }
  nodeEvent(sim, n, 'node-powered-off', `${node.name} lost power`);
  connectivityChanged(sim, n);
  return changed(`${node.name} powered off`);
}

/** Point 11: csv VMs of the node are PausedCritical at once; smb VMs are untouched. */
function loseStorage(sim: Sim, n: number, forMs: number): Outcome<Effect> {
  const node = nodeOf(sim, n);
  if (node.storageLost) return unchanged(`${node.name} has already lost its storage path`);
  node.storageLost = true;
  node.timers.storage = sim.agenda.schedule({ kind: 'restore-storage', node: n }, forMs);
  nodeEvent(sim, n, 'storage-lost', `${node.name} lost its path to cluster shared volumes`);
  refreshNodeVms(sim, n);
  return changed(`${node.name} lost storage for ${forMs} ms`);
}

/** Point 12: the VM still shows Running; its heartbeat is lost until it thaws. */
function freezeVm(sim: Sim, name: string, forMs: number): Outcome<Effect> {
  const found = findVm(sim, name);
  if ('error' in found) return found.error;
  const vm = vmOf(sim, found.v);
  if (vm.frozen) return unchanged(`${vm.name} is already frozen`);
  vm.frozen = true;
  vm.thawTimer = sim.agenda.schedule({ kind: 'thaw-vm', vm: found.v }, forMs);
  sim.events.emit('vm-frozen', `${vm.name} stopped answering`, { vm: vm.name });
  refreshVm(sim, found.v);
  return changed(`${vm.name} frozen for ${forMs} ms`);
}
