// The agent's observation JSON -> the Snapshot the simulator also produces (cluster-state.ts).
import type { NodeObservation, Snapshot, VmObservation } from '../cluster-state.js';
import type { BootTimeLedger } from './boot-time-ledger.js';
import {
  drainStatusByCode,
  groupStateByCode,
  groupUnmonitoredFlag,
  heartbeatByCode,
  nodeStateByCode,
  nodeStatusFlag,
  vmGroupType,
  vmStateByCode,
} from './enum-codes.js';
import type { WireHost, WireNode, WireObservation, WireVm } from './wire-format.js';

/** Windows names are case-insensitive: every lookup goes through this key. */
export const nameKey = (name: string): string => name.toUpperCase();

/** One node as the cluster reports it; Isolated and Quarantined come from the StatusInformation flags. */
export function parseNode(n: WireNode): NodeObservation {
  return {
    name: n.name,
    state: nodeStateByCode.get(n.state) ?? 'Unknown',
    isolated: (n.statusInformation & nodeStatusFlag.isolated) !== 0,
    quarantined: (n.statusInformation & nodeStatusFlag.quarantined) !== 0,
    drain: drainStatusByCode.get(n.drainStatus) ?? 'NotInitiated',
  };
}

/** Which host's Get-VM speaks for a VM: its owner's; during a migration, any host that lists it. */
function hostRecord(
  vm: string,
  owner: string,
  hosts: ReadonlyMap<string, { readonly reachable: boolean; readonly vms: ReadonlyMap<string, WireVm> }>,
): { readonly known: boolean; readonly record: WireVm | undefined } {
  const ownerHost = hosts.get(nameKey(owner));
  if (ownerHost && !ownerHost.reachable) return { known: false, record: undefined };
  const own = ownerHost?.vms.get(nameKey(vm));
  if (own) return { known: true, record: own };
  for (const host of hosts.values()) {
    const other = host.reachable ? host.vms.get(nameKey(vm)) : undefined;
    if (other) return { known: true, record: other };
  }
  return { known: false, record: undefined };
}

// Indexes hosts by node and VMs by name once, so 8,000 VMs cost one pass.
function indexHosts(hosts: readonly WireHost[]) {
  const index = new Map<string, { readonly reachable: boolean; readonly vms: ReadonlyMap<string, WireVm> }>();
  for (const h of hosts) {
    const vms = new Map<string, WireVm>();
    for (const vm of h.vms) vms.set(nameKey(vm.name), vm);
    index.set(nameKey(h.node), { reachable: h.reachable, vms });
  }
  return index;
}

/**
 * Builds the snapshot taken at `at` (ms on the run's clock). VM groups (GroupType 111) give owner, group
 * state and monitoring; the owner's Get-VM gives state, heartbeat and uptime. A VM whose host could not
 * be queried has state and heartbeat undefined (unknown, SIMULATOR.md point 15).
 */
export function parseObservation(wire: WireObservation, at: number, ledger: BootTimeLedger): Snapshot {
  const hosts = indexHosts(wire.hosts);
  const vms: VmObservation[] = [];
  for (const g of wire.groups) {
    if (g.groupType !== vmGroupType) continue;
    const { known, record } = hostRecord(g.name, g.ownerNode, hosts);
    const state = record ? vmStateByCode.get(record.state) : undefined;
    const heartbeat = record && record.heartbeat !== null ? heartbeatByCode.get(record.heartbeat) : undefined;
    vms.push({
      name: g.name,
      owner: g.ownerNode,
      state,
      heartbeat,
      monitored: (g.statusInformation & groupUnmonitoredFlag) === 0,
      group: groupStateByCode.get(g.state) ?? 'Pending',
      bootTime: ledger.bootTime(g.name, state, known && record !== undefined, record?.uptimeMs ?? 0, at),
    });
  }
  return { at, nodes: wire.nodes.map(parseNode), vms };
}
