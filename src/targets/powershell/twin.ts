// `drill discover`: a real cluster's inventory and settings written as a simulated target file (a twin),
// so a CI gate can run the same runbooks on a cluster shaped like the lab's.
import { formatDuration } from '../../runbook/duration.js';
import type { Inventory, NetworkInventory, VmInventory } from '../cluster-state.js';

export interface TwinOptions {
  /** `target:` of the twin. */
  readonly name: string;
  /** Where the inventory came from, for the header comment. */
  readonly source: string;
  /** Wall-clock time of the reading (ISO 8601), for the header comment. */
  readonly readAt: string;
}

/** One `vms:` entry: VMs of one kind (storage, memory, configuration version). */
export interface TwinVmGroup {
  readonly count: number;
  readonly storage: VmInventory['storage'];
  readonly memoryBytes: number;
  readonly configVersion: string;
}

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** Memory as the target file writes it: whole GiB, else whole MiB, else bytes. */
export function formatMemory(bytes: number): string {
  if (bytes % GiB === 0) return `${bytes / GiB}GiB`;
  if (bytes % MiB === 0) return `${bytes / MiB}MiB`;
  return `${bytes}B`;
}

/** Bandwidth as the target file writes it: whole Gbps, else whole Mbps, else bps. */
export function formatBandwidth(bps: number): string {
  if (bps % 1e9 === 0) return `${bps / 1e9}Gbps`;
  if (bps % 1e6 === 0) return `${bps / 1e6}Mbps`;
  return `${Math.round(bps)}bps`;
}

/** VMs grouped by kind, in the order each kind first appears. */
export function vmGroups(vms: readonly VmInventory[]): TwinVmGroup[] {
  const groups = new Map<string, { count: number; storage: VmInventory['storage']; memoryBytes: number; configVersion: string }>();
  for (const vm of vms) {
    const key = `${vm.storage}|${vm.memoryBytes}|${vm.configVersion}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { count: 1, storage: vm.storage, memoryBytes: vm.memoryBytes, configVersion: vm.configVersion });
  }
  return [...groups.values()];
}

const simpleName = /^[A-Za-z][A-Za-z0-9-]*$/;
/** A YAML scalar: plain when it is a simple name, else a JSON string (valid YAML). */
const scalar = (s: string): string => (simpleName.test(s) ? s : JSON.stringify(s));
const flowList = (items: readonly string[]): string => `[${items.map(scalar).join(', ')}]`;

// The simulated format has one set of networks for every node: the first node's, noting any difference.
function sharedNetworks(inventory: Inventory): { readonly networks: readonly NetworkInventory[]; readonly note: string | undefined } {
  const first = inventory.nodes[0];
  const networks = first?.networks ?? [];
  const same = (a: readonly NetworkInventory[]) => JSON.stringify(a) === JSON.stringify(networks);
  const differing = inventory.nodes.filter((n) => !same(n.networks)).map((n) => n.name);
  return {
    networks,
    note: differing.length === 0 ? undefined : `# nodes ${differing.join(', ')} have other networks; the twin gives every node ${first?.name}'s`,
  };
}

/** The twin target file's text. */
export function twinTargetYaml(inventory: Inventory, options: TwinOptions): string {
  const c = inventory.cluster;
  const { networks, note } = sharedNetworks(inventory);
  const names = inventory.nodes.map((n) => n.name);
  const lines = [
    `# A simulated twin of ${options.source} (cluster ${c.name}), written by drill discover at ${options.readAt}.`,
    '# Settings, nodes, networks and VM kinds are the real cluster\'s. Not kept: VM names (the twin names them',
    '# VM0001.. in this order) and placement (spread round-robin). Timings under `behaviour:` are not',
    '# reported by a cluster: the simulator\'s defaults apply; measure your lab and set them here.',
    `target: ${scalar(options.name)}`,
    'driver: simulated',
    'seed: 1',
    'cluster:',
    `  name: ${scalar(c.name)}`,
    `  resiliencyLevel: ${c.resiliencyLevel}`,
    `  resiliencyDefaultPeriod: ${formatDuration(c.resiliencyDefaultPeriodMs)}`,
    `  quarantineThreshold: ${c.quarantineThreshold}`,
    `  quarantineDuration: ${formatDuration(c.quarantineDurationMs)}`,
    `  heartbeat: { delay: ${formatDuration(c.heartbeatDelayMs)}, threshold: ${c.heartbeatThreshold} }`,
    `  liveMigration: { concurrent: ${c.liveMigrationConcurrent}, bandwidth: ${formatBandwidth(c.liveMigrationBandwidthBps)} }`,
    `  quarantineCap: ${c.quarantineCapFraction}`,
    names.every((n) => simpleName.test(n)) ? `nodes: ${flowList(names)}` : `nodes: ${names.length}`,
    ...(note ? [note] : []),
    ...(networks.length === 0
      ? ['# the cluster reported no network interfaces: the simulator\'s default networks apply']
      : ['networks:', ...networks.map((n) => `  - { name: ${scalar(n.name)}, nics: ${flowList(n.nics)} }`)]),
    ...(inventory.vms.length === 0 ? ['vms: []'] : ['vms:']),
    ...vmGroups(inventory.vms).map(
      (g) => `  - { count: ${g.count}, storage: ${g.storage}, memory: ${formatMemory(g.memoryBytes)}, configVersion: "${g.configVersion}" }`,
    ),
    'bugs: []',
    '',
  ];
  return lines.join('\n');
}
