// Nodes and VMs of a snapshot by name, built once per snapshot and shared by every expectation that
// reads it (8,000 VMs: one map per observation, not one scan per expectation).
import type { NodeObservation, Snapshot, VmObservation } from '../targets/cluster-state.js';

export interface SnapshotIndex {
  readonly at: number;
  readonly nodes: ReadonlyMap<string, NodeObservation>;
  readonly vms: ReadonlyMap<string, VmObservation>;
  /** Names of the VMs each node owns at this snapshot, in snapshot order. */
  vmsOwnedBy(node: string): readonly string[];
}

const cache = new WeakMap<Snapshot, SnapshotIndex>();

/** The index of a snapshot, built on first use and remembered for as long as the snapshot lives. */
export function indexSnapshot(snapshot: Snapshot): SnapshotIndex {
  const known = cache.get(snapshot);
  if (known) return known;
  const nodes = new Map<string, NodeObservation>();
  for (const n of snapshot.nodes) nodes.set(n.name, n);
  const vms = new Map<string, VmObservation>();
  for (const v of snapshot.vms) vms.set(v.name, v);
  let owned: Map<string, string[]> | undefined;
  const index: SnapshotIndex = {
    at: snapshot.at,
    nodes,
    vms,
    vmsOwnedBy(node) {
      if (!owned) {
        owned = new Map();
        for (const v of snapshot.vms) {
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
