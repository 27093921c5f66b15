// Failover: a VM is turned Off and restarted on the least loaded Up node (Starting for
// `failoverStart`, then Running with a new boot time). A VM no node can take waits for one.
import { canHost, jittered, leastLoadedNode, nodeOf, now, setOwner, vmOf, type Sim } from './sim.js';
import { refreshVm } from './vm-view.js';

/** Fails a VM over: Off now, then restarted elsewhere (never on `exclude`, the node it leaves). */
export function failOver(sim: Sim, v: number, exclude: number = vmOf(sim, v).owner, preferred?: number): void {
  const vm = vmOf(sim, v);
  vm.generation++;
  vm.power = 'off';
  vm.bootTime = undefined;
  vm.group = 'Offline';
  refreshVm(sim, v);
  place(sim, v, exclude, preferred);
}

/** Restarts a VM on the preferred node if it can host, else the least loaded; Failed if none can. */
export function place(sim: Sim, v: number, exclude?: number, preferred?: number): void {
  const vm = vmOf(sim, v);
  const dest = preferred !== undefined && preferred !== exclude && canHost(sim, preferred) ? preferred : leastLoadedNode(sim, exclude);
  if (dest === undefined) {
    if (!vm.awaitingPlacement) {
      vm.awaitingPlacement = true;
      vm.group = 'Failed';
      sim.events.emit('placement-failed', `no Up node can take ${vm.name}; it waits for one`, { vm: vm.name });
      refreshVm(sim, v);
    }
    return;
  }
  vm.awaitingPlacement = false;
  setOwner(sim, v, dest);
  startVm(sim, v, 'failover-started', `${vm.name} fails over to ${nodeOf(sim, dest).name}`);
}

/** Boots a VM on its current owner: Starting for `failoverStart`, then Running. */
export function startVm(sim: Sim, v: number, kind: string, text: string): void {
  const vm = vmOf(sim, v);
  vm.generation++;
  vm.power = 'starting';
  vm.group = 'Pending';
  sim.events.emit(kind, text, { vm: vm.name, node: nodeOf(sim, vm.owner).name });
  sim.agenda.schedule({ kind: 'vm-started', vm: v, generation: vm.generation }, jittered(sim, sim.config.behaviour.failoverStartMs));
  refreshVm(sim, v);
}

/** The guest finished booting: Running, monitored, with a new boot time. */
export function vmStarted(sim: Sim, v: number, generation: number): void {
  const vm = vmOf(sim, v);
  if (vm.generation !== generation || vm.power !== 'starting') return;
  vm.power = 'running';
  vm.bootTime = now(sim);
  vm.group = 'Online';
  vm.stuckHeartbeat = false;
  refreshVm(sim, v);
}

/** Places every VM waiting for a node (called when a node becomes able to host). */
export function placeWaiting(sim: Sim): void {
  if (!sim.model.vms.some((vm) => vm.awaitingPlacement)) return;
  sim.model.vms.forEach((vm, v) => {
    if (vm.awaitingPlacement) place(sim, v);
  });
}
