// The running simulator's context: the model (plain data), indexes derived from it, the agenda and
// the event feed. Every behaviour module takes a Sim and changes the model through these helpers.
import type { Clock } from '../../time/clock.js';
import type { BugProfile, SimulatedTargetConfig } from '../target-config.js';
import type { Agenda } from './agenda.js';
import type { EventFeed } from './event-feed.js';
import type { ClusterModel, NodeModel, VmModel } from './model.js';
import { nextRandom } from './seeded-random.js';

export interface Sim {
  readonly config: SimulatedTargetConfig;
  readonly clock: Clock;
  readonly model: ClusterModel;
  readonly agenda: Agenda;
  readonly events: EventFeed;
  readonly nodeIndex: ReadonlyMap<string, number>;
  readonly vmIndex: ReadonlyMap<string, number>;
  /** VMs owned by each node (derived from vm.owner). */
  readonly owned: Set<number>[];
  /** Live migrations heading to each node (derived from vm.migratingTo), counted as load. */
  readonly inbound: number[];
  /** VMs whose observation must be rebuilt at the next snapshot. */
  readonly dirtyVms: Set<number>;
  /** Set when any node's observation changed. */
  dirty: { nodes: boolean };
}

export const nodeOf = (sim: Sim, i: number): NodeModel => sim.model.nodes[i]!;
export const vmOf = (sim: Sim, i: number): VmModel => sim.model.vms[i]!;
export const now = (sim: Sim): number => sim.clock.now();
export const hasBug = (sim: Sim, bug: BugProfile): boolean => sim.config.bugs.includes(bug);

/** How long until the cluster notices a lost node: heartbeat delay x threshold. */
export const detectionMs = (sim: Sim): number =>
  sim.config.cluster.heartbeatDelayMs * sim.config.cluster.heartbeatThreshold;

/**
 * A simulated delay with jitter: scaled by a seeded factor in [1-j, 1+j], rounded to whole ms so
 * journals stay readable. Used for the `behaviour:` timings and heartbeat detection; the cluster's
 * own configured timers (resiliency period, quarantine duration) and fault durations chosen by a
 * runbook are exact ([I] choice: Windows runs those timers to the configured value).
 */
export function jittered(sim: Sim, ms: number): number {
  const j = sim.config.behaviour.jitter;
  if (j <= 0) return Math.round(ms);
  const [state, r] = nextRandom(sim.model.rng);
  sim.model.rng = state;
  return Math.max(0, Math.round(ms * (1 + j * (2 * r - 1))));
}

/** The node has at least one network with a working adapter (a team survives losing a member). */
export function hasNetworkPath(sim: Sim, node: NodeModel): boolean {
  return sim.config.networks.some((net) => net.nics.some((nic) => !node.failedNics.includes(nic)));
}

/** Whether the node exchanges heartbeats with the cluster right now (the hidden truth). */
export function reachesCluster(sim: Sim, node: NodeModel): boolean {
  return node.powered && node.service === 'running' && !node.partitioned && hasNetworkPath(sim, node);
}

/** Whether an observer can query the node's Hyper-V (SIMULATOR.md point 15). */
export function queryable(sim: Sim, node: NodeModel): boolean {
  return node.powered && hasNetworkPath(sim, node);
}

/** A node that may receive VMs: Up, not quarantined, not isolated, reachable. */
export function canHost(sim: Sim, i: number): boolean {
  const node = nodeOf(sim, i);
  return node.state === 'Up' && !node.quarantined && !node.isolated && reachesCluster(sim, node);
}

/** Failover and drain placement: the least loaded node that can host, ties to inventory order ([I] load = VMs owned + inbound migrations). */
export function leastLoadedNode(sim: Sim, exclude?: number): number | undefined {
  let best: number | undefined;
  let bestLoad = Infinity;
  for (let i = 0; i < sim.model.nodes.length; i++) {
    if (i === exclude || !canHost(sim, i)) continue;
    const load = sim.owned[i]!.size + sim.inbound[i]!;
    if (load < bestLoad) {
      best = i;
      bestLoad = load;
    }
  }
  return best;
}

/** The VMs a node owns, in inventory order (deterministic whatever the index's history). */
export function vmsOn(sim: Sim, node: number): number[] {
  return [...sim.owned[node]!].sort((a, b) => a - b);
}

/** Changes a VM's owner, keeping the owned index in step. */
export function setOwner(sim: Sim, v: number, node: number): void {
  const vm = vmOf(sim, v);
  if (vm.owner === node) return;
  sim.owned[vm.owner]!.delete(v);
  sim.owned[node]!.add(v);
  vm.owner = node;
}

/** Emits an event about a node. */
export function nodeEvent(sim: Sim, n: number, kind: string, text: string): void {
  sim.dirty.nodes = true;
  sim.events.emit(kind, text, { node: nodeOf(sim, n).name });
}
