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
import type { WireHost, WireNode, WireObservation, WireVmColumns } from './wire-format.js';

/** Windows names are case-insensitive: lookups that miss by exact name retry through this key. */
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

/** Where a VM's row is: which host's columns, which row. */
interface VmRow {
  readonly vms: WireVmColumns;
  readonly row: number;
}

/** Hosts by node and VM rows by name, built once per observation so 8,000 VMs cost one pass. */
class HostIndex {
  /** Each host by its name, exact and upper-cased (Windows names are case-insensitive). */
  readonly #hosts = new Map<string, WireHost>();
  readonly #rows = new Map<string, VmRow[]>();

  constructor(hosts: readonly WireHost[]) {
    for (const h of hosts) {
      this.#hosts.set(h.node, h);
      this.#hosts.set(nameKey(h.node), h);
      if (!h.reachable) continue;
      const names = h.vms.name;
      for (let row = 0; row < names.length; row++) {
        const rows = this.#rows.get(names[row]!);
        if (rows) rows.push({ vms: h.vms, row });
        else this.#rows.set(names[row]!, [{ vms: h.vms, row }]);
      }
    }
  }

  /** Which host's Get-VM speaks for a VM: its owner's; during a migration, any host that lists it. */
  find(vm: string, owner: string): { readonly known: boolean; readonly at: VmRow | undefined } {
    const ownerHost = this.#hosts.get(owner) ?? this.#hosts.get(nameKey(owner));
    if (ownerHost && !ownerHost.reachable) return { known: false, at: undefined };
    const rows = this.#rows.get(vm) ?? this.#caseInsensitive(vm);
    if (!rows) return { known: false, at: undefined };
    return { known: true, at: rows.find((r) => r.vms === ownerHost?.vms) ?? rows[0] };
  }

  // A VM name that differs only in case between the cluster and Hyper-V.
  #caseInsensitive(vm: string): VmRow[] | undefined {
    const key = nameKey(vm);
    for (const [name, rows] of this.#rows) if (nameKey(name) === key) return rows;
    return undefined;
  }
}

/**
 * Builds the snapshot taken at `at` (ms on the run's clock). VM groups (GroupType 111) give owner, group
 * state and monitoring; the owner's Get-VM gives state, heartbeat and uptime. A VM whose host could not
 * be queried has state and heartbeat undefined (unknown, SIMULATOR.md point 15).
 */
export function parseObservation(wire: WireObservation, at: number, ledger: BootTimeLedger): Snapshot {
  const hosts = new HostIndex(wire.hosts);
  const g = wire.groups;
  const vms: VmObservation[] = [];
  for (let i = 0; i < g.name.length; i++) {
    if (g.groupType[i] !== vmGroupType) continue;
    const name = g.name[i]!;
    const owner = g.ownerNode[i]!;
    const found = hosts.find(name, owner);
    const row = found.at;
    const state = row ? vmStateByCode.get(row.vms.state[row.row]!) : undefined;
    const heartbeatCode = row ? row.vms.heartbeat[row.row] : null;
    const heartbeat = heartbeatCode === null || heartbeatCode === undefined ? undefined : heartbeatByCode.get(heartbeatCode);
    vms.push({
      name,
      owner,
      state,
      heartbeat,
      monitored: (g.statusInformation[i]! & groupUnmonitoredFlag) === 0,
      group: groupStateByCode.get(g.state[i]!) ?? 'Pending',
      bootTime: ledger.bootTime(name, state, found.known, row ? row.vms.uptimeMs[row.row]! : 0, at),
    });
  }
  return { at, nodes: wire.nodes.map(parseNode), vms };
}
