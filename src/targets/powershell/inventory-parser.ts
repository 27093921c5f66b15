// The agent's inventory JSON -> the Inventory the simulator also produces (cluster-state.ts).
import type { ClusterSettings, Inventory, Storage, VmInventory } from '../cluster-state.js';
import { resiliencyLevelByCode } from './enum-codes.js';
import type { WireClusterSettings, WireInventory, WireVmInventory } from './wire-format.js';

/** Fraction of nodes that may be quarantined at once: not readable from the cluster, SIMULATOR.md default. */
export const defaultQuarantineCapFraction = 0.25;

/** Configuration version from which compute resiliency covers a VM (Windows Server 2016). */
export const resilientFromVersion = '8.0';

/** Compares "major.minor" configuration versions numerically ("10.0" > "8.0" > "5.0"). */
export function versionAtLeast(version: string, minimum: string): boolean {
  const [a = 0, b = 0] = version.split('.').map(Number);
  const [c = 0, d = 0] = minimum.split('.').map(Number);
  return a > c || (a === c && b >= d);
}

/** Storage type from where the VM lives: a cluster shared volume path is csv, a UNC share path is smb. */
export function storageOf(path: string): Storage | undefined {
  if (path.startsWith('\\\\')) return 'smb';
  if (/^[a-z]:\\clusterstorage\\/i.test(path)) return 'csv';
  return undefined;
}

export function parseSettings(w: WireClusterSettings): ClusterSettings | string {
  const level = resiliencyLevelByCode.get(w.resiliencyLevel);
  if (!level) return `cluster ResiliencyLevel ${w.resiliencyLevel} (${w.resiliencyLevelName}) is not one drill knows`;
  return {
    name: w.name,
    resiliencyLevel: level,
    resiliencyDefaultPeriodMs: w.resiliencyDefaultPeriodS * 1000,
    quarantineThreshold: w.quarantineThreshold,
    quarantineDurationMs: w.quarantineDurationS * 1000,
    heartbeatDelayMs: w.sameSubnetDelayMs,
    heartbeatThreshold: w.sameSubnetThreshold,
    liveMigrationConcurrent: w.liveMigrationConcurrent,
    liveMigrationBandwidthBps: w.liveMigrationBandwidthBps,
    quarantineCapFraction: defaultQuarantineCapFraction,
  };
}

function parseVm(w: WireVmInventory): VmInventory | string {
  const storage = storageOf(w.path);
  if (!storage) return `VM ${w.name}: its files at "${w.path}" are neither on a cluster shared volume nor on an SMB share`;
  return {
    name: w.name,
    owner: w.owner,
    storage,
    memoryBytes: w.memoryStartupBytes,
    configVersion: w.configVersion,
    resilient: versionAtLeast(w.configVersion, resilientFromVersion),
  };
}

/** Returns the inventory, or a message naming what the cluster reported that the model cannot hold. */
export function parseInventory(wire: WireInventory): Inventory | string {
  const cluster = parseSettings(wire.cluster);
  if (typeof cluster === 'string') return cluster;
  const vms: VmInventory[] = [];
  for (const w of wire.vms) {
    const vm = parseVm(w);
    if (typeof vm === 'string') return vm;
    vms.push(vm);
  }
  return {
    cluster,
    nodes: wire.nodes.map((n) => ({ name: n.name, networks: n.networks.map((x) => ({ name: x.name, nics: [...x.nics] })) })),
    vms,
  };
}
