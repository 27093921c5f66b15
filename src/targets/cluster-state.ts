// The observable state of a cluster, in the names PowerShell returns (SIMULATOR.md, "Observable state").
// Both targets produce exactly these shapes, so the engine never knows which one it talks to.

export const nodeStates = ['Up', 'Down', 'Paused', 'Joining', 'Unknown'] as const;
export type NodeStateName = (typeof nodeStates)[number];

export const drainStatuses = ['NotInitiated', 'InProgress', 'Completed', 'Failed'] as const;
export type DrainStatus = (typeof drainStatuses)[number];

export const vmStates = ['Running', 'Off', 'Paused', 'PausedCritical', 'RunningCritical', 'Saved', 'Starting'] as const;
export type VmStateName = (typeof vmStates)[number];

export const heartbeats = ['Ok', 'Paused', 'LostCommunication', 'NoContact'] as const;
export type Heartbeat = (typeof heartbeats)[number];

export const groupStates = ['Online', 'Offline', 'Failed', 'Pending', 'PartialOnline'] as const;
export type GroupState = (typeof groupStates)[number];

export type Storage = 'csv' | 'smb';

/** What an observer reads of one node at one moment. */
export interface NodeObservation {
  readonly name: string;
  readonly state: NodeStateName;
  readonly isolated: boolean;
  readonly quarantined: boolean;
  readonly drain: DrainStatus;
}

/**
 * What an observer reads of one VM. `state` and `heartbeat` are undefined when the VM's host cannot be
 * queried (powered off, no working network): unknown, neither true nor false (SIMULATOR.md point 15).
 */
export interface VmObservation {
  readonly name: string;
  readonly owner: string;
  readonly state: VmStateName | undefined;
  readonly heartbeat: Heartbeat | undefined;
  readonly monitored: boolean;
  readonly group: GroupState;
  /** When the VM's guest last booted, in ms on the target's clock; a live migration never changes it. */
  readonly bootTime: number | undefined;
}

/** One consistent reading of the whole cluster, taken in one round trip. */
export interface Snapshot {
  /** Time of the reading on the run's clock (ms). */
  readonly at: number;
  readonly nodes: readonly NodeObservation[];
  readonly vms: readonly VmObservation[];
}

/** Cluster settings a runbook's windows and `requires` may rely on. Durations in ms. */
export interface ClusterSettings {
  readonly name: string;
  readonly resiliencyLevel: 'AlwaysIsolate' | 'IsolateOnSpecialHeartbeat';
  readonly resiliencyDefaultPeriodMs: number;
  readonly quarantineThreshold: number;
  readonly quarantineDurationMs: number;
  readonly heartbeatDelayMs: number;
  readonly heartbeatThreshold: number;
  readonly liveMigrationConcurrent: number;
  /** Live migration bandwidth in bits per second. */
  readonly liveMigrationBandwidthBps: number;
  /** Fraction of nodes that may be quarantined at once (SIMULATOR.md: 25 % by default). */
  readonly quarantineCapFraction: number;
}

export interface NetworkInventory {
  readonly name: string;
  readonly nics: readonly string[];
}

export interface NodeInventory {
  readonly name: string;
  /** Cluster networks of the node, each a team of one or more adapters. */
  readonly networks: readonly NetworkInventory[];
}

export interface VmInventory {
  readonly name: string;
  readonly owner: string;
  readonly storage: Storage;
  readonly memoryBytes: number;
  readonly configVersion: string;
  /** Covered by compute resiliency (configuration version 8.0 or later). */
  readonly resilient: boolean;
}

/** What a target is made of, read once at preflight. Node order is the inventory order picks use. */
export interface Inventory {
  readonly cluster: ClusterSettings;
  readonly nodes: readonly NodeInventory[];
  readonly vms: readonly VmInventory[];
}

/** `heartbeatTimeout` of the contract: heartbeat delay x threshold (how long until a lost node is noticed). */
export const heartbeatTimeoutMs = (s: ClusterSettings): number => s.heartbeatDelayMs * s.heartbeatThreshold;

/** Nodes needed for quorum: a strict majority of the cluster's nodes (node majority, no witness modelled). */
export const quorumMajority = (nodeCount: number): number => Math.floor(nodeCount / 2) + 1;

/**
 * Settings of a cluster that have not been read (a real cluster before it is reached, or one that could
 * not be): a placeholder that fills the shape and is never evaluated.
 */
export const unreadClusterSettings = (name = ''): ClusterSettings => ({
  name,
  resiliencyLevel: 'AlwaysIsolate',
  resiliencyDefaultPeriodMs: 0,
  quarantineThreshold: 0,
  quarantineDurationMs: 0,
  heartbeatDelayMs: 0,
  heartbeatThreshold: 0,
  liveMigrationConcurrent: 0,
  liveMigrationBandwidthBps: 0,
  quarantineCapFraction: 0,
});
