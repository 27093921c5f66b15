// Draining a node: its VMs leave by live migration (with bug `drain-restarts-vms` each is restarted
// on its destination instead, see migration.ts), then the drain completes and the node ends as its purpose says (quarantine, clean stop, operator drain).
import type { DrainPurpose } from './model.js';
import { failOver } from './failover.js';
import { queueLiveMigration } from './migration.js';
import { nodeEvent, nodeOf, vmOf, vmsOn, type Sim } from './sim.js';
import { refreshNodeVms } from './vm-view.js';
import { connectivityChanged } from './membership.js';

/** Starts draining a node: DrainInProgress, every VM queued for live migration. */
export function startDrain(sim: Sim, n: number, purpose: DrainPurpose): void {
  const node = nodeOf(sim, n);
  node.drain = 'InProgress';
  node.drainPurpose = purpose;
  const vms = vmsOn(sim, n);
  node.drainedVms = purpose === 'drain' ? vms : [];
  nodeEvent(sim, n, 'drain-started', `${node.name} drain started (${vms.length} VMs, ${purpose})`);
  for (const v of vms) {
    if (vmOf(sim, v).power === 'running') queueLiveMigration(sim, n, { vm: v, to: undefined, purpose });
  }
  drainProgressed(sim, n);
}

/** Checks whether a drain is over: no migration queued or in flight. Completed if no VM is left. */
export function drainProgressed(sim: Sim, n: number): void {
  const node = nodeOf(sim, n);
  if (node.drain !== 'InProgress' || node.migrationQueue.length > 0 || node.migrationsInFlight > 0) return;
  const purpose = node.drainPurpose;
  if (sim.owned[n]!.size === 0) {
    node.drain = 'Completed';
    nodeEvent(sim, n, 'drain-completed', `${node.name} drain completed`);
  } else {
    node.drain = 'Failed';
    nodeEvent(sim, n, 'drain-failed', `${node.name} drain failed: ${sim.owned[n]!.size} VMs could not be moved (1677)`);
  }
  // [I] A quarantine drain that failed leaves the node Up + Quarantined + DrainFailed with what is left.
  if (purpose === 'quarantine' && node.drain === 'Completed' && node.state === 'Up') {
    node.state = 'Down';
    nodeEvent(sim, n, 'node-state', `${node.name} is Down (quarantined, drained)`);
  }
  if (purpose === 'stop') stopService(sim, n);
}

/** The clean stop's last step: the service stops, the node is Down; VMs left behind fail over ([I]). */
export function stopService(sim: Sim, n: number): void {
  const node = nodeOf(sim, n);
  node.service = 'stopped';
  node.drainPurpose = undefined;
  nodeEvent(sim, n, 'service-stopped', `${node.name} cluster service stopped`);
  if (node.state !== 'Down') {
    node.state = 'Down';
    nodeEvent(sim, n, 'node-state', `${node.name} is Down`);
  }
  for (const v of vmsOn(sim, n)) failOver(sim, v, n);
  connectivityChanged(sim, n);
  refreshNodeVms(sim, n);
}

/** Abandons a drain in progress: queued migrations are dropped, those in flight finish. */
export function cancelDrain(sim: Sim, n: number): void {
  const node = nodeOf(sim, n);
  node.migrationQueue = node.migrationQueue.filter((m) => m.purpose === 'move');
  if (node.drain === 'InProgress') nodeEvent(sim, n, 'drain-cancelled', `${node.name} drain cancelled`);
  node.drain = 'NotInitiated';
  node.drainPurpose = undefined;
}
