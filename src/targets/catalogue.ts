// The faults and actions of the contract (RUNBOOK-FORMAT.md tables) with their parameters and which
// drivers can run them. Validation, `drill faults`, dry runs and both targets read this one table.

export const driverNames = ['simulated', 'powershell'] as const;
export type DriverName = (typeof driverNames)[number];

export type ParameterKind = 'node' | 'vm' | 'nic' | 'duration' | 'failback' | 'moveType';

export interface ParameterSpec {
  readonly name: string;
  readonly kind: ParameterKind;
  readonly required: boolean;
}

export interface CatalogueEntry {
  readonly name: string;
  readonly parameters: readonly ParameterSpec[];
  readonly drivers: readonly DriverName[];
  /** Changes the cluster in a way that needs `lab: true` on a real target. */
  readonly destructive: boolean;
  readonly summary: string;
  /** What it runs on a real cluster (for `drill faults`). */
  readonly onRealCluster: string;
}

const p = (name: string, kind: ParameterKind, required = true): ParameterSpec => ({ name, kind, required });
const both = ['simulated', 'powershell'] as const;
const simOnly = ['simulated'] as const;

export const faultCatalogue = {
  'crash-cluster-service': {
    name: 'crash-cluster-service',
    parameters: [p('node', 'node')],
    drivers: both,
    destructive: true,
    summary: 'the cluster service dies on the node (a transient failure: isolation, not failover)',
    onRealCluster: 'Stop-Process -Name clussvc -Force on the node',
  },
  'stop-cluster-service': {
    name: 'stop-cluster-service',
    parameters: [p('node', 'node')],
    drivers: both,
    destructive: true,
    summary: 'a clean stop of the cluster service: roles are drained first, no isolation',
    onRealCluster: 'Stop-ClusterNode on the node (roles drained first)',
  },
  'partition-node': {
    name: 'partition-node',
    parameters: [p('node', 'node'), p('for', 'duration')],
    drivers: both,
    destructive: true,
    summary: 'cluster traffic (UDP and TCP 3343) is blocked on the node for a while, then lifted',
    onRealCluster: 'firewall rules on UDP/TCP 3343 plus a scheduled task on the node that removes them',
  },
  'fail-nic': {
    name: 'fail-nic',
    parameters: [p('node', 'node'), p('nic', 'nic'), p('for', 'duration', false)],
    drivers: both,
    destructive: true,
    summary: 'one network adapter of the node is disabled; restored after `for` or by rollback',
    onRealCluster: 'Disable-NetAdapter on the node (Enable-NetAdapter to undo)',
  },
  'power-off-node': {
    name: 'power-off-node',
    parameters: [p('node', 'node')],
    drivers: simOnly,
    destructive: true,
    summary: 'hard power loss of the node',
    onRealCluster: '(simulator only)',
  },
  'lose-storage': {
    name: 'lose-storage',
    parameters: [p('node', 'node'), p('for', 'duration')],
    drivers: simOnly,
    destructive: true,
    summary: 'the node loses its path to cluster shared volumes for a while',
    onRealCluster: '(simulator only)',
  },
  'freeze-vm': {
    name: 'freeze-vm',
    parameters: [p('vm', 'vm'), p('for', 'duration')],
    drivers: simOnly,
    destructive: true,
    summary: 'the VM stops answering while it still shows Running',
    onRealCluster: '(simulator only)',
  },
} as const satisfies Record<string, CatalogueEntry>;

export const actionCatalogue = {
  'clear-quarantine': {
    name: 'clear-quarantine',
    parameters: [p('node', 'node')],
    drivers: both,
    destructive: false,
    summary: 'lift the quarantine of a node so it may rejoin',
    onRealCluster: 'Start-ClusterNode -ClearQuarantine',
  },
  'start-cluster-service': {
    name: 'start-cluster-service',
    parameters: [p('node', 'node')],
    drivers: both,
    destructive: false,
    summary: 'start the cluster service on the node',
    onRealCluster: 'Start-ClusterNode',
  },
  'drain-node': {
    name: 'drain-node',
    parameters: [p('node', 'node')],
    drivers: both,
    destructive: false,
    summary: 'pause the node and live-migrate its roles off',
    onRealCluster: 'Suspend-ClusterNode -Drain',
  },
  'resume-node': {
    name: 'resume-node',
    parameters: [p('node', 'node'), p('failback', 'failback', false)],
    drivers: both,
    destructive: false,
    summary: 'resume a paused node; `failback: immediate` moves its drained roles back',
    onRealCluster: 'Resume-ClusterNode [-Failback Immediate]',
  },
  'move-vm': {
    name: 'move-vm',
    parameters: [p('vm', 'vm'), p('to', 'node'), p('type', 'moveType', false)],
    drivers: both,
    destructive: false,
    summary: 'move a VM to another node by live or quick migration',
    onRealCluster: 'Move-ClusterVirtualMachineRole -MigrationType Live|Quick',
  },
  restore: {
    name: 'restore',
    parameters: [],
    drivers: both,
    destructive: false,
    summary: 'undo every fault of this run still in effect',
    onRealCluster: 'the undo of each fault still in effect',
  },
  'power-on-node': {
    name: 'power-on-node',
    parameters: [p('node', 'node')],
    drivers: simOnly,
    destructive: false,
    summary: 'power the node back on: it boots, then joins',
    onRealCluster: '(simulator only)',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type FaultName = keyof typeof faultCatalogue;
export type ActionName = keyof typeof actionCatalogue;
export const faultNames = Object.keys(faultCatalogue) as FaultName[];
export const actionNames = Object.keys(actionCatalogue) as ActionName[];

export const isFaultName = (s: string): s is FaultName => Object.hasOwn(faultCatalogue, s);
export const isActionName = (s: string): s is ActionName => Object.hasOwn(actionCatalogue, s);
