// Journal events for what changed between two successive snapshots, field by field, so the journal
// holds every node and VM state change with its time (one linear pass over the snapshot).
import type { NodeObservation, Snapshot, VmObservation } from '../targets/cluster-state.js';
import type { JournalEvent } from './journal.js';
import type { SnapshotIndex } from './snapshot-index.js';

const nodeFields = ['state', 'isolated', 'quarantined', 'drain'] as const satisfies readonly (keyof NodeObservation)[];
const vmFields = ['state', 'heartbeat', 'monitored', 'group', 'owner', 'bootTime'] as const satisfies readonly (keyof VmObservation)[];

/** A field's value as journal text; an unknown value says so. */
const show = (v: unknown): string => (v === undefined ? 'unknown' : String(v));

/** Changes from `before` to `after` as journal events at `after.at`. */
export function diffSnapshots(before: SnapshotIndex, after: Snapshot): JournalEvent[] {
  const at = after.at;
  const out: JournalEvent[] = [];
  for (const n of after.nodes) {
    const old = before.nodes.get(n.name);
    if (!old || old === n) continue;
    for (const field of nodeFields) {
      if (old[field] !== n[field]) {
        const from = show(old[field]);
        const to = show(n[field]);
        out.push({ at, kind: 'node', node: n.name, field, from, to, text: `node ${n.name} ${field}: ${from} -> ${to}` });
      }
    }
  }
  const previous = before.vmList;
  for (let i = 0; i < after.vms.length; i++) {
    const v = after.vms[i]!;
    // Same order as before in the usual case: compare by position, look up by name otherwise.
    const same = previous[i];
    const old = same !== undefined && same.name === v.name ? same : before.vm(v.name);
    // Targets keep the object of a VM that did not change: nothing to compare.
    if (!old || old === v) continue;
    for (const field of vmFields) {
      if (old[field] !== v[field]) {
        const from = show(old[field]);
        const to = show(v[field]);
        out.push({ at, kind: 'vm', vm: v.name, field, from, to, text: `vm ${v.name} ${field}: ${from} -> ${to}` });
      }
    }
  }
  return out;
}
