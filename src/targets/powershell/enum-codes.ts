// The integer codes PowerShell returns for cluster and Hyper-V enums (SIMULATOR.md, "Observable state"),
// mapped to the names of the snapshot model. The agent sends every enum as [int] and [string]; the int is
// authoritative, the string is kept for messages only.
import type { DrainStatus, GroupState, Heartbeat, NodeStateName, VmStateName } from '../cluster-state.js';

/** ClusterNodeState: Up 0, Down 1, Paused 2, Joining 3, Unknown -1. */
export const nodeStateByCode: ReadonlyMap<number, NodeStateName> = new Map([
  [0, 'Up'],
  [1, 'Down'],
  [2, 'Paused'],
  [3, 'Joining'],
  [-1, 'Unknown'],
]);

/** Node StatusInformation is a flags enum; Isolated and Quarantined are flags, not states. */
export const nodeStatusFlag = {
  normal: 0,
  isolated: 1,
  quarantined: 2,
  drainInProgress: 4,
  drainCompleted: 8,
  drainFailed: 16,
  avoidPlacement: 32,
} as const;

/** ClusterNodeDrainStatus: NotInitiated 0, InProgress 1, Completed 2, Failed 3. */
export const drainStatusByCode: ReadonlyMap<number, DrainStatus> = new Map([
  [0, 'NotInitiated'],
  [1, 'InProgress'],
  [2, 'Completed'],
  [3, 'Failed'],
]);

/**
 * ClusterGroupState: Online 0, Offline 1, Failed 2, PartialOnline 3, Pending 4. Unknown (-1) has no name in
 * the model; it is read as Pending (the cluster has not settled on a state) — documented in README.md.
 */
export const groupStateByCode: ReadonlyMap<number, GroupState> = new Map([
  [0, 'Online'],
  [1, 'Offline'],
  [2, 'Failed'],
  [3, 'PartialOnline'],
  [4, 'Pending'],
  [-1, 'Pending'],
]);

/** Group StatusInformation flag: the cluster no longer monitors the VM (compute resiliency). */
export const groupUnmonitoredFlag = 0x100;

/** GroupType of a virtual machine role. */
export const vmGroupType = 111;

/**
 * Microsoft.HyperV.PowerShell.VMState codes the model names. Transitional codes (Stopping 4, Saving 32773,
 * Pausing 32776, Resuming 32777, ...) have no model name: they read as unknown (undefined) for one poll.
 */
export const vmStateByCode: ReadonlyMap<number, VmStateName> = new Map([
  [2, 'Running'],
  [3, 'Off'],
  [6, 'Saved'],
  [9, 'Paused'],
  [10, 'Starting'],
  [32785, 'RunningCritical'],
  [32789, 'PausedCritical'],
]);

/**
 * VMHeartbeatStatus: NoContact 2, LostCommunication 4, OkApplicationsUnknown 5, OkApplicationsHealthy 6,
 * OkApplicationsCritical 7 (all Ok: the guest answers), Paused 8; Error 3 reads as LostCommunication.
 * Unknown 0 and Disabled 1 (no integration service) are unknown.
 */
export const heartbeatByCode: ReadonlyMap<number, Heartbeat> = new Map([
  [2, 'NoContact'],
  [3, 'LostCommunication'],
  [4, 'LostCommunication'],
  [5, 'Ok'],
  [6, 'Ok'],
  [7, 'Ok'],
  [8, 'Paused'],
]);

/** Cluster ResiliencyLevel: IsolateOnSpecialHeartbeat 1, AlwaysIsolate 2. */
export const resiliencyLevelByCode: ReadonlyMap<number, 'IsolateOnSpecialHeartbeat' | 'AlwaysIsolate'> = new Map([
  [1, 'IsolateOnSpecialHeartbeat'],
  [2, 'AlwaysIsolate'],
]);

/** Reverse lookup for the fake agent and golden fixtures: the first code that maps to a name. */
export function codeOf<N extends string>(table: ReadonlyMap<number, N>, name: N): number {
  for (const [code, n] of table) if (n === name) return code;
  throw new Error(`no code for ${name}`);
}
