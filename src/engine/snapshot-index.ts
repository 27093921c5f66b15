// Nodes and VMs of a snapshot by name, shared by every expectation that reads the snapshot. Targets list
// VMs in the same order at every observation, so the members of a set are found at the positions they
// had last time (one name comparison each); a name map is built only when the order changed. With
// 8,000 VMs that is the difference between hashing every name at every observation and not.
import type { NodeObservation, Snapshot, VmObservation } from '../targets/cluster-state.js';

export interface SnapshotIndex {
  readonly at: number;
  readonly nodes: ReadonlyMap<string, NodeObservation>;
  /** The snapshot's VMs, in the target's order. */
  readonly vmList: readonly VmObservation[];
  /** The VM of that name at this snapshot, or undefined when the target did not report it. */
  vm(name: string): VmObservation | undefined;
  /** The observations of a fixed list of VM names, aligned with it (undefined: not reported). */
  vmsOf(members: readonly string[]): readonly (VmObservation | undefined)[];
  /** Names of the VMs each node owns at this snapshot, in snapshot order. */
  vmsOwnedBy(node: string): readonly string[];
}

const cache = new WeakMap<Snapshot, SnapshotIndex>();

/** Where each member of a set was found last time (a hint, always verified by name). */
const hints = new WeakMap<readonly string[], Int32Array>();

/** The index of a snapshot, built on first use and remembered for as long as the snapshot lives. */
export function indexSnapshot(snapshot: Snapshot): SnapshotIndex {
  const known = cache.get(snapshot);
  if (known) return known;
  const nodes = new Map<string, NodeObservation>();
  for (const n of snapshot.nodes) nodes.set(n.name, n);
  const vms = snapshot.vms;
  let byName: Map<string, number> | undefined;
  let owned: Map<string, string[]> | undefined;
  const resolved = new Map<readonly string[], (VmObservation | undefined)[]>();
  // Positions by name, built only when a hint missed (the order changed) or a single name is asked for.
  const positions = (): Map<string, number> => {
    if (!byName) {
      byName = new Map();
      for (let i = 0; i < vms.length; i++) byName.set(vms[i]!.name, i);
    }
    return byName;
  };
  const index: SnapshotIndex = {
    at: snapshot.at,
    nodes,
    vmList: vms,
    vm(name) {
      const pos = positions().get(name);
      return pos === undefined ? undefined : vms[pos];
    },
    vmsOf(members) {
      const known = resolved.get(members);
      if (known) return known;
      let hint = hints.get(members);
      if (!hint) {
        hint = new Int32Array(members.length).fill(-1);
        hints.set(members, hint);
      }
      const out = new Array<VmObservation | undefined>(members.length);
      for (let i = 0; i < members.length; i++) {
        const name = members[i]!;
        let v = hint[i]! >= 0 ? vms[hint[i]!] : undefined;
        if (v === undefined || v.name !== name) {
          const pos = positions().get(name);
          hint[i] = pos ?? -1;
          v = pos === undefined ? undefined : vms[pos];
        }
        out[i] = v;
      }
      resolved.set(members, out);
      return out;
    },
    vmsOwnedBy(node) {
      if (!owned) {
        owned = new Map();
        for (const v of vms) {
          const list = owned.get(v.owner);
          if (list) list.push(v.name);
          else owned.set(v.owner, [v.name]);
        }
      }
      return owned.get(node) ?? [];
    },
  };
  cache.set(snapshot, index);
  return index;
}
