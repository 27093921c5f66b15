// The simulated cluster as plain data: nodes, VMs, pending timers and the PRNG state. Nothing here
// holds a function or a class, so the whole model can be exported to JSON and imported again.
import type { DrainStatus, GroupState, Heartbeat, NodeStateName, Storage, VmStateName } from '../cluster-state.js';

/** What the cluster service of a node is doing (the service manager's view, not the cluster's). */
export type ServiceState = 'running' | 'crashed' | 'stopped';

/** Why a node is draining: a quarantine, a clean stop of its service, or an operator's drain. */
export type DrainPurpose = 'quarantine' | 'stop' | 'drain';

/** Ids of the node's pending timers (agenda task ids), so a change of course can cancel them. */
export interface NodeTimers {
  detect?: number;
  period?: number;
  restart?: number;
  join?: number;
  boot?: number;
  expiry?: number;
  partition?: number;
  storage?: number;
  nics: Record<string, number>;
}

/** A live migration waiting for a slot on its source node. */
export interface QueuedMigration {
  readonly vm: number;
  /** Destination node index; undefined: the least loaded Up node when the migration starts. */
  readonly to: number | undefined;
  readonly purpose: DrainPurpose | 'move';
}

export interface NodeModel {
  readonly name: string;
  /** Cluster view: Up, Down, Paused, Joining. */
  state: NodeStateName;
  isolated: boolean;
  quarantined: boolean;
  quarantineUntil: number | undefined;
  drain: DrainStatus;
  drainPurpose: DrainPurpose | undefined;
  service: ServiceState;
  powered: boolean;
  booting: boolean;
  /** Cluster traffic (UDP/TCP 3343) blocked: the node is cut off from the cluster but answers queries. */
  partitioned: boolean;
  failedNics: string[];
  storageLost: boolean;
  /** Times of the node's isolations, for the trailing-hour quarantine count. */
  isolations: number[];
  migrationQueue: QueuedMigration[];
  migrationsInFlight: number;
  /** VMs this node's last drain moved off, for `resume-node` with immediate failback. */
  drainedVms: number[];
  timers: NodeTimers;
}

/** What the VM's host runs: the guest's power state as Hyper-V knows it. */
export type VmPower = 'running' | 'off' | 'starting' | 'saved';

/** The last values reported for a VM, so only changes become events. */
export interface VmShown {
  state: VmStateName;
  heartbeat: Heartbeat;
  monitored: boolean;
  group: GroupState;
  owner: number;
}

export interface VmModel {
  readonly name: string;
  readonly storage: Storage;
  readonly memoryBytes: number;
  readonly configVersion: string;
  readonly resilient: boolean;
  /** Node index of the owner. */
  owner: number;
  power: VmPower;
  bootTime: number | undefined;
  /**
   * Cluster group state, as the cluster reports it (set by the cluster, not derived from the host).
   * [I] Online while Unmonitored on an isolated node; Offline when failed over, Pending while Starting
   * or during a quick migration; Failed when no node can take it.
   */
  group: GroupState;
  /** freeze-vm in effect: still Running, heartbeat lost. */
  frozen: boolean;
  /** Heartbeat lost for good (bug `frozen-after-isolation`), until the guest is restarted. */
  stuckHeartbeat: boolean;
  /** Bumped on every power transition or move, so a stale timer for this VM is ignored. */
  generation: number;
  /** Node index a live migration of this VM is heading to. */
  migratingTo: number | undefined;
  /** Failed over but no node could take it: waits for an Up node. */
  awaitingPlacement: boolean;
  thawTimer: number | undefined;
  shown: VmShown;
}

/** A pending timer as data: what to do, and when. */
export type Task =
  | { readonly kind: 'detect-loss'; readonly node: number }
  | { readonly kind: 'resiliency-period-end'; readonly node: number }
  | { readonly kind: 'service-restart'; readonly node: number }
  | { readonly kind: 'join-complete'; readonly node: number }
  | { readonly kind: 'boot-complete'; readonly node: number }
  | { readonly kind: 'quarantine-expiry'; readonly node: number }
  | { readonly kind: 'lift-partition'; readonly node: number }
  | { readonly kind: 'enable-nic'; readonly node: number; readonly nic: string }
  | { readonly kind: 'restore-storage'; readonly node: number }
  | { readonly kind: 'thaw-vm'; readonly vm: number }
  | { readonly kind: 'vm-started'; readonly vm: number; readonly generation: number }
  | { readonly kind: 'live-migration-complete'; readonly vm: number; readonly generation: number; readonly from: number; readonly purpose: DrainPurpose | 'move' }
  | { readonly kind: 'quick-migration-complete'; readonly vm: number; readonly generation: number; readonly to: number };

export interface ScheduledTask {
  readonly id: number;
  readonly due: number;
  readonly seq: number;
  readonly task: Task;
}

/** The whole simulator state (besides the config it was built from). */
export interface ClusterModel {
  nodes: NodeModel[];
  vms: VmModel[];
  /** PRNG state (seeded-random.ts). */
  rng: number;
}
