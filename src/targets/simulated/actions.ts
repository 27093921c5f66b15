// The actions of the contract (SIMULATOR.md points 5, 6, 7, 10, 13) and `restore`.
import type { Outcome } from '../../errors/drill-error.js';
import type { Action, Effect } from '../target.js';
import { cancelDrain, startDrain } from './drain.js';
import { changed, findNode, findVm, refused, unchanged, unknownName } from './effects.js';
import { placeWaiting } from './failover.js';
import { queueLiveMigration, startQuickMigration } from './migration.js';
import { liftQuarantine } from './quarantine.js';
import { canHost, hasBug, nodeEvent, nodeOf, reachesCluster, vmOf, type Sim } from './sim.js';
import { applyUndo, powerOn, startClusterService } from './undos.js';

/** Carries out one action. `restore` is accepted too (it is in the catalogue, not in the Action type). */
export function performAction(sim: Sim, action: Action | { readonly action: 'restore' }): Outcome<Effect> {
  if (action.action === 'restore') return restoreAll(sim);
  if (action.action === 'move-vm') return moveVm(sim, action.vm, action.to, action.type);
  const found = findNode(sim, action.node);
  if ('error' in found) return found.error;
  const n = found.n;
  switch (action.action) {
    case 'clear-quarantine':
      return clearQuarantine(sim, n);
    case 'start-cluster-service':
      return startClusterService(sim, n);
    case 'drain-node':
      return drainNode(sim, n);
    case 'resume-node':
      return resumeNode(sim, n, action.failback);
    case 'power-on-node':
      return powerOn(sim, n);
    default:
      return unknownName(`unknown action ${JSON.stringify((action as { action: unknown }).action)}`);
  }
}

/** Point 5: Start-ClusterNode -ClearQuarantine. Bug `quarantine-never-clears`: accepted, no effect. */
function clearQuarantine(sim: Sim, n: number): Outcome<Effect> {
  const node = nodeOf(sim, n);
  if (!node.quarantined) return unchanged(`${node.name} is not quarantined`);
  if (hasBug(sim, 'quarantine-never-clears')) {
    nodeEvent(sim, n, 'quarantine-clear-requested', `${node.name} clear-quarantine accepted`);
    return changed(`${node.name} clear-quarantine accepted`);
  }
  liftQuarantine(sim, n, 'cleared');
  return changed(`${node.name} quarantine cleared; it joins`);
}

/** Point 7: Suspend-ClusterNode -Drain: Paused + DrainInProgress, VMs live migrated. */
function drainNode(sim: Sim, n: number): Outcome<Effect> {
  const node = nodeOf(sim, n);
  if (node.state === 'Paused') return unchanged(`${node.name} is already paused`);
  if (node.state !== 'Up' || !reachesCluster(sim, node)) return refused(`${node.name} is ${node.state}: only an Up node can be drained`);
  if (node.quarantined) return refused(`${node.name} is quarantined`);
  node.state = 'Paused';
  nodeEvent(sim, n, 'node-state', `${node.name} is Paused`);
  startDrain(sim, n, 'drain');
  return changed(`${node.name} paused; draining`);
}

/** Point 7: Resume-ClusterNode; with immediate failback its drained VMs are live migrated back. */
function resumeNode(sim: Sim, n: number, failback: 'immediate' | 'none'): Outcome<Effect> {
  const node = nodeOf(sim, n);
  if (node.state !== 'Paused') return unchanged(`${node.name} is not paused`);
  if (node.drainPurpose === 'stop') return refused(`${node.name} is stopping its cluster service`);
  const drained = node.drainedVms;
  cancelDrain(sim, n);
  node.drainedVms = [];
  node.state = 'Up';
  nodeEvent(sim, n, 'node-state', `${node.name} is Up (resumed)`);
  if (failback === 'immediate') {
    for (const v of drained) {
      const vm = vmOf(sim, v);
      if (vm.owner !== n && vm.power === 'running' && reachesCluster(sim, nodeOf(sim, vm.owner))) {
        queueLiveMigration(sim, vm.owner, { vm: v, to: n, purpose: 'move' });
      }
    }
  }
  placeWaiting(sim);
  return changed(`${node.name} resumed${failback === 'immediate' ? ' with immediate failback' : ''}`);
}

/** Point 13: Move-ClusterVirtualMachineRole, live (no restart) or quick (saved, moved, resumed). */
function moveVm(sim: Sim, vmName: string, toName: string, type: 'live' | 'quick'): Outcome<Effect> {
  const foundVm = findVm(sim, vmName);
  if ('error' in foundVm) return foundVm.error;
  const foundNode = findNode(sim, toName);
  if ('error' in foundNode) return foundNode.error;
  const v = foundVm.v;
  const to = foundNode.n;
  const vm = vmOf(sim, v);
  if (vm.owner === to) return unchanged(`${vm.name} is already on ${toName}`);
  if (!canHost(sim, to)) return refused(`${toName} cannot take VMs now`);
  if (vm.power !== 'running' || vm.migratingTo !== undefined) return refused(`${vm.name} is not running or already moving`);
  if (!reachesCluster(sim, nodeOf(sim, vm.owner))) return refused(`${vm.name}'s host ${nodeOf(sim, vm.owner).name} is not in the cluster`);
  if (type === 'quick') startQuickMigration(sim, v, to);
  else queueLiveMigration(sim, vm.owner, { vm: v, to, purpose: 'move' });
  return changed(`${vm.name} ${type} migration to ${toName} started`);
}

/** Undoes every fault still in effect: power first, then services, network, storage, VMs. */
export function restoreAll(sim: Sim): Outcome<Effect> {
  const messages: string[] = [];
  let any = false;
  const apply = (outcome: Outcome<Effect>) => {
    if (outcome.ok && outcome.value.changed) {
      any = true;
      messages.push(outcome.value.message);
    }
  };
  sim.model.nodes.forEach((node) => {
    if (!node.powered && !node.booting) apply(applyUndo(sim, { undo: 'power-on-node', node: node.name }));
  });
  sim.model.nodes.forEach((node) => {
    if (node.service !== 'running' || node.drainPurpose === 'stop') apply(applyUndo(sim, { undo: 'start-cluster-service', node: node.name }));
    if (node.partitioned) apply(applyUndo(sim, { undo: 'lift-partition', node: node.name }));
    for (const nic of [...node.failedNics]) apply(applyUndo(sim, { undo: 'enable-nic', node: node.name, nic }));
    if (node.storageLost) apply(applyUndo(sim, { undo: 'restore-storage', node: node.name }));
  });
  sim.model.vms.forEach((vm) => {
    if (vm.frozen) apply(applyUndo(sim, { undo: 'thaw-vm', vm: vm.name }));
  });
  return any ? changed(messages.join('; ')) : unchanged('no fault is in effect');
}
