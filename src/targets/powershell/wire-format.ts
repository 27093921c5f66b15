// The JSON the agent (.ps1) sends back: every enum as an explicit int plus its name, every time an ISO
// string, every duration a number with its unit in the field name. VM groups and each host's VMs travel
// as columns (one array per field): 8,000 VMs as columns are a third of the bytes of 8,000 objects and
// parse three times faster. wire-guards.ts checks that what arrives has this shape.

export interface WireNode {
  readonly name: string;
  readonly state: number;
  readonly stateName: string;
  readonly statusInformation: number;
  readonly statusInformationName: string;
  readonly drainStatus: number;
  readonly drainStatusName: string;
}

/** Cluster groups (Get-ClusterGroup), one array per field, all of one length. */
export interface WireGroupColumns {
  readonly name: readonly string[];
  readonly ownerNode: readonly string[];
  readonly state: readonly number[];
  readonly stateName: readonly string[];
  readonly statusInformation: readonly number[];
  readonly groupType: readonly number[];
}

/** A host's VMs (Get-VM), one array per field, all of one length. */
export interface WireVmColumns {
  readonly name: readonly string[];
  readonly state: readonly number[];
  readonly stateName: readonly string[];
  /** null when the heartbeat integration service reports nothing. */
  readonly heartbeat: readonly (number | null)[];
  readonly heartbeatName: readonly string[];
  /** Get-VM Uptime in ms as measured on the host at `takenAt`. */
  readonly uptimeMs: readonly number[];
}

/** What one Hyper-V host answered; `reachable: false` when its session could not run Get-VM. */
export interface WireHost {
  readonly node: string;
  readonly reachable: boolean;
  readonly error: string | null;
  readonly vms: WireVmColumns;
}

export interface WireObservation {
  readonly takenAt: string;
  readonly coordinator: string;
  readonly nodes: readonly WireNode[];
  readonly groups: WireGroupColumns;
  readonly hosts: readonly WireHost[];
}

export interface WireClusterSettings {
  readonly name: string;
  readonly resiliencyLevel: number;
  readonly resiliencyLevelName: string;
  readonly resiliencyDefaultPeriodS: number;
  readonly quarantineThreshold: number;
  readonly quarantineDurationS: number;
  readonly sameSubnetDelayMs: number;
  readonly sameSubnetThreshold: number;
  readonly crossSubnetThreshold: number;
  readonly liveMigrationConcurrent: number;
  readonly liveMigrationBandwidthBps: number;
}

export interface WireNetwork {
  readonly name: string;
  readonly nics: readonly string[];
}

export interface WireNodeInventory {
  readonly name: string;
  readonly networks: readonly WireNetwork[];
}

export interface WireVmInventory {
  readonly name: string;
  readonly owner: string;
  /** Path of the VM's configuration: C:\ClusterStorage\... is csv, \\server\share\... is smb. */
  readonly path: string;
  readonly memoryStartupBytes: number;
  readonly configVersion: string;
}

export interface WireInventory {
  readonly cluster: WireClusterSettings;
  readonly nodes: readonly WireNodeInventory[];
  readonly vms: readonly WireVmInventory[];
}
