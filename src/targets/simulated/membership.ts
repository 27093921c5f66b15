// Cluster membership: a node that stops heartbeating is noticed after heartbeat delay x threshold,
// then isolated (compute resiliency) or failed over; a node that comes back joins, and an isolated
// node that rejoins within the resiliency period gets its VMs back without restart.
import { cancelDrain } from './drain.js';
import { failOver, placeWaiting, startVm } from './failover.js';
import { maybeQuarantine, recordIsolation } from './quarantine.js';
import { detectionMs, hasBug, jittered, nodeEvent, nodeOf, reachesCluster, vmOf, vmsOn, type Sim } from './sim.js';
import { refreshNodeVms } from './vm-view.js';

/** Why the cluster lost a node, as far as it can tell (only a service crash is a "known reason"). */
export type LossCause = 'crash' | 'partition' | 'power';

/** Re-evaluates a node after anything that may change whether it reaches the cluster. */
export function connectivityChanged(sim: Sim, n: number): void {
  const node = nodeOf(sim, n);
  if (!reachesCluster(sim, node)) {
    if (node.state === 'Joining') {
      // [I] A node that loses contact while joining was never a member again: Down, no isolation.
      sim.agenda.cancel(node.timers.join);
      node.timers.join = undefined;
      node.state = 'Down';
      nodeEvent(sim, n, 'node-state', `${node.name} is Down (lost the cluster while joining)`);
    } else if ((node.state === 'Up' || node.state === 'Paused') && node.timers.detect === undefined) {
      node.timers.detect = sim.agenda.schedule({ kind: 'detect-loss', node: n }, jittered(sim, detectionMs(sim)));
    }
  } else if (node.timers.detect !== undefined) {
    // Back before the cluster noticed: nothing happened as far as the cluster is concerned.
    sim.agenda.cancel(node.timers.detect);
    node.timers.detect = undefined;
  } else if (node.state === 'Down' && !node.quarantined) {
    startJoin(sim, n);
  }
  refreshNodeVms(sim, n);
}

/** The cluster notices the node is gone (event 1135) and isolates it or fails it over. */
export function detectLoss(sim: Sim, n: number): void {
  const node = nodeOf(sim, n);
  node.timers.detect = undefined;
  if (reachesCluster(sim, node)) return;
  const cause: LossCause = !node.powered ? 'power' : node.service === 'crashed' ? 'crash' : 'partition';
  node.migrationQueue = [];
  if (node.drain === 'InProgress') {
    node.drain = 'Failed';
    nodeEvent(sim, n, 'drain-failed', `${node.name} drain failed: the node left the cluster (1677)`);
  }
  if (node.drainPurpose === 'stop') node.drainPurpose = undefined;
  node.state = 'Down';
  nodeEvent(sim, n, 'node-removed', `${node.name} removed from active cluster membership (1135)`);
  if (isolates(sim, cause)) isolate(sim, n);
  else {
    nodeEvent(sim, n, 'node-failed', `${node.name} is Down; its VMs fail over (${cause})`);
    for (const v of vmsOn(sim, n)) failOver(sim, v, n);
  }
  refreshNodeVms(sim, n);
}

/**
 * Whether compute resiliency isolates for this cause. AlwaysIsolate: every cause. [I]
 * IsolateOnSpecialHeartbeat: only a known reason (a cluster service crash); a partition or a power
 * loss fails over. A period of 0 (or bug `no-isolation`) disables the feature.
 */
export function isolates(sim: Sim, cause: LossCause): boolean {
  const c = sim.config.cluster;
  if (c.resiliencyDefaultPeriodMs <= 0 || hasBug(sim, 'no-isolation')) return false;
  return c.resiliencyLevel === 'AlwaysIsolate' || cause === 'crash';
}

/** Down + Isolated (1673): resilient VMs Unmonitored (1681), the others fail over at once. */
function isolate(sim: Sim, n: number): void {
  const node = nodeOf(sim, n);
  node.isolated = true;
  recordIsolation(sim, n);
  nodeEvent(sim, n, 'node-isolated', `${node.name} entered the Isolated state (1673)`);
  const vms = vmsOn(sim, n);
  if (vms.some((v) => vmOf(sim, v).resilient)) {
    nodeEvent(sim, n, 'vms-unmonitored', `VMs on ${node.name} are Unmonitored (1681)`);
  }
  for (const v of vms) if (!vmOf(sim, v).resilient) failOver(sim, v, n);
  node.timers.period = sim.agenda.schedule({ kind: 'resiliency-period-end', node: n }, sim.config.cluster.resiliencyDefaultPeriodMs);
}

/** The resiliency period ends with the node still away: no longer Isolated, Down, VMs fail over. */
export function resiliencyPeriodEnd(sim: Sim, n: number): void {
  const node = nodeOf(sim, n);
  node.timers.period = undefined;
  if (!node.isolated) return;
  node.isolated = false;
  nodeEvent(sim, n, 'isolation-expired', `${node.name} did not return within the resiliency period; its VMs fail over`);
  refreshNodeVms(sim, n);
  for (const v of vmsOn(sim, n)) failOver(sim, v, n);
}

/** The node is Joining for `join`. */
export function startJoin(sim: Sim, n: number): void {
  const node = nodeOf(sim, n);
  node.state = 'Joining';
  nodeEvent(sim, n, 'node-state', `${node.name} is Joining`);
  node.timers.join = sim.agenda.schedule({ kind: 'join-complete', node: n }, jittered(sim, sim.config.behaviour.joinMs));
}

/** The node is Up again: leaves isolation (1680), VMs monitored again (1682), then the quarantine check. */
export function joinComplete(sim: Sim, n: number): void {
  const node = nodeOf(sim, n);
  node.timers.join = undefined;
  if (node.isolated) {
    sim.agenda.cancel(node.timers.period);
    node.timers.period = undefined;
    node.isolated = false;
    nodeEvent(sim, n, 'node-left-isolation', `${node.name} left the Isolated state (1680)`);
    const vms = vmsOn(sim, n);
    if (vms.some((v) => vmOf(sim, v).resilient)) {
      nodeEvent(sim, n, 'vms-monitored', `VMs on ${node.name} are no longer Unmonitored (1682)`);
    }
    if (hasBug(sim, 'frozen-after-isolation')) {
      for (const v of vms) if (vmOf(sim, v).storage === 'csv' && vmOf(sim, v).power === 'running') vmOf(sim, v).stuckHeartbeat = true;
    }
  }
  node.state = 'Up';
  node.drain = 'NotInitiated';
  node.drainPurpose = undefined;
  nodeEvent(sim, n, 'node-state', `${node.name} is Up`);
  refreshNodeVms(sim, n);
  // VMs that died with the node (power loss) are started again where they are ([I]).
  for (const v of vmsOn(sim, n)) {
    const vm = vmOf(sim, v);
    if (vm.power === 'off' && !vm.awaitingPlacement) startVm(sim, v, 'vm-restarted', `${vm.name} restarted on ${node.name}`);
  }
  maybeQuarantine(sim, n);
  placeWaiting(sim);
}

/** The service manager (or an operator) starts the cluster service. */
export function startService(sim: Sim, n: number, by: string): void {
  const node = nodeOf(sim, n);
  sim.agenda.cancel(node.timers.restart);
  node.timers.restart = undefined;
  node.service = 'running';
  nodeEvent(sim, n, 'service-started', `${node.name} cluster service started (${by})`);
  connectivityChanged(sim, n);
}

/** A clean stop that is still draining is called off: the node stays in the cluster. */
export function cancelStop(sim: Sim, n: number): void {
  const node = nodeOf(sim, n);
  cancelDrain(sim, n);
  if (node.state === 'Paused') {
    node.state = 'Up';
    nodeEvent(sim, n, 'node-state', `${node.name} is Up (stop cancelled)`);
  }
}
