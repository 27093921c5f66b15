// What an observer reads (SIMULATOR.md point 15), cached per VM so a snapshot of 8,000 VMs costs only
// the VMs that changed since the last one. Snapshots share unchanged entries and are never mutated.
import type { NodeObservation, Snapshot, VmObservation } from '../cluster-state.js';
import { nodeOf, now, queryable, vmOf, type Sim } from './sim.js';

export class ObservationCache {
  #nodes: readonly NodeObservation[] = [];
  #vms: VmObservation[] = [];

  /** A consistent snapshot of the whole cluster at the current instant. */
  snapshot(sim: Sim): Snapshot {
    if (this.#vms.length !== sim.model.vms.length) {
      this.#vms = sim.model.vms.map((_, v) => vmObservation(sim, v));
      sim.dirtyVms.clear();
    } else if (sim.dirtyVms.size > 0) {
      const vms = this.#vms.slice();
      for (const v of sim.dirtyVms) vms[v] = vmObservation(sim, v);
      sim.dirtyVms.clear();
      this.#vms = vms;
    }
    if (sim.dirty.nodes || this.#nodes.length !== sim.model.nodes.length) {
      this.#nodes = sim.model.nodes.map((node) => ({
        name: node.name,
        state: node.state,
        isolated: node.isolated,
        quarantined: node.quarantined,
        drain: node.drain,
      }));
      sim.dirty.nodes = false;
    }
    return { at: now(sim), nodes: this.#nodes, vms: this.#vms };
  }
}

/**
 * One VM as an observer reads it: the Hyper-V state, heartbeat and boot time come from its host, so
 * they are unknown when the host cannot be queried; monitoring and group state come from the cluster.
 */
function vmObservation(sim: Sim, v: number): VmObservation {
  const vm = vmOf(sim, v);
  const host = nodeOf(sim, vm.owner);
  const visible = queryable(sim, host);
  return {
    name: vm.name,
    owner: host.name,
    state: visible ? vm.shown.state : undefined,
    heartbeat: visible ? vm.shown.heartbeat : undefined,
    monitored: vm.shown.monitored,
    group: vm.shown.group,
    bootTime: visible && vm.power !== 'off' ? vm.bootTime : undefined,
  };
}
