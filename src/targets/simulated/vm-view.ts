// What Hyper-V and the cluster report for a VM, derived from the model; changes become events.
// Deriving the view (instead of storing it) keeps states consistent whatever combination of faults is in effect.
import type { Heartbeat, VmStateName } from '../cluster-state.js';
import type { VmModel } from './model.js';
import { nodeOf, vmOf, vmsOn, type Sim } from './sim.js';

/** Hyper-V state: csv VMs lose their volumes when the host is isolated (whatever the cause, [C2]) or lost its storage path. */
export function vmStateOf(sim: Sim, vm: VmModel): VmStateName {
  switch (vm.power) {
    case 'off':
      return 'Off';
    case 'starting':
      return 'Starting';
    case 'saved':
      return 'Saved';
    case 'running': {
      const host = nodeOf(sim, vm.owner);
      return vm.storage === 'csv' && (host.isolated || host.storageLost) ? 'PausedCritical' : 'Running';
    }
  }
}

/** Integration-services heartbeat for a VM in a given state. */
export function heartbeatOf(vm: VmModel, state: VmStateName): Heartbeat {
  if (state === 'PausedCritical' || state === 'Paused') return 'Paused';
  if (state !== 'Running' && state !== 'RunningCritical') return 'NoContact';
  return vm.frozen || vm.stuckHeartbeat ? 'LostCommunication' : 'Ok';
}

/** Resilient VMs of an isolated node are Unmonitored: the cluster stops managing them. */
export const monitoredOf = (sim: Sim, vm: VmModel): boolean => !(vm.resilient && nodeOf(sim, vm.owner).isolated);

/** Recomputes a VM's view and emits an event for each value that changed. */
export function refreshVm(sim: Sim, v: number): void {
  const vm = vmOf(sim, v);
  const shown = vm.shown;
  const state = vmStateOf(sim, vm);
  const heartbeat = heartbeatOf(vm, state);
  const monitored = monitoredOf(sim, vm);
  const at = nodeOf(sim, vm.owner).name;
  const emit = (kind: string, text: string) => sim.events.emit(kind, text, { vm: vm.name, node: at });
  if (shown.owner !== vm.owner) {
    emit('vm-owner', `${vm.name} is now owned by ${at} (was ${nodeOf(sim, shown.owner).name})`);
    shown.owner = vm.owner;
  }
  if (shown.state !== state) {
    emit('vm-state', `${vm.name} is ${state} on ${at}`);
    shown.state = state;
  }
  if (shown.heartbeat !== heartbeat) {
    emit('vm-heartbeat', `${vm.name} heartbeat ${heartbeat}`);
    shown.heartbeat = heartbeat;
  }
  if (shown.monitored !== monitored) {
    emit('vm-monitored', `${vm.name} is ${monitored ? 'monitored again' : 'Unmonitored'}`);
    shown.monitored = monitored;
  }
  if (shown.group !== vm.group) {
    emit('vm-group', `${vm.name} cluster group is ${vm.group}`);
    shown.group = vm.group;
  }
  sim.dirtyVms.add(v);
}

/** Refreshes every VM of a node (its host-side facts changed). */
export function refreshNodeVms(sim: Sim, n: number): void {
  for (const v of vmsOn(sim, n)) refreshVm(sim, v);
}
